#include "core/sync/GelatoEventHandler.h"

#include "core/store/Database.h"
#include "core/store/OrderEventRepository.h"
#include "core/store/OrderPackageRepository.h"
#include "core/store/SalesOrderRepository.h"

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

} // namespace

GelatoEventHandler::GelatoEventHandler(Database &database) : m_database(database) { }

void GelatoEventHandler::registerWith(const Register &registerHandler)
{
    // A handler of its own per call: the registry outlives this object.
    const auto handler = [database = &m_database](const WebhookQueueItem &item) {
        return GelatoEventHandler(*database).handle(item);
    };
    for (const auto event :
         {"order_status_updated"_L1, "order_item_status_updated"_L1, "order_item_tracking_code_updated"_L1,
          "order_delivery_estimate_updated"_L1, "catalog_product_stock_availability_updated"_L1,
          "store_product_created"_L1, "store_product_updated"_L1, "store_product_deleted"_L1,
          "store_product_template_created"_L1, "store_product_template_updated"_L1,
          "store_product_template_deleted"_L1})
        registerHandler(gelato, QString(event), handler);
}

Result<bool> GelatoEventHandler::appendToTimeline(const Database &database, const OrderEvent &event)
{
    OrderEventRepository events(database);
    const auto existing = events.listForOrder(event.orderId);
    if (!existing)
        return makeError(existing.error());
    for (const OrderEvent &earlier : *existing) {
        if (earlier.kind == event.kind && earlier.newState == event.newState
            && earlier.message == event.message)
            return false;
    }
    if (auto appended = events.append(event); !appended)
        return makeError(appended.error());
    return true;
}

Result<WebhookOutcome> GelatoEventHandler::handle(const WebhookQueueItem &item)
{
    const QJsonObject event = QJsonDocument::fromJson(item.body).object();
    if (item.event.startsWith("catalog_"_L1) || item.event.startsWith("store_product"_L1))
        return WebhookOutcome::ignore(
                tr("%1: stock and store products are not tracked here").arg(item.event));

    const QString gelatoOrderId = event.value("orderId"_L1).toString();
    const QString reference = event.value("orderReferenceId"_L1).toString();
    const auto found = OrderPackageRepository(m_database).findOrderByGelatoOrderId(gelatoOrderId);
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

Result<bool> GelatoEventHandler::note(qint64 orderId, const QString &kind, const QString &message,
                                      const QString &newState)
{
    return appendToTimeline(m_database, webhookEvent(orderId, kind, message, newState));
}

Result<WebhookOutcome> GelatoEventHandler::orderStatusUpdated(qint64 orderId, const QJsonObject &event)
{
    const QString gelatoOrderId = event.value("orderId"_L1).toString();
    const QString status = event.value("fulfillmentStatus"_L1).toString();
    const QString comment = event.value("comment"_L1).toString();
    SalesOrderRepository orders(m_database);
    auto order = orders.get(orderId);
    if (!order)
        return makeError(order.error());
    QStringList changes;

    // A split order: the status belongs to the connected part; the order itself keeps its own.
    if (order->gelatoOrderId == gelatoOrderId || order->gelatoOrderId.isEmpty()) {
        if (order->gelatoFulfillmentStatus != status) {
            order->gelatoFulfillmentStatus = status;
            if (auto r = orders.update(*order); !r)
                return makeError(r.error());
            changes.append(tr("Gelato status %1").arg(status));
        }
    } else {
        bool known = false;
        for (const GelatoConnectedOrder &connected : std::as_const(order->connectedOrders))
            known = known || (connected.gelatoOrderId == gelatoOrderId && connected.status == status);
        if (!known) {
            GelatoConnectedOrder connected;
            connected.orderId = orderId;
            connected.gelatoOrderId = gelatoOrderId;
            connected.status = status;
            if (auto r = OrderPackageRepository(m_database).saveConnectedOrder(connected); !r)
                return makeError(r.error());
            changes.append(tr("Gelato order %1: %2").arg(gelatoOrderId, status));
        }
    }
    const auto recordStatus = note(orderId, u"gelato-status"_s,
                                   tr("Gelato order %1 is %2").arg(gelatoOrderId, status), status);
    if (!recordStatus)
        return makeError(recordStatus.error());

    if (status == "canceled"_L1 || status == "cancelled"_L1) {
        const auto changed = orders.updateState(orderId, u"cancelled"_s, OrderEvent::Source::Webhook,
                                                tr("cancelled by Gelato"));
        if (!changed)
            return makeError(changed.error());
        if (*changed)
            changes.append(tr("cancelled"));
    } else if (status == "failed"_L1 || status == "returned"_L1) {
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
    OrderPackageRepository packages(m_database);
    const auto existing = packages.packagesForOrder(orderId);
    if (!existing)
        return makeError(existing.error());
    for (const OrderPackage &known : *existing) {
        if (known.gelatoOrderId == package.gelatoOrderId && known.packageId == package.packageId
            && known.trackingUrl == package.trackingUrl && known.carrier == package.carrier
            && known.status == package.status)
            return false;
    }
    if (auto saved = packages.savePackage(package); !saved)
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
    SalesOrderRepository orders(m_database);
    const auto order = orders.get(orderId);
    if (!order)
        return makeError(order.error());
    for (const OrderLine &line : order->lines) {
        if (line.itemReferenceId != reference)
            continue;
        if (line.gelatoItemStatus == status)
            return WebhookOutcome::done(tr("nothing new"));
        if (auto r = orders.updateLineGelatoItem(line.id, line.gelatoItemId, status); !r)
            return makeError(r.error());
        QString message = tr("item %1 is %2").arg(reference, status);
        if (const QString comment = event.value("comment"_L1).toString(); !comment.isEmpty())
            message += u": "_s + comment;
        if (auto added = note(orderId, u"gelato-item"_s, message, status); !added)
            return makeError(added.error());
        return WebhookOutcome::done(message);
    }
    return WebhookOutcome::ignore(tr("order %1 has no item %2").arg(order->reference, reference));
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
    SalesOrderRepository orders(m_database);
    auto order = orders.get(orderId);
    if (!order)
        return makeError(order.error());
    if (order->deliveryEstimateMin == min && order->deliveryEstimateMax == max)
        return WebhookOutcome::done(tr("nothing new"));
    order->deliveryEstimateMin = min;
    order->deliveryEstimateMax = max;
    if (auto r = orders.update(*order); !r)
        return makeError(r.error());
    const QString message = tr("delivery expected %1 to %2")
                                    .arg(min.date().toString(Qt::ISODate), max.date().toString(Qt::ISODate));
    if (auto added = note(orderId, u"delivery-estimate"_s, message); !added)
        return makeError(added.error());
    return WebhookOutcome::done(message);
}

} // namespace Bottega
