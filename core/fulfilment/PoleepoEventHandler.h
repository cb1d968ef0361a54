// PoleepoEventHandler: Poleepo's webhook events (HOOK-7) applied to the local orders. It never
// trusts the payload's status: STATUS_ORDER fetches the order by id and imports it
// (PoleepoOrderImport: created, or updated through OrderUpdate); STATUS_SHIPMENT fetches the
// shipping by id and gives its status, tracking code and carrier to OrderUpdate. Poleepo no longer
// having it (404) → Ignored with the reason; Poleepo failing → an error, so the call waits and is
// retried; a broken payload → refused (Failed) with the reason. The fetch runs outside the queue's
// transaction; what it learnt is applied inside it. Lives on the worker thread, like PoleepoClient.
#pragma once

#include "core/domain/Result.h"
#include "core/domain/WebhookQueueItem.h"
#include "core/webhooks/WebhookOutcome.h"

#include <QCoreApplication>
#include <QObject>
#include <functional>
#include <memory>

namespace Bottega {

class Clock;
class Database;
class PoleepoClient;
class PoleepoOrderImport;
class OrderUpdate;

class PoleepoEventHandler final
{
    Q_DISABLE_COPY_MOVE(PoleepoEventHandler)
    Q_DECLARE_TR_FUNCTIONS(Bottega::PoleepoEventHandler)

public:
    // The step that applies what the fetch learnt (WebhookProcessor::Handler's shape).
    using Step = std::function<Result<WebhookOutcome>(const WebhookQueueItem &)>;
    using FetchDone = std::function<void(Result<Step>)>;
    using Fetching = std::function<void(const WebhookQueueItem &, QObject *context, FetchDone)>;
    using Register = std::function<void(const QString &source, const QString &event, Fetching)>;

    PoleepoEventHandler(Database &database, PoleepoClient &poleepo, const Clock *clock = nullptr);
    ~PoleepoEventHandler();

    // Registers STATUS_ORDER and STATUS_SHIPMENT for source "poleepo". The registry keeps a
    // handler of its own: the database and the client must outlive it.
    void registerWith(const Register &registerHandler);

    void fetch(const WebhookQueueItem &item, QObject *context, FetchDone done);

private:
    Database &m_database;
    PoleepoClient &m_poleepo;
    const Clock *m_clock;
    std::unique_ptr<PoleepoOrderImport> m_import;
    std::unique_ptr<OrderUpdate> m_update;
};

} // namespace Bottega
