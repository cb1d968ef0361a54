#include "core/webhooks/WebhookQueueActions.h"

#include "core/store/Database.h"
#include "core/store/WebhookQueueRepository.h"

namespace Bottega {

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

Result<int> WebhookQueueActions::cleanup(int retentionDays)
{
    return WebhookQueueRepository(m_database)
            .deleteProcessedOlderThan(m_clock->now().addDays(-retentionDays));
}

} // namespace Bottega
