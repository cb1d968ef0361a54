// WebhookQueueRepository: the durable webhook queue (HOOK-3, HOOK-4): insert before answering,
// de-duplicated by (source, event id); claim, update and clean up; list with filters.
#pragma once

#include "core/domain/Result.h"
#include "core/domain/WebhookQueueItem.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSet>
#include <QMap>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

class QThread;

namespace Bottega {

class Database;
class SqlBatch;
class SqlStatement;

class WebhookQueueRepository final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::WebhookQueueRepository)

public:
    struct Query
    {
        std::optional<WebhookQueueItem::State> state;
        QString source;
        QString event;
        QString text; // found in the event id, event, last error, note or record name
        QDateTime from, to; // received in [from, to); invalid: open
        int limit = 0; // 0: every row
        int offset = 0;
    };

    struct InsertOutcome
    {
        qint64 id = 0; // the new row; 0 for a duplicate
        bool duplicate = false; // the same (source, event id) is already queued
    };

    // insert, lockDue and update prepare their statements once per repository object
    // (on the calling thread's connection): the intake and the processor keep one (PERF-1, PERF-2).
    explicit WebhookQueueRepository(const Database &database);
    ~WebhookQueueRepository();

    // Stores the item as received (id, state and attempts of the argument are ignored).
    Result<InsertOutcome> insert(const WebhookQueueItem &item);
    Result<WebhookQueueItem> get(qint64 id);
    // Newest first.
    Result<QList<WebhookQueueItem>> list(const Query &query);
    Result<QMap<WebhookQueueItem::State, qint64>> countByState();
    // The calls in one state, through the state index: cheap however long the queue is (the
    // window asks for the failed ones every few seconds).
    Result<qint64> countInState(WebhookQueueItem::State state);

    // Takes the oldest due Pending item for owner and commits the claim: Processing, claimed now,
    // one more attempt. Two processes never get the same item (PostgreSQL: FOR UPDATE SKIP LOCKED;
    // SQLite: one writer). The processor takes its batches with lockDue instead; a claim is what a
    // run that answers later leaves (markClaimed), and what recovery gives back (releaseClaims).
    Result<std::optional<WebhookQueueItem>> claimNext(const QString &owner, const QDateTime &now);
    // Inside the caller's transaction, without writing: up to limit due Pending items, oldest first,
    // held until the transaction ends (PostgreSQL: FOR UPDATE SKIP LOCKED, rows another process
    // holds are skipped; SQLite: the transaction holds the write lock). The queue processor takes
    // its batches so, and writes each row once, with its outcome (PERF-2: a claim committed first
    // wrote every row twice). Attempts are as stored: the outcome counts the attempt.
    Result<QList<WebhookQueueItem>> lockDue(const QDateTime &now, int limit);
    // The same for these items again (a batch applied a second time): the ids still Pending and
    // not held by another process.
    Result<QSet<qint64>> lockPending(const QList<qint64> &ids);
    // Inside the caller's transaction: these items Processing, claimed by owner now, one more
    // attempt (items whose handler answers later, outside the transaction).
    Result<void> markClaimed(const QList<qint64> &ids, const QString &owner, const QDateTime &now);
    // Writes the processing fields: state, attempts, last error, next attempt, claim, processed at,
    // note.
    Result<void> update(const WebhookQueueItem &item);
    // update() for each item (distinct items), sent together (PERF-2): on PostgreSQL one statement
    // for up to 200 items; fails when an item is no longer in the queue.
    Result<void> updateAll(const QList<WebhookQueueItem> &items);
    // Back to Pending, due at once (retry from the queue page); returns how many were changed.
    Result<int> requeue(const QList<qint64> &ids);
    // Items left in Processing by a process that died: back to Pending when claimed before time
    // (or by owner, whatever the time, when owner is given); returns how many.
    Result<int> releaseClaims(const QDateTime &claimedBefore, const QString &owner = {});
    // Deletes Done and Ignored items processed before time; returns how many.
    Result<int> deleteProcessedOlderThan(const QDateTime &time);
    // The same in chunks of chunkRows, oldest first, each chunk its own statement, asking
    // goOn(deletedSoFar) after each: false stops there, the chunks already deleted stay deleted.
    Result<int> deleteProcessedOlderThan(const QDateTime &time, int chunkRows,
                                         const std::function<bool(qint64 deletedSoFar)> &goOn);
    // How many Done and Ignored items were processed before time.
    Result<qint64> countProcessedOlderThan(const QDateTime &time);
    // webhook.retention-days: the same for items processed more than days before the database
    // clock's now.
    Result<int> deleteProcessedOlderThanDays(int days);

private:
    // The statement kept in slot for sql, prepared on first use; statements of another thread's
    // connection are dropped first.
    SqlStatement &prepared(std::unique_ptr<SqlStatement> &slot, const QString &sql);

    const Database &m_database;
    QThread *m_thread = nullptr;
    std::unique_ptr<SqlStatement> m_insert, m_update, m_lock;
    std::unique_ptr<SqlBatch> m_outcomes;
};

} // namespace Bottega
