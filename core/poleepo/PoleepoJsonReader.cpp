#include "core/poleepo/PoleepoJsonReader.h"

#include "core/poleepo/PoleepoApi.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringList>
#include <QTimeZone>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// Patterns are marked with QT_TRANSLATE_NOOP where they are written.
QString translated(const char *text)
{
    return QCoreApplication::translate("Bottega::PoleepoParsers", text);
}

// Integers only: 12 and "12" are ids, 12.5 or true are not.
std::optional<QString> idOf(const QJsonValue &value)
{
    if (value.isString() && !value.toString().isEmpty())
        return value.toString();
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (std::isfinite(number) && number == std::floor(number) && std::abs(number) < 9e15)
            return QString::number(qint64(number));
    }
    return std::nullopt;
}

} // namespace

PoleepoJsonReader::PoleepoJsonReader(QString what, QString path, QJsonObject object)
    : m_what(std::move(what)), m_path(std::move(path)), m_object(std::move(object))
{
}

QString PoleepoJsonReader::field(QLatin1StringView key) const
{
    return m_path.isEmpty() ? QString(key) : m_path + u'.' + key;
}

bool PoleepoJsonReader::isAbsent(QLatin1StringView key) const
{
    const QJsonValue value = m_object.value(key);
    return value.isUndefined() || value.isNull();
}

bool PoleepoJsonReader::has(QLatin1StringView key) const
{
    return !isAbsent(key);
}

void PoleepoJsonReader::fail(const QString &path, Problem problem)
{
    if (!m_error.isEmpty())
        return;
    const char *pattern = nullptr;
    switch (problem) {
    case Problem::Missing:
        pattern = QT_TRANSLATE_NOOP("Bottega::PoleepoParsers", "%1: %2 is missing");
        break;
    case Problem::NotText:
        pattern = QT_TRANSLATE_NOOP("Bottega::PoleepoParsers", "%1: %2 is not text");
        break;
    case Problem::NotNumber:
        pattern = QT_TRANSLATE_NOOP("Bottega::PoleepoParsers", "%1: %2 is not a number");
        break;
    case Problem::NotArray:
        pattern = QT_TRANSLATE_NOOP("Bottega::PoleepoParsers", "%1: %2 is not a list");
        break;
    case Problem::NotObject:
        pattern = QT_TRANSLATE_NOOP("Bottega::PoleepoParsers", "%1: %2 is not an object");
        break;
    case Problem::NotId:
        pattern = QT_TRANSLATE_NOOP("Bottega::PoleepoParsers",
                                    "%1: %2 is not an id (text or a whole number)");
        break;
    case Problem::NotDate:
        pattern = QT_TRANSLATE_NOOP("Bottega::PoleepoParsers", "%1: %2 is not a date and time");
        break;
    }
    m_error = translated(pattern).arg(m_what, path);
}

QString PoleepoJsonReader::text(QLatin1StringView key)
{
    const QJsonValue value = m_object.value(key);
    if (value.isString() && !value.toString().isEmpty())
        return value.toString();
    fail(field(key), isAbsent(key) || value.isString() ? Problem::Missing : Problem::NotText);
    return {};
}

QString PoleepoJsonReader::id(QLatin1StringView key)
{
    if (const auto found = idOf(m_object.value(key)))
        return *found;
    const QJsonValue value = m_object.value(key);
    fail(field(key), isAbsent(key) || value.isString() ? Problem::Missing : Problem::NotId);
    return {};
}

double PoleepoJsonReader::number(QLatin1StringView key)
{
    const QJsonValue value = m_object.value(key);
    if (value.isDouble())
        return value.toDouble();
    fail(field(key), isAbsent(key) ? Problem::Missing : Problem::NotNumber);
    return 0;
}

qint64 PoleepoJsonReader::count(QLatin1StringView key, qint64 max)
{
    const QJsonValue value = m_object.value(key);
    if (!value.isDouble()) {
        fail(field(key), isAbsent(key) ? Problem::Missing : Problem::NotNumber);
        return 0;
    }
    const double number = value.toDouble();
    if (!(number >= 0 && number <= double(max) && number == std::floor(number))) {
        if (m_error.isEmpty())
            m_error = translated(QT_TRANSLATE_NOOP("Bottega::PoleepoParsers",
                                                   "%1: %2 is not a whole number from 0 to %3"))
                              .arg(m_what, field(key), QString::number(max));
        return 0;
    }
    return qint64(number);
}

QDateTime PoleepoJsonReader::dateTime(QLatin1StringView key)
{
    const QString value = text(key);
    if (value.isEmpty())
        return {};
    const QDateTime parsed = QDateTime::fromString(value, Qt::ISODate);
    if (!parsed.isValid())
        fail(field(key), Problem::NotDate);
    return parsed;
}

QString PoleepoJsonReader::status(QLatin1StringView key, QString *statusId)
{
    const QJsonValue value = m_object.value(key);
    if (value.isObject()) {
        PoleepoJsonReader inner(m_what, field(key), value.toObject());
        const QString name = inner.text(PoleepoApi::nameField);
        if (statusId)
            *statusId = inner.optionalId(PoleepoApi::idField);
        takeErrorFrom(inner);
        return name;
    }
    if (value.isString() && !value.toString().isEmpty())
        return value.toString();
    fail(field(key), isAbsent(key) || value.isString() ? Problem::Missing : Problem::NotText);
    return {};
}

QString PoleepoJsonReader::optionalText(QLatin1StringView key) const
{
    const QJsonValue value = m_object.value(key);
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return idOf(value).value_or(QString::number(value.toDouble()));
    return {};
}

QString PoleepoJsonReader::optionalId(QLatin1StringView key) const
{
    return idOf(m_object.value(key)).value_or(QString());
}

std::optional<double> PoleepoJsonReader::optionalNumber(QLatin1StringView key) const
{
    const QJsonValue value = m_object.value(key);
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        bool ok = false;
        const double number = value.toString().trimmed().toDouble(&ok);
        if (ok)
            return number;
    }
    return std::nullopt;
}

std::optional<int> PoleepoJsonReader::optionalInteger(QLatin1StringView key) const
{
    const auto number = optionalNumber(key);
    if (!number || *number != std::floor(*number) || std::abs(*number) > 2e9)
        return std::nullopt;
    return int(*number);
}

QDateTime PoleepoJsonReader::optionalDateTime(QLatin1StringView key) const
{
    const QString value = m_object.value(key).toString().trimmed();
    if (value.isEmpty())
        return {};
    if (value.size() == 10) // a bare date: midnight UTC
        return QDateTime(QDate::fromString(value, Qt::ISODate), QTime(0, 0), QTimeZone::utc());
    QDateTime parsed = QDateTime::fromString(value, Qt::ISODate);
    if (!parsed.isValid()) // "2024-05-02 10:30:00", as some PHP APIs write it
        parsed = QDateTime::fromString(value, u"yyyy-MM-dd HH:mm:ss"_s);
    return parsed;
}

PoleepoJsonReader PoleepoJsonReader::optionalChild(QLatin1StringView key) const
{
    return PoleepoJsonReader(m_what, field(key), m_object.value(key).toObject());
}

PoleepoJsonReader PoleepoJsonReader::child(QLatin1StringView key)
{
    const QJsonValue value = m_object.value(key);
    if (!value.isObject())
        fail(field(key), isAbsent(key) ? Problem::Missing : Problem::NotObject);
    return PoleepoJsonReader(m_what, field(key), value.toObject());
}

QJsonArray PoleepoJsonReader::array(QLatin1StringView key, bool required)
{
    const QJsonValue value = m_object.value(key);
    if (value.isArray())
        return value.toArray();
    if (required || !isAbsent(key))
        fail(field(key), isAbsent(key) ? Problem::Missing : Problem::NotArray);
    return {};
}

std::optional<PoleepoJsonReader> PoleepoJsonReader::element(const QJsonArray &array, QLatin1StringView key,
                                                            qsizetype index)
{
    const QString path = field(key) + u'[' + QString::number(index) + u']';
    if (!array.at(index).isObject()) {
        fail(path, Problem::NotObject);
        return std::nullopt;
    }
    return PoleepoJsonReader(m_what, path, array.at(index).toObject());
}

void PoleepoJsonReader::failUnexpected(QLatin1StringView key, const QString &value,
                                       std::initializer_list<QLatin1StringView> allowed)
{
    if (value.isEmpty() || !m_error.isEmpty())
        return;
    QStringList names;
    for (const QLatin1StringView name : allowed)
        names.append(name);
    m_error = translated(QT_TRANSLATE_NOOP("Bottega::PoleepoParsers", "%1: %2 is \"%3\", not one of %4"))
                      .arg(m_what, field(key), value, names.join(u", "_s));
}

void PoleepoJsonReader::takeErrorFrom(const PoleepoJsonReader &other)
{
    if (m_error.isEmpty())
        m_error = other.m_error;
}

Result<QJsonObject> PoleepoJsonReader::parseObject(const QByteArray &json, const QString &what)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(translated(QT_TRANSLATE_NOOP("Bottega::PoleepoParsers",
                                                      "%1: the answer is not JSON (%2 at byte %3)"))
                                 .arg(what, parseError.errorString())
                                 .arg(parseError.offset));
    if (!document.isObject())
        return makeError(translated(QT_TRANSLATE_NOOP("Bottega::PoleepoParsers",
                                                      "%1: the answer is not a JSON object"))
                                 .arg(what));
    return document.object();
}

} // namespace Bottega
