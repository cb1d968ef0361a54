#include "core/webhooks/WebhookQueueActions.h"

#include "core/store/Database.h"
#include "core/store/WebhookQueueRepository.h"

#include <algorithm>

namespace Bottega {

namespace {

// Rows per DELETE of the cleanup: no statement holds the writers for long.
constexpr int chunkRows = 5000;

} // namespace

WebhookQueueActions::WebhookQueueActions(const Database &database, const Clock *clock)
    : m_database(database), m_clock(clock ? clock : &database.clock())
{
}

Result<int> WebhookQueueActions::retry(const QList<qint64> &ids)
{
    WebhookQueueRepository queue(m_database);
    for (const qint64 id : ids) {
        if (const auto item = queue.get(id); !item)
            return makeError(item.error());
    }
    return queue.requeue(ids);
}

Result<int> WebhookQueueActions::retryFailed()
{
    WebhookQueueRepository queue(m_database);
    WebhookQueueRepository::Query failed;
    failed.state = WebhookQueueItem::State::Failed;
    const auto items = queue.list(failed);
    if (!items)
        return makeError(items.error());
    QList<qint64> ids;
    for (const WebhookQueueItem &item : *items)
        ids.append(item.id);
    return queue.requeue(ids);
}

Result<int> WebhookQueueActions::cleanup(int retentionDays, const ProgressReport &progress)
{
    const QDateTime before = m_clock->now().addDays(-retentionDays);
    WebhookQueueRepository queue(m_database);
    qint64 total = 0;
    if (progress) {
        const auto counted = queue.countProcessedOlderThan(before);
        if (!counted)
            return makeError(counted.error());
        total = *counted;
        if (!progress(0, total))
            return 0;
    }
    return queue.deleteProcessedOlderThan(before, chunkRows, [&progress, total](qint64 deletedSoFar) {
        return reportProgress(progress, deletedSoFar, std::max(total, deletedSoFar));
    });
}

} // namespace Bottega
