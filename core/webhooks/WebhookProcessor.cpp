#include "core/webhooks/WebhookProcessor.h"

#include "core/store/Database.h"
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
    : QObject(parent), m_database(database),
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

Result<int> WebhookProcessor::recoverAbandoned(bool databaseIsShared, int staleAfterSeconds)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
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
    QTimer::singleShot(0, this, [this] {
        m_nudged = false;
        (void)processDue();
    });
}

Result<WebhookProcessor::Summary> WebhookProcessor::processDue(int maxItems)
{
    WebhookQueueRepository queue(m_database);
    Summary summary;
    while (maxItems <= 0 || summary.total() < maxItems) {
        const auto claimed = queue.claimNext(m_owner, QDateTime::currentDateTimeUtc());
        if (!claimed)
            return makeError(claimed.error());
        if (!claimed->has_value())
            break;
        if (auto r = processOne(std::move(**claimed), summary); !r)
            return makeError(r.error());
    }
    if (summary.total() > 0)
        Q_EMIT processed(summary);
    return summary;
}

Result<void> WebhookProcessor::processOne(WebhookQueueItem item, Summary &summary)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto handler = m_handlers.constFind(handlerKey(item.source, item.event));
    item.claimedBy.clear();
    item.claimedAt = QDateTime();

    // The handler's changes and the row's Done/Ignored in one transaction: one commit per event,
    // and a handler that fails halfway leaves nothing behind.
    Result<WebhookOutcome> outcome = makeError(QString());
    const auto applied = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        outcome = handler == m_handlers.cend() ? Result<WebhookOutcome>(WebhookOutcome::ignore(
                          tr("no handler for the %1 event %2").arg(item.source, item.event)))
                                               : (*handler)(item);
        if (!outcome)
            return makeError(outcome.error());
        WebhookQueueItem finished = item;
        finished.state = outcome->ignored ? WebhookQueueItem::State::Ignored : WebhookQueueItem::State::Done;
        finished.note = outcome->note;
        finished.lastError.clear();
        finished.nextAttemptAt = QDateTime();
        finished.processedAt = now;
        return WebhookQueueRepository(m_database).update(finished);
    });
    if (applied) {
        ++(outcome->ignored ? summary.ignored : summary.done);
        return {};
    }
    if (outcome) // the handler succeeded but its row could not be written: a database problem
        return makeError(applied.error());

    if (item.attempts >= maxAttempts) {
        item.state = WebhookQueueItem::State::Failed;
        item.lastError = outcome.error();
        item.processedAt = now;
        ++summary.failed;
    } else {
        item.state = WebhookQueueItem::State::Pending;
        item.lastError = outcome.error();
        item.nextAttemptAt = nextAttemptAfter(item.attempts, now);
        ++summary.retried;
    }
    if (auto r = WebhookQueueRepository(m_database).update(item); !r)
        return r;
    if (item.state == WebhookQueueItem::State::Failed)
        Q_EMIT itemFailed(item.id, item.lastError);
    return {};
}

} // namespace Bottega
