// WebhookProcessor: works through the webhook queue (HOOK-4): claims due Pending rows, hands each
// to the handler registered for its source and event, and records Done, Ignored or an error that
// is retried with backoff until it is Failed. Safe with several processes on one database. Works in
// batches (PERF-2): one transaction takes a batch, applies it and records its outcomes.
// Claims, backoff and recovery take "now" from the database's clock (Database::clock()).
// Thread: in the app, owned by the worker thread (created, nudged, run and destroyed there, with that
// thread's own connection); the intake's queued() reaches its nudge as a queued signal.
#pragma once

#include "core/domain/Result.h"
#include "core/domain/WebhookQueueItem.h"
#include "core/webhooks/WebhookOutcome.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>

namespace Bottega {

class Database;
class WebhookQueueRepository;

class WebhookProcessor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookProcessor)

public:
    using Handler = std::function<Result<WebhookOutcome>(const WebhookQueueItem &)>;
    // A handler that must ask a service first (Poleepo's events fetch the order or shipping, HOOK-7):
    // it answers later, from the event loop, with the step that applies what it learnt (run like a
    // Handler, in one transaction with the row's outcome) or an error (retried like a handler's).
    // The row stays claimed (Processing) meanwhile, so no other run takes it.
    using FetchDone = std::function<void(Result<Handler>)>;
    using FetchingHandler = std::function<void(const WebhookQueueItem &, QObject *context, FetchDone)>;

    struct Summary
    {
        int done = 0;
        int ignored = 0;
        int retried = 0;
        int failed = 0;
        int total() const { return done + ignored + retried + failed; }
    };

    static constexpr int maxAttempts = 5;
    // Rows claimed and applied per transaction: large enough that commits (each an fsync) are a
    // small part of the work, small enough that the intake never waits long for the write lock.
    static constexpr int batchSize = 200;

    WebhookProcessor(Database &database, QObject *parent = nullptr);
    ~WebhookProcessor() override;

    // One handler per (source, event); a second replaces the first.
    void registerHandler(const QString &source, const QString &event, Handler handler);
    void registerFetchingHandler(const QString &source, const QString &event, FetchingHandler handler);
    // Rows handed to a fetching handler whose answer has not come yet.
    int fetchesInFlight() const { return m_inFlight; }

    // At start: rows this process cannot be working on go back to Pending. Only on a database of
    // its own (SQLite, one process per data dir) are all of them taken back; on a shared one only
    // claims older than staleAfterSeconds.
    Result<int> recoverAbandoned(bool databaseIsShared, int staleAfterSeconds = 600);

    // Processes every due row now (at most maxItems when > 0).
    Result<Summary> processDue(int maxItems = 0);
    // Processes soon, from the event loop, coalescing bursts: the intake's nudge. One batch per
    // turn of the event loop, so that the server keeps answering while a backlog is worked off.
    void nudge();
    // How long a nudge waits before processing (default 0: the next turn). `bottega serve` waits a
    // little so that, under a stream of webhooks, one processing commit covers many intake batches
    // instead of adding two fsyncs to every one of them (PERF-1).
    void setNudgeDelayMs(int ms);
    // While the intake takes a burst (more than burstCallsPerSecond calls a second by callsSoFar, a
    // count of the calls it accepted, read from any thread), processing goes on in small passes
    // with pauses (burstBatchSize rows every burstPauseMs): the acknowledgement is what senders wait
    // for, and processing at full speed took the CPU and the disk from the intake (PERF-1's p99 went
    // from 8 ms to 100-230 ms on two cores). The backlog is worked off at full speed after.
    void setBurstProbe(std::function<quint64()> callsSoFar);
    static constexpr int burstCallsPerSecond = 1000;
    static constexpr int burstBatchSize = 20;
    static constexpr int burstPauseMs = 50;

    // The batch this thread is applying in one go, for handlers that read ahead, in one query, what
    // all its events need (PERF-2): a number naming this pass over it (0 outside one) and its rows
    // (none when its events are applied each in a savepoint, after a failure: then nothing may be
    // read ahead, since what a rolled-back savepoint locked is not locked any more).
    struct Pass
    {
        quint64 serial = 0;
        const QList<WebhookQueueItem> *items = nullptr;
    };
    static Pass currentPass();
    // In a pass applied in one go (currentPass().items set): work run after its last event and
    // before its outcomes are written, in its transaction (a handler sends there the writes it
    // collected over the pass's events). A failure there belongs to no one event: the batch is then
    // applied again, each event in a savepoint of its own. Returns false (nothing kept) otherwise.
    static bool atEndOfPass(std::function<Result<void>()> work);

    // When the next attempt after a failed one is due: 30 s, 1 min, 2 min, 4 min...
    static QDateTime nextAttemptAfter(int attempts, const QDateTime &now);
    QString owner() const { return m_owner; }

Q_SIGNALS:
    void processed(const Bottega::WebhookProcessor::Summary &summary);
    // A row reached Failed: the window shows a banner.
    void itemFailed(qint64 id, const QString &error);

private:
    struct Failure
    {
        qint64 id = 0;
        QString error;
    };

    // Takes up to limit due items, applies them and records their outcomes in one transaction (see
    // the .cpp for how a failing handler is kept apart from the others). Adds to summary only once
    // committed. Returns how many items it took (0: none was due).
    Result<int> processBatch(int limit, Summary &summary);
    // Runs the item's handler (or the fetched step), the claim cleared first.
    Result<WebhookOutcome> runHandler(WebhookQueueItem &item, const Result<Handler> *fetched = nullptr);
    // Sets the item's processing fields to what its handler answered and counts it.
    static void settle(WebhookQueueItem &item, const Result<WebhookOutcome> &outcome, const QDateTime &now,
                       Summary &summary, QList<Failure> &failures);
    // Runs the item's handler inside a savepoint and updates the item to its outcome.
    Result<void> applyOne(WebhookQueueRepository &queue, WebhookQueueItem &item, const QDateTime &now,
                          Summary &summary, QList<Failure> &failures,
                          const Result<Handler> *fetched = nullptr);
    // A fetching handler answered: its step (or error) is applied to the row in a transaction.
    void finishFetched(WebhookQueueItem item, const Result<Handler> &step);

    Database &m_database;
    std::unique_ptr<WebhookQueueRepository> m_queue; // claims and outcomes, prepared once
    QString m_owner;
    QHash<QString, Handler> m_handlers; // "source\nevent"
    QHash<QString, FetchingHandler> m_fetchingHandlers;
    int m_inFlight = 0;
    bool inBurst();

    bool m_nudged = false;
    int m_nudgeDelayMs = 0;
    std::function<quint64()> m_burstProbe;
    QElapsedTimer m_burstClock; // since m_burstCalls was read
    quint64 m_burstCalls = 0;
    bool m_burst = false;
};

} // namespace Bottega
