// WebhookInboxRepository: the webhook intake's inbox (schema 10, HOOK-3, PERF-1). Each call the
// intake accepts is one row here, committed before its answer; move() later takes the rows into the
// webhook queue (a repeated event id dropped) and the API log in bulk, and deletes them. One row in
// one B-tree per call is the cheapest durable write; the queue's and the API log's indexes are then
// written once per move instead of once per commit.
// Thread: one object per thread; its statements are prepared on, and used by, that thread's
// connection (the intake's writer thread, or the server thread without one).
#pragma once

#include "core/domain/ApiLogEntry.h"
#include "core/domain/Result.h"
#include "core/domain/WebhookQueueItem.h"

#include <QCoreApplication>
#include <QList>
#include <map>
#include <memory>

namespace Bottega {

class Database;
class SqliteStatement;
class SqlStatement;

class WebhookInboxRepository final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::WebhookInboxRepository)
    Q_DISABLE_COPY_MOVE(WebhookInboxRepository)

public:
    // The calls with ids up to lastId (and above the previous entry's) were answered at atMs.
    struct Answered
    {
        qint64 lastId = 0;
        qint64 atMs = 0;
    };
    // At most this many answer times per move; older ones are merged (their calls' durations then
    // count to the later answer).
    static constexpr int maxAnswered = 32;

    explicit WebhookInboxRepository(const Database &database);
    ~WebhookInboxRepository();

    // True when the queue already holds this event of this source. No event id: never.
    Result<bool> isQueued(const QString &source, const QString &eventId);
    // Stores an accepted call (received_at from the item) with the API-log row its answer gets
    // (status 0: none). Returns the row's id. In the caller's transaction.
    Result<qint64> add(const WebhookQueueItem &call, const ApiLogEntry &log);
    // Moves every row with id <= upTo: into the queue (Pending; an event id the queue holds already,
    // or an earlier row of the same move, is dropped), into the API log (duration: answer time minus
    // receipt, 0 when answered is silent about the row), then deletes them. In the caller's
    // transaction. Returns how many rows it moved.
    Result<int> move(qint64 upTo, QList<Answered> answered);
    // The largest id in the inbox, 0 when it is empty (rows a crash left behind).
    Result<qint64> lastId();

private:
    SqlStatement &prepared(std::unique_ptr<SqlStatement> &slot, const QString &sql);

    const Database &m_database;
    bool m_sqlite = true;
    std::unique_ptr<SqlStatement> m_isQueued;
    std::unique_ptr<SqlStatement> m_add;
    // SQLite: the two statements run per call, through SQLite's own API (SqliteStatement).
    std::unique_ptr<SqliteStatement> m_isQueuedHere;
    std::unique_ptr<SqliteStatement> m_addHere;
    std::unique_ptr<SqlStatement> m_moveToQueue; // SQLite
    std::unique_ptr<SqlStatement> m_delete; // SQLite
    // By the number of answer times: SQLite's API-log insert, PostgreSQL's whole move.
    std::map<int, std::unique_ptr<SqlStatement>> m_moveByAnswered;
};

} // namespace Bottega
