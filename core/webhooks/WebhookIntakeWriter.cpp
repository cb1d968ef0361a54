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

void WebhookIntakeWriter::submit(QList<WebhookQueueItem> items)
{
    if (items.isEmpty())
        return;
    const QMutexLocker lock(&m_mutex);
    m_queued.append(std::move(items));
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

void WebhookIntakeWriter::commitCompanion()
{
    const QMutexLocker lock(&m_mutex);
    m_companionWanted = true;
    m_changed.wakeAll();
}

void WebhookIntakeWriter::waitUntilIdle()
{
    QMutexLocker lock(&m_mutex);
    while (m_busy || !m_queued.isEmpty() || m_companionWanted)
        m_changed.wait(&m_mutex);
}

void WebhookIntakeWriter::run()
{
    m_queue = std::make_unique<WebhookQueueRepository>(m_database);
    QElapsedTimer backToBack; // since the writer last waited for work
    backToBack.start();
    for (;;) {
        QList<WebhookQueueItem> items;
        {
            QMutexLocker lock(&m_mutex);
            if (m_queued.isEmpty() && !m_companionWanted && !m_stopping)
                backToBack.restart();
            while (m_queued.isEmpty() && !m_companionWanted && !m_stopping)
                m_changed.wait(&m_mutex);
            if (m_queued.isEmpty() && !m_companionWanted)
                break; // stopping, and nothing left to write
            m_companionWanted = false; // a commit of calls runs the companion too
            if (m_queued.size() <= m_maxCalls) {
                items = std::exchange(m_queued, {});
            } else {
                items = m_queued.first(m_maxCalls);
                m_queued.remove(0, m_maxCalls);
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
        if (items.isEmpty())
            commitCompanionAlone();
        else
            commit(items);
        {
            const QMutexLocker lock(&m_mutex);
            m_busy = false;
            m_changed.wakeAll();
        }
        if (m_wake && !items.isEmpty())
            m_wake();
    }
    m_queue.reset(); // its statements go with this thread's connection
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

void WebhookIntakeWriter::commit(const QList<WebhookQueueItem> &items)
{
    Finished finished;
    finished.calls = int(items.size());
    QList<WebhookQueueRepository::InsertOutcome> outcomes;
    outcomes.reserve(items.size());
    QElapsedTimer timer;
    timer.start();
    qint64 begun = -1, written = -1;
    // One transaction, one fsync for the whole batch; nobody is answered before it is on disk.
    // Duplicates, also within the batch, are found by ON CONFLICT and acknowledged without a row.
    const Result<void> committed = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        begun = timer.nsecsElapsed();
        for (const WebhookQueueItem &item : items) {
            const auto inserted = m_queue->insert(item);
            if (!inserted)
                return makeError(inserted.error());
            outcomes.append(*inserted);
        }
        if (m_companion)
            m_companion();
        written = timer.nsecsElapsed();
        return {};
    });
    const qint64 ended = timer.nsecsElapsed();
    if (committed)
        finished.outcomes = std::move(outcomes);
    else
        finished.outcomes = makeError(committed.error());

    const QMutexLocker lock(&m_mutex);
    m_finished.append(std::move(finished));
    if (begun >= 0 && written >= 0) {
        if (m_timings.size() >= 100000) // a long run keeps its recent batches
            m_timings.remove(0, 50000);
        m_timings.append({int(items.size()), double(begun) / 1e6, double(written - begun) / 1e6,
                          double(ended - written) / 1e6});
    }
}

QString WebhookIntakeWriter::statistics() const
{
    const QMutexLocker lock(&m_mutex);
    if (m_timings.isEmpty())
        return u"no batches"_s;
    const auto summary = [this](double Timing::*field) {
        QList<double> values;
        values.reserve(m_timings.size());
        for (const Timing &timing : m_timings)
            values.append(timing.*field);
        std::sort(values.begin(), values.end());
        const auto at = [&values](double share) {
            return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(share * double(values.size()))));
        };
        return u"p50 %1 p99 %2 max %3"_s.arg(at(0.5), 0, 'f', 2).arg(at(0.99), 0, 'f', 2).arg(values.last(), 0, 'f', 2);
    };
    qint64 calls = 0;
    for (const Timing &timing : m_timings)
        calls += timing.calls;
    return u"batches %1, calls/batch %2; ms: wait for the write lock %3; inserts %4; commit %5"_s
            .arg(m_timings.size())
            .arg(double(calls) / double(m_timings.size()), 0, 'f', 1)
            .arg(summary(&Timing::waitMs), summary(&Timing::writeMs), summary(&Timing::commitMs));
}

} // namespace Bottega
