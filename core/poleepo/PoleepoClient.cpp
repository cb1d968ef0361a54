#include "core/poleepo/PoleepoClient.h"

#include "core/poleepo/PoleepoApi.h"
#include "core/poleepo/PoleepoParsers.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace Api = PoleepoApi;
using Call = PoleepoSession::Call;

namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// The common answer handling: a failed call's text ("Poleepo has no <what> …" for a 404 when
// `notFound` is given), or the parser's result.
template<typename T, typename Parse>
std::function<void(const HttpResponse &)> parsed(PoleepoClient::Callback<T> done, Parse parse,
                                                 const QString &notFound = QString())
{
    return [done = std::move(done), parse, notFound](const HttpResponse &response) {
        if (response.status == 404 && !notFound.isEmpty())
            return done(makeError(notFound));
        if (!response.ok())
            return done(makeError(PoleepoClient::errorText(response)));
        done(parse(response.body));
    };
}

std::function<void(const HttpResponse &)> acknowledged(PoleepoClient::Callback<void> done,
                                                       const QString &notFound = QString())
{
    return [done = std::move(done), notFound](const HttpResponse &response) {
        if (response.status == 404 && !notFound.isEmpty())
            return done(makeError(notFound));
        if (!response.ok())
            return done(makeError(PoleepoClient::errorText(response)));
        done(Result<void>());
    };
}

QString noOrder(const QString &id)
{
    return QCoreApplication::translate("Bottega::PoleepoClient", "Poleepo has no order \"%1\"").arg(id);
}

QString noShipping(const QString &id)
{
    return QCoreApplication::translate("Bottega::PoleepoClient", "Poleepo has no shipping \"%1\"").arg(id);
}

} // namespace

PoleepoClient::PoleepoClient(HttpClient &http, Settings &settings, SecretStore &secrets, const Clock *clock,
                             QObject *parent)
    : QObject(parent), m_session(http, settings, secrets, clock)
{
}

PoleepoClient::~PoleepoClient() = default;

void PoleepoClient::setTimeoutMs(int ms)
{
    m_session.setTimeoutMs(ms);
}

void PoleepoClient::forgetToken()
{
    m_session.forgetToken();
}

QString PoleepoClient::errorText(const HttpResponse &response)
{
    if (response.status == 401)
        return tr("Poleepo refused the credentials");
    const QString message
            = response.looksLikeHtml() ? QString() : PoleepoParsers::errorMessage(response.body);
    if (response.status == 403)
        return message.isEmpty()
                ? tr("Poleepo refused the call: the API key lacks the permission for it")
                : tr("Poleepo refused the call: the API key lacks the permission for it (%1)").arg(message);
    // A 429 keeps HttpClient's text: it says how long Poleepo asked to wait.
    if (response.status >= 400 && response.status < 500 && response.status != 429 && !message.isEmpty())
        return tr("Poleepo refused the request: %1").arg(message);
    return response.error;
}

void PoleepoClient::testConnection(QObject *context, Callback<void> done)
{
    const auto call = Call::get(Api::productsPath + u"?"_s + Api::maxParameter + u"=1"_s);
    m_session.send(call, context, [done](const HttpResponse &response) {
        if (response.ok())
            return done(Result<void>());
        if (response.status == 0 && response.attempts > 0) // no answer at all
            return done(makeError(tr("cannot reach Poleepo: %1").arg(response.error)));
        done(makeError(errorText(response)));
    });
}

void PoleepoClient::submitBatch(const QJsonArray &entries, QObject *context,
                                Callback<PoleepoBatchSubmission> done)
{
    QJsonObject body;
    body.insert(Api::productsField, entries);
    Call call = Call::with("POST", Api::productBatchPath, compact(body));
    call.retryable = false;
    m_session.send(call, context,
                   parsed<PoleepoBatchSubmission>(std::move(done), &PoleepoParsers::parseBatchSubmission));
}

void PoleepoClient::batchStatus(const QString &batchId, QObject *context, Callback<PoleepoBatchStatus> done)
{
    batchStatus(batchId, context,
                BatchStatusCallback([done = std::move(done)](Result<PoleepoBatchStatus> result, int) {
                    done(std::move(result));
                }));
}

void PoleepoClient::batchStatus(const QString &batchId, QObject *context, BatchStatusCallback done)
{
    Call call = Call::get(Api::path(Api::productBatchStatusPath, batchId));
    call.retryable = false;
    call.maxAttempts = 1;
    m_session.send(call, context, [done = std::move(done), batchId](const HttpResponse &response) {
        int retryAfter = 0;
        if (response.status == 429) {
            bool ok = false;
            retryAfter = std::max(1, response.header(Api::retryAfterHeader).trimmed().toInt(&ok));
            if (!ok) // an HTTP date or nothing: wait out the window Poleepo counts in
                retryAfter = Api::batchStatusWindowSeconds;
        }
        parsed<PoleepoBatchStatus>(
                [done, retryAfter](Result<PoleepoBatchStatus> result) {
                    done(std::move(result), retryAfter);
                },
                &PoleepoParsers::parseBatchStatus, tr("Poleepo has no batch \"%1\"").arg(batchId))(response);
    });
}

void PoleepoClient::listOrders(int offset, int max, const QDateTime &updatedAfter, QObject *context,
                               Callback<PoleepoOrderPage> done)
{
    offset = std::max(0, offset);
    max = std::clamp(max, 1, Api::maxPageSize);
    QUrlQuery query;
    query.addQueryItem(Api::offsetParameter, QString::number(offset));
    query.addQueryItem(Api::maxParameter, QString::number(max));
    if (updatedAfter.isValid()) // UTC, RFC 3339 without fractions: 2024-05-02T10:30:00Z
        query.addQueryItem(Api::updatedAfterParameter, updatedAfter.toUTC().toString(Qt::ISODate));
    const auto call = Call::get(Api::ordersPath + u"?"_s + query.toString(QUrl::FullyEncoded));
    m_session.send(call, context,
                   parsed<PoleepoOrderPage>(std::move(done), [offset, max](const QByteArray &body) {
                       return PoleepoParsers::parseOrderPage(body, offset, max);
                   }));
}

QString PoleepoClient::orderNotFound(const QString &orderId)
{
    return noOrder(orderId);
}

QString PoleepoClient::shippingNotFound(const QString &shippingId)
{
    return noShipping(shippingId);
}

void PoleepoClient::getOrder(const QString &orderId, QObject *context, Callback<PoleepoOrder> done)
{
    m_session.send(Call::get(Api::path(Api::orderPath, orderId)), context,
                   parsed<PoleepoOrder>(std::move(done), &PoleepoParsers::parseOrder, noOrder(orderId)));
}

void PoleepoClient::setOrderStatus(const QString &orderId, const QString &status, QObject *context,
                                   Callback<void> done)
{
    QJsonObject body;
    body.insert(Api::statusField, status);
    m_session.send(Call::with("PUT", Api::path(Api::orderStatusPath, orderId), compact(body)), context,
                   acknowledged(std::move(done), noOrder(orderId)));
}

void PoleepoClient::getShipping(const QString &shippingId, QObject *context, Callback<PoleepoShipping> done)
{
    m_session.send(Call::get(Api::path(Api::shippingPath, shippingId)), context,
                   parsed<PoleepoShipping>(
                           std::move(done),
                           [shippingId](const QByteArray &body) {
                               return PoleepoParsers::parseShipping(body, shippingId);
                           },
                           noShipping(shippingId)));
}

void PoleepoClient::listCarriers(QObject *context, Callback<QList<PoleepoCarrier>> done)
{
    m_session.send(Call::get(Api::carriersPath), context,
                   parsed<QList<PoleepoCarrier>>(std::move(done), &PoleepoParsers::parseCarriers));
}

void PoleepoClient::listPackageTypes(QObject *context, Callback<QList<PoleepoPackageType>> done)
{
    m_session.send(Call::get(Api::packageTypesPath), context,
                   parsed<QList<PoleepoPackageType>>(std::move(done), &PoleepoParsers::parsePackageTypes));
}

void PoleepoClient::listPickupAddresses(QObject *context, Callback<QList<PoleepoPickupAddress>> done)
{
    m_session.send(
            Call::get(Api::pickupAddressesPath), context,
            parsed<QList<PoleepoPickupAddress>>(std::move(done), &PoleepoParsers::parsePickupAddresses));
}

void PoleepoClient::createShipping(const PoleepoShippingRequest &request, QObject *context,
                                   Callback<PoleepoCreatedShipping> done)
{
    QJsonArray parcels;
    for (const PoleepoParcel &parcel : request.parcels) {
        QJsonObject entry;
        entry.insert(Api::packageTypeIdField, parcel.packageTypeId);
        entry.insert(Api::weightField, parcel.weight);
        entry.insert(Api::widthField, parcel.width);
        entry.insert(Api::heightField, parcel.height);
        entry.insert(Api::depthField, parcel.depth);
        parcels.append(entry);
    }
    QJsonObject body;
    body.insert(Api::orderIdField, request.orderId);
    body.insert(Api::carrierIdField, request.carrierId);
    body.insert(Api::pickupAddressIdField, request.pickupAddressId);
    body.insert(Api::parcelsField, parcels);
    Call call = Call::with("POST", Api::shippingsPath, compact(body));
    call.retryable = false;
    m_session.send(call, context,
                   parsed<PoleepoCreatedShipping>(std::move(done), &PoleepoParsers::parseCreatedShipping));
}

void PoleepoClient::shippingLabel(const QString &shippingId, QObject *context, Callback<QByteArray> done)
{
    Call call = Call::get(Api::path(Api::shippingLabelPath, shippingId));
    call.accept = "application/pdf";
    m_session.send(
            call, context,
            parsed<QByteArray>(
                    std::move(done),
                    [shippingId](const QByteArray &body) -> Result<QByteArray> {
                        if (!body.startsWith("%PDF-"))
                            return makeError(
                                    tr("the label of Poleepo shipping \"%1\" is not a PDF").arg(shippingId));
                        return body;
                    },
                    noShipping(shippingId)));
}

void PoleepoClient::deliveredToCarrier(const QString &shippingId, QObject *context, Callback<void> done)
{
    m_session.send(Call::with("POST", Api::path(Api::deliveredToCarrierPath, shippingId), {}), context,
                   acknowledged(std::move(done), noShipping(shippingId)));
}

void PoleepoClient::updateShippingTracking(const QString &shippingId, const QString &trackingCode,
                                           const QString &carrier, QObject *context, Callback<void> done)
{
    QJsonObject body;
    body.insert(Api::trackingCodeField, trackingCode);
    body.insert(Api::carrierField, carrier);
    m_session.send(Call::with("PUT", Api::path(Api::shippingPath, shippingId), compact(body)), context,
                   acknowledged(std::move(done), noShipping(shippingId)));
}

} // namespace Bottega
