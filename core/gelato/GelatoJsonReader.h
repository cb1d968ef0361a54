// GelatoJsonReader: reads the fields of one object of a Gelato JSON answer, remembering the first
// required field missing so that the error names it with its path ("variants[2].productUid").
// Shared by the catalog and the order parsers.
#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QStringList>
#include <QTimeZone>
#include <cmath>
#include <limits>
#include <optional>

namespace Bottega {

class GelatoJsonReader final
{
public:
    GelatoJsonReader(QString what, QString path, QJsonObject object)
        : m_what(std::move(what)), m_path(std::move(path)), m_object(std::move(object))
    {
    }

    QString text(const QString &key, bool required = true)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isString())
            return value.toString();
        if (required)
            fail(key, value.isUndefined() || value.isNull() ? Problem::Missing : Problem::NotText);
        return {};
    }

    double number(const QString &key, bool required = true)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isDouble())
            return value.toDouble();
        if (required)
            fail(key, value.isUndefined() || value.isNull() ? Problem::Missing : Problem::NotNumber);
        return 0;
    }

    // A quantity: a whole number from 0 to max, else an error naming the field. Read as a plain
    // number, 1e300 or 2.5 would turn into an arbitrary integer (1e300 into an integer is undefined).
    qint64 count(const QString &key, qint64 max)
    {
        const double value = number(key);
        if (failed())
            return 0;
        if (!(value >= 0 && value <= double(max) && value == std::floor(value))) {
            m_error = QCoreApplication::translate("Bottega::GelatoParsers",
                                                  "%1: %2 is not a whole number from 0 to %3")
                              .arg(m_what, field(key), QString::number(max));
            return 0;
        }
        return qint64(value);
    }

    // Optional text that must be text when given: empty when absent or null, an error naming the
    // field when it is another type (webhook payloads: a wrong type is a broken event).
    QString textIfGiven(const QString &key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isString())
            return value.toString();
        if (!(value.isUndefined() || value.isNull()))
            fail(key, Problem::NotText);
        return {};
    }

    // A number Bottega only shows (a cost line): nullopt, without an error, when it is absent or
    // not a number, so that the answer is still accepted with that value unknown.
    std::optional<double> numberIfKnown(const QString &key) const
    {
        const QJsonValue value = m_object.value(key);
        if (value.isDouble())
            return value.toDouble();
        return std::nullopt;
    }

    bool flag(const QString &key, bool required = true)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isBool())
            return value.toBool();
        if (required || !(value.isUndefined() || value.isNull()))
            fail(key, value.isUndefined() || value.isNull() ? Problem::Missing : Problem::NotFlag);
        return false;
    }

    QJsonObject object(const QString &key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isObject())
            return value.toObject();
        fail(key, value.isUndefined() || value.isNull() ? Problem::Missing : Problem::NotObject);
        return {};
    }

    // An ISO 8601 date and time, or a bare date ("2019-08-29", read as midnight UTC); invalid when
    // absent and optional.
    QDateTime dateTime(const QString &key, bool required = true)
    {
        const QString value = text(key, required);
        if (value.isEmpty())
            return {};
        QDateTime parsed;
        if (value.size() == 10)
            parsed = QDateTime(QDate::fromString(value, Qt::ISODate), QTime(0, 0), QTimeZone::utc());
        else
            parsed = QDateTime::fromString(value, Qt::ISODate);
        if (!parsed.isValid())
            failPath(field(key),
                     QCoreApplication::translate("Bottega::GelatoParsers", "%1: %2 is not a date"));
        return parsed;
    }

    // The object under key read by its own reader; nullopt when it is absent (or null) or, with an
    // error, when it is not an object.
    std::optional<GelatoJsonReader> child(const QString &key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        if (!value.isObject()) {
            fail(key, Problem::NotObject);
            return std::nullopt;
        }
        return GelatoJsonReader(m_what, field(key), value.toObject());
    }

    QStringList strings(const QString &key, bool required = true)
    {
        QStringList list;
        for (const QJsonValue &value : array(key, required))
            list.append(value.toString());
        return list;
    }

    // The array under key; a missing optional array is empty.
    QJsonArray array(const QString &key, bool required = true)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isArray())
            return value.toArray();
        if (required || !(value.isUndefined() || value.isNull()))
            fail(key, value.isUndefined() || value.isNull() ? Problem::Missing : Problem::NotArray);
        return {};
    }

    // The object at array[index], or an error naming it.
    std::optional<GelatoJsonReader> element(const QJsonArray &array, const QString &key, qsizetype index)
    {
        const QString path = field(key) + u'[' + QString::number(index) + u']';
        if (!array.at(index).isObject()) {
            failPath(path, QCoreApplication::translate("Bottega::GelatoParsers", "%1: %2 is not an object"));
            return std::nullopt;
        }
        return GelatoJsonReader(m_what, path, array.at(index).toObject());
    }

    // Reads each object of the array under key with read(GelatoJsonReader &); stops at the first
    // error, which this reader keeps. A missing optional array reads nothing.
    template<typename Read> void forEach(const QString &key, bool required, Read read)
    {
        const QJsonArray list = array(key, required);
        for (qsizetype i = 0; i < list.size() && !failed(); ++i) {
            auto item = element(list, key, i);
            if (!item)
                break;
            read(*item);
            takeErrorFrom(*item);
        }
    }

    bool failed() const { return !m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    void takeErrorFrom(const GelatoJsonReader &other)
    {
        if (m_error.isEmpty())
            m_error = other.m_error;
    }

private:
    enum class Problem { Missing, NotText, NotNumber, NotArray, NotFlag, NotObject };

    QString field(const QString &key) const { return m_path.isEmpty() ? key : m_path + u'.' + key; }

    void fail(const QString &key, Problem problem)
    {
        switch (problem) {
        case Problem::Missing:
            failPath(field(key), QCoreApplication::translate("Bottega::GelatoParsers", "%1: %2 is missing"));
            break;
        case Problem::NotText:
            failPath(field(key), QCoreApplication::translate("Bottega::GelatoParsers", "%1: %2 is not text"));
            break;
        case Problem::NotNumber:
            failPath(field(key),
                     QCoreApplication::translate("Bottega::GelatoParsers", "%1: %2 is not a number"));
            break;
        case Problem::NotArray:
            failPath(field(key),
                     QCoreApplication::translate("Bottega::GelatoParsers", "%1: %2 is not a list"));
            break;
        case Problem::NotFlag:
            failPath(field(key),
                     QCoreApplication::translate("Bottega::GelatoParsers", "%1: %2 is not true or false"));
            break;
        case Problem::NotObject:
            failPath(field(key),
                     QCoreApplication::translate("Bottega::GelatoParsers", "%1: %2 is not an object"));
            break;
        }
    }

    void failPath(const QString &path, const QString &pattern)
    {
        if (m_error.isEmpty())
            m_error = pattern.arg(m_what, path);
    }

    QString m_what;
    QString m_path;
    QJsonObject m_object;
    QString m_error;
};

inline Result<QJsonDocument> parseGelatoDocument(const QByteArray &json, const QString &what)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(QCoreApplication::translate("Bottega::GelatoParsers",
                                                     "%1: the answer is not JSON (%2 at byte %3)")
                                 .arg(what, parseError.errorString())
                                 .arg(parseError.offset));
    return document;
}

inline Result<QJsonObject> parseGelatoObject(const QByteArray &json, const QString &what)
{
    auto document = parseGelatoDocument(json, what);
    if (!document)
        return makeError(document.error());
    if (!document->isObject())
        return makeError(
                QCoreApplication::translate("Bottega::GelatoParsers", "%1: the answer is not a JSON object")
                        .arg(what));
    return document->object();
}

} // namespace Bottega
