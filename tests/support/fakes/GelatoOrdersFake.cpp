#include "tests/support/fakes/GelatoOrdersFake.h"

#include "tests/support/TestUtil.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSet>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Bottega::Test {

namespace {

const QStringList currencies {u"EUR"_s, u"USD"_s, u"JPY"_s, u"BGN"_s, u"CZK"_s, u"DKK"_s, u"GBP"_s,
                              u"HUF"_s, u"PLN"_s, u"RON"_s, u"SEK"_s, u"CHF"_s, u"ISK"_s, u"NOK"_s,
                              u"HRK"_s, u"RUB"_s, u"TRY"_s, u"AUD"_s, u"BRL"_s, u"CAD"_s, u"CNY"_s,
                              u"HKD"_s, u"IDR"_s, u"ILS"_s, u"INR"_s, u"KRW"_s, u"MXN"_s, u"MYR"_s,
                              u"NZD"_s, u"PHP"_s, u"SGD"_s, u"THB"_s, u"ZAR"_s, u"CLP"_s, u"AED"_s};
// Statuses from which Gelato refuses a cancel (409).
const QStringList uncancellable {u"printed"_s,   u"shipped"_s,  u"in_transit"_s,
                                 u"delivered"_s, u"returned"_s, u"canceled"_s};
constexpr double unitPrice = 12.5, shippingPrice = 4.95, packagingPrice = 1.0, vatRate = 0.22;

double cents(double value)
{
    return std::round(value * 100) / 100;
}

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

// The first problem of an address Gelato validates (field path, message), or empty.
std::pair<QString, QString> addressProblem(const QJsonObject &address, const QString &path)
{
    const QStringList required {u"firstName"_s, u"lastName"_s, u"addressLine1"_s,
                                u"city"_s,      u"country"_s,  u"email"_s};
    for (const QString &key : required) {
        if (address.value(key).toString().trimmed().isEmpty())
            return {path + u'.' + key, u"is required"_s};
    }
    const QStringList noPostCode {u"IE"_s, u"HK"_s, u"AE"_s, u"ZA"_s};
    if (!noPostCode.contains(address.value(u"country"_s).toString())
        && address.value(u"postCode"_s).toString().trimmed().isEmpty())
        return {path + u".postCode"_s, u"is required"_s};
    const QList<std::pair<QString, int>> limits {
            {u"firstName"_s, 25},    {u"lastName"_s, 25}, {u"companyName"_s, 60}, {u"addressLine1"_s, 35},
            {u"addressLine2"_s, 35}, {u"city"_s, 30},     {u"postCode"_s, 15},    {u"phone"_s, 25}};
    for (const auto &[key, limit] : limits) {
        if (address.value(key).toString().size() > limit)
            return {path + u'.' + key, u"must be at most %1 characters long"_s.arg(limit)};
    }
    return {};
}

// The first problem of a list of items/products (field path, message), or empty.
std::pair<QString, QString> itemsProblem(const QJsonValue &value, const QString &key)
{
    if (!value.isArray() || value.toArray().isEmpty())
        return {key, u"must contain at least one item"_s};
    QSet<QString> references;
    const QJsonArray items = value.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString path = key + u'[' + QString::number(i) + u']';
        const QJsonObject item = items.at(i).toObject();
        const QString reference = item.value(u"itemReferenceId"_s).toString();
        if (reference.isEmpty())
            return {path + u".itemReferenceId"_s, u"is required"_s};
        if (references.contains(reference))
            return {path + u".itemReferenceId"_s, u"must be unique within the order"_s};
        references.insert(reference);
        if (item.value(u"productUid"_s).toString().isEmpty())
            return {path + u".productUid"_s, u"is required"_s};
        const QJsonValue quantity = item.value(u"quantity"_s);
        if (!quantity.isDouble() || quantity.toDouble() != std::floor(quantity.toDouble()))
            return {path + u".quantity"_s, u"must be an integer"_s};
        if (quantity.toDouble() < 1)
            return {path + u".quantity"_s, u"must be at least 1"_s};
    }
    return {};
}

FakeResponse validationError(const std::pair<QString, QString> &problem)
{
    return GelatoOrdersFake::error(400, u"validation_error"_s, problem.first + u": "_s + problem.second);
}

} // namespace

GelatoOrdersFake::GelatoOrdersFake(FakeHttpServer &server, const QString &prefix)
    : m_server(server), m_prefix(prefix)
{
    m_billingEntity = QJsonDocument::fromJson(readTestData(u"gelato/order/order-split.json"_s))
                              .object()
                              .value(u"billingEntity"_s)
                              .toObject();
    auto bind = [this](FakeResponse (GelatoOrdersFake::*method)(const RecordedRequest &)) {
        return [this, method](const RecordedRequest &request) {
            return (this->*method)(request);
        };
    };
    server.on("POST", ordersPath(), bind(&GelatoOrdersFake::create));
    server.on("GET", ordersPath() + u"/*"_s, bind(&GelatoOrdersFake::get));
    server.on("PATCH", ordersPath() + u"/*"_s, bind(&GelatoOrdersFake::patch));
    server.on("DELETE", ordersPath() + u"/*"_s, bind(&GelatoOrdersFake::remove));
    server.on("POST", ordersPath() + u"/*"_s, bind(&GelatoOrdersFake::post));
    server.on("POST", searchPath(), bind(&GelatoOrdersFake::search));
    server.on("POST", quotePath(), bind(&GelatoOrdersFake::quote));
}

FakeResponse GelatoOrdersFake::error(int status, const QString &code, const QString &message)
{
    const QJsonObject body {{u"code"_s, code}, {u"message"_s, message}, {u"details"_s, QJsonArray()}};
    return FakeResponse::json(status, QJsonDocument(body));
}

QJsonObject GelatoOrdersFake::order(const QString &id) const
{
    const qsizetype index = indexOf(id);
    return index < 0 ? QJsonObject() : m_orders.at(index);
}

QList<QJsonObject> GelatoOrdersFake::ordersWithReference(const QString &orderReferenceId) const
{
    QList<QJsonObject> found;
    for (const QJsonObject &order : m_orders) {
        if (order.value(u"orderReferenceId"_s).toString() == orderReferenceId)
            found.append(order);
    }
    return found;
}

bool GelatoOrdersFake::setOrderStatus(const QString &id, const QString &status)
{
    const qsizetype index = indexOf(id);
    if (index < 0)
        return false;
    QJsonObject order = m_orders.at(index);
    order.insert(u"fulfillmentStatus"_s, status);
    order.insert(u"updatedAt"_s, now());
    if (status == u"canceled"_s)
        order.insert(u"financialStatus"_s, u"canceled"_s);
    QJsonArray items = order.value(u"items"_s).toArray();
    QJsonArray itemIds;
    for (qsizetype i = 0; i < items.size(); ++i) {
        QJsonObject item = items.at(i).toObject();
        item.insert(u"fulfillmentStatus"_s, status);
        itemIds.append(item.value(u"id"_s));
        items[i] = item;
    }
    order.insert(u"items"_s, items);
    const QStringList shippedOn {u"shipped"_s, u"in_transit"_s, u"delivered"_s, u"returned"_s};
    QJsonObject shipment = order.value(u"shipment"_s).toObject();
    if (shippedOn.contains(status) && shipment.value(u"packages"_s).toArray().isEmpty()) {
        const QString code = u"TRK"_s + QString::number(m_nextNumber++).rightJustified(8, u'0');
        shipment.insert(u"packages"_s,
                        QJsonArray {QJsonObject {
                                {u"id"_s, QString(id + u"-package-1"_s)},
                                {u"orderItemIds"_s, itemIds},
                                {u"trackingCode"_s, code},
                                {u"trackingUrl"_s, QString(u"https://track.example/"_s + code)},
                        }});
        order.insert(u"shipment"_s, shipment);
    }
    m_orders[index] = order;
    return true;
}

void GelatoOrdersFake::storeThenHangNextCreate()
{
    // A Delay fault runs the handler at once (the order is stored) and answers much later than
    // any client waits.
    m_server.addFault(ordersPath(), FakeFault::delay(10 * 60 * 1000));
}

void GelatoOrdersFake::refuseNext(const QString &path, int status, const QString &message)
{
    m_server.addFault(path, FakeFault::respond(error(status, u"refused"_s, message)));
}

void GelatoOrdersFake::htmlErrorNext(const QString &path)
{
    m_server.addFault(path, FakeFault::htmlError(502));
}

QString GelatoOrdersFake::idFromPath(const QString &path) const
{
    return path.mid(ordersPath().size() + 1);
}

qsizetype GelatoOrdersFake::indexOf(const QString &id) const
{
    for (qsizetype i = 0; i < m_orders.size(); ++i) {
        if (m_orders.at(i).value(u"id"_s).toString() == id)
            return i;
    }
    return -1;
}

QJsonObject GelatoOrdersFake::buildOrder(const QJsonObject &request, const QJsonArray &requestItems,
                                         const QString &id) const
{
    const bool draft = request.value(u"orderType"_s).toString() == u"draft"_s;
    const QString currency = request.value(u"currency"_s).toString();
    const QString shipmentId = id + u"-shipment"_s;
    QJsonArray items;
    double products = 0;
    for (qsizetype i = 0; i < requestItems.size(); ++i) {
        const QJsonObject in = requestItems.at(i).toObject();
        const double quantity = in.value(u"quantity"_s).toDouble();
        products += quantity * unitPrice;
        items.append(QJsonObject {
                {u"id"_s, QString(id + u"-item-"_s + QString::number(i + 1))},
                {u"itemReferenceId"_s, in.value(u"itemReferenceId"_s)},
                {u"productUid"_s, in.value(u"productUid"_s)},
                {u"files"_s, in.value(u"files"_s).toArray()},
                {u"quantity"_s, quantity},
                {u"fulfillmentStatus"_s, draft ? u"draft"_s : u"created"_s},
                {u"price"_s, unitPrice},
                {u"previews"_s, QJsonArray()},
        });
    }
    const double total = cents(products + shippingPrice + packagingPrice);
    const double vat = cents(total * vatRate);
    QJsonObject receipt {
            {u"id"_s, QString(id + u"-receipt"_s)},
            {u"orderId"_s, id},
            {u"transactionType"_s, u"purchase"_s},
            {u"currency"_s, currency},
            {u"items"_s, QJsonArray()},
            {u"productsPrice"_s, cents(products)},
            {u"shippingPrice"_s, shippingPrice},
            {u"packagingPrice"_s, packagingPrice},
            {u"totalVat"_s, vat},
            {u"total"_s, total},
            {u"totalInclVat"_s, cents(total + vat)},
    };
    for (const QString &field : m_omittedReceiptFields)
        receipt.remove(field);
    const QString method = request.value(u"shipmentMethodUid"_s).toString();
    const QString stamp = now();
    return QJsonObject {
            {u"id"_s, id},
            {u"orderType"_s, draft ? u"draft"_s : u"order"_s},
            {u"orderReferenceId"_s, request.value(u"orderReferenceId"_s)},
            {u"customerReferenceId"_s, request.value(u"customerReferenceId"_s)},
            {u"fulfillmentStatus"_s, draft ? u"draft"_s : u"created"_s},
            {u"financialStatus"_s, draft ? u"draft"_s : u"pending"_s},
            {u"currency"_s, currency},
            {u"channel"_s, u"api"_s},
            {u"storeId"_s, QJsonValue::Null},
            {u"createdAt"_s, stamp},
            {u"updatedAt"_s, stamp},
            {u"orderedAt"_s, stamp},
            {u"items"_s, items},
            {u"shipment"_s,
             QJsonObject {
                     {u"id"_s, shipmentId},
                     {u"shipmentMethodName"_s, method == u"express"_s ? u"DHL Express"_s : u"DHL Parcel"_s},
                     {u"shipmentMethodUid"_s, method.isEmpty() ? u"dhl_parcel"_s : method},
                     {u"minDeliveryDate"_s, u"2026-12-03"_s},
                     {u"maxDeliveryDate"_s, u"2026-12-07"_s},
                     {u"packages"_s, QJsonArray()}}},
            {u"billingEntity"_s, m_billingEntity},
            {u"shippingAddress"_s, request.value(u"shippingAddress"_s)},
            {u"receipts"_s, QJsonArray {receipt}},
            {u"connectedOrderIds"_s, QJsonArray()},
    };
}

FakeResponse GelatoOrdersFake::create(const RecordedRequest &request)
{
    const QJsonDocument document = request.json();
    if (!document.isObject())
        return error(400, u"invalid_request"_s, u"The request body is not valid JSON"_s);
    const QJsonObject body = document.object();
    const QString type = body.value(u"orderType"_s).toString(u"order"_s);
    if (type != u"order"_s && type != u"draft"_s)
        return validationError({u"orderType"_s, u"must be \"order\" or \"draft\""_s});
    for (const QString &key : {u"orderReferenceId"_s, u"customerReferenceId"_s, u"currency"_s}) {
        if (body.value(key).toString().isEmpty())
            return validationError({key, u"is required"_s});
    }
    if (!currencies.contains(body.value(u"currency"_s).toString()))
        return validationError({u"currency"_s, u"is not a supported currency"_s});
    if (auto problem = itemsProblem(body.value(u"items"_s), u"items"_s); !problem.first.isEmpty())
        return validationError(problem);
    if (!body.value(u"shippingAddress"_s).isObject())
        return validationError({u"shippingAddress"_s, u"is required"_s});
    if (auto problem = addressProblem(body.value(u"shippingAddress"_s).toObject(), u"shippingAddress"_s);
        !problem.first.isEmpty())
        return validationError(problem);

    // Split: the items spread round-robin over the parts; every part lists all parts.
    const QJsonArray items = body.value(u"items"_s).toArray();
    const int parts = int(qMin<qsizetype>(m_splitParts, items.size()));
    QList<QJsonArray> partItems(parts);
    for (qsizetype i = 0; i < items.size(); ++i)
        partItems[i % parts].append(items.at(i));
    QJsonArray ids;
    for (int part = 0; part < parts; ++part)
        ids.append(u"00000000-0000-4000-8000-%1"_s.arg(m_nextNumber++, 12, 10, QChar(u'0')));
    for (int part = 0; part < parts; ++part) {
        QJsonObject order = buildOrder(body, partItems.at(part), ids.at(part).toString());
        if (parts > 1)
            order.insert(u"connectedOrderIds"_s, ids);
        m_orders.append(order);
    }
    return FakeResponse::json(200, QJsonDocument(order(ids.at(0).toString())));
}

FakeResponse GelatoOrdersFake::get(const RecordedRequest &request)
{
    const QJsonObject found = order(idFromPath(request.path));
    if (found.isEmpty())
        return error(404, u"not_found"_s, u"Order not found"_s);
    return FakeResponse::json(200, QJsonDocument(found));
}

FakeResponse GelatoOrdersFake::search(const RecordedRequest &request)
{
    const QJsonObject body = request.json().object();
    const QString text = body.value(u"search"_s).toString();
    QStringList references;
    for (const QJsonValue &value : body.value(u"orderReferenceIds"_s).toArray())
        references.append(value.toString());
    if (body.value(u"orderReferenceId"_s).isString())
        references.append(body.value(u"orderReferenceId"_s).toString());
    QStringList types, statuses, ids;
    for (const QJsonValue &value : body.value(u"orderTypes"_s).toArray())
        types.append(value.toString());
    for (const QJsonValue &value : body.value(u"fulfillmentStatuses"_s).toArray())
        statuses.append(value.toString());
    for (const QJsonValue &value : body.value(u"ids"_s).toArray())
        ids.append(value.toString());
    const int limit = body.value(u"limit"_s).toInt(50);
    const int offset = body.value(u"offset"_s).toInt(0);

    QJsonArray found;
    int skipped = 0;
    for (const QJsonObject &order : m_orders) {
        const QJsonObject address = order.value(u"shippingAddress"_s).toObject();
        const QString reference = order.value(u"orderReferenceId"_s).toString();
        // Gelato's `search`: a substring of the reference or of the recipient's names.
        const bool textMatches = text.isEmpty() || reference.contains(text, Qt::CaseInsensitive)
                || address.value(u"firstName"_s).toString().contains(text, Qt::CaseInsensitive)
                || address.value(u"lastName"_s).toString().contains(text, Qt::CaseInsensitive);
        if (!textMatches || (!references.isEmpty() && !references.contains(reference))
            || (!types.isEmpty() && !types.contains(order.value(u"orderType"_s).toString()))
            || (!statuses.isEmpty() && !statuses.contains(order.value(u"fulfillmentStatus"_s).toString()))
            || (!ids.isEmpty() && !ids.contains(order.value(u"id"_s).toString())))
            continue;
        if (skipped++ < offset)
            continue;
        if (found.size() >= limit)
            break;
        const QJsonArray receipts = order.value(u"receipts"_s).toArray();
        found.append(QJsonObject {
                {u"id"_s, order.value(u"id"_s)},
                {u"orderType"_s, order.value(u"orderType"_s)},
                {u"orderReferenceId"_s, reference},
                {u"customerReferenceId"_s, order.value(u"customerReferenceId"_s)},
                {u"fulfillmentStatus"_s, order.value(u"fulfillmentStatus"_s)},
                {u"financialStatus"_s, order.value(u"financialStatus"_s)},
                {u"currency"_s, order.value(u"currency"_s)},
                {u"channel"_s, order.value(u"channel"_s)},
                {u"country"_s, address.value(u"country"_s)},
                {u"firstName"_s, address.value(u"firstName"_s)},
                {u"lastName"_s, address.value(u"lastName"_s)},
                {u"itemsCount"_s, order.value(u"items"_s).toArray().size()},
                {u"connectedOrderIds"_s, order.value(u"connectedOrderIds"_s)},
                {u"createdAt"_s, order.value(u"createdAt"_s)},
                {u"updatedAt"_s, order.value(u"updatedAt"_s)},
                {u"orderedAt"_s, order.value(u"orderedAt"_s)},
                {u"totalInclVat"_s,
                 QString::number(receipts.at(0).toObject().value(u"totalInclVat"_s).toDouble(), 'f', 2)},
        });
    }
    return FakeResponse::json(200, QJsonDocument(QJsonObject {{u"orders"_s, found}}));
}

FakeResponse GelatoOrdersFake::patch(const RecordedRequest &request)
{
    const qsizetype index = indexOf(idFromPath(request.path));
    if (index < 0)
        return error(404, u"not_found"_s, u"Order not found"_s);
    if (request.json().object().value(u"orderType"_s).toString() != u"order"_s)
        return validationError({u"orderType"_s, u"must be \"order\""_s});
    if (m_orders.at(index).value(u"orderType"_s).toString() != u"draft"_s)
        return error(409, u"conflict"_s, u"Only draft orders can be patched"_s);
    // A draft request that was split becomes orders together: its connected drafts too.
    QStringList ids {m_orders.at(index).value(u"id"_s).toString()};
    for (const QJsonValue &connected : m_orders.at(index).value(u"connectedOrderIds"_s).toArray())
        ids.append(connected.toString());
    for (const QString &id : std::as_const(ids)) {
        const qsizetype at = indexOf(id);
        if (at < 0 || m_orders.at(at).value(u"orderType"_s).toString() != u"draft"_s)
            continue;
        QJsonObject order = m_orders.at(at);
        order.insert(u"orderType"_s, u"order"_s);
        order.insert(u"financialStatus"_s, u"pending"_s);
        m_orders[at] = order;
        setOrderStatus(id, u"created"_s);
    }
    return FakeResponse::json(200, QJsonDocument(m_orders.at(index)));
}

FakeResponse GelatoOrdersFake::remove(const RecordedRequest &request)
{
    const QString id = idFromPath(request.path);
    const qsizetype index = indexOf(id);
    if (index < 0)
        return error(404, u"not_found"_s, u"Order not found"_s);
    if (m_orders.at(index).value(u"orderType"_s).toString() != u"draft"_s)
        return error(409, u"conflict"_s, u"Only draft orders can be deleted"_s);
    const QJsonArray connected = m_orders.at(index).value(u"connectedOrderIds"_s).toArray();
    m_orders.removeAt(index);
    for (const QJsonValue &other : connected) {
        const qsizetype at = indexOf(other.toString());
        if (at >= 0 && m_orders.at(at).value(u"orderType"_s).toString() == u"draft"_s)
            m_orders.removeAt(at);
    }
    return FakeResponse::empty(204);
}

FakeResponse GelatoOrdersFake::post(const RecordedRequest &request)
{
    if (!request.path.endsWith(u":cancel"_s))
        return error(404, u"not_found"_s, u"Not found"_s);
    const QString id = idFromPath(request.path).chopped(QStringLiteral(":cancel").size());
    const qsizetype index = indexOf(id);
    if (index < 0)
        return error(404, u"not_found"_s, u"Order not found"_s);
    const QString status = m_orders.at(index).value(u"fulfillmentStatus"_s).toString();
    if (uncancellable.contains(status))
        return error(
                409, u"conflict"_s,
                u"The order cannot be canceled, because at least one of the items is in '%1' status"_s.arg(
                        status));
    setOrderStatus(id, u"canceled"_s);
    return FakeResponse::json(200, QByteArray("{}"));
}

FakeResponse GelatoOrdersFake::quote(const RecordedRequest &request)
{
    const QJsonDocument document = request.json();
    if (!document.isObject())
        return error(400, u"invalid_request"_s, u"The request body is not valid JSON"_s);
    const QJsonObject body = document.object();
    for (const QString &key : {u"orderReferenceId"_s, u"customerReferenceId"_s, u"currency"_s}) {
        if (body.value(key).toString().isEmpty())
            return validationError({key, u"is required"_s});
    }
    if (!currencies.contains(body.value(u"currency"_s).toString()))
        return validationError({u"currency"_s, u"is not a supported currency"_s});
    if (!body.value(u"recipient"_s).isObject())
        return validationError({u"recipient"_s, u"is required"_s});
    if (auto problem = addressProblem(body.value(u"recipient"_s).toObject(), u"recipient"_s);
        !problem.first.isEmpty())
        return validationError(problem);
    if (auto problem = itemsProblem(body.value(u"products"_s), u"products"_s); !problem.first.isEmpty())
        return validationError(problem);

    QJsonArray quotes = m_quotes;
    if (quotes.isEmpty()) {
        const QString currency = body.value(u"currency"_s).toString();
        QJsonArray references, products;
        for (const QJsonValue &value : body.value(u"products"_s).toArray()) {
            const QJsonObject product = value.toObject();
            references.append(product.value(u"itemReferenceId"_s));
            products.append(QJsonObject {{u"itemReferenceId"_s, product.value(u"itemReferenceId"_s)},
                                         {u"productUid"_s, product.value(u"productUid"_s)},
                                         {u"quantity"_s, product.value(u"quantity"_s)},
                                         {u"price"_s, unitPrice * product.value(u"quantity"_s).toDouble()},
                                         {u"currency"_s, currency}});
        }
        auto method = [&currency](const QString &name, const QString &uid, const QString &type, double price,
                                  const QString &min, const QString &max) {
            return QJsonObject {{u"name"_s, name},           {u"shipmentMethodUid"_s, uid},
                                {u"price"_s, price},         {u"currency"_s, currency},
                                {u"minDeliveryDate"_s, min}, {u"maxDeliveryDate"_s, max},
                                {u"type"_s, type},           {u"isPrivate"_s, true},
                                {u"isBusiness"_s, true},     {u"totalWeight"_s, 613}};
        };
        quotes.append(QJsonObject {
                {u"id"_s, u"quote-1"_s},
                {u"itemReferenceIds"_s, references},
                {u"fulfillmentCountry"_s, u"IT"_s},
                {u"shipmentMethods"_s,
                 QJsonArray {method(u"DHL Parcel"_s, u"dhl_parcel"_s, u"normal"_s, 5.0, u"2026-12-03"_s,
                                    u"2026-12-07"_s),
                             method(u"DHL Express"_s, u"dhl_express"_s, u"express"_s, 20.0, u"2026-12-01"_s,
                                    u"2026-12-02"_s)}},
                {u"products"_s, products},
        });
    }
    return FakeResponse::json(
            200,
            QJsonDocument(QJsonObject {{u"orderReferenceId"_s, body.value(u"orderReferenceId"_s)},
                                       {u"quotes"_s, quotes}}));
}

} // namespace Bottega::Test
