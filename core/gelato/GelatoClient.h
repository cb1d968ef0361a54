// GelatoClient: Bottega's calls to Gelato's API, through HttpClient only. Reads the API key once
// from the secret store (cached for the client's life, redacted from the API log), sends it as
// X-API-KEY, takes the hosts from Settings and turns answers into typed results with readable errors.
#pragma once

#include "core/domain/Result.h"
#include "core/gelato/GelatoCatalog.h"
#include "core/gelato/GelatoOrder.h"
#include "core/gelato/GelatoPrice.h"
#include "core/gelato/GelatoProduct.h"
#include "core/gelato/GelatoShipmentMethod.h"
#include "core/gelato/GelatoStockAvailability.h"
#include "core/gelato/GelatoTemplate.h"
#include "core/http/HttpRequest.h"

#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>
#include <optional>

namespace Bottega {

class HttpClient;
class SecretStore;
class Settings;

class GelatoClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GelatoClient)

public:
    template<typename T> using Callback = std::function<void(Result<T>)>;

    GelatoClient(HttpClient &http, Settings &settings, SecretStore &secrets, QObject *parent = nullptr);
    ~GelatoClient() override;

    // Each call answers once, later, from the event loop; not at all once `context` is gone.
    void fetchTemplate(const QString &templateId, QObject *context, Callback<GelatoTemplate> done);
    void listCatalogs(QObject *context, Callback<QList<GelatoCatalog>> done);
    void getCatalog(const QString &catalogUid, QObject *context, Callback<GelatoCatalog> done);
    // `POST catalogs/{uid}/products:search`; attributeFilters: attribute → accepted values.
    void searchProducts(const QString &catalogUid, const QMap<QString, QStringList> &attributeFilters,
                        int limit, int offset, QObject *context, Callback<QList<GelatoProduct>> done);
    void getProduct(const QString &productUid, QObject *context, Callback<GelatoProduct> done);
    // country, currency: ISO codes, or empty for Gelato's defaults.
    void getPrices(const QString &productUid, const QString &country, const QString &currency,
                   QObject *context, Callback<QList<GelatoPrice>> done);
    void stockAvailability(const QStringList &productUids, QObject *context,
                           Callback<QList<GelatoStockAvailability>> done);
    void shipmentMethods(const QString &country, QObject *context,
                         Callback<QList<GelatoShipmentMethod>> done);
    // Orders (ORD-4..8), on gelato.order-url. Bodies are built by the orders layer
    // (core/orders/GelatoOrderRequest) and sent exactly as given. A refusal (4xx) is answered with
    // Gelato's own `message`, verbatim: "Gelato refused the order: <message>"; a non-JSON 5xx or no
    // answer with HttpClient's readable text. Creating is never retried by the client: after any
    // failure the caller searches by reference (exactly-once, ORD-5).
    void createOrder(const QJsonObject &request, QObject *context, Callback<GelatoOrder> done);
    void getOrder(const QString &orderId, QObject *context, Callback<GelatoOrder> done);
    // `POST orders:search` with `search` = reference; only orders whose orderReferenceId equals it
    // exactly (Gelato's search also matches names and substrings).
    void findOrdersByReference(const QString &orderReferenceId, QObject *context,
                               Callback<QList<GelatoOrder>> done);
    // `PATCH orders/{id}` {"orderType":"order"}: a draft becomes a real order.
    void promoteDraft(const QString &orderId, QObject *context, Callback<GelatoOrder> done);
    // `DELETE orders/{id}` (drafts only).
    void deleteDraft(const QString &orderId, QObject *context, Callback<void> done);
    // `POST orders/{id}:cancel`; a 409 reads "the order is already in production and can no
    // longer be cancelled".
    void cancelOrder(const QString &orderId, QObject *context, Callback<void> done);
    // `POST orders:quote`.
    void quoteOrder(const QJsonObject &request, QObject *context, Callback<QList<GelatoQuote>> done);

    // CONF-6: `GET catalogs`. Ok, "Gelato refused the API key" or "cannot reach Gelato: …".
    void testConnection(QObject *context, Callback<void> done);

    // Per-attempt timeout of every call (default: HttpRequest's 30 s); tests shorten it.
    void setTimeoutMs(int ms);

    // The API key is read once and kept; after a change (Settings saves a new one) or a refusal
    // (401/403) the next call reads it again.
    void forgetApiKey();

    // The message for a failed answer: 401/403 → "Gelato refused the API key", else HttpClient's.
    static QString errorText(const HttpResponse &response);

private:
    enum class Host { Order, Product, Ecommerce, Shipment };
    // Sends with the key; `done` gets the raw response (or the key's error as a response error).
    void send(Host host, const QByteArray &method, const QString &path, const QByteArray &body,
              QObject *context, std::function<void(const HttpResponse &)> done,
              std::optional<bool> retryable = std::nullopt);
    void withKey(QObject *context, std::function<void(const Result<QString> &)> done);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Bottega
