// Issue 12's "done when" through the real executable, with both fakes on loopback: a marketplace
// order arrives by a signed Poleepo STATUS_ORDER call to `bottega serve` → it is imported → sent
// to Gelato exactly once (orders.auto-send-gelato) → Gelato's order_status_updated with tracking
// arrives by webhook → Poleepo receives each package's tracking for the order's shipping, once. And
// the same with Poleepo down during the import and during the tracking hand-back.
#include "tests/app/BottegaProcess.h"
#include "tests/support/TestUtil.h"
#include "tests/support/fakes/GelatoFake.h"
#include "tests/support/fakes/PoleepoFake.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <csignal>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace Bottega;
using namespace Bottega::Test;

namespace {

int post(const QUrl &url, const QByteArray &body, const QByteArray &header, const QByteArray &value)
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader(header, value);
    std::unique_ptr<QNetworkReply> reply(manager.post(request, body));
    EXPECT_TRUE(waitUntil([&reply] { return reply->isFinished(); }, 10000));
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

// Runs while this process keeps serving the fakes (BottegaProcess::run would block them).
ProcessResult run(const BottegaProcess &bottega, const QStringList &arguments)
{
    return bottega.runServing(arguments);
}

int puts(const PoleepoFake &poleepo, const QString &path)
{
    int count = 0;
    for (const RecordedRequest &request : poleepo.requests(path))
        count += request.method == "PUT" ? 1 : 0;
    return count;
}

// The data dir of both tests: both fakes' URLs and the keys, automatic sending to Gelato, a Gelato
// tee with its print images sold as TEE-E2E, the webhook record shop-1; in Poleepo, order M1 of
// that tee with its shipping S1.
void prepare(BottegaProcess &bottega, GelatoFake &gelato, PoleepoFake &poleepo)
{
    ASSERT_TRUE(gelato.start());
    ASSERT_TRUE(poleepo.start());
    auto &env = bottega.environment();
    env.insert(u"BOTTEGA_GELATO_API_KEY"_s, QString::fromLatin1(GelatoFake::apiKey()));
    env.insert(u"BOTTEGA_GELATO_WEBHOOK_SECRET"_s, u"gelato-hook"_s);
    env.insert(u"BOTTEGA_POLEEPO_CLIENT_ID"_s, PoleepoFake::clientId());
    env.insert(u"BOTTEGA_POLEEPO_CLIENT_SECRET"_s, PoleepoFake::clientSecret());
    env.insert(u"BOTTEGA_POLEEPO_WEBHOOK_SECRET_SHOP_1"_s, u"poleepo-hook"_s);
    for (const auto &[key, value] : {std::pair {u"gelato.ecommerce-url"_s, gelato.ecommerceUrl().toString()},
                                     std::pair {u"gelato.product-url"_s, gelato.productUrl().toString()},
                                     std::pair {u"gelato.order-url"_s, gelato.orderUrl().toString()},
                                     std::pair {u"gelato.shipment-url"_s, gelato.shipmentUrl().toString()},
                                     std::pair {u"poleepo.url"_s, poleepo.baseUrl().toString()},
                                     std::pair {u"orders.auto-send-gelato"_s, u"true"_s}}) {
        const auto set = run(bottega, {u"config"_s, u"set"_s, key, value});
        ASSERT_EQ(set.exitCode, 0) << qPrintable(set.err);
    }
    // A Gelato tee with its print images and a SKU the marketplace sells it under.
    const auto synced
            = run(bottega,
                  {u"product"_s, u"sync-template"_s, QString::fromLatin1(GelatoFake::threeId), u"--json"_s});
    ASSERT_EQ(synced.exitCode, 0) << qPrintable(synced.err);
    const QJsonObject product = QJsonDocument::fromJson(synced.out.toUtf8()).object();
    const QString productId = QString::number(product.value(u"id"_s).toInteger());
    const QString variantId = QString::number(product.value(u"variants"_s)[0][u"id"_s].toInteger());
    for (const QString &placement : {u"default"_s, u"back"_s}) {
        const auto image = run(bottega,
                               {u"product"_s, u"set-print-image"_s, productId, placement,
                                u"https://cdn.example.com/"_s + placement + u".pdf"_s});
        ASSERT_EQ(image.exitCode, 0) << qPrintable(image.err);
    }
    const auto sku = run(
            bottega, {u"product"_s, u"set"_s, productId, u"sku"_s, u"TEE-E2E"_s, u"--variant"_s, variantId});
    ASSERT_EQ(sku.exitCode, 0) << qPrintable(sku.err);
    const auto record = run(
            bottega,
            {u"webhook"_s, u"add-record"_s, u"shop-1"_s, u"--events"_s, u"STATUS_ORDER,STATUS_SHIPMENT"_s});
    ASSERT_EQ(record.exitCode, 0) << qPrintable(record.err);

    QJsonObject order = PoleepoFake::sampleOrder(u"M1"_s);
    order.insert(u"customer"_s,
                 QJsonObject {{u"firstname"_s, u"Maria"_s},
                              {u"lastname"_s, u"Rossi"_s},
                              {u"email"_s, u"maria@example.com"_s}});
    order.insert(u"rows"_s,
                 QJsonArray {QJsonObject {{u"sku"_s, u"TEE-E2E"_s},
                                          {u"title"_s, u"Tee"_s},
                                          {u"quantity"_s, 1},
                                          {u"price"_s, 24.9}}});
    order.insert(u"shippings"_s, QJsonArray {QJsonObject {{u"id"_s, u"S1"_s}}});
    poleepo.addOrder(order);
    poleepo.addShipping(QJsonObject {{u"id"_s, u"S1"_s}, {u"order_id"_s, u"M1"_s}});
}

// Starts `bottega serve` on a free port; its base URL (empty when it did not start).
QUrl startServe(BottegaProcess &bottega, QObject *owner, QProcess **serve)
{
    *serve = bottega.start({u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s}, owner);
    QString out;
    static const QRegularExpression listening(u"Listening on (http://\\S+)"_s);
    EXPECT_TRUE(waitUntil(
            [&] {
                out += QString::fromUtf8((*serve)->readAllStandardOutput());
                return listening.match(out).hasMatch() || (*serve)->state() == QProcess::NotRunning;
            },
            15000));
    return QUrl(listening.match(out).captured(1));
}

// Posts until the server is up (503 while it starts); the last status.
int postWhenUp(const QUrl &url, const QByteArray &body, const QByteArray &header, const QByteArray &value)
{
    int status = 0;
    EXPECT_TRUE(waitUntil([&] { return (status = post(url, body, header, value)) != 503; }, 10000));
    return status;
}

// Gelato's order_status_updated with two parcels' tracking, for the order Gelato has.
QByteArray shippedWebhook(GelatoFake &gelato, const QString &eventId)
{
    QJsonObject shipped
            = QJsonDocument::fromJson(readTestData(u"gelato/webhooks/order_status_updated.json"_s)).object();
    shipped.insert(u"orderId"_s, gelato.orders().orders().at(0).value("id"_L1).toString());
    shipped.insert(u"id"_s, eventId);
    return QJsonDocument(shipped).toJson(QJsonDocument::Compact);
}

} // namespace

TEST(MarketplaceServe, APoleepoOrderIsFulfilledByGelatoAndItsTrackingReachesPoleepoOnce)
{
    GelatoFake gelato;
    PoleepoFake poleepo;
    BottegaProcess bottega;
    prepare(bottega, gelato, poleepo);
    if (::testing::Test::HasFatalFailure())
        return;

    QObject owner;
    QProcess *serve = nullptr;
    const QUrl base = startServe(bottega, &owner, &serve);
    ASSERT_TRUE(base.isValid() && !base.isEmpty());

    const QByteArray statusOrder = PoleepoFake::statusOrderBody(u"M1"_s, u"Payment accepted"_s);
    EXPECT_EQ(postWhenUp(base.resolved(QUrl(u"/poleepo/webhook/shop-1"_s)), statusOrder,
                         "X-Poleepo-Signature", PoleepoFake::signature(statusOrder, "poleepo-hook")),
              200);
    ASSERT_TRUE(waitUntil([&] { return gelato.orders().orderCount() == 1; }, 20000)) << "not sent to Gelato";

    const QByteArray shippedBody = shippedWebhook(gelato, u"os_e2e"_s);
    EXPECT_EQ(postWhenUp(base.resolved(QUrl(u"/gelato/webhook"_s)), shippedBody, "signature", "gelato-hook"),
              200);
    // Two parcels in Gelato's example: each tracking code reaches the order's shipping once.
    EXPECT_TRUE(waitUntil([&] { return puts(poleepo, u"/shippings/S1"_s) >= 2; }, 20000));
    // The same Gelato call again (a duplicate) and a moment more: nothing is sent twice.
    EXPECT_EQ(post(base.resolved(QUrl(u"/gelato/webhook"_s)), shippedBody, "signature", "gelato-hook"), 200);
    waitUntil([] { return false; }, 1500);
    EXPECT_EQ(puts(poleepo, u"/shippings/S1"_s), 2);
    EXPECT_EQ(gelato.orders().orderCount(), 1);
    EXPECT_FALSE(poleepo.shipping(u"S1"_s).value("tracking_code"_L1).toString().isEmpty());

    ::kill(pid_t(serve->processId()), SIGTERM);
    EXPECT_TRUE(serve->waitForFinished(15000));
    EXPECT_EQ(serve->exitCode(), 0);

    // `order show` tells it all: Poleepo's data and the tracking handed back.
    const auto listed = run(bottega, {u"order"_s, u"list"_s, u"--json"_s});
    ASSERT_EQ(listed.exitCode, 0) << qPrintable(listed.err);
    const QJsonArray rows = QJsonDocument::fromJson(listed.out.toUtf8()).array();
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows.at(0)[u"poleepoOrderId"_s].toString(), u"M1"_s);
    EXPECT_EQ(rows.at(0)[u"bridge"_s].toString(), u"sent-to-gelato"_s);
    const auto shown = run(
            bottega, {u"order"_s, u"show"_s, QString::number(rows.at(0)[u"id"_s].toInteger()), u"--json"_s});
    ASSERT_EQ(shown.exitCode, 0) << qPrintable(shown.err);
    const QJsonObject poleepoPart
            = QJsonDocument::fromJson(shown.out.toUtf8()).object().value(u"poleepo"_s).toObject();
    EXPECT_EQ(poleepoPart.value(u"channel"_s).toString(), u"amazon-it"_s);
    EXPECT_EQ(poleepoPart.value(u"trackingHandedBack"_s).toArray().size(), 2);
}

// The same with Poleepo down: while the STATUS_ORDER call is processed (the call waits, not Done;
// the import job brings the order in once Poleepo answers) and while Gelato's tracking is handed back
// (it waits, survives a restart, and reaches Poleepo once when the job runs again).
TEST(MarketplaceServe, WithPoleepoDownTheImportAndTheTrackingWaitAndAreNeverLost)
{
    GelatoFake gelato;
    PoleepoFake poleepo;
    BottegaProcess bottega;
    prepare(bottega, gelato, poleepo);
    if (::testing::Test::HasFatalFailure())
        return;
    ASSERT_EQ(run(bottega, {u"config"_s, u"set"_s, u"poleepo.enabled"_s, u"true"_s}).exitCode, 0);
    FakeFault down;
    down.useResponse = true;
    down.response.status = 503;
    down.response.body = R"({"success": false, "message": "maintenance"})";
    poleepo.addFault(u"/orders/M1"_s, down, 1000);

    QObject owner;
    QProcess *serve = nullptr;
    const QUrl base = startServe(bottega, &owner, &serve);
    ASSERT_TRUE(base.isValid() && !base.isEmpty());
    const QByteArray statusOrder = PoleepoFake::statusOrderBody(u"M1"_s, u"Payment accepted"_s);
    EXPECT_EQ(postWhenUp(base.resolved(QUrl(u"/poleepo/webhook/shop-1"_s)), statusOrder,
                         "X-Poleepo-Signature", PoleepoFake::signature(statusOrder, "poleepo-hook")),
              200);
    ASSERT_TRUE(waitUntil([&] { return poleepo.requestCount(u"/orders/M1"_s) >= 1; }, 20000));
    // The fetch gives up after its retries; the call then waits for its next attempt.
    QJsonArray calls;
    EXPECT_TRUE(waitUntil(
            [&] {
                const auto queued
                        = run(bottega, {u"webhook"_s, u"list"_s, u"--source"_s, u"poleepo"_s, u"--json"_s});
                calls = QJsonDocument::fromJson(queued.out.toUtf8()).array();
                return calls.size() == 1 && calls.at(0)[u"state"_s].toString() != u"Processing"_s;
            },
            30000));
    ASSERT_EQ(calls.size(), 1);
    EXPECT_EQ(calls.at(0)[u"state"_s].toString(), u"Pending"_s); // waits for its next attempt
    EXPECT_FALSE(calls.at(0)[u"lastError"_s].toString().isEmpty());
    EXPECT_EQ(gelato.orders().orderCount(), 0);

    // Poleepo is back: the import job (SHIP-1's fallback) brings the order in and the bridge sends it.
    poleepo.clearFaults();
    const auto imported = run(bottega, {u"job"_s, u"run"_s, u"import-poleepo-orders"_s});
    ASSERT_EQ(imported.exitCode, 0) << qPrintable(imported.out + imported.err);
    ASSERT_TRUE(waitUntil([&] { return gelato.orders().orderCount() == 1; }, 20000)) << "not sent to Gelato";

    // Poleepo down again when Gelato's tracking arrives: the hand-back waits.
    poleepo.addFault(u"/shippings/S1"_s, down, 1000);
    EXPECT_EQ(postWhenUp(base.resolved(QUrl(u"/gelato/webhook"_s)), shippedWebhook(gelato, u"os_down"_s),
                         "signature", "gelato-hook"),
              200);
    ASSERT_TRUE(waitUntil([&] { return puts(poleepo, u"/shippings/S1"_s) >= 1; }, 20000));
    waitUntil([] { return false; }, 1500);
    EXPECT_TRUE(poleepo.shipping(u"S1"_s).value("tracking_code"_L1).toString().isEmpty());
    ::kill(pid_t(serve->processId()), SIGTERM);
    EXPECT_TRUE(serve->waitForFinished(15000));
    EXPECT_EQ(serve->exitCode(), 0);

    // After the restart, with Poleepo up: each parcel's tracking reaches the shipping once.
    poleepo.clearFaults();
    poleepo.clearRequests();
    const auto retried = run(bottega, {u"job"_s, u"run"_s, u"import-poleepo-orders"_s});
    ASSERT_EQ(retried.exitCode, 0) << qPrintable(retried.out + retried.err);
    EXPECT_EQ(puts(poleepo, u"/shippings/S1"_s), 2);
    EXPECT_FALSE(poleepo.shipping(u"S1"_s).value("tracking_code"_L1).toString().isEmpty());
    const auto again = run(bottega, {u"job"_s, u"run"_s, u"import-poleepo-orders"_s});
    ASSERT_EQ(again.exitCode, 0) << qPrintable(again.out + again.err);
    EXPECT_EQ(puts(poleepo, u"/shippings/S1"_s), 2);
    EXPECT_EQ(gelato.orders().orderCount(), 1);
}
