// WebhookQueueActions: what a person does to the webhook queue (HOOK-5), the same from the Webhooks
// page, `bottega webhook retry|cleanup` and the cleanup-webhooks job: put calls back in the queue,
// and remove processed ones older than the retention. Used on the calling thread's connection.
#pragma once

#include "core/domain/Clock.h"
#include "core/domain/Progress.h"
#include "core/domain/Result.h"

#include <QList>

namespace Bottega {

class Database;

class WebhookQueueActions final
{
public:
    // clock: "now" for the retention; nullptr: the database's clock.
    explicit WebhookQueueActions(const Database &database, const Clock *clock = nullptr);

    // Back to Pending, due at once. Every id must be in the queue ("no webhook with id 7 in the
    // queue"), or nothing changes. Returns how many calls were put back.
    Result<int> retry(const QList<qint64> &ids);
    // Every Failed call back to Pending; returns how many.
    Result<int> retryFailed();
    // Removes the Done and Ignored calls processed more than retentionDays ago; returns how many.
    // In chunks, telling progress (removed of total) after each: its false stops there, keeping
    // the chunks already removed.
    Result<int> cleanup(int retentionDays, const ProgressReport &progress = {});

private:
    const Database &m_database;
    const Clock *m_clock;
};

} // namespace Bottega
