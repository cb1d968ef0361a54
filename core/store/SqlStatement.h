// SqlStatement: a prepared statement with bound values, whose failures become readable Results
// ("cannot save product "Mug": UNIQUE constraint failed: ..."), and whose columns are read by name.
// The only way repositories talk to the database.
#pragma once

#include "core/domain/Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

class QSqlError;

namespace Bottega {

class SqlStatement final
{
    Q_DISABLE_COPY_MOVE(SqlStatement)

public:
    SqlStatement(const QSqlDatabase &connection, const QString &sql);

    // Binds the next positional "?" placeholder.
    SqlStatement &bind(const QVariant &value);
    // Binds each value in turn, as a built WHERE clause collected them.
    SqlStatement &bindAll(const QVariantList &values);

    // The database's words for an error (the driver's when it has none).
    static QString errorText(const QSqlError &error);
    // Appends " LIMIT ? OFFSET ?" and its two values when limit > 0 (0: every row).
    static void appendPage(QString &sql, QVariantList &values, int limit, int offset);
    // "?,?,?": count positional placeholders, for an IN list or a VALUES row.
    static QString placeholders(qsizetype count);
    // SELECT COUNT(*) FROM <table><where>, with the WHERE clause's values. On failure: "<what>: …".
    static Result<qint64> count(const QSqlDatabase &connection, const QString &table, const QString &where,
                                const QVariantList &values, const QString &what);

    // Runs the statement. On failure: "<what>: <database error>".
    Result<void> exec(const QString &what);
    // Runs an UPDATE or DELETE of one row by id: as exec(), and notFound when no row matched.
    Result<void> execOne(const QString &what, const QString &notFound);

    // Result rows: next() moves to the next one; columns by name (lower case, as in the schema).
    bool next();
    QVariant value(const QString &column) const;
    QString text(const QString &column) const;
    qint64 integer(const QString &column) const;
    double number(const QString &column) const;
    bool flag(const QString &column) const;
    QDateTime time(const QString &column) const;
    QByteArray bytes(const QString &column) const;

    int rowsAffected() const;
    QSqlQuery &query() { return m_query; }

private:
    QSqlQuery m_query;
    QString m_sql;
    bool m_prepared = false;
    QString m_prepareError;
    mutable QHash<QString, int> m_columns;
};

} // namespace Bottega
