#include "app/commands/OrderPrinting.h"

#include "app/Output.h"
#include "core/messages/MessageText.h"
#include "core/fulfilment/PoleepoOrderImport.h"
#include "core/orders/OrderState.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Bottega::OrderPrinting {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Bottega::OrderPrinting", text);
}

QJsonValue dateTime(const QDateTime &value)
{
    return value.isValid() ? QJsonValue(value.toUTC().toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonValue date(const QDateTime &value)
{
    return value.isValid() ? QJsonValue(value.toUTC().date().toString(Qt::ISODate))
                           : QJsonValue(QJsonValue::Null);
}

QString dash(const QString &text)
{
    return text.isEmpty() ? u"-"_s : text;
}

// A cost line in --json: null when Gelato did not give it (the field name in gelatoCostUnknown).
QJsonValue costJson(const SalesOrder &order, double amount, const char *gelatoField)
{
    if (order.gelatoCostUnknown.contains(QLatin1StringView(gelatoField)))
        return QJsonValue(QJsonValue::Null);
    return amount;
}

QString money(double amount, const QString &currency)
{
    return QString::number(amount, 'f', 2) + u' ' + currency;
}

QJsonObject addressJson(const Address &address)
{
    return QJsonObject {{u"firstName"_s, address.firstName},
                        {u"lastName"_s, address.lastName},
                        {u"companyName"_s, address.companyName},
                        {u"addressLine1"_s, address.addressLine1},
                        {u"addressLine2"_s, address.addressLine2},
                        {u"city"_s, address.city},
                        {u"postCode"_s, address.postCode},
                        {u"state"_s, address.state},
                        {u"country"_s, address.country},
                        {u"email"_s, address.email},
                        {u"phone"_s, address.phone}};
}

QString addressLine(const Address &address)
{
    QStringList parts {QString(address.firstName + u' ' + address.lastName).trimmed(),
                       address.companyName,
                       address.addressLine1,
                       address.addressLine2,
                       QString(address.postCode + u' ' + address.city).trimmed(),
                       address.state,
                       address.country};
    parts.removeAll(QString());
    return dash(parts.join(u", "_s));
}

QString companyState(CompanyCheck::State state)
{
    switch (state) {
    case CompanyCheck::State::Matches:
        return u"matches"_s;
    case CompanyCheck::State::Mismatch:
        return u"mismatch"_s;
    case CompanyCheck::State::Unknown:
        break;
    }
    return u"unknown"_s;
}

} // namespace

QJsonObject summaryJson(const SalesOrder &order)
{
    return QJsonObject {
            {u"id"_s, order.id},
            {u"reference"_s, order.reference},
            {u"source"_s, SalesOrder::sourceName(order.source)},
            {u"state"_s, order.state},
            {u"customer"_s, QString(order.customerFirstName + u' ' + order.customerLastName).trimmed()},
            {u"currency"_s, order.currency},
            {u"total"_s, order.amountTotal},
            {u"isGelato"_s, order.isGelato},
            {u"gelatoOrderId"_s, order.gelatoOrderId},
            {u"gelatoStatus"_s, order.gelatoFulfillmentStatus},
            {u"poleepoOrderId"_s, order.poleepoOrderId},
            {u"poleepoStatus"_s, order.poleepoStatus},
            {u"bridge"_s, bridgeState(order)},
            {u"createdAt"_s, dateTime(order.createdAt)},
    };
}

QString bridgeState(const SalesOrder &order)
{
    if (order.fulfilment == "attention"_L1)
        return u"needs-attention"_s;
    if (order.fulfilment == "other"_L1)
        return u"not-gelato"_s;
    if (order.fulfilment == "gelato"_L1)
        return order.state == OrderState::Draft ? u"ready-to-send"_s : u"sent-to-gelato"_s;
    return QString();
}

QJsonObject poleepoJson(const SalesOrder &order, const QList<FulfilmentRepository::Handoff> &handoffs)
{
    QJsonArray handedBack;
    for (const FulfilmentRepository::Handoff &handoff : handoffs)
        handedBack.append(QJsonObject {{u"shippingId"_s, handoff.poleepoShippingId},
                                       {u"trackingCode"_s, handoff.trackingCode},
                                       {u"carrier"_s, handoff.carrier},
                                       {u"at"_s, dateTime(handoff.handedAt)}});
    return QJsonObject {
            {u"orderId"_s, order.poleepoOrderId},
            {u"status"_s, order.poleepoStatus},
            {u"channel"_s, order.channel},
            {u"bridge"_s, bridgeState(order)},
            {u"attention"_s,
             order.attentionCode.isEmpty()
                     ? QJsonValue(QJsonValue::Null)
                     : QJsonValue(QJsonObject {
                             {u"code"_s, order.attentionCode},
                             {u"args"_s, QJsonArray::fromStringList(order.attentionArgs)},
                             {u"text"_s,
                              PoleepoOrderImport::attentionText(order.attentionCode, order.attentionArgs)}})},
            {u"trackingHandedBack"_s, handedBack},
    };
}

void printPoleepo(const SalesOrder &order, const QList<FulfilmentRepository::Handoff> &handoffs)
{
    if (order.poleepoOrderId.isEmpty())
        return;
    Output::line(tr("Poleepo order: %1 (%2), channel %3")
                         .arg(order.poleepoOrderId, dash(order.poleepoStatus), dash(order.channel)));
    const QString state = bridgeState(order);
    if (state == "needs-attention"_L1)
        Output::line(
                tr("Needs attention: %1")
                        .arg(PoleepoOrderImport::attentionText(order.attentionCode, order.attentionArgs)));
    else if (state == "ready-to-send"_L1)
        Output::line(tr("Ready to send to Gelato (order confirm %1)").arg(order.id));
    else if (state == "sent-to-gelato"_L1)
        Output::line(tr("Sent to Gelato"));
    else if (state == "not-gelato"_L1)
        Output::line(tr("Not Gelato goods: shipped by the shop"));
    for (const FulfilmentRepository::Handoff &handoff : handoffs)
        Output::line(tr("Tracking %1 (%2) passed to Poleepo shipping %3 at %4")
                             .arg(handoff.trackingCode, dash(handoff.carrier), handoff.poleepoShippingId,
                                  handoff.handedAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s)));
}

QJsonObject orderJson(const SalesOrder &order, const CompanyCheck &companyCheck)
{
    QJsonArray lines;
    for (const OrderLine &line : order.lines)
        lines.append(QJsonObject {{u"id"_s, line.id},
                                  {u"variantId"_s, line.variantId},
                                  {u"productName"_s, line.productName},
                                  {u"sku"_s, line.sku},
                                  {u"quantity"_s, line.quantity},
                                  {u"price"_s, line.unitPrice},
                                  {u"kind"_s, OrderLine::kindName(line.kind)},
                                  {u"itemReferenceId"_s, line.itemReferenceId},
                                  {u"gelatoItemId"_s, line.gelatoItemId},
                                  {u"gelatoItemStatus"_s, line.gelatoItemStatus}});
    QJsonArray connected;
    for (const GelatoConnectedOrder &other : order.connectedOrders)
        connected.append(
                QJsonObject {{u"gelatoOrderId"_s, other.gelatoOrderId}, {u"status"_s, other.status}});
    QJsonArray packages;
    for (const OrderPackage &package : order.packages)
        packages.append(QJsonObject {{u"gelatoOrderId"_s, package.gelatoOrderId},
                                     {u"packageId"_s, package.packageId},
                                     {u"carrier"_s, package.carrier},
                                     {u"trackingCode"_s, package.trackingCode},
                                     {u"trackingUrl"_s, package.trackingUrl},
                                     {u"status"_s, package.status}});
    QJsonArray timeline;
    for (const OrderEvent &event : order.events)
        timeline.append(QJsonObject {{u"at"_s, dateTime(event.at)},
                                     {u"source"_s, OrderEvent::sourceName(event.source)},
                                     {u"kind"_s, event.kind},
                                     {u"oldState"_s, event.oldState},
                                     {u"newState"_s, event.newState},
                                     {u"message"_s, MessageText::render(event.message)},
                                     {u"messageCode"_s, Output::message(event.message)}});
    QJsonObject json = summaryJson(order);
    json.insert(u"channel"_s, order.channel);
    json.insert(u"customer"_s,
                QJsonObject {{u"firstName"_s, order.customerFirstName},
                             {u"lastName"_s, order.customerLastName},
                             {u"email"_s, order.customerEmail},
                             {u"phone"_s, order.customerPhone}});
    json.insert(u"shippingAddress"_s, addressJson(order.shippingAddress));
    json.insert(u"billingAddress"_s,
                order.billingAddress ? QJsonValue(addressJson(*order.billingAddress))
                                     : QJsonValue(QJsonValue::Null));
    json.insert(u"lines"_s, lines);
    json.insert(u"shipping"_s, order.shippingType);
    json.insert(u"shipmentMethodUid"_s, order.shipmentMethodUid);
    json.insert(u"amountUntaxed"_s, order.amountUntaxed);
    json.insert(u"amountTax"_s, order.amountTax);
    json.insert(u"amountShipping"_s, order.amountShipping);
    json.insert(
            u"gelato"_s,
            QJsonObject {
                    {u"orderId"_s, order.gelatoOrderId},
                    {u"orderReferenceId"_s, order.gelatoOrderReferenceId},
                    {u"isDraft"_s, order.isDraft},
                    {u"fulfillmentStatus"_s, order.gelatoFulfillmentStatus},
                    {u"financialStatus"_s, order.gelatoFinancialStatus},
                    {u"connectedOrders"_s, connected},
                    {u"deliveryEstimateMin"_s, date(order.deliveryEstimateMin)},
                    {u"deliveryEstimateMax"_s, date(order.deliveryEstimateMax)},
                    {u"cost"_s,
                     QJsonObject {
                             {u"currency"_s, order.gelatoCostCurrency},
                             {u"products"_s, costJson(order, order.gelatoCostProducts, "productsPrice")},
                             {u"shipping"_s, costJson(order, order.gelatoCostShipping, "shippingPrice")},
                             {u"packaging"_s, costJson(order, order.gelatoCostPackaging, "packagingPrice")},
                             {u"vat"_s, costJson(order, order.gelatoCostVat, "totalVat")},
                             {u"total"_s, costJson(order, order.gelatoCostTotal, "totalInclVat")}}},
                    {u"margin"_s, costJson(order, OrderService::margin(order), "totalInclVat")}});
    json.insert(u"packages"_s, packages);
    json.insert(u"timeline"_s, timeline);
    json.insert(u"companyCheck"_s,
                QJsonObject {{u"state"_s, companyState(companyCheck.state)},
                             {u"message"_s, companyCheck.message}});
    json.insert(u"updatedAt"_s, dateTime(order.updatedAt));
    return json;
}

QJsonObject ratesJson(const QList<ShippingRate> &rates)
{
    QJsonArray list;
    for (const ShippingRate &rate : rates)
        list.append(QJsonObject {{u"type"_s, rate.type},
                                 {u"price"_s, rate.price},
                                 {u"currency"_s, rate.currency},
                                 {u"shipmentMethodUid"_s, rate.shipmentMethodUid},
                                 {u"minDeliveryDate"_s, date(rate.minDeliveryDate)},
                                 {u"maxDeliveryDate"_s, date(rate.maxDeliveryDate)}});
    return QJsonObject {{u"rates"_s, list}};
}

void printList(const QList<SalesOrder> &orders)
{
    QList<QStringList> table {{tr("ID"), tr("REFERENCE"), tr("STATE"), tr("CUSTOMER"), tr("TOTAL"),
                               tr("GELATO ORDER"), tr("GELATO STATUS"), tr("POLEEPO"), tr("BRIDGE")}};
    for (const SalesOrder &order : orders)
        table.append({QString::number(order.id), order.reference, OrderState::displayName(order.state),
                      QString(order.customerFirstName + u' ' + order.customerLastName).trimmed(),
                      money(order.amountTotal, order.currency), dash(order.gelatoOrderId),
                      dash(order.gelatoFulfillmentStatus),
                      order.poleepoOrderId.isEmpty()
                              ? dash(QString())
                              : order.poleepoOrderId + u" ("_s + dash(order.poleepoStatus) + u')',
                      dash(bridgeState(order))});
    Output::table(table);
}

void printOrder(const SalesOrder &order, const CompanyCheck &companyCheck)
{
    Output::line(
            tr("Order %1: %2 (%3)").arg(order.id).arg(order.reference, OrderState::displayName(order.state)));
    Output::line(tr("Customer: %1 %2 <%3>")
                         .arg(order.customerFirstName, order.customerLastName, order.customerEmail));
    Output::line(tr("Ship to: %1").arg(addressLine(order.shippingAddress)));
    Output::line(tr("Total: %1 (shipping %2)")
                         .arg(money(order.amountTotal, order.currency),
                              money(order.amountShipping, order.currency)));
    Output::line(tr("Shipping: %1")
                         .arg(dash(order.shipmentMethodUid.isEmpty() ? order.shippingType
                                                                     : order.shipmentMethodUid)));
    QList<QStringList> lines {
            {tr("LINE"), tr("PRODUCT"), tr("SKU"), tr("QUANTITY"), tr("PRICE"), tr("GELATO ITEM")}};
    for (const OrderLine &line : order.lines)
        lines.append({QString::number(line.position + 1), line.productName, line.sku,
                      QString::number(line.quantity), QString::number(line.unitPrice, 'f', 2),
                      dash(line.gelatoItemStatus)});
    Output::table(lines);
    if (!order.gelatoOrderId.isEmpty()) {
        Output::line(tr("Gelato order: %1 (%2, %3)")
                             .arg(order.gelatoOrderId, dash(order.gelatoFulfillmentStatus),
                                  dash(order.gelatoFinancialStatus)));
        for (const GelatoConnectedOrder &other : order.connectedOrders)
            Output::line(tr("Connected Gelato order: %1 (%2)").arg(other.gelatoOrderId, dash(other.status)));
        // A line Gelato's receipts did not give is said to be unknown, not printed as 0.
        const auto cost = [&order](double amount, const QString &currency, const char *gelatoField) {
            return order.gelatoCostUnknown.contains(QLatin1StringView(gelatoField)) ? tr("unknown")
                                                                                    : money(amount, currency);
        };
        const QString currency = order.gelatoCostCurrency;
        Output::line(tr("Gelato cost: products %1, shipping %2, packaging %3, VAT %4, total %5; margin %6")
                             .arg(cost(order.gelatoCostProducts, currency, "productsPrice"),
                                  cost(order.gelatoCostShipping, currency, "shippingPrice"),
                                  cost(order.gelatoCostPackaging, currency, "packagingPrice"),
                                  cost(order.gelatoCostVat, currency, "totalVat"),
                                  cost(order.gelatoCostTotal, currency, "totalInclVat"),
                                  cost(OrderService::margin(order), order.currency, "totalInclVat")));
    }
    for (const OrderPackage &package : order.packages)
        Output::line(tr("Package %1: %2 %3")
                             .arg(package.packageId, dash(package.trackingCode), package.trackingUrl));
    if (companyCheck.state == CompanyCheck::State::Mismatch)
        Output::line(tr("Warning: %1").arg(companyCheck.message));
    for (const OrderEvent &event : order.events) {
        const QString change = event.newState.isEmpty()
                ? QString()
                : (event.oldState.isEmpty() ? QString() : OrderState::displayName(event.oldState) + u" → "_s)
                        + OrderState::displayName(event.newState);
        const QString when = event.at.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
        const QString message = MessageText::render(event.message);
        const QString what = change.isEmpty() || message.isEmpty() ? QString(change + message)
                                                                   : change + u": "_s + message;
        Output::line(when + u"  "_s + OrderEvent::sourceName(event.source) + u"  "_s + what);
    }
}

void printRates(const QList<ShippingRate> &rates)
{
    if (rates.isEmpty()) {
        Output::line(tr("Gelato offers no Standard or Express shipping for this order"));
        return;
    }
    QList<QStringList> table {{tr("TYPE"), tr("PRICE"), tr("DELIVERY"), tr("METHODS")}};
    for (const ShippingRate &rate : rates) {
        const QString from = rate.minDeliveryDate.date().toString(Qt::ISODate);
        const QString to = rate.maxDeliveryDate.date().toString(Qt::ISODate);
        table.append({rate.type == u"express"_s ? tr("Express") : tr("Standard"),
                      money(rate.price, rate.currency), from == to ? dash(from) : from + u" – "_s + to,
                      rate.shipmentMethodUid});
    }
    Output::table(table);
}

} // namespace Bottega::OrderPrinting
