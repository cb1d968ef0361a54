#include "ui/DisplayFormat.h"

#include <QLocale>

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

QString DisplayFormat::date(const QDateTime &time, const QString &whenInvalid)
{
    return time.isValid() ? QLocale().toString(time.date(), QLocale::ShortFormat) : whenInvalid;
}

} // namespace Bottega
