#include "tests/support/fakes/PoleepoFake.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QUuid>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega::Test {

namespace {

QString idAfter(const QString &path, const QString &prefix, const QString &suffix = QString())
{
    QString id = path.mid(prefix.size());
    if (!suffix.isEmpty() && id.endsWith(suffix))
        id.chop(suffix.size());
    return id;
}

QJsonObject fieldError(const QString &field, const QString &message)
{
    return QJsonObject {{u"field"_s, field}, {u"message"_s, message}};
}

} // namespace

PoleepoFake::PoleepoFake(QObject *parent) : FakeHttpServer(parent)
{
    m_carriers = {QJsonObject {{u"id"_s, u"BRT"_s}, {u"name"_s, u"BRT"_s}},
                  QJsonObject {{u"id"_s, u"GLS"_s}, {u"name"_s, u"GLS Italy"_s}}};
    m_packageTypes = {QJsonObject {{u"id"_s, u"PT1"_s},
                                   {u"name"_s, u"Busta"_s},
                                   {u"weight"_s, 0.3},
                                   {u"width"_s, 25},
                                   {u"height"_s, 2},
                                   {u"depth"_s, 35}},
                      QJsonObject {{u"id"_s, u"PT2"_s}, {u"name"_s, u"Scatola media"_s}}};
    m_pickupAddresses = {QJsonObject {{u"id"_s, u"PA1"_s},
                                      {u"name"_s, u"Magazzino"_s},
                                      {u"address"_s, u"Via Roma 1"_s},
                                      {u"city"_s, u"Bologna"_s},
                                      {u"postcode"_s, u"40121"_s},
                                      {u"country_iso"_s, u"IT"_s}}};

    auto bind = [this](FakeResponse (PoleepoFake::*method)(const RecordedRequest &)) {
        return [this, method](const RecordedRequest &request) {
            return (this->*method)(request);
        };
    };
    on("POST", u"/oauth/access_token"_s, bind(&PoleepoFake::issueToken));
    on("GET", u"/orders"_s, bind(&PoleepoFake::listOrders));
    on("GET", u"/orders/*"_s, bind(&PoleepoFake::getOrder));
    on("PUT", u"/orders/*"_s, bind(&PoleepoFake::putOrder));
    on("GET", u"/shippings/*"_s, bind(&PoleepoFake::getShipping));
    on("PUT", u"/shippings/*"_s, bind(&PoleepoFake::putShipping));
    on("POST", u"/shippings/*"_s, bind(&PoleepoFake::postShipping));
    on("POST", u"/shippings"_s, bind(&PoleepoFake::createShipping));
    on("GET", u"/carriers"_s, [this](const RecordedRequest &) { return data(200, m_carriers); });
    on("GET", u"/package-types"_s, [this](const RecordedRequest &) { return data(200, m_packageTypes); });
    on("GET", u"/pickup-addresses"_s,
       [this](const RecordedRequest &) { return data(200, m_pickupAddresses); });
}

PoleepoFake::~PoleepoFake() = default;

void PoleepoFake::setCredentials(const QString &id, const QString &secret)
{
    m_clientId = id;
    m_clientSecret = secret;
}

QDateTime PoleepoFake::now() const
{
    return QDateTime::currentDateTimeUtc().addSecs(m_offsetSeconds);
}

FakeResponse PoleepoFake::error(int status, const QString &code, const QString &message,
                                const QJsonArray &errors)
{
    QJsonObject body {{u"success"_s, false}, {u"message"_s, message}, {u"code"_s, code}};
    if (!errors.isEmpty())
        body.insert(u"errors"_s, errors);
    return FakeResponse::json(status, QJsonDocument(body));
}

FakeResponse PoleepoFake::data(int status, const QJsonValue &data)
{
    return FakeResponse::json(status, QJsonDocument(QJsonObject {{u"data"_s, data}}));
}

FakeResponse PoleepoFake::answer(const RecordedRequest &request)
{
    if (request.path == u"/oauth/access_token"_s)
        return FakeHttpServer::answer(request);
    const QByteArray authorization = request.header("Authorization");
    const QString token = QString::fromUtf8(authorization.mid(7));
    if (!authorization.startsWith("Bearer ") || !m_tokens.contains(token))
        return error(401, u"UNAUTHORIZED"_s, u"Invalid or missing access token"_s);
    if (m_tokens.value(token) <= now())
        return error(401, u"UNAUTHORIZED"_s, u"The access token has expired"_s);
    return FakeHttpServer::answer(request);
}

FakeResponse PoleepoFake::issueToken(const RecordedRequest &request)
{
    const QJsonObject body = request.json().object();
    QJsonArray missing;
    for (const QString &field : {u"client_id"_s, u"client_secret"_s, u"grant"_s}) {
        if (body.value(field).toString().isEmpty())
            missing.append(fieldError(field, u"is required"_s));
    }
    if (!missing.isEmpty())
        return error(422, u"VALIDATION_ERROR"_s, u"The given data was invalid."_s, missing);
    if (body.value(u"grant"_s).toString() != u"client_credentials"_s)
        return error(422, u"VALIDATION_ERROR"_s, u"The given data was invalid."_s,
                     {fieldError(u"grant"_s, u"must be client_credentials"_s)});
    if (body.value(u"client_id"_s).toString() != m_clientId
        || body.value(u"client_secret"_s).toString() != m_clientSecret)
        return error(401, u"UNAUTHORIZED"_s, u"Invalid client credentials"_s);
    if (!m_keyEnabled)
        return error(403, u"FORBIDDEN"_s, u"The API key is not enabled"_s);
    m_lastToken = u"tok-"_s + QUuid::createUuid().toString(QUuid::Id128);
    m_tokens.insert(m_lastToken, now().addSecs(m_tokenDuration));
    ++m_tokensIssued;
    return data(200, QJsonObject {{u"access_token"_s, m_lastToken}, {u"duration"_s, m_tokenDuration}});
}

QJsonObject PoleepoFake::sampleOrder(const QString &id, const QString &status)
{
    return QJsonObject {
            {u"id"_s, id},
            {u"reference_id"_s, QString(u"AMZ-"_s + id)},
            {u"source_id"_s, u"amazon-it"_s},
            {u"status"_s, status},
            {u"customer"_s, QJsonObject {{u"firstname"_s, u"Maria"_s}, {u"lastname"_s, u"Rossi"_s}}},
            {u"delivery_address"_s,
             QJsonObject {{u"name"_s, u"Maria"_s},
                          {u"surname"_s, u"Rossi"_s},
                          {u"address"_s, u"Via Po 12"_s},
                          {u"postcode"_s, u"10123"_s},
                          {u"city"_s, u"Torino"_s},
                          {u"state_iso"_s, u"TO"_s},
                          {u"country_iso"_s, u"IT"_s}}},
            {u"total_price"_s, 24.9},
            {u"currency"_s, u"EUR"_s},
            {u"order_date"_s, u"2026-11-30T09:15:00Z"_s},
            {u"shippings"_s, QJsonArray()},
            {u"rows"_s,
             QJsonArray {QJsonObject {{u"sku"_s, u"TEE-M-RED"_s},
                                      {u"title"_s, u"Tee M Red"_s},
                                      {u"quantity"_s, 1},
                                      {u"price"_s, 24.9}}}},
    };
}

void PoleepoFake::addOrder(const QJsonObject &order, const QDateTime &updatedAt)
{
    const QString id = order.value(u"id"_s).toVariant().toString();
    m_orders.insert(id, order);
    m_orderUpdatedAt.insert(id, updatedAt.isValid() ? updatedAt : now());
}

void PoleepoFake::addOrders(int count, const QDateTime &from)
{
    for (int i = 1; i <= count; ++i)
        addOrder(sampleOrder(u"O%1"_s.arg(i)), from.addSecs(60 * (i - 1)));
}

FakeResponse PoleepoFake::listOrders(const RecordedRequest &request)
{
    const QUrlQuery &query = request.query;
    const int offset = query.queryItemValue(u"offset"_s).toInt();
    const int max = query.hasQueryItem(u"max"_s) ? query.queryItemValue(u"max"_s).toInt() : 50;
    if (max < 1 || max > 100)
        return error(422, u"VALIDATION_ERROR"_s, u"The given data was invalid."_s,
                     {fieldError(u"max"_s, u"must be between 1 and 100"_s)});
    QDateTime after;
    if (query.hasQueryItem(u"updated_after"_s)) {
        // UTC RFC 3339 without fractions: 2026-12-01T10:00:00Z.
        const QString text = query.queryItemValue(u"updated_after"_s, QUrl::FullyDecoded);
        after = QDateTime::fromString(text, Qt::ISODate);
        if (!after.isValid() || !text.endsWith(u'Z') || text.contains(u'.'))
            return error(422, u"VALIDATION_ERROR"_s, u"The given data was invalid."_s,
                         {fieldError(u"updated_after"_s, u"must be a UTC date and time (RFC 3339)"_s)});
    }
    QStringList ids;
    for (auto it = m_orderUpdatedAt.cbegin(); it != m_orderUpdatedAt.cend(); ++it) {
        if (!after.isValid() || it.value() > after)
            ids.append(it.key());
    }
    std::sort(ids.begin(), ids.end(), [this](const QString &a, const QString &b) {
        const QDateTime ta = m_orderUpdatedAt.value(a), tb = m_orderUpdatedAt.value(b);
        return ta == tb ? a < b : ta < tb;
    });
    QJsonArray page;
    for (qsizetype i = offset; i < ids.size() && page.size() < max; ++i)
        page.append(m_orders.value(ids.at(i)));
    return FakeResponse::json(200,
                              QJsonDocument(QJsonObject {{u"data"_s, page}, {u"total"_s, int(ids.size())}}));
}

FakeResponse PoleepoFake::getOrder(const RecordedRequest &request)
{
    const QString id = idAfter(request.path, u"/orders/"_s);
    if (!m_orders.contains(id))
        return error(404, u"NOT_FOUND"_s, u"Order not found"_s);
    return data(200, m_orders.value(id));
}

FakeResponse PoleepoFake::putOrder(const RecordedRequest &request)
{
    if (!request.path.endsWith(u"/status"_s))
        return error(404, u"NOT_FOUND"_s, u"Not found"_s);
    const QString id = idAfter(request.path, u"/orders/"_s, u"/status"_s);
    if (!m_orders.contains(id))
        return error(404, u"NOT_FOUND"_s, u"Order not found"_s);
    const QString status = request.json().object().value(u"status"_s).toString();
    if (status.isEmpty())
        return error(422, u"VALIDATION_ERROR"_s, u"The given data was invalid."_s,
                     {fieldError(u"status"_s, u"is required"_s)});
    m_orders[id].insert(u"status"_s, status);
    m_orderUpdatedAt.insert(id, now());
    return data(200, m_orders.value(id));
}

void PoleepoFake::addShipping(const QJsonObject &shipping)
{
    m_shippings.insert(shipping.value(u"id"_s).toVariant().toString(), shipping);
}

FakeResponse PoleepoFake::getShipping(const RecordedRequest &request)
{
    const bool label = request.path.endsWith(u"/label"_s);
    const QString id = idAfter(request.path, u"/shippings/"_s, label ? u"/label"_s : QString());
    if (!m_shippings.contains(id))
        return error(404, u"NOT_FOUND"_s, u"Shipping not found"_s);
    if (!label)
        return data(200, m_shippings.value(id));
    FakeResponse pdf;
    pdf.contentType = "application/pdf";
    pdf.body = "%PDF-1.4\n% fake label for shipping " + id.toUtf8() + "\n%%EOF\n";
    return pdf;
}

FakeResponse PoleepoFake::putShipping(const RecordedRequest &request)
{
    const QString id = idAfter(request.path, u"/shippings/"_s);
    if (!m_shippings.contains(id))
        return error(404, u"NOT_FOUND"_s, u"Shipping not found"_s);
    const QJsonObject body = request.json().object();
    if (body.value(u"tracking_code"_s).toString().isEmpty())
        return error(422, u"VALIDATION_ERROR"_s, u"The given data was invalid."_s,
                     {fieldError(u"tracking_code"_s, u"is required"_s)});
    QJsonObject &shipping = m_shippings[id];
    shipping.insert(u"tracking_code"_s, body.value(u"tracking_code"_s));
    if (body.contains(u"carrier"_s))
        shipping.insert(u"carrier"_s, body.value(u"carrier"_s));
    return data(200, shipping);
}

FakeResponse PoleepoFake::postShipping(const RecordedRequest &request)
{
    const QString id = idAfter(request.path, u"/shippings/"_s, u"/delivered-to-carrier"_s);
    if (!request.path.endsWith(u"/delivered-to-carrier"_s))
        return error(404, u"NOT_FOUND"_s, u"Not found"_s);
    if (!m_shippings.contains(id))
        return error(404, u"NOT_FOUND"_s, u"Shipping not found"_s);
    m_delivered.insert(id);
    // Poleepo sets the order to "Shipped" once the parcel is handed to the carrier.
    const QString orderId = m_shippings.value(id).value(u"order_id"_s).toString();
    if (m_orders.contains(orderId)) {
        m_orders[orderId].insert(u"status"_s, u"Shipped"_s);
        m_orderUpdatedAt.insert(orderId, now());
    }
    m_shippings[id].insert(u"status"_s, u"Delivered to carrier"_s);
    return data(200, m_shippings.value(id));
}

bool PoleepoFake::listHas(const QJsonArray &list, const QString &id)
{
    return std::any_of(list.begin(), list.end(), [&id](const QJsonValue &entry) {
        return entry.toObject().value(u"id"_s).toVariant().toString() == id;
    });
}

FakeResponse PoleepoFake::createShipping(const RecordedRequest &request)
{
    const QJsonObject body = request.json().object();
    QJsonArray errors;
    if (!m_orders.contains(body.value(u"order_id"_s).toVariant().toString()))
        errors.append(fieldError(u"order_id"_s, u"unknown order"_s));
    if (!listHas(m_carriers, body.value(u"carrier_id"_s).toString()))
        errors.append(fieldError(u"carrier_id"_s, u"unknown carrier"_s));
    if (!listHas(m_pickupAddresses, body.value(u"pickup_address_id"_s).toString()))
        errors.append(fieldError(u"pickup_address_id"_s, u"unknown pickup address"_s));
    const QJsonArray parcels = body.value(u"parcels"_s).toArray();
    if (parcels.isEmpty())
        errors.append(fieldError(u"parcels"_s, u"at least one parcel is required"_s));
    for (qsizetype i = 0; i < parcels.size(); ++i) {
        if (!listHas(m_packageTypes, parcels.at(i).toObject().value(u"package_type_id"_s).toString()))
            errors.append(fieldError(u"parcels[%1].package_type_id"_s.arg(i), u"unknown package type"_s));
    }
    if (!errors.isEmpty())
        return error(422, u"VALIDATION_ERROR"_s, u"The given data was invalid."_s, errors);

    const QString id = u"S%1"_s.arg(m_nextShipping++);
    const QString orderId = body.value(u"order_id"_s).toVariant().toString();
    const QJsonObject shipping {{u"id"_s, id},
                                {u"order_id"_s, orderId},
                                {u"carrier"_s, body.value(u"carrier_id"_s)},
                                {u"parcel_id"_s, QString(u"P-"_s + id)},
                                {u"tracking_code"_s, QString(u"TRK"_s + id)},
                                {u"reference"_s, orderId},
                                {u"creation_date"_s, now().toString(Qt::ISODate)}};
    m_shippings.insert(id, shipping);
    QJsonArray shippings = m_orders.value(orderId).value(u"shippings"_s).toArray();
    shippings.append(QJsonObject {{u"id"_s, id}});
    m_orders[orderId].insert(u"shippings"_s, shippings);
    return data(201,
                QJsonObject {{u"id"_s, id},
                             {u"parcel_id"_s, shipping.value(u"parcel_id"_s)},
                             {u"tracking_code"_s, shipping.value(u"tracking_code"_s)}});
}

QByteArray PoleepoFake::statusOrderBody(const QString &orderId, const QString &status,
                                        const QString &deliveryId)
{
    const QJsonObject body {{u"id"_s, deliveryId},
                            {u"event"_s, u"STATUS_ORDER"_s},
                            {u"timestamp"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                            {u"data"_s, QJsonObject {{u"order_id"_s, orderId}, {u"status"_s, status}}}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray PoleepoFake::statusShipmentBody(const QString &shippingId, const QString &status,
                                           const QString &deliveryId)
{
    const QJsonObject body {{u"id"_s, deliveryId},
                            {u"event"_s, u"STATUS_SHIPMENT"_s},
                            {u"timestamp"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                            {u"data"_s, QJsonObject {{u"shipping_id"_s, shippingId}, {u"status"_s, status}}}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray PoleepoFake::signature(const QByteArray &body, const QByteArray &secret)
{
    return QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

PoleepoFake::WebhookCall PoleepoFake::signedWebhook(const QByteArray &body, const QByteArray &secret)
{
    return WebhookCall {body, signature(body, secret)};
}

HttpRequest PoleepoFake::WebhookCall::request(const QUrl &url) const
{
    HttpRequest request;
    request.service = u"poleepo-webhook-test"_s;
    request.method = "POST";
    request.url = url;
    request.headers.append(HttpHeader("Content-Type", "application/json"));
    request.headers.append(HttpHeader("X-Poleepo-Signature", signature));
    request.body = body;
    request.maxAttempts = 1;
    return request;
}

} // namespace Bottega::Test
