// PoleepoClient: Bottega's calls to Poleepo's API (docs/poleepo-api.md), through HttpClient only.
// Gets an OAuth token with the Client ID and Secret from the secret store, keeps it and gets a new
// one a few minutes before it expires; on a 401 it gets one new token and repeats the call once.
// The base URL is the setting poleepo.url. Answers are unwrapped from "data" into typed results;
// a refusal carries Poleepo's own message as it wrote it. The token and the secret never reach the
// API log. Lives on the thread that created it (the worker thread), like HttpClient.
#pragma once

#include "core/domain/Result.h"
#include "core/http/HttpRequest.h"
#include "core/poleepo/PoleepoSession.h"
#include "core/poleepo/PoleepoTypes.h"

#include <QDateTime>
#include <QJsonArray>
#include <QObject>
#include <functional>

namespace Bottega {

class Clock;
class HttpClient;
class SecretStore;
class Settings;

class PoleepoClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PoleepoClient)

public:
    template<typename T> using Callback = std::function<void(Result<T>)>;

    PoleepoClient(HttpClient &http, Settings &settings, SecretStore &secrets, const Clock *clock = nullptr,
                  QObject *parent = nullptr);
    ~PoleepoClient() override;

    // Each call answers once, later, from the event loop; not at all once `context` is gone.

    // CONF-6: a token, then `GET products?max=1`. Ok, "Poleepo refused the credentials", a missing
    // permission, or "cannot reach Poleepo: …".
    void testConnection(QObject *context, Callback<void> done);

    // BATCH-1: `POST products/batch` {"products": entries}, entries as product.md BATCH-2 (built by
    // the publishing layer, parents before children). Never repeated after a 5xx or timeout: the
    // batch may exist.
    void submitBatch(const QJsonArray &entries, QObject *context, Callback<PoleepoBatchSubmission> done);
    // BATCH-3: `GET products/batch/{id}`. One request, never repeated here: Poleepo allows 5 per
    // batch, and the polling job is the retry.
    void batchStatus(const QString &batchId, QObject *context, Callback<PoleepoBatchStatus> done);
    // The same request; beside the result, the seconds a 429 asked to wait (its Retry-After; 0 when
    // the answer was not a 429), so that the polling job can store when to ask again.
    using BatchStatusCallback = std::function<void(Result<PoleepoBatchStatus>, int retryAfterSeconds)>;
    void batchStatus(const QString &batchId, QObject *context, BatchStatusCallback done);

    // SHIP-1: `GET orders?offset&max&updated_after`; max is kept within 1..100; an invalid
    // updatedAfter leaves the filter out.
    void listOrders(int offset, int max, const QDateTime &updatedAfter, QObject *context,
                    Callback<PoleepoOrderPage> done);
    void getOrder(const QString &orderId, QObject *context, Callback<PoleepoOrder> done);
    // `PUT orders/{id}/status` {"status"}.
    void setOrderStatus(const QString &orderId, const QString &status, QObject *context, Callback<void> done);

    // Shipping (SHIP-2..4).
    void getShipping(const QString &shippingId, QObject *context, Callback<PoleepoShipping> done);
    void listCarriers(QObject *context, Callback<QList<PoleepoCarrier>> done);
    void listPackageTypes(QObject *context, Callback<QList<PoleepoPackageType>> done);
    void listPickupAddresses(QObject *context, Callback<QList<PoleepoPickupAddress>> done);
    // `POST shippings`; never repeated after a 5xx or timeout (it may have been created).
    void createShipping(const PoleepoShippingRequest &request, QObject *context,
                        Callback<PoleepoCreatedShipping> done);
    // `GET shippings/{id}/label`: the PDF's bytes.
    void shippingLabel(const QString &shippingId, QObject *context, Callback<QByteArray> done);
    // `POST shippings/{id}/delivered-to-carrier`. The news (status, tracking) comes by getShipping
    // or by webhook.
    void deliveredToCarrier(const QString &shippingId, QObject *context, Callback<void> done);
    // `PUT shippings/{id}` {"tracking_code", "carrier"}: Gelato's tracking passed back to Poleepo.
    void updateShippingTracking(const QString &shippingId, const QString &trackingCode,
                                const QString &carrier, QObject *context, Callback<void> done);

    // Per-attempt timeout of every call (default: HttpRequest's 30 s); tests shorten it.
    void setTimeoutMs(int ms);
    // Drops the token: the next call reads the credentials again and gets a new one (after
    // Settings saved new credentials).
    void forgetToken();

    // The message for a failed answer: 401 → "Poleepo refused the credentials", 403 → the missing
    // permission, another 4xx → "Poleepo refused the request: <Poleepo's message>", else
    // HttpClient's readable text.
    static QString errorText(const HttpResponse &response);
    // The errors of getOrder / getShipping when Poleepo answers 404, so that callers can tell
    // "Poleepo no longer has it" from "Poleepo is failing".
    static QString orderNotFound(const QString &orderId);
    static QString shippingNotFound(const QString &shippingId);

private:
    PoleepoSession m_session;
};

} // namespace Bottega
