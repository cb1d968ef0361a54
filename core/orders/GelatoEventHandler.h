// GelatoEventHandler: applies Gelato's webhook events to the local orders (HOOK-6): statuses,
// cancellation, tracking per package, item statuses, delivery estimates. Idempotent: an event
// applied twice changes nothing the second time. Every change lands in the order's timeline.
// Reads and writes only what an event touches (PERF-2), through statements prepared once.
#pragma once

#include "core/domain/OrderEvent.h"
#include "core/domain/Result.h"
#include "core/domain/WebhookQueueItem.h"
#include "core/webhooks/WebhookOutcome.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <functional>
#include <memory>

namespace Bottega {

class Database;
class GelatoEventRepository;

class GelatoEventHandler final
{
    Q_DISABLE_COPY_MOVE(GelatoEventHandler)
    Q_DECLARE_TR_FUNCTIONS(Bottega::GelatoEventHandler)

public:
    using Register = std::function<void(const QString &source, const QString &event,
                                        std::function<Result<WebhookOutcome>(const WebhookQueueItem &)>)>;

    explicit GelatoEventHandler(Database &database);
    ~GelatoEventHandler();

    // Registers a handler for every Gelato event it knows (also the ignored ones, with a reason).
    // The handlers share a handler of their own (and its prepared statements): this object may go
    // away, the database must outlive the registry.
    void registerWith(const Register &registerHandler);

    Result<WebhookOutcome> handle(const WebhookQueueItem &item);

    // The one way an order's timeline grows from Gelato's news (webhooks, refreshes): appends
    // unless the timeline already has an entry of the same kind, new state and message, so that
    // repeated events leave one entry. Returns whether it appended.
    static Result<bool> appendToTimeline(const Database &database, const OrderEvent &event);

private:
    Result<WebhookOutcome> orderStatusUpdated(qint64 orderId, const QJsonObject &event);
    Result<WebhookOutcome> itemStatusUpdated(qint64 orderId, const QJsonObject &event);
    Result<WebhookOutcome> trackingCodeUpdated(qint64 orderId, const QJsonObject &event);
    Result<WebhookOutcome> deliveryEstimateUpdated(qint64 orderId, const QJsonObject &event);
    // Stores one package; true when it was new or changed.
    Result<bool> savePackage(qint64 orderId, const QString &gelatoOrderId, const QString &itemReference,
                             const QJsonObject &fulfillment, const QString &status);
    // appendToTimeline with this handler's prepared statements.
    Result<bool> note(qint64 orderId, const QString &kind, const QString &message,
                      const QString &newState = {});
    // Moves the local order along (OrderState::fromGelatoStatus), never back to an earlier step.
    Result<bool> followGelatoStatus(qint64 orderId, const QString &currentState, const QString &status);

    Database &m_database;
    std::unique_ptr<GelatoEventRepository> m_store;
};

} // namespace Bottega
