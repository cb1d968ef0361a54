// REL-1 and REL-2 through the real executable: `bottega serve` killed with SIGKILL under signed
// webhook load, and again while it works through a backlog; after a restart every acknowledged
// call is queued once, a batch cut short is taken again whole, and each event is applied once.
#include "core/domain/SalesOrder.h"
#include "core/messages/MessageText.h"
#include "core/store/Database.h"
#include "core/store/SalesOrderRepository.h"
#include "core/store/WebhookQueueRepository.h"
#include "tests/app/BottegaProcess.h"
#include "tests/support/TestUtil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <csignal>
#include <gtest/gtest.h>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Bottega;
using namespace Bottega::Test;

namespace {

const QString secret = u"fault-secret"_s;

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

qint64 createOrder(Database &store, const QString &reference, const QString &gelatoOrderId)
{
    SalesOrder order;
    order.reference = reference;
    order.state = u"sent"_s;
    order.customerFirstName = u"Giulia"_s;
    order.shippingAddress.firstName = u"Giulia"_s;
    order.shippingAddress.country = u"IT"_s;
    order.gelatoOrderId = gelatoOrderId;
    order.isGelato = true;
    const auto created = SalesOrderRepository(store).create(order);
    EXPECT_TRUE(created.ok()) << qPrintable(created.error());
    return created.ok() ? *created : 0;
}

// One package per event: applying an event twice would show as a second tracking entry.
QByteArray trackingEvent(const QString &eventId, const QString &gelatoOrderId, const QString &code)
{
    return QJsonDocument(QJsonObject {{u"id"_s, eventId},
                                      {u"event"_s, u"order_item_tracking_code_updated"_s},
                                      {u"orderId"_s, gelatoOrderId},
                                      {u"itemReferenceId"_s, u"item-1"_s},
                                      {u"orderReferenceId"_s, u"REL"_s},
                                      {u"trackingCode"_s, code},
                                      {u"trackingUrl"_s, QString(u"https://track.example/"_s + code)},
                                      {u"shipmentMethodName"_s, u"DHL"_s}})
            .toJson(QJsonDocument::Compact);
}

// `bottega serve` on a free loopback port; returns the process and its base URL.
std::pair<QProcess *, QUrl> startServe(const BottegaProcess &bottega, QObject *owner)
{
    QProcess *serve = bottega.start({u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s}, owner);
    QString out;
    static const QRegularExpression listening(u"Listening on (http://\\S+)"_s);
    const bool up = waitUntil(
            [&] {
                out += QString::fromUtf8(serve->readAllStandardOutput());
                return listening.match(out).hasMatch() || serve->state() == QProcess::NotRunning;
            },
            15000);
    EXPECT_TRUE(up && listening.match(out).hasMatch())
            << qPrintable(out + QString::fromUtf8(serve->readAllStandardError()));
    return {serve, QUrl(listening.match(out).captured(1))};
}

void killHard(QProcess *serve)
{
    ::kill(pid_t(serve->processId()), SIGKILL);
    EXPECT_TRUE(serve->waitForFinished(10000));
}

void stop(QProcess *serve)
{
    ::kill(pid_t(serve->processId()), SIGTERM);
    EXPECT_TRUE(serve->waitForFinished(15000));
    EXPECT_EQ(serve->exitCode(), 0);
}

QNetworkReply *postSigned(QNetworkAccessManager &manager, const QUrl &url, const QByteArray &body)
{
    QNetworkRequest request(url);
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("signature", secret.toUtf8());
    return manager.post(request, body);
}

QMap<WebhookQueueItem::State, qint64> counts(Database &store)
{
    const auto counted = WebhookQueueRepository(store).countByState();
    EXPECT_TRUE(counted.ok()) << qPrintable(counted.error());
    return counted.ok() ? *counted : QMap<WebhookQueueItem::State, qint64>();
}

bool queueSettled(Database &store)
{
    const auto byState = counts(store);
    return byState.value(WebhookQueueItem::State::Pending) == 0
            && byState.value(WebhookQueueItem::State::Processing) == 0;
}

// Each package of the order once, each "tracking" timeline entry once: returns the codes.
QStringList appliedCodes(Database &store, qint64 orderId)
{
    const auto order = SalesOrderRepository(store).get(orderId);
    EXPECT_TRUE(order.ok()) << qPrintable(order.error());
    if (!order)
        return {};
    QStringList codes;
    for (const OrderPackage &package : order->packages)
        codes.append(package.trackingCode);
    QStringList tracking;
    for (const OrderEvent &event : order->events) {
        if (event.kind == u"tracking"_s)
            tracking.append(MessageText::render(event.message));
    }
    EXPECT_EQ(QSet<QString>(tracking.cbegin(), tracking.cend()).size(), tracking.size())
            << "a timeline entry twice";
    EXPECT_EQ(tracking.size(), codes.size()) << "packages and timeline disagree";
    return codes;
}

// Six signed tracking events in flight at all times (QNetworkAccessManager's connections per host),
// each with its own event id (PREFIX + n), until stop(); remembers which were answered 200.
struct SignedLoad
{
    SignedLoad(QNetworkAccessManager &manager, const QUrl &hook, const QString &gelatoOrderId,
               const QString &prefix, QObject *owner)
        : manager(manager), hook(hook), gelatoOrderId(gelatoOrderId), prefix(prefix), owner(owner)
    {
        for (int i = 0; i < 6; ++i)
            sendNext();
    }
    void stop() { stopping = true; }

    QSet<QString> acknowledged;
    int inFlight = 0;

private:
    void sendNext()
    {
        const QString id = prefix + QString::number(++sent);
        QNetworkReply *reply = postSigned(manager, hook, trackingEvent(id, gelatoOrderId, u"T-"_s + id));
        ++inFlight;
        QObject::connect(reply, &QNetworkReply::finished, owner, [this, reply, id] {
            --inFlight;
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
                acknowledged.insert(id);
            reply->deleteLater();
            if (!stopping)
                sendNext();
        });
    }

    QNetworkAccessManager &manager;
    const QUrl hook;
    const QString gelatoOrderId, prefix;
    QObject *owner;
    int sent = 0;
    bool stopping = false;
};

} // namespace

TEST(WebhookFaults, Rel1KillUnderLoadLosesNoAcknowledgedCallAndQueuesNoneTwice)
{
    BottegaProcess bottega;
    bottega.environment().insert(u"BOTTEGA_GELATO_WEBHOOK_SECRET"_s, secret);
    const QString gelatoOrderId = u"rel1-order"_s;
    qint64 orderId = 0;
    {
        auto store = openStore(bottega.dataDir());
        ASSERT_TRUE(store);
        orderId = createOrder(*store, u"REL-1"_s, gelatoOrderId);
    }
    QObject owner;
    auto [serve, base] = startServe(bottega, &owner);
    ASSERT_TRUE(base.isValid());
    const QUrl hook = base.resolved(QUrl(u"/gelato/webhook"_s));
    QNetworkAccessManager manager;
    // The secret is read once at start, asynchronously: 503 until then.
    int probe = 0;
    ASSERT_TRUE(waitUntil(
            [&] {
                std::unique_ptr<QNetworkReply> reply(
                        postSigned(manager, hook, trackingEvent(u"probe"_s, gelatoOrderId, u"P-0"_s)));
                waitUntil([&reply] { return reply->isFinished(); }, 5000);
                probe = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                return probe != 503;
            },
            10000));
    ASSERT_EQ(probe, 200);

    // The server is killed once enough calls have been acknowledged.
    SignedLoad load(manager, hook, gelatoOrderId, u"rel1-"_s, &owner);
    QSet<QString> &acknowledged = load.acknowledged;
    acknowledged.insert(u"probe"_s);
    ASSERT_TRUE(waitUntil([&] { return acknowledged.size() >= 300; }, 20000)) << acknowledged.size();
    load.stop();
    killHard(serve);
    ASSERT_TRUE(waitUntil([&] { return load.inFlight == 0; }, 10000));

    // After a restart the backlog is processed; every acknowledged call is there exactly once.
    auto [restarted, restartedBase] = startServe(bottega, &owner);
    ASSERT_TRUE(restartedBase.isValid());
    auto store = openStore(bottega.dataDir());
    ASSERT_TRUE(store);
    EXPECT_TRUE(waitUntil([&] { return queueSettled(*store); }, 15000));
    const auto rows = WebhookQueueRepository(*store).list({});
    ASSERT_TRUE(rows.ok()) << qPrintable(rows.error());
    QHash<QString, int> seen;
    for (const WebhookQueueItem &row : *rows) {
        ++seen[row.eventId];
        EXPECT_EQ(row.state, WebhookQueueItem::State::Done) << qPrintable(row.eventId + u' ' + row.lastError);
    }
    for (const QString &id : std::as_const(acknowledged))
        EXPECT_EQ(seen.value(id), 1) << qPrintable(id);
    for (auto it = seen.cbegin(); it != seen.cend(); ++it)
        EXPECT_EQ(it.value(), 1) << qPrintable(it.key());
    const QStringList codes = appliedCodes(*store, orderId);
    EXPECT_EQ(codes.size(), rows->size());
    EXPECT_EQ(QSet<QString>(codes.cbegin(), codes.cend()).size(), codes.size());
    stop(restarted);
}

TEST(WebhookFaults, SigtermUnderLoadStopsInOrderAndKeepsEveryAcknowledgedCall)
{
    // Issue 14: the server thread closes its port, commits and answers what it verified, the worker
    // finishes its queued work, then serve exits 0; every call answered 200 is in the queue once.
    BottegaProcess bottega;
    bottega.environment().insert(u"BOTTEGA_GELATO_WEBHOOK_SECRET"_s, secret);
    const QString gelatoOrderId = u"term-order"_s;
    {
        auto store = openStore(bottega.dataDir());
        ASSERT_TRUE(store);
        createOrder(*store, u"TERM-1"_s, gelatoOrderId);
    }
    QObject owner;
    auto [serve, base] = startServe(bottega, &owner);
    ASSERT_TRUE(base.isValid());
    const QUrl hook = base.resolved(QUrl(u"/gelato/webhook"_s));
    QNetworkAccessManager manager;
    SignedLoad load(manager, hook, gelatoOrderId, u"term-"_s, &owner);
    const QSet<QString> &acknowledged = load.acknowledged;
    ASSERT_TRUE(waitUntil([&] { return acknowledged.size() >= 200; }, 20000)) << acknowledged.size();
    load.stop();
    ::kill(pid_t(serve->processId()), SIGTERM);
    ASSERT_TRUE(waitUntil([&] { return serve->state() == QProcess::NotRunning; }, 15000));
    EXPECT_EQ(serve->exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(serve->exitCode(), 0);
    ASSERT_TRUE(waitUntil([&] { return load.inFlight == 0; }, 10000));

    auto store = openStore(bottega.dataDir());
    ASSERT_TRUE(store);
    const auto rows = WebhookQueueRepository(*store).list({});
    ASSERT_TRUE(rows.ok()) << qPrintable(rows.error());
    QHash<QString, int> seen;
    for (const WebhookQueueItem &row : *rows)
        ++seen[row.eventId];
    for (const QString &id : std::as_const(acknowledged))
        EXPECT_EQ(seen.value(id), 1) << qPrintable(id);
    for (auto it = seen.cbegin(); it != seen.cend(); ++it)
        EXPECT_EQ(it.value(), 1) << qPrintable(it.key());
    // Each answered call has its API-log row: they ride along in the intake's commits (on its
    // writer thread) and the last ones are written at the stop.
    QSqlQuery logged(store->connection());
    ASSERT_TRUE(logged.exec(u"SELECT COUNT(*) FROM api_log WHERE direction = 1 AND service = 'webhook' "
                            "AND status = 200"_s)
                && logged.next());
    EXPECT_GE(logged.value(0).toLongLong(), acknowledged.size());
}

TEST(WebhookFaults, Rel2KillDuringProcessingResumesAndAppliesEachEventOnce)
{
    BottegaProcess bottega;
    bottega.environment().insert(u"BOTTEGA_GELATO_WEBHOOK_SECRET"_s, secret);
    constexpr int orders = 60;
    constexpr int eventsPerOrder = 50;
    QList<qint64> orderIds;
    {
        // A backlog as a busy day leaves it: every event Pending, received and never processed.
        auto store = openStore(bottega.dataDir());
        ASSERT_TRUE(store);
        const auto filled = store->transaction([&](QSqlDatabase &) -> Result<void> {
            for (int o = 0; o < orders; ++o)
                orderIds.append(createOrder(*store, u"REL-2-"_s + QString::number(o),
                                            u"rel2-"_s + QString::number(o)));
            WebhookQueueRepository queue(*store);
            for (int e = 0; e < eventsPerOrder; ++e) {
                for (int o = 0; o < orders; ++o) {
                    WebhookQueueItem item;
                    item.source = u"gelato"_s;
                    item.event = u"order_item_tracking_code_updated"_s;
                    item.eventId = u"rel2-%1-%2"_s.arg(o).arg(e);
                    item.body = trackingEvent(item.eventId, u"rel2-"_s + QString::number(o), item.eventId);
                    if (auto r = queue.insert(item); !r)
                        return makeError(r.error());
                }
            }
            return {};
        });
        ASSERT_TRUE(filled.ok()) << qPrintable(filled.error());
    }

    // Start, let processing get under way, kill while rows are still Pending: up to three times,
    // until a kill has come in the middle of the backlog. A batch is taken inside the transaction
    // that applies it, so the batch the kill cut short is rolled back whole, rows and attempts.
    QObject owner;
    auto store = openStore(bottega.dataDir());
    ASSERT_TRUE(store);
    bool killedMidway = false;
    for (int round = 0; round < 3 && !killedMidway; ++round) {
        auto [serve, base] = startServe(bottega, &owner);
        ASSERT_TRUE(base.isValid());
        const bool underWay = waitUntil(
                [&] { return counts(*store).value(WebhookQueueItem::State::Done) > 0; }, 10000);
        killHard(serve);
        ASSERT_TRUE(underWay) << "processing never started";
        const auto byState = counts(*store);
        EXPECT_EQ(byState.value(WebhookQueueItem::State::Processing), 0) << "nothing is claimed outside a batch";
        killedMidway = byState.value(WebhookQueueItem::State::Pending) > 0;
    }
    ASSERT_TRUE(killedMidway) << "no kill came before the backlog was done";

    auto [serve, base] = startServe(bottega, &owner);
    ASSERT_TRUE(base.isValid());
    EXPECT_TRUE(waitUntil([&] { return queueSettled(*store); }, 20000));

    const auto byState = counts(*store);
    EXPECT_EQ(byState.value(WebhookQueueItem::State::Done), orders * eventsPerOrder);
    const auto resumed = WebhookQueueRepository(*store).list({});
    ASSERT_TRUE(resumed.ok());
    for (const WebhookQueueItem &row : *resumed)
        EXPECT_EQ(row.attempts, 1) << qPrintable(row.eventId) << ": the batch the kill cut short left no attempt";
    for (int o = 0; o < orders; ++o) {
        const QStringList codes = appliedCodes(*store, orderIds[o]);
        EXPECT_EQ(codes.size(), eventsPerOrder) << o;
        EXPECT_EQ(QSet<QString>(codes.cbegin(), codes.cend()).size(), eventsPerOrder) << o;
    }
    stop(serve);
}
