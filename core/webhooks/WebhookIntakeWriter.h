// WebhookIntakeWriter: the group commit of the webhook intake on a thread of its own (PERF-1). The
// intake hands it the calls it verified; it stores every call handed in so far in the inbox in one
// transaction (one fsync: WAL with synchronous=FULL, or PostgreSQL's commit) with its own database
// connection, while the server thread goes on reading, verifying and answering the next calls. Each
// finished batch is kept for the intake (takeFinished) and the intake is woken to answer it. The
// inbox is moved on into the queue and the API log (WebhookInbox) when it is due, and whenever the
// writer has been idle for a moment; the intake is then woken too (takeMoved).
// Thread: the object is owned by the server thread (the intake's), which creates it, submits to
// it, takes its results and destroys it; the commits run on the writer's own thread
// ("bottega-intake-writer"), which owns the inbox (WebhookInbox) and the database connection they use,
// and runs the commit companion (the API-log rows that ride along in each commit).
#pragma once

#include "core/domain/Result.h"
#include "core/webhooks/WebhookInbox.h"

#include <QList>
#include <QMutex>
#include <QString>
#include <QWaitCondition>
#include <functional>
#include <memory>

class QThread;

namespace Bottega {

class Database;

class WebhookIntakeWriter final
{
    Q_DISABLE_COPY_MOVE(WebhookIntakeWriter)

public:
    struct Finished
    {
        int calls = 0;
        // One outcome per call, in the order submitted; an error: the batch was rolled back.
        Result<QList<WebhookQueueRepository::InsertOutcome>> outcomes = makeError(QString());
    };

    // companion: run inside every batch transaction after the inbox rows, on the writer's thread.
    // wake: called on the writer's thread after each batch and each move; it posts to the owner,
    // which then calls takeFinished() and takeMoved().
    WebhookIntakeWriter(const Database &database, std::function<void()> companion, std::function<void()> wake);
    ~WebhookIntakeWriter(); // commits what was submitted, then ends its thread

    // Queues calls for the next commit (the writer takes everything queued at once, up to the cap).
    void submit(QList<WebhookInbox::Call> calls);
    void setMaxCallsPerCommit(int calls); // default 256
    // The batches committed (or rolled back) since the last call, oldest first.
    QList<Finished> takeFinished();
    // How many calls went on into the queue since the last call.
    int takeMoved();
    // Runs the companion in a transaction of its own soon (its rows came without a call to commit).
    void commitCompanion();
    // Blocks until every submitted call is committed (and moved on) or rolled back.
    void waitUntilIdle();

    // Per batch: calls, the wait for the write lock (this process's other writers, another
    // process), the inserts and the commit, as "batches N, calls/batch ..., wait ms p50/p99/max ...".
    QString statistics() const;

private:
    void run();
    void commit(const QList<WebhookInbox::Call> &calls);
    void commitCompanionAlone();
    void moveInbox(int maxRows); // 0: every row

    const Database &m_database;
    std::function<void()> m_companion;
    std::function<void()> m_wake;
    std::unique_ptr<WebhookInbox> m_inbox; // used on the writer's thread only
    QThread *m_thread = nullptr;

    mutable QMutex m_mutex;
    QWaitCondition m_changed;
    QList<WebhookInbox::Call> m_queued;
    QList<Finished> m_finished;
    int m_moved = 0;
    bool m_unmoved = false; // the inbox holds rows to move (the writer's view, for waitUntilIdle)
    bool m_moveWanted = false; // waitUntilIdle() waits for the move
    quint64 m_moveAttempts = 0; // moves tried so far
    int m_maxCalls = 256;
    bool m_busy = false; // a batch is being committed
    bool m_companionWanted = false;
    bool m_stopping = false;
    struct Timing
    {
        int calls = 0;
        double waitMs = 0, writeMs = 0, commitMs = 0;
    };
    QList<Timing> m_timings; // under m_mutex
    struct MoveTiming
    {
        int rows = 0;
        double ms = 0;
    };
    QList<MoveTiming> m_moveTimings; // under m_mutex
};

} // namespace Bottega
