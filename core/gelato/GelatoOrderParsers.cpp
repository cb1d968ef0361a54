#include "core/gelato/GelatoOrderParsers.h"

#include "core/gelato/GelatoJsonReader.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bottega::GelatoOrderParsers {

namespace {

using Reader = GelatoJsonReader;

GelatoReceipt readReceipt(Reader &reader)
{
    GelatoReceipt receipt;
    // The create answer names it `type` ("contract") besides `transactionType`.
    receipt.transactionType = reader.text(u"transactionType"_s, false);
    receipt.currency = reader.text(u"currency"_s, false);
    // Shown, never acted on: lenient (a missing cost line must not fail a send Gelato accepted).
    const auto read = [&reader, &receipt](const QString &key, double &into) {
        if (const auto value = reader.numberIfKnown(key))
            into = *value;
        else
            receipt.unknown.append(key);
    };
    read(u"productsPrice"_s, receipt.productsPrice);
    read(u"shippingPrice"_s, receipt.shippingPrice);
    read(u"packagingPrice"_s, receipt.packagingPrice);
    read(u"totalVat"_s, receipt.totalVat);
    read(u"total"_s, receipt.total);
    read(u"totalInclVat"_s, receipt.totalInclVat);
    return receipt;
}

GelatoBillingEntity readBillingEntity(Reader &reader)
{
    GelatoBillingEntity entity;
    entity.companyName = reader.text(u"companyName"_s, false);
    entity.addressLine1 = reader.text(u"addressLine1"_s, false);
    entity.addressLine2 = reader.text(u"addressLine2"_s, false);
    entity.city = reader.text(u"city"_s, false);
    entity.postCode = reader.text(u"postCode"_s, false);
    entity.state = reader.text(u"state"_s, false);
    entity.country = reader.text(u"country"_s, false);
    entity.email = reader.text(u"email"_s, false);
    entity.phone = reader.text(u"phone"_s, false);
    return entity;
}

GelatoShipment readShipment(Reader &reader)
{
    GelatoShipment shipment;
    shipment.shipmentMethodName = reader.text(u"shipmentMethodName"_s, false);
    shipment.shipmentMethodUid = reader.text(u"shipmentMethodUid"_s, false);
    shipment.minDeliveryDate = reader.dateTime(u"minDeliveryDate"_s, false);
    shipment.maxDeliveryDate = reader.dateTime(u"maxDeliveryDate"_s, false);
    reader.forEach(u"packages"_s, false, [&shipment](Reader &packageReader) {
        GelatoOrderPackage package;
        package.id = packageReader.text(u"id"_s);
        package.orderItemIds = packageReader.strings(u"orderItemIds"_s, false);
        package.trackingCode = packageReader.text(u"trackingCode"_s, false);
        package.trackingUrl = packageReader.text(u"trackingUrl"_s, false);
        shipment.packages.append(package);
    });
    return shipment;
}

// One order; `full` for create/get/patch (items required), not for search results.
GelatoOrder readOrder(Reader &reader, bool full)
{
    GelatoOrder order;
    order.id = reader.text(u"id"_s);
    order.orderType = reader.text(u"orderType"_s);
    order.orderReferenceId = reader.text(u"orderReferenceId"_s);
    order.customerReferenceId = reader.text(u"customerReferenceId"_s, false);
    order.fulfillmentStatus = reader.text(u"fulfillmentStatus"_s);
    order.financialStatus = reader.text(u"financialStatus"_s, false);
    order.currency = reader.text(u"currency"_s, false);
    order.createdAt = reader.dateTime(u"createdAt"_s, false);
    order.updatedAt = reader.dateTime(u"updatedAt"_s, false);
    reader.forEach(u"items"_s, full, [&order](Reader &itemReader) {
        GelatoOrderItem item;
        item.id = itemReader.text(u"id"_s);
        item.itemReferenceId = itemReader.text(u"itemReferenceId"_s);
        item.productUid = itemReader.text(u"productUid"_s);
        // Up to 2^53: the largest whole number a JSON number holds exactly.
        item.quantity = itemReader.count(u"quantity"_s, qint64(1) << 53);
        item.fulfillmentStatus = itemReader.text(u"fulfillmentStatus"_s, false);
        order.items.append(item);
    });
    if (auto shipment = reader.child(u"shipment"_s)) {
        order.shipment = readShipment(*shipment);
        reader.takeErrorFrom(*shipment);
    }
    if (auto entity = reader.child(u"billingEntity"_s)) {
        order.billingEntity = readBillingEntity(*entity);
        reader.takeErrorFrom(*entity);
    }
    reader.forEach(u"receipts"_s, false, [&order](Reader &receiptReader) {
        order.receipts.append(readReceipt(receiptReader));
        // Older answers carry the billing entity only on the receipt.
        if (!order.billingEntity) {
            if (auto entity = receiptReader.child(u"billingEntity"_s))
                order.billingEntity = readBillingEntity(*entity);
        }
    });
    order.connectedOrderIds = reader.strings(u"connectedOrderIds"_s, false);
    return order;
}

// The array under `key` of the answer's object, each element read by `read`.
template<typename T, typename Read>
Result<QList<T>> parseList(const QByteArray &json, const QString &what, const QString &key, Read read)
{
    auto object = parseGelatoObject(json, what);
    if (!object)
        return makeError(object.error());
    Reader reader(what, QString(), *object);
    QList<T> list;
    reader.forEach(key, true, [&list, &read](Reader &element) { list.append(read(element)); });
    if (reader.failed())
        return makeError(reader.error());
    return list;
}

} // namespace

Result<GelatoOrder> parseOrder(const QByteArray &json)
{
    const QString what = QCoreApplication::translate("Bottega::GelatoParsers", "Gelato order");
    auto object = parseGelatoObject(json, what);
    if (!object)
        return makeError(object.error());
    Reader reader(what, QString(), *object);
    GelatoOrder order = readOrder(reader, true);
    if (reader.failed())
        return makeError(reader.error());
    return order;
}

Result<QList<GelatoOrder>> parseOrderSearch(const QByteArray &json)
{
    return parseList<GelatoOrder>(
            json, QCoreApplication::translate("Bottega::GelatoParsers", "Gelato order search"), u"orders"_s,
            [](Reader &reader) { return readOrder(reader, false); });
}

Result<QList<GelatoQuote>> parseQuotes(const QByteArray &json)
{
    return parseList<GelatoQuote>(
            json, QCoreApplication::translate("Bottega::GelatoParsers", "Gelato quote"), u"quotes"_s,
            [](Reader &reader) {
                GelatoQuote quote;
                quote.id = reader.text(u"id"_s);
                quote.itemReferenceIds = reader.strings(u"itemReferenceIds"_s, false);
                reader.forEach(u"shipmentMethods"_s, true, [&quote](Reader &methodReader) {
                    GelatoQuoteMethod method;
                    method.name = methodReader.text(u"name"_s);
                    method.shipmentMethodUid = methodReader.text(u"shipmentMethodUid"_s);
                    method.type = methodReader.text(u"type"_s);
                    method.price = methodReader.number(u"price"_s);
                    method.currency = methodReader.text(u"currency"_s, false);
                    method.minDeliveryDate = methodReader.dateTime(u"minDeliveryDate"_s, false);
                    method.maxDeliveryDate = methodReader.dateTime(u"maxDeliveryDate"_s, false);
                    method.isBusiness = methodReader.flag(u"isBusiness"_s, false);
                    method.isPrivate = methodReader.flag(u"isPrivate"_s, false);
                    quote.shipmentMethods.append(method);
                });
                return quote;
            });
}

QString errorMessage(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    return document.object().value(u"message"_s).toString().trimmed();
}

} // namespace Bottega::GelatoOrderParsers
