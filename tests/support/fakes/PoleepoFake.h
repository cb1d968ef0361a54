// PoleepoFake: Poleepo's API on loopback for tests, following docs/poleepo-api.md exactly (its own
// literal copy of the contract, independent of core/poleepo/PoleepoApi.h, so that a slip in the
// table shows up). Tokens from `POST /oauth/access_token` with a configurable duration, checked on
// every other call (401 when unknown or expired); answers wrapped in {"data"}; errors in Poleepo's
// shape {"success": false, "message", "code", "errors": [{field, message}]}. Products and batches
// live in PoleepoCatalogFake; orders, shippings, carriers, package types and pickup addresses here.
// Time is the fake's own clock (real time plus what advance() added), so tests never sleep.
// Faults per path (5xx, 429, slow answers) come from FakeHttpServer::addFault().
#pragma once

#include "core/http/HttpRequest.h"
#include "tests/support/fakes/FakeHttpServer.h"
#include "tests/support/fakes/PoleepoCatalogFake.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

namespace Bottega::Test {

class PoleepoFake final : public FakeHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PoleepoFake)

public:
    explicit PoleepoFake(QObject *parent = nullptr);
    ~PoleepoFake() override;

    static QString clientId() { return QStringLiteral("poleepo-test-client-4b1d"); }
    static QString clientSecret() { return QStringLiteral("poleepo-test-secret-9c1e7a"); }
    void setCredentials(const QString &id, const QString &secret);
    // A key created in Poleepo but not enabled yet: the token request gets a 403.
    void setKeyEnabled(bool enabled) { m_keyEnabled = enabled; }

    // The fake's clock: real time plus the seconds advance() added.
    QDateTime now() const;
    void advance(qint64 seconds) { m_offsetSeconds += seconds; }

    // Tokens: issued with this duration (seconds, default 3600).
    void setTokenDuration(int seconds) { m_tokenDuration = seconds; }
    int tokensIssued() const { return m_tokensIssued; }
    QString lastToken() const { return m_lastToken; }
    // Forgets every token issued (as if Poleepo revoked them): the next call gets a 401.
    void revokeTokens() { m_tokens.clear(); }

    // Products and batches.
    PoleepoCatalogFake &catalog() { return m_catalog; }

    // Orders: `order` as Poleepo sends it (id, status, rows, ...); updatedAt defaults to now().
    void addOrder(const QJsonObject &order, const QDateTime &updatedAt = QDateTime());
    // n simple orders "O1".."On", updated a minute apart, the first at `from`.
    void addOrders(int count, const QDateTime &from);
    QJsonObject order(const QString &id) const { return m_orders.value(id); }
    static QJsonObject sampleOrder(const QString &id,
                                   const QString &status = QStringLiteral("Payment accepted"));

    // Shippings; those created by `POST /shippings` get ids "S1", "S2", ...
    void addShipping(const QJsonObject &shipping);
    QJsonObject shipping(const QString &id) const { return m_shippings.value(id); }
    bool deliveredToCarrier(const QString &id) const { return m_delivered.contains(id); }
    void setCarriers(const QJsonArray &carriers) { m_carriers = carriers; }
    void setPackageTypes(const QJsonArray &types) { m_packageTypes = types; }
    void setPickupAddresses(const QJsonArray &addresses) { m_pickupAddresses = addresses; }

    // Poleepo's error shape; `errors` as [{field, message}].
    static FakeResponse error(int status, const QString &code, const QString &message,
                              const QJsonArray &errors = {});
    static FakeResponse data(int status, const QJsonValue &data);

    // A webhook call as Poleepo makes it, for end-to-end tests: the body, signed with the webhook
    // record's secret (X-Poleepo-Signature: hex HMAC-SHA256 of the raw body).
    struct WebhookCall
    {
        QByteArray body;
        QByteArray signature;
        HttpRequest request(const QUrl &url) const; // POST with Content-Type and the signature
    };
    static QByteArray statusOrderBody(const QString &orderId, const QString &status,
                                      const QString &deliveryId = QStringLiteral("evt-1"));
    static QByteArray statusShipmentBody(const QString &shippingId, const QString &status,
                                         const QString &deliveryId = QStringLiteral("evt-1"));
    static QByteArray signature(const QByteArray &body, const QByteArray &secret);
    static WebhookCall signedWebhook(const QByteArray &body, const QByteArray &secret);

protected:
    FakeResponse answer(const RecordedRequest &request) override;

private:
    FakeResponse issueToken(const RecordedRequest &request);
    FakeResponse listOrders(const RecordedRequest &request);
    FakeResponse getOrder(const RecordedRequest &request);
    FakeResponse putOrder(const RecordedRequest &request);
    FakeResponse getShipping(const RecordedRequest &request);
    FakeResponse putShipping(const RecordedRequest &request);
    FakeResponse postShipping(const RecordedRequest &request);
    FakeResponse createShipping(const RecordedRequest &request);
    static bool listHas(const QJsonArray &list, const QString &id);

    QString m_clientId = clientId();
    QString m_clientSecret = clientSecret();
    bool m_keyEnabled = true;
    qint64 m_offsetSeconds = 0;
    int m_tokenDuration = 3600;
    int m_tokensIssued = 0;
    QString m_lastToken;
    QHash<QString, QDateTime> m_tokens; // token → expiry
    PoleepoCatalogFake m_catalog {*this};
    QHash<QString, QJsonObject> m_orders;
    QHash<QString, QDateTime> m_orderUpdatedAt;
    QHash<QString, QJsonObject> m_shippings;
    QSet<QString> m_delivered;
    int m_nextShipping = 1;
    QJsonArray m_carriers;
    QJsonArray m_packageTypes;
    QJsonArray m_pickupAddresses;
};

} // namespace Bottega::Test
