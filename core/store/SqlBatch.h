// SqlBatch: writes (INSERT, UPDATE, SAVEPOINT...) collected and then run together, in order, in the
// caller's transaction. On PostgreSQL they go to the server as one message of several statements,
// so that a batch costs one round trip instead of one per statement (PERF-2); their values are
// written into the SQL by the driver's own formatValue, exactly as Qt's PSQL driver writes the
// values of an EXECUTE. A statement this batch sends a second time is PREPAREd in the same message
// and EXECUTEd from then on (the server plans it once, not per event); they are DEALLOCATEd when
// the batch is destroyed on its thread. On SQLite, where a statement costs no round trip, each
// runs as a prepared statement kept for the next flush, through SQLite's own API (SqliteStatement:
// Qt's binding cost more than the writes). The first write that fails ends the flush
// with its error.
// Owned by the thread that uses it (statements belong to that thread's connection).
#pragma once

#include "core/domain/Result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QVariantList>
#include <functional>
#include <memory>

class QSqlQuery;
class QThread;

namespace Bottega {

class Database;
class SqlStatement;
class SqliteStatement;

class SqlBatch final
{
    Q_DISABLE_COPY_MOVE(SqlBatch)

public:
    // Builds a message only when it is needed (a failure), since writes are added per event.
    using Text = std::function<QString()>;

    explicit SqlBatch(const Database &database);
    ~SqlBatch();

    // sql: one statement with positional "?" placeholders (none inside quoted literals) for values.
    // On failure the flush answers "<what()>: <database error>"; with notFound set, a statement that
    // changes fewer rows than rows (no row, by default) fails with notFound() instead of being
    // counted as done.
    void add(const QString &sql, QVariantList values, Text what, Text notFound = {}, qsizetype rows = 1);
    bool isEmpty() const { return m_writes.isEmpty(); }
    qsizetype size() const { return m_writes.size(); }
    // Forgets the writes not flushed yet (their work is being undone).
    void clear() { m_writes.clear(); }

    // Runs the writes in the order added; stops at the first failure. Empty afterwards either way.
    Result<void> flush();

private:
    struct Write
    {
        QString sql;
        QVariantList values;
        Text what;
        Text notFound;
        qsizetype rows = 1;
    };

    Result<void> flushPrepared(const QList<Write> &writes);
    Result<void> flushScript(const QList<Write> &writes);

    const Database &m_database;
    QList<Write> m_writes;
    QThread *m_thread = nullptr;
    QHash<QString, std::shared_ptr<SqliteStatement>> m_statements; // SQLite
    // PostgreSQL: each statement's text between its placeholders, how often it was sent, the name
    // it is prepared under on this thread's connection, and the query that sends the messages.
    QHash<QString, QStringList> m_pieces;
    QHash<QString, int> m_sent;
    QHash<QString, QString> m_prepared;
    std::unique_ptr<QSqlQuery> m_script;
};

} // namespace Bottega
