#include "core/gelato/GelatoClient.h"

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

} // namespace

struct GelatoClient::Private
{
    HttpClient &http;
    Settings &settings;
    SecretStore &secrets;
    std::optional<Result<QString>> key; // cached once read (found or not)
    bool reading = false;
    QList<std::pair<QPointer<QObject>, std::function<void(const Result<QString> &)>>> waiting;
};

GelatoClient::GelatoClient(HttpClient &http, Settings &settings, SecretStore &secrets, QObject *parent)
    : QObject(parent), d(new Private {http, settings, secrets, {}, false, {}})
{
}

GelatoClient::~GelatoClient() = default;

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
                        QObject *context, std::function<void(const HttpResponse &)> done)
{
    QPointer<GelatoClient> self(this);
    withKey(context, [self, host, method, path, body, context, done](const Result<QString> &key) {
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
        HttpReply *reply = self->d->http.send(request);
        QObject::connect(reply, &HttpReply::finished, context,
                         [done](const HttpResponse &response) { done(response); });
    });
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
