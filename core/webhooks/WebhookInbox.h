// WebhookInbox: how the intake stores the calls it accepted (HOOK-3, PERF-1). commit() writes a
// batch into the inbox table, one row per call, in one transaction (one fsync), and says which
// calls repeat an event already queued (or already in the inbox): those are acknowledged without a
// row. The time it returns is when the batch is answered (the API log's duration).
// moveDue() says when the rows should go on into the webhook queue and the API log: once
// moveRows have gathered, or the oldest has waited moveAgeMs; move() does it, in bulk, in a
// transaction of its own (its failure never fails a batch: the rows stay durable in the inbox and
// the move is tried again), the oldest rows first, whole batches at a time. During a burst (see
// Pacing) moves are paced: processing takes at most 400 rows a second then (WebhookProcessor's
// burst pace), so a trickle keeps the queue fed, and the writer spends its time on the calls being
// answered (PERF-1: a move costs about 11 µs a row, as much as storing the call); the rest waits in
// the inbox, durable, and goes on once the burst is over, moveChunkRows at a time, or as soon as it
// passes the backlog's bound. Rows a crash left in the inbox are moved by the first move().
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
#include <deque>
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
    static constexpr int moveChunkRows = 256; // at most, per move, outside a burst

    struct Pacing
    {
        int burstRowsPerSecond = 1000; // more rows stored in the last second: a burst
        int burstMoveRows = 64; // during a burst, a move takes this many rows (whole batches)...
        int burstMoveIntervalMs = 100; // ... at most this often
        // Not paced past this many rows waiting (they are held in memory too: their event ids).
        int maxBacklogRows = 100000;
    };

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

    void setPacing(const Pacing &pacing) { m_pacing = pacing; }

    bool hasUnmoved() const { return !m_batches.empty() || m_leftByCrash; }
    int unmovedRows() const { return m_unmoved; } // not counting those a crash left
    // Moves are paced: a burst, and the backlog within its bound.
    bool paced() const;
    bool moveDue() const;
    bool moveAllowed() const { return m_retryAfter.hasExpired(); } // false for a while after a failure
    // How many rows the move that is due should take.
    int rowsPerMove() const { return paced() ? m_pacing.burstMoveRows : moveChunkRows; }
    // Moves the oldest rows, whole batches, at least one, until maxRows are reached (0: every row
    // stored so far), and those a crash left, in one transaction; returns how many it moved.
    Result<int> move(int maxRows = 0);

private:
    // What one commit() stored, applied to the inbox's state once it is on disk.
    struct Stored
    {
        QList<QString> keys; // source and event id of its rows
        qint64 lastId = 0;
        int rows = 0;
        qint64 answeredAtMs = 0; // the clock's time, for the API log's durations
        qint64 committedAtMs = 0; // m_clock's, for moveDue()
    };

    static QString keyOf(const WebhookQueueItem &item);
    // In commit()'s transaction.
    Result<QList<Outcome>> store(const QList<Call> &calls, Stored &stored);

    const Database &m_database;
    WebhookInboxRepository m_repository;
    bool m_checkedForLeftovers = false;
    bool m_leftByCrash = false;
    qint64 m_lastId = 0; // the largest id stored (or found at start)
    std::deque<Stored> m_batches; // committed and not moved yet, oldest first
    int m_unmoved = 0; // their rows
    QSet<QString> m_keys; // source and event id of their rows
    QElapsedTimer m_clock; // monotonic: batch ages, the burst window, the pace of moves
    qint64 m_lastMoveMs = -1; // m_clock's time of the last move
    // Rows stored in the current second of m_clock and in the one before it: the rate of the last
    // second, weighted (a sliding window of two buckets).
    mutable qint64 m_rateSecond = 0;
    mutable int m_rowsThisSecond = 0, m_rowsLastSecond = 0;
    void countRate(int rows) const;
    QDeadlineTimer m_retryAfter; // after a failed move
    Pacing m_pacing;
};

} // namespace Bottega
