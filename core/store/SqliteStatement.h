// SqliteStatement: a statement run through SQLite's own API on the connection Qt opened
// (QSqlDriver::handle()), for the statements the webhook intake runs per call (PERF-1) and the
// writes SqlBatch collects (PERF-2). Qt 6.4
// binds each positional value through a generated ":n" name and a hash lookup: about 2,300
// instructions a value, 40,000 for a 17-column row, several times what SQLite takes to insert it.
// Only on SQLite connections (on another, step() fails naming why); the callers keep their
// SqlStatement for PostgreSQL.
// Thread: the connection's (prepared, run and finalized on it).
#pragma once

#include "core/domain/Result.h"

#include <QByteArray>
#include <QString>

class QSqlDatabase;
class QVariant;
struct sqlite3;
struct sqlite3_stmt;

namespace Bottega {

class SqliteStatement final
{
    Q_DISABLE_COPY_MOVE(SqliteStatement)

public:
    SqliteStatement(const QSqlDatabase &connection, const QByteArray &sql);
    ~SqliteStatement();

    // Values for the next "?" placeholders, in order. Text and bytes are read when step() runs:
    // they must live until then.
    SqliteStatement &bind(qint64 value);
    SqliteStatement &bind(const QString &text); // a null QString binds ''
    SqliteStatement &bindTextOrNull(const QString &text); // empty: NULL
    SqliteStatement &bind(const QByteArray &bytes); // a BLOB ('' for a null QByteArray)
    SqliteStatement &bindNull();
    SqliteStatement &bind(double value);
    // As Qt's SQLite driver binds a value: NULL for a null variant, string or bytes and an invalid
    // date or time; dates and times as ISO text; integers and booleans as integers, doubles, text,
    // bytes as a BLOB, anything else as its text. A string or bytes variant is read when step()
    // runs: it must live until then.
    SqliteStatement &bind(const QVariant &value);

    // Runs the statement to its first row: true when there is one (its columns then readable),
    // false when it is done. An error names the database's words for it.
    Result<bool> step();
    qint64 integer(int column) const;
    // Ready for the next run: the row let go, the values unbound.
    void reset();
    // Finalizes every statement prepared on this connection (Database calls it before closing
    // one); they answer an error from then on.
    static void finalizeAll(const QSqlDatabase &connection);

    // How many rows the last statement run on this connection changed.
    int changes() const;
    // The rowid of the last row this connection inserted.
    qint64 lastInsertRowId() const;

private:
    QString error() const;
    SqliteStatement &bindCopy(const QString &text); // SQLite keeps its own copy

    sqlite3 *m_handle = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    QString m_prepareError;
    int m_next = 1; // the next placeholder to bind
};

} // namespace Bottega
