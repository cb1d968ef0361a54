#include "core/gelato/GelatoClient.h"

#include "core/gelato/GelatoOrderParsers.h"
#include "core/gelato/GelatoParsers.h"
#include "core/http/HttpClient.h"
#include "core/secrets/SecretStore.h"
#include "core/settings/Settings.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QUrl>
#include <QUrlQuery>
#include <optional>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

const QString keyName = u"gelato.api-key"_s;

QString encoded(const QString &part)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(part));
}

// The common answer handling: a failed call's text, or the parser's result.
template<typename T, typename Parse>
std::function<void(const HttpResponse &)> parsed(GelatoClient::Callback<T> done, Parse parse)
{
    return [done, parse](const HttpResponse &response) {
        if (!response.ok())
            return done(makeError(GelatoClient::errorText(response)));
        done(parse(response.body));
    };
}

// A failed order call: the refused key, the unknown order (named), Gelato's own message for a 4xx
// (verbatim), else HttpClient's readable text (timeouts, non-JSON 5xx, HTML error pages).
QString orderErrorText(const HttpResponse &response, const QString &orderId)
{
    if (response.status == 401 || response.status == 403)
        return GelatoClient::errorText(response);
    if (response.status == 404 && !orderId.isEmpty())
        return QCoreApplication::translate("Bottega::GelatoClient", "Gelato has no order \"%1\"")
                .arg(orderId);
    if (response.status >= 400 && response.status < 500 && !response.looksLikeHtml()) {
        const QString message = GelatoOrderParsers::errorMessage(response.body);
        if (!message.isEmpty())
            return QCoreApplication::translate("Bottega::GelatoClient", "Gelato refused the order: %1")
                    .arg(message);
    }
    return response.error;
}

// The common answer handling of the order calls.
template<typename T, typename Parse>
std::function<void(const HttpResponse &)> parsedOrder(GelatoClient::Callback<T> done, Parse parse,
                                                      const QString &orderId = QString())
{
    return [done, parse, orderId](const HttpResponse &response) {
        if (!response.ok())
            return done(makeError(orderErrorText(response, orderId)));
        done(parse(response.body));
    };
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

struct GelatoClient::Private
{
    HttpClient &http;
    Settings &settings;
    SecretStore &secrets;
    std::optional<Result<QString>> key; // cached once read (found or not)
    bool reading = false;
    QList<std::pair<QPointer<QObject>, std::function<void(const Result<QString> &)>>> waiting;
    int timeoutMs = 0; // 0: HttpRequest's default
};

GelatoClient::GelatoClient(HttpClient &http, Settings &settings, SecretStore &secrets, QObject *parent)
    : QObject(parent), d(new Private {http, settings, secrets, {}, false, {}, 0})
{
}

GelatoClient::~GelatoClient() = default;

void GelatoClient::setTimeoutMs(int ms)
{
    d->timeoutMs = ms;
}

QString GelatoClient::errorText(const HttpResponse &response)
{
    if (response.status == 401 || response.status == 403)
        return QCoreApplication::translate("Bottega::GelatoClient", "Gelato refused the API key");
    return response.error;
}

void GelatoClient::withKey(QObject *context, std::function<void(const Result<QString> &)> done)
{
    if (d->key && d->key->ok()) {
        // Always later, never from inside the call (as SecretStore promises its callers).
        QMetaObject::invokeMethod(
                context, [key = *d->key, done] { done(key); }, Qt::QueuedConnection);
        return;
    }
    d->waiting.append({QPointer<QObject>(context), std::move(done)});
    if (d->reading)
        return;
    d->reading = true;
    QPointer<GelatoClient> self(this);
    d->secrets.read(keyName, [self](const SecretLookup &lookup) {
        if (!self)
            return;
        self->d->reading = false;
        Result<QString> key = makeError(QString());
        if (lookup.status == SecretLookup::Status::Found && !lookup.value.isEmpty()) {
            key = lookup.value;
            self->d->http.addRedactedValue(lookup.value.toUtf8());
            self->d->key = key;
        } else if (lookup.status == SecretLookup::Status::Failed) {
            // Not cached: the keyring may be unlocked later.
            key = makeError(
                    QCoreApplication::translate("Bottega::GelatoClient", "cannot read the Gelato API key: %1")
                            .arg(lookup.error));
        } else {
            key = makeError(QCoreApplication::translate(
                    "Bottega::GelatoClient",
                    "the Gelato API key is not set: Settings → Gelato, or `bottega "
                    "secret set gelato.api-key`"));
        }
        const auto waiting = std::exchange(self->d->waiting, {});
        for (const auto &[context, callback] : waiting) {
            if (context)
                callback(key);
        }
    });
}

void GelatoClient::send(Host host, const QByteArray &method, const QString &path, const QByteArray &body,
                        QObject *context, std::function<void(const HttpResponse &)> done,
                        std::optional<bool> retryable)
{
    QPointer<GelatoClient> self(this);
    withKey(context, [self, host, method, path, body, context, done, retryable](const Result<QString> &key) {
        if (!self)
            return;
        if (!key) {
            HttpResponse failed;
            failed.service = u"gelato"_s;
            failed.error = key.error();
            done(failed);
            return;
        }
        QUrl base;
        switch (host) {
        case Host::Order:
            base = self->d->settings.gelatoOrderUrl();
            break;
        case Host::Product:
            base = self->d->settings.gelatoProductUrl();
            break;
        case Host::Ecommerce:
            base = self->d->settings.gelatoEcommerceUrl();
            break;
        case Host::Shipment:
            base = self->d->settings.gelatoShipmentUrl();
            break;
        }
        QString prefix = base.toString();
        if (!prefix.endsWith(u'/'))
            prefix += u'/';
        HttpRequest request;
        request.service = u"gelato"_s;
        request.method = method;
        request.url = QUrl(prefix + path);
        request.headers.append(HttpHeader("X-API-KEY", key->toUtf8()));
        request.headers.append(HttpHeader("Accept", "application/json"));
        request.body = body;
        request.retryable = retryable;
        if (self->d->timeoutMs > 0)
            request.timeoutMs = self->d->timeoutMs;
        HttpReply *reply = self->d->http.send(request);
        QObject::connect(reply, &HttpReply::finished, context, [self, done](const HttpResponse &response) {
            // A refused key is read again next time: the user may have just fixed it.
            if (self && (response.status == 401 || response.status == 403))
                self->forgetApiKey();
            done(response);
        });
    });
}

void GelatoClient::forgetApiKey()
{
    d->key.reset();
}

void GelatoClient::fetchTemplate(const QString &templateId, QObject *context, Callback<GelatoTemplate> done)
{
    send(Host::Ecommerce, "GET", u"templates/"_s + QString::fromLatin1(QUrl::toPercentEncoding(templateId)),
         {}, context, [templateId, done](const HttpResponse &response) {
             if (response.status == 404)
                 return done(makeError(
                         QCoreApplication::translate("Bottega::GelatoClient", "Gelato has no template \"%1\"")
                                 .arg(templateId)));
             if (!response.ok())
                 return done(makeError(errorText(response)));
             done(GelatoParsers::parseTemplate(response.body));
         });
}

void GelatoClient::listCatalogs(QObject *context, Callback<QList<GelatoCatalog>> done)
{
    send(Host::Product, "GET", u"catalogs"_s, {}, context, [done](const HttpResponse &response) {
        if (!response.ok())
            return done(makeError(errorText(response)));
        done(GelatoParsers::parseCatalogs(response.body));
    });
}

void GelatoClient::getCatalog(const QString &catalogUid, QObject *context, Callback<GelatoCatalog> done)
{
    send(Host::Product, "GET", u"catalogs/"_s + QString::fromLatin1(QUrl::toPercentEncoding(catalogUid)), {},
         context, [catalogUid, done](const HttpResponse &response) {
             if (response.status == 404)
                 return done(makeError(
                         QCoreApplication::translate("Bottega::GelatoClient", "Gelato has no catalog \"%1\"")
                                 .arg(catalogUid)));
             if (!response.ok())
                 return done(makeError(errorText(response)));
             done(GelatoParsers::parseCatalog(response.body));
         });
}

void GelatoClient::searchProducts(const QString &catalogUid,
                                  const QMap<QString, QStringList> &attributeFilters, int limit, int offset,
                                  QObject *context, Callback<QList<GelatoProduct>> done)
{
    QJsonObject filters;
    for (auto it = attributeFilters.constBegin(); it != attributeFilters.constEnd(); ++it)
        filters.insert(it.key(), QJsonArray::fromStringList(it.value()));
    const QJsonObject body {{u"attributeFilters"_s, filters}, {u"limit"_s, limit}, {u"offset"_s, offset}};
    send(Host::Product, "POST", u"catalogs/"_s + encoded(catalogUid) + u"/products:search"_s,
         QJsonDocument(body).toJson(QJsonDocument::Compact), context,
         parsed<QList<GelatoProduct>>(std::move(done), &GelatoParsers::parseProductSearch));
}

void GelatoClient::getProduct(const QString &productUid, QObject *context, Callback<GelatoProduct> done)
{
    send(Host::Product, "GET", u"products/"_s + encoded(productUid), {}, context,
         [productUid, done](const HttpResponse &response) {
             if (response.status == 404)
                 return done(makeError(
                         QCoreApplication::translate("Bottega::GelatoClient", "Gelato has no product \"%1\"")
                                 .arg(productUid)));
             if (!response.ok())
                 return done(makeError(errorText(response)));
             done(GelatoParsers::parseProduct(response.body));
         });
}

void GelatoClient::getPrices(const QString &productUid, const QString &country, const QString &currency,
                             QObject *context, Callback<QList<GelatoPrice>> done)
{
    QUrlQuery query;
    if (!country.isEmpty())
        query.addQueryItem(u"country"_s, country);
    if (!currency.isEmpty())
        query.addQueryItem(u"currency"_s, currency);
    const QString suffix = query.isEmpty() ? QString() : u"?"_s + query.toString(QUrl::FullyEncoded);
    send(Host::Product, "GET", u"products/"_s + encoded(productUid) + u"/prices"_s + suffix, {}, context,
         parsed<QList<GelatoPrice>>(std::move(done), &GelatoParsers::parsePrices));
}

void GelatoClient::stockAvailability(const QStringList &productUids, QObject *context,
                                     Callback<QList<GelatoStockAvailability>> done)
{
    const QJsonObject body {{u"products"_s, QJsonArray::fromStringList(productUids)}};
    send(Host::Product, "POST", u"stock/region-availability"_s,
         QJsonDocument(body).toJson(QJsonDocument::Compact), context,
         parsed<QList<GelatoStockAvailability>>(std::move(done), &GelatoParsers::parseStockAvailability));
}

void GelatoClient::shipmentMethods(const QString &country, QObject *context,
                                   Callback<QList<GelatoShipmentMethod>> done)
{
    const QString suffix = country.isEmpty() ? QString() : u"?country="_s + encoded(country);
    send(Host::Shipment, "GET", u"shipment-methods"_s + suffix, {}, context,
         parsed<QList<GelatoShipmentMethod>>(std::move(done), &GelatoParsers::parseShipmentMethods));
}

void GelatoClient::createOrder(const QJsonObject &request, QObject *context, Callback<GelatoOrder> done)
{
    // Never repeated by HttpClient: a timeout may hide an order Gelato did create. The caller
    // searches by reference instead (ORD-5).
    send(Host::Order, "POST", u"orders"_s, compact(request), context,
         parsedOrder<GelatoOrder>(std::move(done), &GelatoOrderParsers::parseOrder), false);
}

void GelatoClient::getOrder(const QString &orderId, QObject *context, Callback<GelatoOrder> done)
{
    send(Host::Order, "GET", u"orders/"_s + encoded(orderId), {}, context,
         parsedOrder<GelatoOrder>(std::move(done), &GelatoOrderParsers::parseOrder, orderId));
}

void GelatoClient::findOrdersByReference(const QString &orderReferenceId, QObject *context,
                                         Callback<QList<GelatoOrder>> done)
{
    const QJsonObject body {{u"search"_s, orderReferenceId}, {u"limit"_s, 100}, {u"offset"_s, 0}};
    // Reading only: safe to repeat.
    send(
            Host::Order, "POST", u"orders:search"_s, compact(body), context,
            [orderReferenceId, done](const HttpResponse &response) {
                if (!response.ok())
                    return done(makeError(orderErrorText(response, QString())));
                auto found = GelatoOrderParsers::parseOrderSearch(response.body);
                if (!found)
                    return done(makeError(found.error()));
                // Gelato's search also matches names and parts of references: keep exact matches.
                QList<GelatoOrder> exact;
                for (const GelatoOrder &order : *found) {
                    if (order.orderReferenceId == orderReferenceId)
                        exact.append(order);
                }
                done(exact);
            },
            true);
}

void GelatoClient::promoteDraft(const QString &orderId, QObject *context, Callback<GelatoOrder> done)
{
    const QJsonObject body {{u"orderType"_s, u"order"_s}};
    send(Host::Order, "PATCH", u"orders/"_s + encoded(orderId), compact(body), context,
         parsedOrder<GelatoOrder>(std::move(done), &GelatoOrderParsers::parseOrder, orderId));
}

void GelatoClient::deleteDraft(const QString &orderId, QObject *context, Callback<void> done)
{
    send(Host::Order, "DELETE", u"orders/"_s + encoded(orderId), {}, context,
         [orderId, done](const HttpResponse &response) {
             // A repeated DELETE that finds nothing: the first attempt deleted it.
             if (response.ok() || (response.status == 404 && response.attempts > 1))
                 return done(Result<void>());
             done(makeError(orderErrorText(response, orderId)));
         });
}

void GelatoClient::cancelOrder(const QString &orderId, QObject *context, Callback<void> done)
{
    send(Host::Order, "POST", u"orders/"_s + encoded(orderId) + u":cancel"_s, {}, context,
         [orderId, done](const HttpResponse &response) {
             if (response.ok())
                 return done(Result<void>());
             if (response.status == 409)
                 return done(makeError(QCoreApplication::translate(
                         "Bottega::GelatoClient",
                         "the order is already in production and can no longer be cancelled")));
             done(makeError(orderErrorText(response, orderId)));
         });
}

void GelatoClient::quoteOrder(const QJsonObject &request, QObject *context, Callback<QList<GelatoQuote>> done)
{
    // A quote changes nothing at Gelato: safe to repeat.
    send(Host::Order, "POST", u"orders:quote"_s, compact(request), context,
         parsedOrder<QList<GelatoQuote>>(std::move(done), &GelatoOrderParsers::parseQuotes), true);
}

void GelatoClient::testConnection(QObject *context, Callback<void> done)
{
    send(Host::Product, "GET", u"catalogs"_s, {}, context, [done](const HttpResponse &response) {
        if (response.ok())
            return done(Result<void>());
        if (response.status == 401 || response.status == 403)
            return done(makeError(
                    QCoreApplication::translate("Bottega::GelatoClient", "Gelato refused the API key")));
        if (response.status == 0 && response.attempts == 0) // the key was missing: no call made
            return done(makeError(response.error));
        done(makeError(QCoreApplication::translate("Bottega::GelatoClient", "cannot reach Gelato: %1")
                               .arg(response.error)));
    });
}

} // namespace Bottega
