#include "core/webhooks/WebhookIntakeWriter.h"

#include "core/store/Database.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QThread>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// At most this long of back-to-back commits, then a pause in which another thread waiting for the
// write lock gets it (about 1 % of the writer's time under a sustained burst).
constexpr qint64 fairnessPeriodMs = 20;
constexpr unsigned long fairnessPauseUs = 200;
// Idle this long with rows in the inbox: they are moved on now, a chunk at a time (a quiet server's
// calls reach the queue within milliseconds; under load the moves come by WebhookInbox::moveDue).
constexpr unsigned long idleMoveMs = 2;

} // namespace

WebhookIntakeWriter::WebhookIntakeWriter(const Database &database, std::function<void()> companion,
                                         std::function<void()> wake)
    : m_database(database), m_companion(std::move(companion)), m_wake(std::move(wake))
{
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(u"bottega-intake-writer"_s);
    m_thread->start();
}

WebhookIntakeWriter::~WebhookIntakeWriter()
{
    {
        const QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_changed.wakeAll();
    }
    m_thread->wait(); // what was queued is committed first
    delete m_thread;
}

void WebhookIntakeWriter::submit(QList<WebhookInbox::Call> calls)
{
    if (calls.isEmpty())
        return;
    const QMutexLocker lock(&m_mutex);
    m_queued.append(std::move(calls));
    m_changed.wakeAll();
}

void WebhookIntakeWriter::setMaxCallsPerCommit(int calls)
{
    const QMutexLocker lock(&m_mutex);
    m_maxCalls = std::max(1, calls);
}

QList<WebhookIntakeWriter::Finished> WebhookIntakeWriter::takeFinished()
{
    const QMutexLocker lock(&m_mutex);
    return std::exchange(m_finished, {});
}

int WebhookIntakeWriter::takeMoved()
{
    const QMutexLocker lock(&m_mutex);
    return std::exchange(m_moved, 0);
}

void WebhookIntakeWriter::commitCompanion()
{
    const QMutexLocker lock(&m_mutex);
    m_companionWanted = true;
    m_changed.wakeAll();
}

void WebhookIntakeWriter::waitUntilIdle()
{
    QMutexLocker lock(&m_mutex);
    // The inbox moved on too, or at least tried (a failing move must not hold the caller forever).
    const quint64 attempts = m_moveAttempts;
    m_moveWanted = true;
    m_changed.wakeAll();
    while (m_busy || !m_queued.isEmpty() || m_companionWanted || (m_unmoved && m_moveAttempts == attempts))
        m_changed.wait(&m_mutex);
    m_moveWanted = false;
}

void WebhookIntakeWriter::run()
{
    m_inbox = std::make_unique<WebhookInbox>(m_database);
    QElapsedTimer backToBack; // since the writer last waited for work
    backToBack.start();
    bool finalMoveTried = false; // stopping: one more try, then the rows wait for the next start
    for (;;) {
        QList<WebhookInbox::Call> calls;
        bool move = false;
        int moveRows = 0; // 0: every row
        bool companion = false;
        {
            QMutexLocker lock(&m_mutex);
            m_unmoved = m_inbox->hasUnmoved();
            const auto nothingToDo = [this] { return m_queued.isEmpty() && !m_companionWanted && !m_stopping; };
            if (nothingToDo())
                backToBack.restart();
            bool idleMove = false;
            while (nothingToDo()) {
                if (m_unmoved && m_moveWanted) { // waitUntilIdle(): now
                    idleMove = true;
                    break;
                }
                if (!m_unmoved) {
                    m_changed.wait(&m_mutex);
                    continue;
                }
                // Rows to move on: once the writer has been idle for a moment (after a failed move,
                // once it may be tried again).
                const bool allowed = m_inbox->moveAllowed();
                if (!m_changed.wait(&m_mutex, allowed ? idleMoveMs : 100) && nothingToDo() && allowed) {
                    idleMove = true;
                    break;
                }
            }
            if (m_stopping && m_queued.isEmpty() && !m_companionWanted && (!m_unmoved || finalMoveTried))
                break; // stopping, and nothing left to write
            companion = std::exchange(m_companionWanted, false); // a commit of calls runs it too
            if (m_queued.size() <= m_maxCalls) {
                calls = std::exchange(m_queued, {});
            } else {
                calls = m_queued.first(m_maxCalls);
                m_queued.remove(0, m_maxCalls);
            }
            if (calls.isEmpty()) {
                move = idleMove || (m_stopping && m_unmoved);
                finalMoveTried = finalMoveTried || (m_stopping && move);
                // Idle: a chunk at a time, so that a call coming meanwhile waits little; all of
                // them for waitUntilIdle() and at the end.
                moveRows = m_moveWanted || m_stopping ? 0 : WebhookInbox::moveChunkRows;
            } else {
                // Between two batches, when enough has gathered (paced during a burst).
                move = m_inbox->moveDue();
                moveRows = m_inbox->rowsPerMove();
            }
            m_busy = true;
        }
        // Under a sustained burst the writer commits back to back and would take the process's write
        // lock again before a waiting thread (the worker's queue processing) is even scheduled:
        // every so often it leaves a moment for it.
        if (backToBack.elapsed() >= fairnessPeriodMs) {
            QThread::usleep(fairnessPauseUs);
            backToBack.restart();
        }
        if (move)
            moveInbox(moveRows);
        if (!calls.isEmpty())
            commit(calls);
        else if (companion)
            commitCompanionAlone();
        {
            const QMutexLocker lock(&m_mutex);
            m_busy = false;
            m_unmoved = m_inbox->hasUnmoved();
            m_changed.wakeAll();
        }
        if (m_wake && (!calls.isEmpty() || move))
            m_wake();
    }
    m_inbox.reset(); // its statements go with this thread's connection
}

void WebhookIntakeWriter::moveInbox(int maxRows)
{
    QElapsedTimer timer;
    timer.start();
    const auto moved = m_inbox->move(maxRows);
    {
        const QMutexLocker lock(&m_mutex);
        ++m_moveAttempts;
        if (m_moveTimings.size() >= 100000)
            m_moveTimings.remove(0, 50000);
        m_moveTimings.append({moved ? *moved : 0, double(timer.nsecsElapsed()) / 1e6});
    }
    if (!moved) {
        // The rows stay in the inbox (durable, already answered); the move is tried again later.
        qWarning("webhook intake: %s", qUtf8Printable(moved.error()));
        const QMutexLocker lock(&m_mutex);
        m_moveWanted = false; // the waiter has its try
        return;
    }
    const QMutexLocker lock(&m_mutex);
    m_moved += *moved;
}

void WebhookIntakeWriter::commitCompanionAlone()
{
    if (!m_companion)
        return;
    // The companion never fails the transaction (it keeps what it could not write for later).
    (void)m_database.transaction([this](QSqlDatabase &) -> Result<void> {
        m_companion();
        return {};
    });
}

void WebhookIntakeWriter::commit(const QList<WebhookInbox::Call> &calls)
{
    Finished finished;
    finished.calls = int(calls.size());
    std::optional<WebhookInbox::Timings> timings;
    finished.outcomes = m_inbox->commit(calls, m_companion, &timings);

    const QMutexLocker lock(&m_mutex);
    m_finished.append(std::move(finished));
    if (timings) {
        if (m_timings.size() >= 100000) // a long run keeps its recent batches
            m_timings.remove(0, 50000);
        m_timings.append({int(calls.size()), timings->lockMs, timings->writeMs, timings->commitMs});
    }
}

QString WebhookIntakeWriter::statistics() const
{
    const QMutexLocker lock(&m_mutex);
    if (m_timings.isEmpty())
        return u"no batches"_s;
    // "p50 x p99 y max z" of a list of times.
    const auto summary = [](QList<double> values) {
        std::sort(values.begin(), values.end());
        const auto at = [&values](double share) {
            return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(share * double(values.size()))));
        };
        return u"p50 %1 p99 %2 max %3"_s.arg(at(0.5), 0, 'f', 2).arg(at(0.99), 0, 'f', 2).arg(values.last(), 0, 'f', 2);
    };
    const auto batchSummary = [this, &summary](double Timing::*field) {
        QList<double> values;
        values.reserve(m_timings.size());
        for (const Timing &timing : m_timings)
            values.append(timing.*field);
        return summary(std::move(values));
    };
    qint64 calls = 0;
    for (const Timing &timing : m_timings)
        calls += timing.calls;
    QString text = u"batches %1, calls/batch %2; ms: wait for the write lock %3; inserts %4; commit %5"_s
                           .arg(m_timings.size())
                           .arg(double(calls) / double(m_timings.size()), 0, 'f', 1)
                           .arg(batchSummary(&Timing::waitMs), batchSummary(&Timing::writeMs),
                                batchSummary(&Timing::commitMs));
    if (!m_moveTimings.isEmpty()) {
        QList<double> times;
        times.reserve(m_moveTimings.size());
        qint64 rows = 0;
        for (const MoveTiming &timing : m_moveTimings) {
            times.append(timing.ms);
            rows += timing.rows;
        }
        text += u"; moves %1, rows/move %2, ms %3"_s.arg(m_moveTimings.size())
                        .arg(double(rows) / double(m_moveTimings.size()), 0, 'f', 1)
                        .arg(summary(std::move(times)));
    }
    return text;
}

} // namespace Bottega
