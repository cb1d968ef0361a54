#include "core/orders/GelatoEventHandler.h"

#include "core/orders/OrderState.h"
#include "core/store/Database.h"
#include "core/store/GelatoEventRepository.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

const QString gelato = u"gelato"_s;

// Gelato's "test webhook" button sends its documentation's example with these placeholders.
bool isPlaceholder(const QString &value)
{
    return value.contains("{{"_L1) && value.contains("}}"_L1);
}

OrderEvent webhookEvent(qint64 orderId, const QString &kind, const QString &message,
                        const QString &newState = {})
{
    OrderEvent event;
    event.orderId = orderId;
    event.source = OrderEvent::Source::Webhook;
    event.kind = kind;
    event.newState = newState;
    event.message = message;
    return event;
}

// How far along its way an order is; -1 for the ends (cancelled, failed, returned).
int progress(const QString &state)
{
    if (state == OrderState::InProduction)
        return 1;
    if (state == OrderState::Shipped)
        return 2;
    if (state == OrderState::Delivered)
        return 3;
    if (state == OrderState::Cancelled || state == OrderState::Failed || state == OrderState::Returned)
        return -1;
    return 0; // draft, sending, Gelato draft, sent
}

Result<bool> appendUnlessKnown(GelatoEventRepository &store, const OrderEvent &event)
{
    const auto known = store.hasTimelineEntry(event.orderId, event.kind, event.newState, event.message);
    if (!known)
        return makeError(known.error());
    if (*known)
        return false;
    if (auto appended = store.appendTimeline(event); !appended)
        return makeError(appended.error());
    return true;
}

} // namespace

GelatoEventHandler::GelatoEventHandler(Database &database)
    : m_database(database), m_store(std::make_unique<GelatoEventRepository>(database))
{
}

GelatoEventHandler::~GelatoEventHandler() = default;

void GelatoEventHandler::registerWith(const Register &registerHandler)
{
    // One handler object for all events, kept by the registry: its prepared statements serve
    // every event of every batch instead of being prepared again per event.
    const auto shared = std::make_shared<GelatoEventHandler>(m_database);
    const auto handler = [shared](const WebhookQueueItem &item) {
        return shared->handle(item);
    };
    for (const auto event :
         {"order_status_updated"_L1, "order_item_status_updated"_L1, "order_item_tracking_code_updated"_L1,
          "order_delivery_estimate_updated"_L1, "catalog_product_stock_availability_updated"_L1,
          "store_product_created"_L1, "store_product_updated"_L1, "store_product_deleted"_L1,
          "store_product_template_created"_L1, "store_product_template_updated"_L1,
          "store_product_template_deleted"_L1})
        registerHandler(gelato, QString(event), handler);
}

Result<WebhookOutcome> GelatoEventHandler::handle(const WebhookQueueItem &item)
{
    if (item.event.startsWith("catalog_"_L1) || item.event.startsWith("store_product"_L1))
        return WebhookOutcome::ignore(
                tr("%1: stock and store products are not tracked here").arg(item.event));
    const QJsonObject event = QJsonDocument::fromJson(item.body).object();

    const QString gelatoOrderId = event.value("orderId"_L1).toString();
    const QString reference = event.value("orderReferenceId"_L1).toString();
    const auto found = m_store->findOrder(gelatoOrderId);
    if (!found)
        return makeError(found.error());
    if (!found->has_value()) {
        if (isPlaceholder(reference) || isPlaceholder(event.value("itemReferenceId"_L1).toString()))
            return WebhookOutcome::ignore(tr("Gelato's test call (placeholders in the payload)"));
        return WebhookOutcome::ignore(tr("no local order for Gelato order %1").arg(gelatoOrderId));
    }
    const qint64 orderId = **found;
    if (item.event == "order_status_updated"_L1)
        return orderStatusUpdated(orderId, event);
    if (item.event == "order_item_status_updated"_L1)
        return itemStatusUpdated(orderId, event);
    if (item.event == "order_item_tracking_code_updated"_L1)
        return trackingCodeUpdated(orderId, event);
    if (item.event == "order_delivery_estimate_updated"_L1)
        return deliveryEstimateUpdated(orderId, event);
    return WebhookOutcome::ignore(tr("%1 is not a Gelato order event").arg(item.event));
}

Result<bool> GelatoEventHandler::appendToTimeline(const Database &database, const OrderEvent &event)
{
    GelatoEventRepository store(database);
    return appendUnlessKnown(store, event);
}

Result<bool> GelatoEventHandler::note(qint64 orderId, const QString &kind, const QString &message,
                                      const QString &newState)
{
    return appendUnlessKnown(*m_store, webhookEvent(orderId, kind, message, newState));
}

Result<bool> GelatoEventHandler::followGelatoStatus(qint64 orderId, const QString &currentState,
                                                    const QString &status)
{
    const QString target = OrderState::fromGelatoStatus(status);
    if (target.isEmpty() || target == currentState || currentState == OrderState::Cancelled)
        return false;
    // Webhooks may arrive out of order: a late "shipped" never takes a delivered order back, and
    // a Gelato draft is only what a local draft becomes. The ends (cancelled, failed, returned)
    // always apply.
    if (target == OrderState::GelatoDraft) {
        if (currentState != OrderState::Draft && currentState != OrderState::Sending)
            return false;
    } else if (progress(target) > 0) {
        if (progress(currentState) < 0 || progress(target) <= progress(currentState))
            return false;
    }
    const QString message = target == OrderState::Cancelled ? tr("cancelled by Gelato")
                                                            : tr("Gelato status %1").arg(status);
    // The state read at the start of this event, inside the batch's transaction: no one else can
    // have changed it in between (SQLite: one writer; PostgreSQL: the update checks it).
    return m_store->changeState(orderId, currentState, target, OrderEvent::Source::Webhook, message);
}

Result<WebhookOutcome> GelatoEventHandler::orderStatusUpdated(qint64 orderId, const QJsonObject &event)
{
    const QString gelatoOrderId = event.value("orderId"_L1).toString();
    const QString status = event.value("fulfillmentStatus"_L1).toString();
    const QString comment = event.value("comment"_L1).toString();
    const auto order = m_store->orderStatus(orderId);
    if (!order)
        return makeError(order.error());
    QStringList changes;

    // A split order: the status belongs to the connected part; the order itself keeps its own.
    const bool ownStatus = order->gelatoOrderId == gelatoOrderId || order->gelatoOrderId.isEmpty();
    if (ownStatus) {
        if (order->gelatoFulfillmentStatus != status) {
            if (auto r = m_store->setGelatoStatus(orderId, status); !r)
                return makeError(r.error());
            changes.append(tr("Gelato status %1").arg(status));
        }
    } else {
        const auto known = m_store->connectedOrderStatus(orderId, gelatoOrderId);
        if (!known)
            return makeError(known.error());
        if (*known != status) {
            GelatoConnectedOrder connected;
            connected.orderId = orderId;
            connected.gelatoOrderId = gelatoOrderId;
            connected.status = status;
            if (auto r = m_store->saveConnectedOrder(connected); !r)
                return makeError(r.error());
            changes.append(tr("Gelato order %1: %2").arg(gelatoOrderId, status));
        }
    }
    const auto recordStatus = note(orderId, u"gelato-status"_s,
                                   tr("Gelato order %1 is %2").arg(gelatoOrderId, status), status);
    if (!recordStatus)
        return makeError(recordStatus.error());

    // The local state follows the order's own status; a connected part's alone does not move
    // the whole order, except that any part cancelled, failed or returned is worth a note below.
    if (ownStatus) {
        const auto moved = followGelatoStatus(orderId, order->state, status);
        if (!moved)
            return makeError(moved.error());
        if (*moved)
            changes.append(OrderState::fromGelatoStatus(status) == OrderState::Cancelled
                                   ? tr("cancelled")
                                   : tr("now %1").arg(
                                           OrderState::displayName(OrderState::fromGelatoStatus(status))));
    }
    if (status == "failed"_L1 || status == "returned"_L1) {
        const QString message = status == "failed"_L1
                ? tr("Gelato could not produce the order: %1").arg(comment)
                : tr("the order was returned: %1").arg(comment);
        const auto added = note(orderId, u"note"_s, message);
        if (!added)
            return makeError(added.error());
        if (*added)
            changes.append(message);
    }

    const QJsonArray items = event.value("items"_L1).toArray();
    for (const QJsonValue &itemValue : items) {
        const QJsonObject item = itemValue.toObject();
        const QString itemReference = item.value("itemReferenceId"_L1).toString();
        const QString itemStatus = item.value("fulfillmentStatus"_L1).toString();
        for (const QJsonValue &fulfillment : item.value("fulfillments"_L1).toArray()) {
            const auto saved = savePackage(orderId, gelatoOrderId, itemReference, fulfillment.toObject(),
                                           itemStatus.isEmpty() ? status : itemStatus);
            if (!saved)
                return makeError(saved.error());
            if (*saved)
                changes.append(
                        tr("tracking %1").arg(fulfillment.toObject().value("trackingCode"_L1).toString()));
        }
    }
    return WebhookOutcome::done(changes.isEmpty() ? tr("nothing new") : changes.join(u"; "_s));
}

Result<bool> GelatoEventHandler::savePackage(qint64 orderId, const QString &gelatoOrderId,
                                             const QString &itemReference, const QJsonObject &fulfillment,
                                             const QString &status)
{
    OrderPackage package;
    package.orderId = orderId;
    package.gelatoOrderId = gelatoOrderId;
    package.trackingCode = fulfillment.value("trackingCode"_L1).toString();
    package.trackingUrl = fulfillment.value("trackingUrl"_L1).toString();
    package.carrier = fulfillment.value("shipmentMethodName"_L1).toString();
    package.packageId = package.trackingCode; // Gelato names a package by its tracking code
    package.status = status;
    if (package.trackingCode.isEmpty())
        return false;
    const auto known = m_store->hasPackage(package);
    if (!known)
        return makeError(known.error());
    if (*known)
        return false;
    if (auto saved = m_store->savePackage(package); !saved)
        return makeError(saved.error());
    const auto added
            = note(orderId, u"tracking"_s,
                   tr("item %1: %2 tracking %3 %4")
                           .arg(itemReference, package.status, package.trackingCode, package.trackingUrl));
    if (!added)
        return makeError(added.error());
    return true;
}

Result<WebhookOutcome> GelatoEventHandler::itemStatusUpdated(qint64 orderId, const QJsonObject &event)
{
    const QString reference = event.value("itemReferenceId"_L1).toString();
    const QString status = event.value("status"_L1).toString();
    const auto line = m_store->lineByItemReference(orderId, reference);
    if (!line)
        return makeError(line.error());
    if (!line->has_value()) {
        const auto order = m_store->orderStatus(orderId);
        if (!order)
            return makeError(order.error());
        return WebhookOutcome::ignore(tr("order %1 has no item %2").arg(order->reference, reference));
    }
    if ((*line)->gelatoItemStatus == status)
        return WebhookOutcome::done(tr("nothing new"));
    if (auto r = m_store->setLineGelatoItem((*line)->id, (*line)->gelatoItemId, status); !r)
        return makeError(r.error());
    QString message = tr("item %1 is %2").arg(reference, status);
    if (const QString comment = event.value("comment"_L1).toString(); !comment.isEmpty())
        message += u": "_s + comment;
    if (auto added = note(orderId, u"gelato-item"_s, message, status); !added)
        return makeError(added.error());
    return WebhookOutcome::done(message);
}

Result<WebhookOutcome> GelatoEventHandler::trackingCodeUpdated(qint64 orderId, const QJsonObject &event)
{
    const auto saved = savePackage(orderId, event.value("orderId"_L1).toString(),
                                   event.value("itemReferenceId"_L1).toString(), event, u"shipped"_s);
    if (!saved)
        return makeError(saved.error());
    return WebhookOutcome::done(*saved ? tr("tracking %1").arg(event.value("trackingCode"_L1).toString())
                                       : tr("nothing new"));
}

Result<WebhookOutcome> GelatoEventHandler::deliveryEstimateUpdated(qint64 orderId, const QJsonObject &event)
{
    const QDateTime min
            = QDateTime(QDate::fromString(event.value("minDeliveryDate"_L1).toString(), Qt::ISODate),
                        QTime(0, 0), Qt::UTC);
    const QDateTime max
            = QDateTime(QDate::fromString(event.value("maxDeliveryDate"_L1).toString(), Qt::ISODate),
                        QTime(0, 0), Qt::UTC);
    const auto order = m_store->orderStatus(orderId);
    if (!order)
        return makeError(order.error());
    if (order->deliveryEstimateMin == min && order->deliveryEstimateMax == max)
        return WebhookOutcome::done(tr("nothing new"));
    if (auto r = m_store->setDeliveryEstimate(orderId, min, max); !r)
        return makeError(r.error());
    const QString message = tr("delivery expected %1 to %2")
                                    .arg(min.date().toString(Qt::ISODate), max.date().toString(Qt::ISODate));
    if (auto added = note(orderId, u"delivery-estimate"_s, message); !added)
        return makeError(added.error());
    return WebhookOutcome::done(message);
}

} // namespace Bottega
