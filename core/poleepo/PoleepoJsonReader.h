// PoleepoJsonReader: reads the fields of one object of a Poleepo answer or webhook payload. What
// Bottega acts on is read strictly: a missing or mistyped field is an error naming it with its path
// ("Poleepo order: rows[1].sku is missing"). What it only shows is read leniently: absent or
// unreadable gives "unknown" (empty, nullopt, invalid date). Unlike Gelato's, Poleepo's ids may come
// as text or as numbers, and statuses as text or as {id, name}.
#pragma once

#include "core/domain/Result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <initializer_list>
#include <optional>

namespace Bottega {

class PoleepoJsonReader final
{
public:
    PoleepoJsonReader(QString what, QString path, QJsonObject object);

    // Required text (strict).
    QString text(QLatin1StringView key);
    // Text or an integer, as text (strict).
    QString id(QLatin1StringView key);
    // A number (strict).
    double number(QLatin1StringView key);
    // A whole number from 0 to max (strict): a plain number such as 1e300 or 2.5 would turn into an
    // arbitrary integer (1e300 into an int is undefined).
    qint64 count(QLatin1StringView key, qint64 max);
    // A date and time in RFC 3339 (strict).
    QDateTime dateTime(QLatin1StringView key);
    // A status: text, or {id, name} (strict on the name). `statusId` receives the id if given.
    QString status(QLatin1StringView key, QString *statusId = nullptr);

    // Display fields (lenient): empty / nullopt / invalid when absent or of another type. Numbers
    // may also come as text ("12.50").
    QString optionalText(QLatin1StringView key) const;
    QString optionalId(QLatin1StringView key) const;
    std::optional<double> optionalNumber(QLatin1StringView key) const;
    std::optional<int> optionalInteger(QLatin1StringView key) const;
    QDateTime optionalDateTime(QLatin1StringView key) const;
    // The optional object under key as its own reader (an empty one when absent or not an object).
    PoleepoJsonReader optionalChild(QLatin1StringView key) const;
    // Whether the key is present and not null.
    bool has(QLatin1StringView key) const;

    // The object under key (strict) as its own reader.
    PoleepoJsonReader child(QLatin1StringView key);
    // The array under key: strict, or (required = false) empty when absent but an error when it is
    // something else than a list.
    QJsonArray array(QLatin1StringView key, bool required = true);
    // The object at array[index] of the array under key, or an error naming it.
    std::optional<PoleepoJsonReader> element(const QJsonArray &array, QLatin1StringView key, qsizetype index);

    bool failed() const { return !m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    void takeErrorFrom(const PoleepoJsonReader &other);

    // Records that `key` holds `value`, none of `allowed` (a status Bottega cannot act on); nothing
    // when `value` is empty (its absence is already recorded).
    void failUnexpected(QLatin1StringView key, const QString &value,
                        std::initializer_list<QLatin1StringView> allowed);

    // The answer as a JSON object, or an error: "<what>: the answer is not JSON (…)".
    static Result<QJsonObject> parseObject(const QByteArray &json, const QString &what);

private:
    enum class Problem { Missing, NotText, NotNumber, NotArray, NotObject, NotId, NotDate };
    QString field(QLatin1StringView key) const;
    void fail(const QString &path, Problem problem);
    bool isAbsent(QLatin1StringView key) const;

    QString m_what;
    QString m_path;
    QJsonObject m_object;
    QString m_error;
};

} // namespace Bottega
