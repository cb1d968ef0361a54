// The bridge (ORD-11) against both fakes: an imported order of Gelato goods is sent to Gelato once
// (automatically, or left ready to send); mixed goods wait for a person; Gelato's tracking reaches
// the order's shipping in Poleepo once per package, also when Poleepo is down the first time; an
// order without a shipping in Poleepo is marked, saying so. On SQLite and PostgreSQL.
#include "core/orders/OrderNews.h"
#include "core/orders/OrderUpdate.h"
#include "tests/core/fulfilment/FulfilmentFixture.h"

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class PoleepoGelatoBridgeTest : public FulfilmentFixture
{
protected:
    // Gelato's tracking of the order's parcel, as its webhook gives it (through OrderUpdate).
    void gelatoShipped(qint64 orderId, const QString &trackingCode)
    {
        OrderNews news;
        news.source = OrderEvent::Source::Webhook;
        news.fulfillmentStatus = u"shipped"_s;
        OrderNews::Package package;
        package.trackingCode = trackingCode;
        package.trackingUrl = u"https://track.example.com/"_s + trackingCode;
        package.carrier = u"DHL"_s;
        package.status = u"shipped"_s;
        news.packages.append(package);
        const auto applied = OrderUpdate(db()).apply(orderId, news);
        ASSERT_TRUE(applied.ok()) << qPrintable(applied.error());
    }
    int trackingPuts(const QString &shippingId)
    {
        int count = 0;
        for (const RecordedRequest &request : poleepoRig.fake.requests(u"/shippings/"_s + shippingId))
            count += request.method == "PUT" ? 1 : 0;
        return count;
    }
    qint64 importedAndSent(const QString &poleepoId, const QString &shippingId)
    {
        (void)rig.settings.set(u"orders.auto-send-gelato"_s, u"true"_s);
        poleepo().addOrder(poleepoOrder(poleepoId, {u"TS-M-O"_s}, shippingId));
        if (!shippingId.isEmpty())
            poleepo().addShipping(QJsonObject {{u"id"_s, shippingId}, {u"order_id"_s, poleepoId}});
        EXPECT_EQ(statusOrder(poleepoId).state, WebhookQueueItem::State::Done);
        const auto run = runBridge();
        EXPECT_TRUE(run.ok()) << qPrintable(run.error());
        EXPECT_EQ(run.ok() ? run->sent : -1, 1);
        return localOrder(poleepoId);
    }
};

TEST_P(PoleepoGelatoBridgeTest, AnOrderOfGelatoGoodsIsSentOnceWhenAutomatic)
{
    const qint64 id = importedAndSent(u"P1"_s, u"S1"_s);
    EXPECT_EQ(service->get(id)->state, OrderState::Sent);
    EXPECT_EQ(fake().orderCount(), 1);
    const auto again = runBridge();
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->sent, 0);
    EXPECT_EQ(requests("POST", fake().ordersPath()).size(), 1);
}

TEST_P(PoleepoGelatoBridgeTest, WithoutAutomaticSendingTheOrderWaitsReadyToSend)
{
    poleepo().addOrder(poleepoOrder(u"P2"_s, {u"TS-M-O"_s}));
    EXPECT_EQ(statusOrder(u"P2"_s).state, WebhookQueueItem::State::Done);
    const auto run = runBridge();
    ASSERT_TRUE(run.ok());
    EXPECT_EQ(run->sent, 0);
    EXPECT_EQ(fake().orderCount(), 0);
    EXPECT_EQ(*FulfilmentRepository(db()).readyToSend(), QList<qint64> {localOrder(u"P2"_s)});
}

TEST_P(PoleepoGelatoBridgeTest, MixedGoodsWaitForAPersonWithTheReason)
{
    (void)rig.settings.set(u"orders.auto-send-gelato"_s, u"true"_s);
    poleepo().addOrder(poleepoOrder(u"P3"_s, {u"TS-M-O"_s, u"MUG-W"_s}));
    EXPECT_EQ(statusOrder(u"P3"_s).state, WebhookQueueItem::State::Done);
    const auto found = decision(localOrder(u"P3"_s));
    EXPECT_EQ(found.attentionCode, u"mixed-goods"_s);
    EXPECT_EQ(found.attentionArgs, QStringList {u"MUG-W"_s});
    ASSERT_TRUE(runBridge().ok());
    EXPECT_EQ(fake().orderCount(), 0);
}

TEST_P(PoleepoGelatoBridgeTest, GelatoTrackingReachesPoleepoOncePerPackage)
{
    const qint64 id = importedAndSent(u"P4"_s, u"S4"_s);
    gelatoShipped(id, u"TRK-1"_s);
    const auto run = runBridge();
    ASSERT_TRUE(run.ok()) << qPrintable(run.error());
    EXPECT_EQ(run->handedBack, 1);
    EXPECT_EQ(poleepo().shipping(u"S4"_s).value("tracking_code"_L1).toString(), u"TRK-1"_s);
    EXPECT_EQ(poleepo().shipping(u"S4"_s).value("carrier"_L1).toString(), u"DHL"_s);
    EXPECT_EQ(trackingPuts(u"S4"_s), 1);
    // Again (and the same webhook news again): nothing more reaches Poleepo.
    gelatoShipped(id, u"TRK-1"_s);
    ASSERT_TRUE(runBridge().ok());
    EXPECT_EQ(trackingPuts(u"S4"_s), 1);
    EXPECT_EQ(FulfilmentRepository(db()).handoffs(id)->size(), 1);
    EXPECT_EQ(eventsOfKind(id, u"tracking-handed-back"_s), 1);
}

TEST_P(PoleepoGelatoBridgeTest, PoleepoDownDuringTheHandBackDelaysItAndItIsSentLaterOnce)
{
    const qint64 id = importedAndSent(u"P5"_s, u"S5"_s);
    gelatoShipped(id, u"TRK-5"_s);
    FakeFault down;
    down.kind = FakeFault::Kind::Close;
    poleepo().addFault(u"/shippings/S5"_s, down, 50);
    const auto failed = runBridge();
    ASSERT_TRUE(failed.ok());
    EXPECT_EQ(failed->handedBack, 0);
    EXPECT_EQ(failed->waiting, 1);
    EXPECT_FALSE(failed->errors.isEmpty());
    EXPECT_TRUE(poleepo().shipping(u"S5"_s).value("tracking_code"_L1).toString().isEmpty());
    EXPECT_TRUE(FulfilmentRepository(db()).handoffs(id)->isEmpty());

    poleepo().clearFaults();
    const int before = trackingPuts(u"S5"_s);
    const auto retried = runBridge();
    ASSERT_TRUE(retried.ok());
    EXPECT_EQ(retried->handedBack, 1);
    EXPECT_EQ(poleepo().shipping(u"S5"_s).value("tracking_code"_L1).toString(), u"TRK-5"_s);
    ASSERT_TRUE(runBridge().ok());
    EXPECT_EQ(trackingPuts(u"S5"_s) - before, 1);
}

TEST_P(PoleepoGelatoBridgeTest, AnOrderWithoutAShippingInPoleepoIsMarkedSayingSo)
{
    const qint64 id = importedAndSent(u"P6"_s, QString());
    gelatoShipped(id, u"TRK-6"_s);
    const auto run = runBridge();
    ASSERT_TRUE(run.ok());
    EXPECT_EQ(run->handedBack, 0);
    const auto found = decision(id);
    EXPECT_EQ(found.fulfilment, u"attention"_s);
    EXPECT_EQ(found.attentionCode, u"no-poleepo-shipping"_s);
    ASSERT_TRUE(runBridge().ok());
    EXPECT_EQ(eventsOfKind(id, u"attention"_s), 1); // said once, not at every run
}

} // namespace

BOTTEGA_INSTANTIATE_BACKEND_TESTS(PoleepoGelatoBridgeTest);

} // namespace Bottega::Test
