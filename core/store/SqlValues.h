// SqlValues: how Bottega's types map to columns, the same on SQLite and PostgreSQL: timestamps as
// BIGINT ms since the epoch (UTC), booleans as INTEGER 0/1, money as NUMERIC read back as double.
// Used by the repositories only.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QTimeZone>
#include <QVariant>

namespace Bottega::Sql {

// A NULL of the given type: Qt 6 binds a null QString as '' on PostgreSQL but NULL on SQLite, so
// NULL is always said explicitly.
template<typename T> QVariant null()
{
    return QVariant(QMetaType::fromType<T>());
}

// For NOT NULL text columns: never NULL, even for a null QString.
inline QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QString(QLatin1StringView(""))) : QVariant(value);
}

// For nullable text columns (unique keys where "none" must not collide): empty → NULL.
inline QVariant textOrNull(const QString &value)
{
    return value.isEmpty() ? null<QString>() : QVariant(value);
}

inline QVariant idOrNull(qint64 id)
{
    return id > 0 ? QVariant(id) : null<qlonglong>();
}

inline QVariant timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : null<qlonglong>();
}

inline QVariant flag(bool value)
{
    return QVariant(value ? 1 : 0);
}

inline QVariant bytes(const QByteArray &value)
{
    return value.isNull() ? QVariant(QByteArray("", 0)) : QVariant(value);
}

inline QDateTime toTime(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), QTimeZone::utc());
}

// NUMERIC comes back as a string from PostgreSQL and as a number from SQLite.
inline double toNumber(const QVariant &value)
{
    return value.isNull() ? 0.0 : value.toDouble();
}

// A LIKE pattern matching text anywhere, with %, _ and the escape character taken literally.
// Use with "LOWER(column) LIKE ? ESCAPE '\'".
inline QString containsPattern(const QString &text)
{
    QString escaped = text.toLower();
    escaped.replace(QLatin1Char('\\'), QLatin1StringView("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1StringView("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1StringView("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

} // namespace Bottega::Sql
