#include "core/webhooks/WebhookProcessor.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/Savepoint.h"
#include "core/store/WebhookQueueRepository.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QScopeGuard>
#include <QHostInfo>
#include <QTimer>
#include <QUuid>
#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

QString handlerKey(const QString &source, const QString &event)
{
    return source + u'\n' + event;
}

thread_local WebhookProcessor::Pass currentPassOfThread;
thread_local QList<std::function<Result<void>()>> endOfPassOfThread;
QAtomicInteger<quint64> passCounter;

} // namespace

WebhookProcessor::WebhookProcessor(Database &database, QObject *parent)
    : QObject(parent), m_database(database), m_queue(std::make_unique<WebhookQueueRepository>(database)),
      // Unique per process and run, so that a claim names who holds it.
      m_owner(QHostInfo::localHostName() + u':' + QString::number(QCoreApplication::applicationPid()) + u':'
              + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8))
{
}

WebhookProcessor::~WebhookProcessor() = default;

void WebhookProcessor::registerHandler(const QString &source, const QString &event, Handler handler)
{
    m_handlers.insert(handlerKey(source, event), std::move(handler));
}

void WebhookProcessor::registerFetchingHandler(const QString &source, const QString &event,
                                               FetchingHandler handler)
{
    m_fetchingHandlers.insert(handlerKey(source, event), std::move(handler));
}

Result<int> WebhookProcessor::recoverAbandoned(bool databaseIsShared, int staleAfterSeconds)
{
    const QDateTime now = m_database.clock().now();
    // On a private database nobody else can hold a claim: every Processing row is a crash's leftover.
    const QDateTime before = databaseIsShared ? now.addSecs(-staleAfterSeconds) : now.addDays(1);
    return WebhookQueueRepository(m_database).releaseClaims(before, m_owner);
}

WebhookProcessor::Pass WebhookProcessor::currentPass()
{
    return currentPassOfThread;
}

bool WebhookProcessor::atEndOfPass(std::function<Result<void>()> work)
{
    if (!currentPassOfThread.items)
        return false;
    endOfPassOfThread.append(std::move(work));
    return true;
}

QDateTime WebhookProcessor::nextAttemptAfter(int attempts, const QDateTime &now)
{
    const int exponent = qBound(0, attempts - 1, 10);
    return now.addSecs(30LL << exponent);
}

void WebhookProcessor::nudge()
{
    if (m_nudged)
        return;
    m_nudged = true;
    QTimer::singleShot(inBurst() ? std::max(m_nudgeDelayMs, burstPauseMs) : m_nudgeDelayMs, this, [this] {
        m_nudged = false;
        const int limit = inBurst() ? burstBatchSize : batchSize;
        const auto summary = processDue(limit);
        // A full batch: there may be more; the next one after the events waiting meanwhile.
        if (summary && summary->total() >= limit)
            nudge();
    });
}

void WebhookProcessor::setNudgeDelayMs(int ms)
{
    m_nudgeDelayMs = std::max(0, ms);
}

void WebhookProcessor::setBurstProbe(std::function<quint64()> callsSoFar)
{
    m_burstProbe = std::move(callsSoFar);
    m_burstClock.invalidate();
    m_burst = false;
}

bool WebhookProcessor::inBurst()
{
    if (!m_burstProbe)
        return false;
    if (!m_burstClock.isValid()) {
        m_burstCalls = m_burstProbe();
        m_burstClock.start();
        return m_burst;
    }
    // The rate over at least 20 ms; in between, the last verdict.
    const qint64 elapsed = m_burstClock.elapsed();
    if (elapsed >= 20) {
        const quint64 calls = m_burstProbe();
        m_burst = (calls - m_burstCalls) * 1000 >= quint64(burstCallsPerSecond) * quint64(elapsed);
        m_burstCalls = calls;
        m_burstClock.restart();
    }
    return m_burst;
}

Result<WebhookProcessor::Summary> WebhookProcessor::processDue(int maxItems)
{
    Summary summary;
    while (maxItems <= 0 || summary.total() < maxItems) {
        const int limit = maxItems <= 0 ? batchSize : qMin(batchSize, maxItems - summary.total());
        const auto taken = processBatch(limit, summary);
        if (!taken)
            return makeError(taken.error());
        if (*taken == 0)
            break;
    }
    if (summary.total() > 0)
        Q_EMIT processed(summary);
    return summary;
}

Result<int> WebhookProcessor::processBatch(int limit, Summary &summary)
{
    const QDateTime now = m_database.clock().now();
    // The batch is taken inside the transaction that applies it and writes each row once, with its
    // outcome (PERF-2): nothing is claimed in a commit of its own, and a batch that fails or a
    // process that dies leaves its rows Pending as they were. Rows whose handler must ask a service
    // first are claimed (Processing) in that same transaction and answered later, outside it (no
    // write lock is held while waiting for the network); their requests go out once it committed.
    QList<WebhookQueueItem> items;
    QList<WebhookQueueItem> fetching;
    // The rows the first pass took (later passes may lose some to other processes); unset until then.
    std::optional<int> taken;
    // First the whole batch in one go: no savepoint per event, and the outcomes written together at
    // the end (PERF-2: on PostgreSQL each savepoint and each outcome is a round trip). When a handler
    // fails, that pass is rolled back whole and the batch applied again knowing the failure: the
    // events before it in one go again (nothing of the first pass was kept, and handlers are
    // idempotent), the failed one only recorded (its handler is not run twice), and the events after
    // it each inside a savepoint of its own, so that a second failure costs no third pass. A pass
    // after the first takes again those of the batch's rows that are still Pending and free (another
    // process may have taken some meanwhile).
    // When work handlers left for the end of the pass (atEndOfPass) fails, or an error comes while
    // such work is waiting, it belongs to no one event: then every event is applied again, each in
    // a savepoint of its own.
    QHash<qint64, Result<WebhookOutcome>> failed; // by row id: what its handler answered
    bool carefulAll = false;
    for (;;) {
        Summary batch;
        QList<Failure> failures;
        std::optional<std::pair<qint64, Result<WebhookOutcome>>> failedNow;
        bool endFailed = false;
        const bool inOneGo = failed.isEmpty() && !carefulAll;
        currentPassOfThread = {++passCounter, inOneGo ? &items : nullptr};
        endOfPassOfThread.clear();
        const auto endPass = qScopeGuard([] {
            currentPassOfThread = {};
            endOfPassOfThread.clear();
        });
        const auto committed = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
            if (!taken) {
                auto due = m_queue->lockDue(now, limit);
                if (!due)
                    return makeError(due.error());
                taken = int(due->size());
                for (WebhookQueueItem &item : *due) {
                    ++item.attempts; // this one
                    (m_fetchingHandlers.contains(handlerKey(item.source, item.event)) ? fetching : items)
                            .append(std::move(item));
                }
            } else {
                QList<qint64> ids;
                for (const auto *list : {&items, &fetching}) {
                    for (const WebhookQueueItem &item : *list)
                        ids.append(item.id);
                }
                const auto pending = m_queue->lockPending(ids);
                if (!pending)
                    return makeError(pending.error());
                for (auto *list : {&items, &fetching})
                    list->removeIf([&](const WebhookQueueItem &item) { return !pending->contains(item.id); });
            }
            QList<qint64> claims;
            for (const WebhookQueueItem &item : std::as_const(fetching))
                claims.append(item.id);
            if (auto r = m_queue->markClaimed(claims, m_owner, now); !r)
                return r;
            QList<WebhookQueueItem> settled;
            bool careful = carefulAll;
            for (WebhookQueueItem item : std::as_const(items)) {
                if (const auto known = failed.constFind(item.id); known != failed.cend()) {
                    careful = true;
                    settle(item, *known, now, batch, failures);
                    settled.append(item);
                } else if (careful) {
                    if (auto r = applyOne(*m_queue, item, now, batch, failures); !r)
                        return r;
                } else {
                    const Result<WebhookOutcome> outcome = runHandler(item);
                    if (!outcome && !endOfPassOfThread.isEmpty()) {
                        // The error may come from writes another event left for the end of the
                        // pass, sent before this event's read: it belongs to no one event.
                        endFailed = true;
                        return makeError(outcome.error());
                    }
                    if (!outcome || outcome->rejected) {
                        failedNow.emplace(item.id, outcome);
                        return makeError(u"webhook %1 failed: the batch is applied again"_s.arg(item.id));
                    }
                    settle(item, outcome, now, batch, failures);
                    settled.append(item);
                }
            }
            for (const auto &work : std::as_const(endOfPassOfThread)) {
                if (auto r = work(); !r) {
                    endFailed = true;
                    return r;
                }
            }
            endOfPassOfThread.clear();
            return m_queue->updateAll(settled);
        });
        if (!committed && failedNow) {
            failed.insert(failedNow->first, failedNow->second);
            continue;
        }
        if (!committed && endFailed) {
            carefulAll = true;
            continue;
        }
        if (!committed)
            return makeError(committed.error());
        summary.done += batch.done;
        summary.ignored += batch.ignored;
        summary.retried += batch.retried;
        summary.failed += batch.failed;
        for (const Failure &failure : std::as_const(failures))
            Q_EMIT itemFailed(failure.id, failure.error);
        for (WebhookQueueItem item : std::as_const(fetching)) {
            item.state = WebhookQueueItem::State::Processing;
            item.claimedBy = m_owner;
            item.claimedAt = now;
            ++m_inFlight;
            m_fetchingHandlers.value(handlerKey(item.source, item.event))(
                    item, this, [this, item](Result<Handler> step) { finishFetched(item, step); });
        }
        return *taken;
    }
}

void WebhookProcessor::finishFetched(WebhookQueueItem item, const Result<Handler> &step)
{
    --m_inFlight;
    const QDateTime now = m_database.clock().now();
    Summary summary;
    QList<Failure> failures;
    const auto committed = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        return applyOne(*m_queue, item, now, summary, failures, &step);
    });
    if (!committed) {
        // Left claimed: recoverAbandoned gives it back (at the next start, or once stale).
        qWarning("webhook %lld: %s", item.id, qPrintable(committed.error()));
        return;
    }
    for (const Failure &failure : std::as_const(failures))
        Q_EMIT itemFailed(failure.id, failure.error);
    Q_EMIT processed(summary);
}

Result<WebhookOutcome> WebhookProcessor::runHandler(WebhookQueueItem &item, const Result<Handler> *fetched)
{
    item.claimedBy.clear();
    item.claimedAt = QDateTime();
    if (fetched)
        return fetched->ok() ? (**fetched)(item) : Result<WebhookOutcome>(makeError(fetched->error()));
    const auto handler = m_handlers.constFind(handlerKey(item.source, item.event));
    if (handler == m_handlers.cend())
        return WebhookOutcome::ignore(Message::of(u"webhook.no-handler"_s, {item.source, item.event}));
    return (*handler)(item);
}

void WebhookProcessor::settle(WebhookQueueItem &item, const Result<WebhookOutcome> &outcome,
                              const QDateTime &now, Summary &summary, QList<Failure> &failures)
{
    item.claimedBy.clear();
    item.claimedAt = QDateTime();
    if (outcome && !outcome->rejected) {
        item.state = outcome->ignored ? WebhookQueueItem::State::Ignored : WebhookQueueItem::State::Done;
        item.note = outcome->note.toStored();
        item.lastError.clear();
        item.nextAttemptAt = QDateTime();
        item.processedAt = now;
        ++(outcome->ignored ? summary.ignored : summary.done);
        return;
    }
    // An error is retried until maxAttempts; a call its handler refused (a broken payload, which
    // will not get better) is Failed at once. Either way nothing the handler did stays.
    const bool rejected = outcome.ok();
    item.lastError = rejected ? outcome->note.toStored() : outcome.error();
    if (rejected || item.attempts >= maxAttempts) {
        item.state = WebhookQueueItem::State::Failed;
        item.processedAt = now;
        ++summary.failed;
        failures.append({item.id, item.lastError});
    } else {
        item.state = WebhookQueueItem::State::Pending;
        item.nextAttemptAt = nextAttemptAfter(item.attempts, now);
        ++summary.retried;
    }
}

Result<void> WebhookProcessor::applyOne(WebhookQueueRepository &queue, WebhookQueueItem &item,
                                        const QDateTime &now, Summary &summary, QList<Failure> &failures,
                                        const Result<Handler> *fetched)
{
    // A savepoint per event: a handler that fails halfway leaves nothing behind, and the other
    // events of the batch keep what they did.
    Savepoint savepoint(m_database, u"webhook_event"_s);
    if (auto r = savepoint.begin(); !r)
        return r;
    const Result<WebhookOutcome> outcome = runHandler(item, fetched);
    settle(item, outcome, now, summary, failures);
    if (outcome && !outcome->rejected) {
        // The handler's changes and the row's outcome are committed together or not at all; a
        // row that cannot be written is a database problem, which ends the batch.
        if (auto r = queue.update(item); !r)
            return r;
        return savepoint.release();
    }
    if (auto r = savepoint.rollback(); !r)
        return r;
    return queue.update(item);
}

} // namespace Bottega
