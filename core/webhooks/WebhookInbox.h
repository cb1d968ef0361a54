// WebhookInbox: how the intake stores the calls it accepted (HOOK-3, PERF-1). commit() writes a
// batch into the inbox table, one row per call, in one transaction (one fsync), and says which
// calls repeat an event already queued (or already in the inbox): those are acknowledged without a
// row. The time it returns is when the batch is answered (the API log's duration).
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
#include <functional>
#include <optional>

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

    // How long commit() waited for the write lock (and BEGIN), wrote, and committed.
    struct Timings
    {
        double lockMs = 0, writeMs = 0, commitMs = 0;
    };

    // Looks for rows a crash left in the inbox (done by the first commit() otherwise); the next
    // move() takes them along.
    Result<void> findLeftovers();
    // Stores the calls in one transaction of its own, alongside (when set) run in it after them;
    // one outcome per call, in order. An error: nothing was stored. timings, when given, is filled
    // once the calls were written (also when the COMMIT then failed).
    Result<QList<Outcome>> commit(const QList<Call> &calls, const std::function<void()> &alongside = {},
                                  std::optional<Timings> *timings = nullptr);

    bool hasUnmoved() const { return m_unmoved > 0 || m_leftByCrash; }
    bool moveDue() const;
    bool moveAllowed() const { return m_retryAfter.hasExpired(); } // false for a while after a failure
    // Moves every row stored so far (and those a crash left) in one transaction; returns how many.
    Result<int> move();

private:
    // What one commit() stored, applied to the inbox's state once it is on disk.
    struct Stored
    {
        QList<QString> keys; // source and event id of its rows
        qint64 lastId = 0;
        int rows = 0;
    };

    static QString keyOf(const WebhookQueueItem &item);
    // In commit()'s transaction.
    Result<QList<Outcome>> store(const QList<Call> &calls, Stored &stored);

    const Database &m_database;
    WebhookInboxRepository m_repository;
    bool m_checkedForLeftovers = false;
    bool m_leftByCrash = false;
    qint64 m_lastId = 0; // the largest id stored (or found at start)
    int m_unmoved = 0; // rows stored and committed since the last move
    QElapsedTimer m_oldestUnmoved; // since the first of them was committed
    QList<WebhookInboxRepository::Answered> m_answered;
    QSet<QString> m_keys; // source and event id of the rows not moved yet
    QDeadlineTimer m_retryAfter; // after a failed move
};

} // namespace Bottega
