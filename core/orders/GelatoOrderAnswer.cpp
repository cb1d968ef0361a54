#include "core/orders/GelatoOrderAnswer.h"

#include "core/orders/OrderUpdate.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// Gelato's answer about one of its orders as news: `own` for the order's own Gelato order (send,
// refresh), else a connected part (its status, items and packages only).
OrderNews newsOf(const GelatoOrder &answer, OrderEvent::Source source, bool own)
{
    OrderNews news;
    news.source = source;
    news.gelatoOrderId = answer.id;
    news.fulfillmentStatus = answer.fulfillmentStatus;
    for (const GelatoOrderItem &item : answer.items)
        news.items.append({item.itemReferenceId, item.id, item.fulfillmentStatus});
    if (answer.shipment) {
        for (const GelatoOrderPackage &shipped : answer.shipment->packages) {
            OrderNews::Package package;
            package.packageId = shipped.id;
            package.trackingCode = shipped.trackingCode;
            package.trackingUrl = shipped.trackingUrl;
            package.carrier = answer.shipment->shipmentMethodName;
            package.status = answer.fulfillmentStatus;
            news.packages.append(package);
        }
    }
    if (!own)
        return news;
    news.isFullAnswer = true;
    news.orderReferenceId = answer.orderReferenceId;
    news.isGelatoDraft = answer.orderType == "draft"_L1;
    news.financialStatus = answer.financialStatus;
    if (answer.shipment) {
        news.deliveryEstimateMin = answer.shipment->minDeliveryDate;
        news.deliveryEstimateMax = answer.shipment->maxDeliveryDate;
        news.shipmentMethodUid = answer.shipment->shipmentMethodUid;
    }
    news.connectedOrderIds = answer.connectedOrderIds;
    news.billingEntity = answer.billingEntity;
    news.receipts = answer.receipts;
    return news;
}

} // namespace

Result<void> GelatoOrderAnswer::storeCost(const Database &database, qint64 orderId,
                                          const QList<GelatoReceipt> &receipts)
{
    if (auto r = OrderUpdate(database).applyCost(orderId, receipts); !r)
        return makeError(r.error());
    return {};
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
        const bool withVat = receipt.totalInclVat > 0 && !receipt.unknown.contains(u"totalInclVat"_s);
        sum.totalInclVat += withVat ? receipt.totalInclVat : receipt.total;
        for (const QString &field : receipt.unknown) {
            // A charge without totalInclVat is known from its total.
            if (field == u"totalInclVat"_s && !receipt.unknown.contains(u"total"_s))
                continue;
            if (!sum.unknown.contains(field))
                sum.unknown.append(field);
        }
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
    auto outcome = OrderUpdate(database).apply(orderId, newsOf(answer, source, true));
    if (!outcome)
        return makeError(outcome.error());
    return outcome->stateChanged;
}

Result<void> GelatoOrderAnswer::applyConnected(const Database &database, qint64 orderId,
                                               const GelatoOrder &answer, OrderEvent::Source source)
{
    if (auto r = OrderUpdate(database).apply(orderId, newsOf(answer, source, false)); !r)
        return makeError(r.error());
    return {};
}

} // namespace Bottega
