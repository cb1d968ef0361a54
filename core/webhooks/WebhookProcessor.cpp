#include "core/webhooks/WebhookProcessor.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/Savepoint.h"
#include "core/store/WebhookQueueRepository.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

QString handlerKey(const QString &source, const QString &event)
{
    return source + u'\n' + event;
}

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
    QTimer::singleShot(m_nudgeDelayMs, this, [this] {
        m_nudged = false;
        const auto summary = processDue(batchSize);
        // A full batch: there may be more; the next one after the events waiting meanwhile.
        if (summary && summary->total() >= batchSize)
            nudge();
    });
}

void WebhookProcessor::setNudgeDelayMs(int ms)
{
    m_nudgeDelayMs = std::max(0, ms);
}

Result<WebhookProcessor::Summary> WebhookProcessor::processDue(int maxItems)
{
    WebhookQueueRepository &queue = *m_queue;
    Summary summary;
    while (maxItems <= 0 || summary.total() < maxItems) {
        const int limit = maxItems <= 0 ? batchSize : qMin(batchSize, maxItems - summary.total());
        auto claimed = queue.claimBatch(m_owner, m_database.clock().now(), limit);
        if (!claimed)
            return makeError(claimed.error());
        if (claimed->isEmpty())
            break;
        if (auto r = processBatch(std::move(*claimed), summary); !r) {
            // Nothing of the batch was kept: its rows go back to Pending for the next run instead
            // of waiting for a restart.
            (void)queue.releaseClaims(QDateTime::fromMSecsSinceEpoch(0, Qt::UTC), m_owner);
            return makeError(r.error());
        }
    }
    if (summary.total() > 0)
        Q_EMIT processed(summary);
    return summary;
}

Result<void> WebhookProcessor::processBatch(QList<WebhookQueueItem> items, Summary &summary)
{
    const QDateTime now = m_database.clock().now();
    // Rows whose handler must ask a service first stay claimed and are answered later, outside
    // the batch's transaction (no write lock is held while waiting for the network).
    QList<WebhookQueueItem> fetching;
    for (auto it = items.begin(); it != items.end();) {
        if (m_fetchingHandlers.contains(handlerKey(it->source, it->event))) {
            fetching.append(*it);
            it = items.erase(it);
        } else {
            ++it;
        }
    }
    for (const WebhookQueueItem &item : std::as_const(fetching)) {
        ++m_inFlight;
        m_fetchingHandlers.value(handlerKey(item.source, item.event))(
                item, this, [this, item](Result<Handler> step) { finishFetched(item, step); });
    }
    Summary batch;
    QList<Failure> failures;
    const auto committed = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        for (WebhookQueueItem &item : items) {
            if (auto r = applyOne(*m_queue, item, now, batch, failures); !r)
                return r;
        }
        return {};
    });
    if (!committed)
        return committed;
    summary.done += batch.done;
    summary.ignored += batch.ignored;
    summary.retried += batch.retried;
    summary.failed += batch.failed;
    for (const Failure &failure : std::as_const(failures))
        Q_EMIT itemFailed(failure.id, failure.error);
    return {};
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

Result<void> WebhookProcessor::applyOne(WebhookQueueRepository &queue, WebhookQueueItem &item,
                                        const QDateTime &now, Summary &summary, QList<Failure> &failures,
                                        const Result<Handler> *fetched)
{
    const auto handler = m_handlers.constFind(handlerKey(item.source, item.event));
    item.claimedBy.clear();
    item.claimedAt = QDateTime();

    // A savepoint per event: a handler that fails halfway leaves nothing behind, and the other
    // events of the batch keep what they did.
    Savepoint savepoint(m_database, u"webhook_event"_s);
    if (auto r = savepoint.begin(); !r)
        return r;
    const Result<WebhookOutcome> outcome = fetched
            ? (fetched->ok() ? (**fetched)(item) : Result<WebhookOutcome>(makeError(fetched->error())))
            : handler == m_handlers.cend() ? Result<WebhookOutcome>(
                      WebhookOutcome::ignore(Message::of(u"webhook.no-handler"_s, {item.source, item.event})))
                                           : (*handler)(item);
    if (outcome && !outcome->rejected) {
        item.state = outcome->ignored ? WebhookQueueItem::State::Ignored : WebhookQueueItem::State::Done;
        item.note = outcome->note.toStored();
        item.lastError.clear();
        item.nextAttemptAt = QDateTime();
        item.processedAt = now;
        // The handler's changes and the row's outcome are committed together or not at all; a
        // row that cannot be written is a database problem, which ends the batch.
        if (auto r = queue.update(item); !r)
            return r;
        if (auto r = savepoint.release(); !r)
            return r;
        ++(outcome->ignored ? summary.ignored : summary.done);
        return {};
    }

    if (auto r = savepoint.rollback(); !r)
        return r;
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
    return queue.update(item);
}

} // namespace Bottega
