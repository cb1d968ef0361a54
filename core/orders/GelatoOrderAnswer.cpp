#include "core/orders/GelatoOrderAnswer.h"

#include "core/orders/OrderState.h"
#include "core/store/Database.h"
#include "core/store/OrderEventRepository.h"
#include "core/store/OrderPackageRepository.h"
#include "core/store/OrderSendRepository.h"
#include "core/store/SalesOrderRepository.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

Result<void> saveItemsAndPackages(const Database &database, SalesOrder &order, const GelatoOrder &answer)
{
    SalesOrderRepository orders(database);
    for (const GelatoOrderItem &item : answer.items) {
        for (OrderLine &line : order.lines) {
            if (line.itemReferenceId.isEmpty() || line.itemReferenceId != item.itemReferenceId)
                continue;
            if (line.gelatoItemId == item.id && line.gelatoItemStatus == item.fulfillmentStatus)
                continue;
            if (auto r = orders.updateLineGelatoItem(line.id, item.id, item.fulfillmentStatus); !r)
                return r;
            line.gelatoItemId = item.id;
            line.gelatoItemStatus = item.fulfillmentStatus;
        }
    }
    if (!answer.shipment)
        return {};
    OrderPackageRepository packages(database);
    for (const GelatoOrderPackage &shipped : answer.shipment->packages) {
        OrderPackage package;
        package.orderId = order.id;
        package.gelatoOrderId = answer.id;
        package.packageId = shipped.id;
        package.carrier = answer.shipment->shipmentMethodName;
        package.trackingCode = shipped.trackingCode;
        package.trackingUrl = shipped.trackingUrl;
        package.status = answer.fulfillmentStatus;
        package.updatedAt = QDateTime::currentDateTimeUtc();
        if (auto r = packages.savePackage(package); !r)
            return makeError(r.error());
    }
    return {};
}

void setCost(SalesOrder &order, const QList<GelatoReceipt> &receipts)
{
    const GelatoReceipt totals = GelatoOrderAnswer::purchaseTotals(receipts);
    order.gelatoCostCurrency = totals.currency;
    order.gelatoCostProducts = totals.productsPrice;
    order.gelatoCostShipping = totals.shippingPrice;
    order.gelatoCostPackaging = totals.packagingPrice;
    order.gelatoCostVat = totals.totalVat;
    order.gelatoCostTotal = totals.totalInclVat;
}

} // namespace

Result<void> GelatoOrderAnswer::storeCost(const Database &database, qint64 orderId,
                                          const QList<GelatoReceipt> &receipts)
{
    if (receipts.isEmpty())
        return {};
    SalesOrderRepository orders(database);
    auto order = orders.get(orderId);
    if (!order)
        return makeError(order.error());
    setCost(*order, receipts);
    return orders.update(*order);
}

GelatoReceipt GelatoOrderAnswer::purchaseTotals(const QList<GelatoReceipt> &receipts)
{
    GelatoReceipt sum;
    sum.transactionType = u"purchase"_s;
    for (const GelatoReceipt &receipt : receipts) {
        if (receipt.transactionType.compare("purchase"_L1, Qt::CaseInsensitive) != 0)
            continue;
        if (sum.currency.isEmpty())
            sum.currency = receipt.currency;
        sum.productsPrice += receipt.productsPrice;
        sum.shippingPrice += receipt.shippingPrice;
        sum.packagingPrice += receipt.packagingPrice;
        sum.totalVat += receipt.totalVat;
        sum.total += receipt.total;
        // What Gelato charges: with VAT when it says so, else the total.
        sum.totalInclVat += receipt.totalInclVat > 0 ? receipt.totalInclVat : receipt.total;
    }
    return sum;
}

QString GelatoOrderAnswer::billingEntityJson(const GelatoBillingEntity &entity)
{
    const QJsonObject object {
            {u"companyName"_s, entity.companyName},
            {u"addressLine1"_s, entity.addressLine1},
            {u"addressLine2"_s, entity.addressLine2},
            {u"city"_s, entity.city},
            {u"postCode"_s, entity.postCode},
            {u"state"_s, entity.state},
            {u"country"_s, entity.country},
            {u"email"_s, entity.email},
            {u"phone"_s, entity.phone},
    };
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

GelatoBillingEntity GelatoOrderAnswer::billingEntityFromJson(const QString &json)
{
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    GelatoBillingEntity entity;
    entity.companyName = object.value("companyName"_L1).toString();
    entity.addressLine1 = object.value("addressLine1"_L1).toString();
    entity.addressLine2 = object.value("addressLine2"_L1).toString();
    entity.city = object.value("city"_L1).toString();
    entity.postCode = object.value("postCode"_L1).toString();
    entity.state = object.value("state"_L1).toString();
    entity.country = object.value("country"_L1).toString();
    entity.email = object.value("email"_L1).toString();
    entity.phone = object.value("phone"_L1).toString();
    return entity;
}

Result<bool> GelatoOrderAnswer::apply(const Database &database, qint64 orderId, const GelatoOrder &answer,
                                      OrderEvent::Source source)
{
    SalesOrderRepository orders(database);
    auto order = orders.get(orderId);
    if (!order)
        return makeError(order.error());
    const QString previousStatus = order->gelatoFulfillmentStatus;
    if (!answer.id.isEmpty())
        order->gelatoOrderId = answer.id;
    if (!answer.orderReferenceId.isEmpty())
        order->gelatoOrderReferenceId = answer.orderReferenceId;
    order->isDraft = answer.orderType == "draft"_L1;
    if (!answer.fulfillmentStatus.isEmpty())
        order->gelatoFulfillmentStatus = answer.fulfillmentStatus;
    if (!answer.financialStatus.isEmpty())
        order->gelatoFinancialStatus = answer.financialStatus;
    if (answer.shipment) {
        if (answer.shipment->minDeliveryDate.isValid())
            order->deliveryEstimateMin = answer.shipment->minDeliveryDate;
        if (answer.shipment->maxDeliveryDate.isValid())
            order->deliveryEstimateMax = answer.shipment->maxDeliveryDate;
        if (!answer.shipment->shipmentMethodUid.isEmpty())
            order->shipmentMethodUid = answer.shipment->shipmentMethodUid;
    }
    if (!answer.receipts.isEmpty())
        setCost(*order, answer.receipts);
    if (auto r = orders.update(*order); !r)
        return makeError(r.error());
    if (auto r = saveItemsAndPackages(database, *order, answer); !r)
        return makeError(r.error());
    OrderPackageRepository packages(database);
    for (const QString &connectedId : answer.connectedOrderIds) {
        if (connectedId == answer.id)
            continue;
        GelatoConnectedOrder connected;
        connected.orderId = orderId;
        connected.gelatoOrderId = connectedId;
        // Keep a status a refresh of the connected order already stored.
        auto known = packages.connectedOrdersFor(orderId);
        if (!known)
            return makeError(known.error());
        for (const GelatoConnectedOrder &earlier : *known) {
            if (earlier.gelatoOrderId == connectedId)
                connected.status = earlier.status;
        }
        if (auto r = packages.saveConnectedOrder(connected); !r)
            return makeError(r.error());
    }
    if (answer.billingEntity) {
        if (auto r = OrderSendRepository(database).saveBillingEntity(
                    orderId, billingEntityJson(*answer.billingEntity));
            !r)
            return makeError(r.error());
    }
    if (!answer.fulfillmentStatus.isEmpty() && answer.fulfillmentStatus != previousStatus) {
        OrderEvent event;
        event.orderId = orderId;
        event.source = source;
        event.kind = u"gelato-status"_s;
        event.newState = answer.fulfillmentStatus;
        event.message = tr("Gelato status: %1").arg(answer.fulfillmentStatus);
        if (auto r = OrderEventRepository(database).append(event); !r)
            return makeError(r.error());
    }

    QString newState = answer.orderType == "draft"_L1
            ? OrderState::GelatoDraft
            : OrderState::fromGelatoStatus(answer.fulfillmentStatus);
    if (newState.isEmpty() || newState == OrderState::GelatoDraft) {
        // Gelato has a real order that has not moved on yet: sent, unless it was further already.
        const bool notYetSent = order->state == OrderState::Draft || order->state == OrderState::Sending
                || order->state == OrderState::GelatoDraft;
        if (answer.orderType != "draft"_L1)
            newState = notYetSent ? OrderState::Sent : QString();
    }
    if (newState.isEmpty())
        return false;
    return orders.updateState(orderId, newState, source,
                              answer.fulfillmentStatus.isEmpty()
                                      ? QString()
                                      : tr("Gelato status: %1").arg(answer.fulfillmentStatus));
}

Result<void> GelatoOrderAnswer::applyConnected(const Database &database, qint64 orderId,
                                               const GelatoOrder &answer)
{
    auto order = SalesOrderRepository(database).get(orderId);
    if (!order)
        return makeError(order.error());
    GelatoConnectedOrder connected;
    connected.orderId = orderId;
    connected.gelatoOrderId = answer.id;
    connected.status = answer.fulfillmentStatus;
    if (auto r = OrderPackageRepository(database).saveConnectedOrder(connected); !r)
        return r;
    return saveItemsAndPackages(database, *order, answer);
}

} // namespace Bottega
