#include "ui/DisplayFormat.h"

#include <QLocale>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

constexpr int minute = 60;
constexpr int hour = 60 * minute;
constexpr int day = 24 * hour;

} // namespace

QString DisplayFormat::duration(int seconds)
{
    if (seconds > 0 && seconds % day == 0)
        return tr("%n day(s)", nullptr, seconds / day);
    if (seconds > 0 && seconds % hour == 0)
        return tr("%n hour(s)", nullptr, seconds / hour);
    if (seconds > 0 && seconds % minute == 0)
        return tr("%n minute(s)", nullptr, seconds / minute);
    return tr("%n second(s)", nullptr, seconds);
}

QString DisplayFormat::interval(int seconds)
{
    if (seconds <= 0)
        return tr("Manual only");
    if (seconds % day == 0)
        return tr("Every %n day(s)", nullptr, seconds / day);
    if (seconds % hour == 0)
        return tr("Every %n hour(s)", nullptr, seconds / hour);
    if (seconds % minute == 0)
        return tr("Every %n minute(s)", nullptr, seconds / minute);
    return tr("Every %n second(s)", nullptr, seconds);
}

QString DisplayFormat::dateTime(const QDateTime &time, const QString &whenInvalid)
{
    if (!time.isValid())
        return whenInvalid;
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

QString DisplayFormat::placement(const QString &name)
{
    return name == u"default"_s ? tr("Default (front)") : name;
}

QString DisplayFormat::dateTimeWithSeconds(const QDateTime &time, const QString &whenInvalid)
{
    if (!time.isValid())
        return whenInvalid;
    // The locale's short format, its minutes followed by seconds ("dd/MM/yy HH:mm" → "…HH:mm:ss").
    QString format = QLocale().dateTimeFormat(QLocale::ShortFormat);
    if (!format.contains(u's'))
        format.replace(QRegularExpression(u"mm(?!:ss)"_s), u"mm:ss"_s);
    return QLocale().toString(time.toLocalTime(), format);
}

QString DisplayFormat::date(const QDateTime &time, const QString &whenInvalid)
{
    return time.isValid() ? QLocale().toString(time.date(), QLocale::ShortFormat) : whenInvalid;
}

} // namespace Bottega
