// WebhookInbox: how the intake stores the calls it accepted (HOOK-3, PERF-1). store() writes a
// batch into the inbox table, one row per call, inside the caller's transaction, and says which
// calls repeat an event already queued (or already in the inbox): those are acknowledged without a
// row. After the commit, committed() notes when the batch was answered (the API log's duration).
// moveDue() says when the rows should go on into the webhook queue and the API log: once
// moveRows have gathered, or the oldest has waited moveAgeMs; move() does it, in bulk, in a
// transaction of its own (its failure never fails a batch: the rows stay durable in the inbox and
// the move is tried again). Rows a crash left in the inbox are moved by the first move().
// Thread: used by one thread only (the intake's writer thread, or the server thread without one),
// with that thread's database connection.
#pragma once

#include "core/domain/ApiLogEntry.h"
#include "core/domain/Result.h"
#include "core/domain/WebhookQueueItem.h"
#include "core/store/WebhookInboxRepository.h"
#include "core/store/WebhookQueueRepository.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QList>
#include <QSet>

namespace Bottega {

class Database;

class WebhookInbox final
{
    Q_DISABLE_COPY_MOVE(WebhookInbox)

public:
    struct Call
    {
        WebhookQueueItem item; // receivedAt set
        ApiLogEntry log; // the API-log row of its answer (Server::inboundLogEntry); status 0: none
    };
    using Outcome = WebhookQueueRepository::InsertOutcome; // id: the inbox row

    static constexpr int moveRows = 64;
    static constexpr int moveAgeMs = 20;

    explicit WebhookInbox(const Database &database);

    // Looks for rows a crash left in the inbox (done by the first store() otherwise); the next
    // move() takes them along.
    Result<void> findLeftovers();
    // In the caller's transaction. An error: the transaction must be rolled back (then call
    // rolledBack()).
    Result<QList<Outcome>> store(const QList<Call> &calls);
    void committed(); // the last store() is on disk and its calls are answered now
    void rolledBack(); // the last store() was not committed

    bool hasUnmoved() const { return m_unmoved > 0 || m_leftByCrash; }
    bool moveDue() const;
    bool moveAllowed() const { return m_retryAfter.hasExpired(); } // false for a while after a failure
    // Moves every row stored so far (and those a crash left) in one transaction; returns how many.
    Result<int> move();

private:
    static QString keyOf(const WebhookQueueItem &item);

    const Database &m_database;
    WebhookInboxRepository m_repository;
    bool m_checkedForLeftovers = false;
    bool m_leftByCrash = false;
    qint64 m_lastId = 0; // the largest id stored (or found at start)
    int m_unmoved = 0; // rows stored and committed since the last move
    QElapsedTimer m_oldestUnmoved; // since the first of them was committed
    QList<WebhookInboxRepository::Answered> m_answered;
    QSet<QString> m_keys; // source and event id of the rows not moved yet
    // Of the store() not yet committed or rolled back.
    QList<QString> m_newKeys;
    qint64 m_newLastId = 0;
    int m_newRows = 0;
    QDeadlineTimer m_retryAfter; // after a failed move
};

} // namespace Bottega
