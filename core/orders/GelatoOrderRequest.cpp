#include "core/orders/GelatoOrderRequest.h"

#include <QJsonArray>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

const QStringList &currencies()
{
    static const QStringList list = {
            u"EUR"_s, u"USD"_s, u"JPY"_s, u"BGN"_s, u"CZK"_s, u"DKK"_s, u"GBP"_s, u"HUF"_s, u"PLN"_s,
            u"RON"_s, u"SEK"_s, u"CHF"_s, u"ISK"_s, u"NOK"_s, u"HRK"_s, u"RUB"_s, u"TRY"_s, u"AUD"_s,
            u"BRL"_s, u"CAD"_s, u"CNY"_s, u"HKD"_s, u"IDR"_s, u"ILS"_s, u"INR"_s, u"KRW"_s, u"MXN"_s,
            u"MYR"_s, u"NZD"_s, u"PHP"_s, u"SGD"_s, u"THB"_s, u"ZAR"_s, u"CLP"_s, u"AED"_s,
    };
    return list;
}

void putIfSet(QJsonObject &object, const QString &key, const QString &value)
{
    if (!value.trimmed().isEmpty())
        object.insert(key, value.trimmed());
}

QJsonArray products(const SalesOrder &order, const QHash<qint64, GelatoPrintItem> &items)
{
    QJsonArray array;
    for (int i = 0; i < order.lines.size(); ++i) {
        const OrderLine &line = order.lines.at(i);
        if (line.kind != OrderLine::Kind::Product)
            continue; // services and shipping lines are ours, not Gelato's
        const GelatoPrintItem print = items.value(line.variantId);
        QJsonArray files;
        for (const GelatoPrintItem::File &file : print.files)
            files.append(QJsonObject {{u"type"_s, file.type}, {u"url"_s, file.url}});
        array.append(QJsonObject {
                {u"itemReferenceId"_s,
                 line.itemReferenceId.isEmpty() ? GelatoOrderRequest::itemReferenceId(order, i)
                                                : line.itemReferenceId},
                {u"productUid"_s, print.productUid},
                {u"files"_s, files},
                {u"quantity"_s, line.quantity},
        });
    }
    return array;
}

} // namespace

bool GelatoOrderRequest::isSupportedCurrency(const QString &currency)
{
    return currencies().contains(currency);
}

QString GelatoOrderRequest::supportedCurrencies()
{
    return currencies().join(", "_L1);
}

QString GelatoOrderRequest::orderReferenceId(const SalesOrder &order)
{
    return order.gelatoOrderReferenceId.isEmpty() ? order.reference : order.gelatoOrderReferenceId;
}

QString GelatoOrderRequest::itemReferenceId(const SalesOrder &order, int lineIndex)
{
    return order.reference % u'-' % QString::number(lineIndex + 1);
}

QString GelatoOrderRequest::customerReferenceId(const SalesOrder &order)
{
    const QString email = order.customerEmail.trimmed().isEmpty() ? order.shippingAddress.email.trimmed()
                                                                  : order.customerEmail.trimmed();
    return email.isEmpty() ? order.reference : email.toLower();
}

QString GelatoOrderRequest::shipmentMethodUid(const SalesOrder &order)
{
    return order.shipmentMethodUid.isEmpty() ? order.shippingType : order.shipmentMethodUid;
}

QJsonObject GelatoOrderRequest::address(const Address &address)
{
    QJsonObject object;
    for (const QString &name : Address::fieldNames())
        putIfSet(object, name, name == "country"_L1 ? address.field(name).toUpper() : address.field(name));
    return object;
}

QJsonObject GelatoOrderRequest::order(const SalesOrder &order, const QHash<qint64, GelatoPrintItem> &items,
                                      bool asDraft)
{
    QJsonObject body {
            {u"orderType"_s, asDraft ? u"draft"_s : u"order"_s},
            {u"orderReferenceId"_s, orderReferenceId(order)},
            {u"customerReferenceId"_s, customerReferenceId(order)},
            {u"currency"_s, order.currency},
            {u"items"_s, products(order, items)},
            {u"shippingAddress"_s, address(order.shippingAddress)},
    };
    putIfSet(body, u"shipmentMethodUid"_s, shipmentMethodUid(order));
    return body;
}

QJsonObject GelatoOrderRequest::quote(const SalesOrder &order, const QHash<qint64, GelatoPrintItem> &items)
{
    return QJsonObject {
            {u"orderReferenceId"_s, orderReferenceId(order)},
            {u"customerReferenceId"_s, customerReferenceId(order)},
            {u"currency"_s, order.currency},
            {u"allowMultipleQuotes"_s, true},
            {u"recipient"_s, address(order.shippingAddress)},
            {u"products"_s, products(order, items)},
    };
}

} // namespace Bottega
