// GelatoEventHandler: Gelato's webhook events (HOOK-6) applied to the local orders. Each payload is
// read by the typed parsers of core/gelato and handed to OrderUpdate as news, the same use case
// that applies Gelato's answers to refreshes and the reconciliation job, so that both follow one
// set of rules. A payload with a field of the wrong type is refused (Failed, with the reason) and
// changes nothing; an event for an order Bottega does not have is Ignored with the reason.
// Idempotent: an event applied twice changes nothing the second time.
#pragma once

#include "core/domain/Result.h"
#include "core/domain/WebhookQueueItem.h"
#include "core/webhooks/WebhookOutcome.h"

#include <QCoreApplication>
#include <functional>
#include <memory>

namespace Bottega {

class Clock;
class Database;
class OrderUpdate;
struct GelatoEventOrder;
struct OrderNews;

class GelatoEventHandler final
{
    Q_DISABLE_COPY_MOVE(GelatoEventHandler)
    Q_DECLARE_TR_FUNCTIONS(Bottega::GelatoEventHandler)

public:
    using Register = std::function<void(const QString &source, const QString &event,
                                        std::function<Result<WebhookOutcome>(const WebhookQueueItem &)>)>;

    explicit GelatoEventHandler(Database &database, const Clock *clock = nullptr);
    ~GelatoEventHandler();

    // Registers a handler for every Gelato event it knows (also the ignored ones, with a reason).
    // The handlers share a handler of their own (and its prepared statements): this object may go
    // away, the database must outlive the registry.
    void registerWith(const Register &registerHandler);

    Result<WebhookOutcome> handle(const WebhookQueueItem &item);

private:
    // Applies the news to the event's order; Ignored, with the reason, when there is no such order
    // (or no such item, for an item's event).
    Result<WebhookOutcome> apply(const GelatoEventOrder &order, const OrderNews &news,
                                 const QString &itemReferenceId = {});

    // At the first event of a batch pass: the orders of all its Gelato order events in one query.
    void readAhead();

    Database &m_database;
    const Clock *m_clock;
    std::unique_ptr<OrderUpdate> m_update;
    quint64 m_pass = 0; // the processor's pass read ahead for
};

} // namespace Bottega
