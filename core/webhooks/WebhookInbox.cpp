#include "core/webhooks/WebhookInbox.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"

#include <QSqlDatabase>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

constexpr int retryMs = 1000; // after a failed move

} // namespace

WebhookInbox::WebhookInbox(const Database &database) : m_database(database), m_repository(database)
{
    m_clock.start();
}

QString WebhookInbox::keyOf(const WebhookQueueItem &item)
{
    return item.source + QChar(u'\x1f') + item.eventId;
}

Result<QList<WebhookInbox::Outcome>> WebhookInbox::commit(const QList<Call> &calls,
                                                           const std::function<void()> &alongside,
                                                           std::optional<Timings> *timings)
{
    if (!m_checkedForLeftovers) {
        if (auto r = findLeftovers(); !r)
            return makeError(r.error());
    }
    QElapsedTimer timer;
    timer.start();
    qint64 begun = -1, written = -1;
    Stored stored;
    QList<Outcome> outcomes;
    // One transaction, one fsync for the whole batch (WAL with synchronous=FULL; PostgreSQL's
    // commit): nobody is answered before it is on disk.
    const Result<void> committed = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        begun = timer.nsecsElapsed();
        auto result = store(calls, stored);
        if (!result)
            return makeError(result.error());
        outcomes = std::move(*result);
        if (alongside)
            alongside();
        written = timer.nsecsElapsed();
        return {};
    });
    if (timings && begun >= 0 && written >= 0) {
        *timings = Timings {double(begun) / 1e6, double(written - begun) / 1e6,
                            double(timer.nsecsElapsed() - written) / 1e6};
    }
    if (!committed)
        return makeError(committed.error());
    if (stored.rows > 0) {
        stored.answeredAtMs = m_database.clock().now().toMSecsSinceEpoch();
        stored.committedAtMs = m_clock.elapsed();
        m_unmoved += stored.rows;
        m_lastId = stored.lastId;
        for (const QString &key : std::as_const(stored.keys))
            m_keys.insert(key);
        countRate(stored.rows);
        m_batches.push_back(std::move(stored));
    }
    return outcomes;
}

void WebhookInbox::countRate(int rows) const
{
    const qint64 second = m_clock.elapsed() / 1000;
    if (second != m_rateSecond) {
        m_rowsLastSecond = second == m_rateSecond + 1 ? m_rowsThisSecond : 0;
        m_rowsThisSecond = 0;
        m_rateSecond = second;
    }
    m_rowsThisSecond += rows;
}

bool WebhookInbox::paced() const
{
    if (m_unmoved >= m_pacing.maxBacklogRows)
        return false;
    countRate(0);
    // The second before counts for the part of it that is still within the last second.
    const double pastShare = 1.0 - double(m_clock.elapsed() % 1000) / 1000.0;
    return double(m_rowsThisSecond) + pastShare * double(m_rowsLastSecond) > m_pacing.burstRowsPerSecond;
}

Result<QList<WebhookInbox::Outcome>> WebhookInbox::store(const QList<Call> &calls, Stored &stored)
{
    stored.lastId = m_lastId;
    QList<Outcome> outcomes;
    outcomes.reserve(calls.size());
    for (const Call &call : calls) {
        const bool identified = !call.item.eventId.isEmpty();
        const QString key = identified ? keyOf(call.item) : QString();
        if (identified) {
            // A repeat of a call in the inbox (this batch's included), or of one queued before.
            bool repeat = m_keys.contains(key) || stored.keys.contains(key);
            if (!repeat) {
                const auto queued = m_repository.isQueued(call.item.source, call.item.eventId);
                if (!queued)
                    return makeError(queued.error());
                repeat = *queued;
            }
            if (repeat) {
                outcomes.append({0, true});
                continue;
            }
        }
        const auto id = m_repository.add(call.item, call.log);
        if (!id)
            return makeError(id.error());
        if (identified)
            stored.keys.append(key);
        stored.lastId = std::max(stored.lastId, *id);
        ++stored.rows;
        outcomes.append({*id, false});
    }
    return outcomes;
}

Result<void> WebhookInbox::findLeftovers()
{
    // Calls a crash left between their answer and their move are moved with the next move.
    const auto last = m_repository.lastId();
    if (!last)
        return makeError(last.error());
    m_lastId = std::max(m_lastId, *last);
    m_leftByCrash = *last > 0;
    m_checkedForLeftovers = true;
    return {};
}

bool WebhookInbox::moveDue() const
{
    if (!hasUnmoved() || !m_retryAfter.hasExpired())
        return false;
    if (m_leftByCrash)
        return true;
    const qint64 now = m_clock.elapsed();
    if (paced())
        return m_lastMoveMs < 0 || now - m_lastMoveMs >= m_pacing.burstMoveIntervalMs;
    return m_unmoved >= moveRows || now - m_batches.front().committedAtMs >= moveAgeMs;
}

Result<int> WebhookInbox::move(int maxRows)
{
    if (!hasUnmoved())
        return 0;
    // The oldest batches, whole, up to maxRows (at least one); rows a crash left come first (their
    // ids are below every batch's).
    std::size_t taken = 0;
    int rows = 0;
    QList<WebhookInboxRepository::Answered> answered;
    while (taken < m_batches.size() && (maxRows <= 0 || taken == 0 || rows < maxRows)) {
        const Stored &batch = m_batches[taken++];
        rows += batch.rows;
        answered.append({batch.lastId, batch.answeredAtMs});
    }
    const bool all = taken == m_batches.size();
    const qint64 upTo = all ? m_lastId : m_batches[taken - 1].lastId;
    int moved = 0;
    // The move's commit does not wait for the disk (Durability::Deferred): its WAL frames come
    // after the calls' and before any later commit's, and every later commit of the store (the
    // intake's next batch, the processing of the moved rows) syncs the WAL whole, so the move is on
    // disk before anything that follows from it; a power cut before that loses the whole move,
    // leaving its calls in the inbox, to be moved again. This spares the disk one flush in nine
    // under load (measured: a move's commit took 1.5 ms where a batch's takes 0.3 ms).
    const Result<void> done = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        const auto result = m_repository.move(upTo, answered);
        if (!result)
            return makeError(result.error());
        moved = *result;
        return {};
    }, Database::Durability::Deferred);
    if (!done) {
        m_retryAfter.setRemainingTime(retryMs);
        return makeError(done.error());
    }
    for (; taken > 0; --taken) {
        const Stored &batch = m_batches.front();
        m_unmoved -= batch.rows;
        for (const QString &key : batch.keys)
            m_keys.remove(key); // in the queue now, where a repeat is looked for
        m_batches.pop_front();
    }
    m_leftByCrash = false;
    m_lastMoveMs = m_clock.elapsed();
    // SQLite may give the ids of moved rows again once the inbox is empty: what is stored next
    // starts afresh.
    if (all)
        m_lastId = 0;
    return moved;
}

} // namespace Bottega
