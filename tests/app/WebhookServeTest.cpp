// The issue's "done when" through the real executable: `bottega serve` with a configured Gelato
// webhook secret accepts the seed's order_status_updated example and, once processed, the order
// has the tracking codes code123 and code234. Also: unsigned calls are refused and nothing is queued.
#include "core/domain/SalesOrder.h"
#include "core/store/ApiLogRepository.h"
#include "core/store/Database.h"
#include "core/store/SalesOrderRepository.h"
#include "core/store/WebhookQueueRepository.h"
#include "tests/app/BottegaProcess.h"
#include "tests/support/TestUtil.h"

#include <QDir>
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

int post(const QUrl &url, const QByteArray &body, const QByteArray &signature)
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setRawHeader("Content-Type", "application/json");
    if (!signature.isEmpty())
        request.setRawHeader("signature", signature);
    std::unique_ptr<QNetworkReply> reply(manager.post(request, body));
    EXPECT_TRUE(waitUntil([&reply] { return reply->isFinished(); }, 10000));
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

std::unique_ptr<Database> openStore(const QString &dataDir)
{
    DatabaseLocation location;
    location.sqlitePath = QDir(dataDir).filePath(u"bottega.sqlite"_s);
    auto database = Database::open(location);
    EXPECT_TRUE(database.ok()) << qPrintable(database.error());
    if (!database)
        return nullptr;
    EXPECT_TRUE((*database)->migrate().ok());
    return std::move(*database);
}

} // namespace

TEST(WebhookServe, TheSeedsShippedEventGivesTheOrderItsTrackingCodes)
{
    BottegaProcess bottega;
    bottega.environment().insert(u"BOTTEGA_GELATO_WEBHOOK_SECRET"_s, u"hook-secret"_s);
    qint64 orderId = 0;
    {
        auto store = openStore(bottega.dataDir());
        ASSERT_TRUE(store);
        SalesOrder order;
        order.reference = u"WEB-1001"_s;
        order.state = u"sent"_s;
        order.customerFirstName = u"Giulia"_s;
        order.shippingAddress.firstName = u"Giulia"_s;
        order.shippingAddress.country = u"IT"_s;
        order.gelatoOrderId = u"a6a1f9ce-2bdd-4a9e-9f8d-0009df0e24d9"_s;
        order.isGelato = true;
        const auto created = SalesOrderRepository(*store).create(order);
        ASSERT_TRUE(created.ok()) << qPrintable(created.error());
        orderId = *created;
    }

    QObject owner;
    QProcess *serve = bottega.start({u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s}, &owner);
    QString out;
    static const QRegularExpression listening(u"Listening on (http://\\S+)"_s);
    ASSERT_TRUE(waitUntil(
            [&] {
                out += QString::fromUtf8(serve->readAllStandardOutput());
                return listening.match(out).hasMatch() || serve->state() == QProcess::NotRunning;
            },
            15000));
    const QUrl hook = QUrl(listening.match(out).captured(1)).resolved(QUrl(u"/gelato/webhook"_s));
    ASSERT_TRUE(hook.isValid()) << qPrintable(out);
    const QByteArray body = readTestData(u"gelato/webhooks/order_status_updated.json"_s);

    EXPECT_EQ(post(hook, body, {}), 401);
    EXPECT_EQ(post(hook, body, "not-the-secret"), 403);
    // The secret is read from the store once at start, asynchronously: 503 until then.
    int status = 0;
    EXPECT_TRUE(waitUntil([&] { return (status = post(hook, body, "hook-secret")) != 503; }, 10000));
    EXPECT_EQ(status, 200);

    auto store = openStore(bottega.dataDir());
    ASSERT_TRUE(store);
    QStringList codes;
    EXPECT_TRUE(waitUntil(
            [&] {
                const auto order = SalesOrderRepository(*store).get(orderId);
                codes.clear();
                if (order) {
                    for (const OrderPackage &package : order->packages)
                        codes.append(package.trackingCode);
                }
                codes.sort();
                return codes.size() == 2;
            },
            10000));
    EXPECT_EQ(codes, (QStringList {u"code123"_s, u"code234"_s}));
    const auto queue = WebhookQueueRepository(*store).list({});
    ASSERT_TRUE(queue.ok());
    ASSERT_EQ(queue->size(), 1); // the refused calls left nothing
    EXPECT_EQ(queue->at(0).state, WebhookQueueItem::State::Done);

    // A repeat, acknowledged as a duplicate, and the stop right after it: its row is still buffered.
    EXPECT_EQ(post(hook, body, "hook-secret"), 200);
    ::kill(pid_t(serve->processId()), SIGTERM);
    EXPECT_TRUE(serve->waitForFinished(15000));
    EXPECT_EQ(serve->exitCode(), 0);

    // The API-log rows are written in batches (with the intake's commits, or a moment later): after
    // a clean stop every call has its row, the secret redacted.
    ApiLogRepository::Query query;
    query.service = u"webhook"_s;
    query.limit = 0;
    const auto logged = ApiLogRepository(*store).list(query);
    ASSERT_TRUE(logged.ok()) << qPrintable(logged.error());
    QList<int> statuses;
    for (const ApiLogEntry &entry : *logged) {
        statuses.append(entry.status);
        EXPECT_FALSE(entry.requestHeaders.contains("hook-secret"_L1)) << qPrintable(entry.requestHeaders);
    }
    EXPECT_TRUE(statuses.contains(401) && statuses.contains(403)) << statuses.size() << " rows";
    EXPECT_EQ(statuses.count(200), 2);
}

TEST(WebhookCli, ListShowRetryProcessCleanupAndRecords)
{
    BottegaProcess bottega;
    {
        auto store = openStore(bottega.dataDir());
        ASSERT_TRUE(store);
        WebhookQueueRepository queue(*store);
        WebhookQueueItem item;
        item.source = u"gelato"_s;
        item.event = u"store_product_created"_s;
        item.eventId = u"spc_1"_s;
        item.body = R"({"id":"spc_1","event":"store_product_created"})";
        ASSERT_TRUE(queue.insert(item).ok());
        item.event = u"order_status_updated"_s;
        item.eventId = u"os_9"_s;
        item.body = R"({"id":"os_9","event":"order_status_updated","orderId":"nobody","fulfillmentStatus":"shipped"})";
        const auto failed = queue.insert(item);
        ASSERT_TRUE(failed.ok());
        item.id = failed->id;
        item.state = WebhookQueueItem::State::Failed;
        item.attempts = 5;
        item.lastError = u"boom"_s;
        ASSERT_TRUE(queue.update(item).ok());
    }

    const ProcessResult list = bottega.run({u"webhook"_s, u"list"_s, u"--json"_s});
    ASSERT_EQ(list.exitCode, 0) << qPrintable(list.err);
    const QJsonArray rows = QJsonDocument::fromJson(list.out.toUtf8()).array();
    ASSERT_EQ(rows.size(), 2);
    EXPECT_EQ(rows[0].toObject().value("eventId"_L1).toString(), u"os_9"_s);
    EXPECT_EQ(rows[0].toObject().value("state"_L1).toString(), u"Failed"_s);
    EXPECT_EQ(rows[0].toObject().value("lastError"_L1).toString(), u"boom"_s);
    for (const auto key : {"id"_L1, "source"_L1, "event"_L1, "attempts"_L1, "receivedAt"_L1})
        EXPECT_TRUE(rows[1].toObject().contains(key)) << key.data();

    const ProcessResult onlyFailed = bottega.run({u"webhook"_s, u"list"_s, u"--state"_s, u"failed"_s});
    EXPECT_EQ(onlyFailed.exitCode, 0);
    EXPECT_TRUE(onlyFailed.out.contains("os_9"_L1));
    EXPECT_FALSE(onlyFailed.out.contains("spc_1"_L1));
    EXPECT_EQ(bottega.run({u"webhook"_s, u"list"_s, u"--state"_s, u"Sleeping"_s}).exitCode, 2);

    const qint64 failedId = rows[0].toObject().value("id"_L1).toInteger();
    const ProcessResult show = bottega.run({u"webhook"_s, u"show"_s, QString::number(failedId)});
    EXPECT_EQ(show.exitCode, 0) << qPrintable(show.err);
    EXPECT_TRUE(show.out.contains("\"orderId\": \"nobody\""_L1)) << qPrintable(show.out); // pretty-printed
    const ProcessResult missing = bottega.run({u"webhook"_s, u"show"_s, u"99999"_s});
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_TRUE(missing.err.contains("99999"_L1));

    EXPECT_EQ(bottega.run({u"webhook"_s, u"retry"_s, u"--failed"_s}).exitCode, 0);
    const ProcessResult processed = bottega.run({u"webhook"_s, u"process"_s, u"--json"_s});
    ASSERT_EQ(processed.exitCode, 0) << qPrintable(processed.err);
    EXPECT_EQ(QJsonDocument::fromJson(processed.out.toUtf8()).object().value("ignored"_L1).toInt(), 2);
    EXPECT_EQ(bottega.run({u"webhook"_s, u"cleanup"_s}).exitCode, 0);

    EXPECT_EQ(bottega.run({u"config"_s, u"set"_s, u"server.public-url"_s, u"https://hooks.example.com"_s})
                      .exitCode,
              0);
    const ProcessResult added = bottega.run(
            {u"webhook"_s, u"add-record"_s, u"shop-1"_s, u"--events"_s, u"STATUS_ORDER,STATUS_SHIPMENT"_s});
    EXPECT_EQ(added.exitCode, 0) << qPrintable(added.err);
    EXPECT_TRUE(added.out.contains("https://hooks.example.com/poleepo/webhook/shop-1"_L1))
            << qPrintable(added.out);
    EXPECT_EQ(bottega.run({u"webhook"_s, u"add-record"_s, u"bad name"_s, u"--events"_s, u"STATUS_ORDER"_s})
                      .exitCode,
              2);
    const ProcessResult records = bottega.run({u"webhook"_s, u"records"_s, u"--json"_s});
    const QJsonArray recordRows = QJsonDocument::fromJson(records.out.toUtf8()).array();
    ASSERT_EQ(recordRows.size(), 1);
    EXPECT_EQ(recordRows[0].toObject().value("url"_L1).toString(),
              u"https://hooks.example.com/poleepo/webhook/shop-1"_s);
    EXPECT_EQ(bottega.run({u"webhook"_s, u"frobnicate"_s}).exitCode, 2);
}
