// GelatoEventHandler: applies Gelato's webhook events to the local orders (HOOK-6): statuses,
// cancellation, tracking per package, item statuses, delivery estimates. Idempotent: an event
// applied twice changes nothing the second time. Every change lands in the order's timeline.
#pragma once

#include "core/domain/OrderEvent.h"
#include "core/domain/Result.h"
#include "core/domain/WebhookQueueItem.h"
#include "core/webhooks/WebhookOutcome.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <functional>

namespace Bottega {

class Database;

class GelatoEventHandler final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::GelatoEventHandler)

public:
    using Register = std::function<void(const QString &source, const QString &event,
                                        std::function<Result<WebhookOutcome>(const WebhookQueueItem &)>)>;

    explicit GelatoEventHandler(Database &database);

    // Registers a handler for every Gelato event it knows (also the ignored ones, with a reason).
    // The handlers keep only the database: this object may go away.
    void registerWith(const Register &registerHandler);

    Result<WebhookOutcome> handle(const WebhookQueueItem &item);

    // The one way an order's timeline grows from outside events: appends unless the latest entry
    // of the order already says the same (same kind, new state and message), so that repeated
    // events leave one entry. Returns whether it appended.
    static Result<bool> appendToTimeline(const Database &database, const OrderEvent &event);

private:
    Result<WebhookOutcome> orderStatusUpdated(qint64 orderId, const QJsonObject &event);
    Result<WebhookOutcome> itemStatusUpdated(qint64 orderId, const QJsonObject &event);
    Result<WebhookOutcome> trackingCodeUpdated(qint64 orderId, const QJsonObject &event);
    Result<WebhookOutcome> deliveryEstimateUpdated(qint64 orderId, const QJsonObject &event);
    // Stores one package; true when it was new or changed.
    Result<bool> savePackage(qint64 orderId, const QString &gelatoOrderId, const QString &itemReference,
                             const QJsonObject &fulfillment, const QString &status);
    Result<bool> note(qint64 orderId, const QString &kind, const QString &message,
                      const QString &newState = {});

    Database &m_database;
};

} // namespace Bottega
