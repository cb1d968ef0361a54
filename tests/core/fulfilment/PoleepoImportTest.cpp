// Poleepo orders imported (SHIP-1, ORD-10, HOOK-7): by the STATUS_ORDER webhook (the handler
// fetches the order by id from the Poleepo fake) and by the import job (paging and a cursor in the
// database); again → the same order, changed through OrderUpdate; unknown SKUs and malformed
// orders kept and marked for a person; 404 → Ignored; Poleepo failing → retried. STATUS_SHIPMENT
// updates the shipping. On SQLite and PostgreSQL.
#include "core/fulfilment/PoleepoOrderImport.h"
#include "tests/core/fulfilment/FulfilmentFixture.h"

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class PoleepoImportTest : public FulfilmentFixture
{
};

FakeFault unavailable()
{
    FakeFault fault;
    fault.useResponse = true;
    fault.response.status = 503;
    fault.response.body = R"({"success": false, "message": "maintenance"})";
    return fault;
}

TEST_P(PoleepoImportTest, AStatusOrderWebhookImportsTheOrderWithItsPoleepoData)
{
    poleepo().addOrder(poleepoOrder(u"P1"_s, {u"TS-M-O"_s, u"TS-L-O"_s}, u"S1"_s));
    const WebhookQueueItem item = statusOrder(u"P1"_s);
    EXPECT_EQ(item.state, WebhookQueueItem::State::Done) << qPrintable(item.lastError + item.note);

    const qint64 id = localOrder(u"P1"_s);
    ASSERT_GT(id, 0);
    const SalesOrder order = *service->get(id);
    EXPECT_EQ(order.source, SalesOrder::Source::Poleepo);
    EXPECT_EQ(order.channel, u"amazon-it"_s);
    EXPECT_EQ(order.reference, u"AMZ-P1"_s);
    EXPECT_EQ(order.poleepoStatus, u"Payment accepted"_s);
    EXPECT_EQ(order.shippingAddress.city, u"Torino"_s);
    ASSERT_EQ(order.lines.size(), 2);
    EXPECT_EQ(order.lines.at(0).variantId, data.shirtM);
    EXPECT_EQ(order.lines.at(1).variantId, data.shirtL);
    EXPECT_TRUE(order.isGelato);
    EXPECT_EQ(decision(id).fulfilment, u"gelato"_s);
    EXPECT_EQ(decision(id).attentionCode, QString());
    // The handler asked Poleepo, not the payload ("x").
    EXPECT_EQ(poleepoRig.fake.requests(u"/orders/P1"_s).size(), 1);
}

TEST_P(PoleepoImportTest, ImportingAgainUpdatesTheSameOrderWithOneEntryPerRealChange)
{
    poleepo().addOrder(poleepoOrder(u"P1"_s, {u"TS-M-O"_s}));
    EXPECT_EQ(statusOrder(u"P1"_s).state, WebhookQueueItem::State::Done);
    const qint64 id = localOrder(u"P1"_s);
    EXPECT_EQ(eventsOfKind(id, u"poleepo-status"_s), 1);

    EXPECT_EQ(statusOrder(u"P1"_s).state, WebhookQueueItem::State::Done); // nothing new
    QJsonObject progressed = poleepoOrder(u"P1"_s, {u"TS-M-O"_s});
    progressed.insert(u"status"_s, u"In progress"_s);
    poleepo().addOrder(progressed);
    const WebhookQueueItem changed = statusOrder(u"P1"_s);
    EXPECT_EQ(changed.state, WebhookQueueItem::State::Done);
    EXPECT_TRUE(changed.note.contains(u"In progress"_s)) << qPrintable(changed.note);

    SalesOrderRepository::Query all;
    EXPECT_EQ(*SalesOrderRepository(db()).count(all), 1);
    EXPECT_EQ(localOrder(u"P1"_s), id);
    EXPECT_EQ(service->get(id)->poleepoStatus, u"In progress"_s);
    EXPECT_EQ(eventsOfKind(id, u"poleepo-status"_s), 2);
    const auto stored = service->get(id);
    for (const OrderEvent &event : stored->events) {
        if (event.kind == u"poleepo-status"_s) {
            EXPECT_EQ(event.source, OrderEvent::Source::Poleepo);
        }
    }
}

TEST_P(PoleepoImportTest, AnUnknownSkuIsImportedAndMarkedNamingIt)
{
    poleepo().addOrder(poleepoOrder(u"P2"_s, {u"TS-M-O"_s, u"NOPE-1"_s}));
    EXPECT_EQ(statusOrder(u"P2"_s).state, WebhookQueueItem::State::Done);
    const qint64 id = localOrder(u"P2"_s);
    ASSERT_GT(id, 0);
    EXPECT_EQ(service->get(id)->lines.size(), 2);
    EXPECT_EQ(service->get(id)->lines.at(1).sku, u"NOPE-1"_s);
    EXPECT_EQ(service->get(id)->lines.at(1).variantId, 0);
    const auto found = decision(id);
    EXPECT_EQ(found.fulfilment, u"attention"_s);
    EXPECT_EQ(found.attentionCode, u"unknown-sku"_s);
    EXPECT_EQ(found.attentionArgs, QStringList {u"NOPE-1"_s});
    EXPECT_TRUE(PoleepoOrderImport::attentionText(found.attentionCode, found.attentionArgs)
                        .contains(u"NOPE-1"_s));
}

TEST_P(PoleepoImportTest, AMalformedOrderIsImportedNamingWhatIsMissing)
{
    QJsonObject order = poleepoOrder(u"P3"_s, {});
    order.remove(u"delivery_address"_s);
    order.remove(u"customer"_s);
    poleepo().addOrder(order);
    EXPECT_EQ(statusOrder(u"P3"_s).state, WebhookQueueItem::State::Done);
    const qint64 id = localOrder(u"P3"_s);
    ASSERT_GT(id, 0);
    const auto found = decision(id);
    EXPECT_EQ(found.fulfilment, u"attention"_s);
    EXPECT_EQ(found.attentionCode, u"missing"_s);
    EXPECT_EQ(found.attentionArgs, (QStringList {u"delivery_address"_s, u"customer.email"_s, u"rows"_s}));
}

TEST_P(PoleepoImportTest, AnOrderPoleepoNoLongerHasIsIgnoredWithTheReason)
{
    const WebhookQueueItem item = statusOrder(u"GONE"_s);
    EXPECT_EQ(item.state, WebhookQueueItem::State::Ignored);
    EXPECT_TRUE(item.note.contains(u"GONE"_s)) << qPrintable(item.note);
    EXPECT_EQ(localOrder(u"GONE"_s), 0);
}

TEST_P(PoleepoImportTest, PoleepoFailingLeavesTheEventToBeRetriedAndThenItIsImported)
{
    poleepo().addOrder(poleepoOrder(u"P4"_s, {u"TS-M-O"_s}));
    poleepo().addFault(u"/orders/P4"_s, unavailable(), 50);
    const WebhookQueueItem failed = statusOrder(u"P4"_s);
    EXPECT_EQ(failed.state, WebhookQueueItem::State::Pending);
    EXPECT_FALSE(failed.lastError.isEmpty());
    EXPECT_TRUE(failed.nextAttemptAt.isValid());
    EXPECT_EQ(localOrder(u"P4"_s), 0);

    poleepo().clearFaults();
    WebhookQueueItem due = failed;
    due.nextAttemptAt = QDateTime::currentDateTimeUtc().addSecs(-1);
    ASSERT_TRUE(WebhookQueueRepository(db()).update(due).ok());
    ASSERT_TRUE(processor->processDue().ok());
    ASSERT_TRUE(waitUntil([this] { return processor->fetchesInFlight() == 0; }, 10000));
    EXPECT_EQ(WebhookQueueRepository(db()).get(failed.id)->state, WebhookQueueItem::State::Done);
    EXPECT_GT(localOrder(u"P4"_s), 0);
}

TEST_P(PoleepoImportTest, TheJobPagesFromTheCursorKeptInTheDatabase)
{
    const QDateTime t0 = poleepo().now().addSecs(-3600);
    poleepo().addOrders(5, t0);
    importJob->setPageSize(2);
    const auto first = runImport();
    ASSERT_TRUE(first.ok()) << qPrintable(first.error());
    EXPECT_EQ(first->created, 5);
    QList<RecordedRequest> lists;
    for (const RecordedRequest &request : poleepoRig.fake.requests(u"/orders"_s))
        lists.append(request);
    EXPECT_EQ(lists.size(), 3); // 2 + 2 + 1
    EXPECT_FALSE(lists.at(0).query.hasQueryItem(u"updated_after"_s));
    const auto cursor = FulfilmentRepository(db()).cursor(QString::fromLatin1(PoleepoImportJob::cursorName));
    ASSERT_TRUE(cursor.ok());
    EXPECT_FALSE(cursor->isEmpty());

    // Later: only what changed since the cursor, and the same order updated, never a second one.
    poleepoRig.advance(600);
    QJsonObject changed = PoleepoFake::sampleOrder(u"O2"_s, u"Canceled"_s);
    poleepo().addOrder(changed);
    const auto second = runImport();
    ASSERT_TRUE(second.ok()) << qPrintable(second.error());
    EXPECT_EQ(second->created, 0);
    EXPECT_EQ(second->updated, 1);
    EXPECT_EQ(poleepoRig.fake.requests(u"/orders"_s).constLast().query.queryItemValue(u"updated_after"_s),
              *cursor);
    SalesOrderRepository::Query all;
    EXPECT_EQ(*SalesOrderRepository(db()).count(all), 5);
    EXPECT_EQ(service->get(localOrder(u"O2"_s))->poleepoStatus, u"Canceled"_s);
}

TEST_P(PoleepoImportTest, TheJobKeepsItsCursorWhenPoleepoFails)
{
    poleepo().addOrders(3, poleepo().now().addSecs(-60));
    importJob->setPageSize(2);
    poleepo().addFault(u"/orders"_s, unavailable(), 50);
    const auto failed = runImport();
    EXPECT_FALSE(failed.ok());
    EXPECT_TRUE(
            FulfilmentRepository(db()).cursor(QString::fromLatin1(PoleepoImportJob::cursorName))->isEmpty());
    poleepo().clearFaults();
    const auto retried = runImport();
    ASSERT_TRUE(retried.ok()) << qPrintable(retried.error());
    EXPECT_EQ(retried->created, 3);
}

TEST_P(PoleepoImportTest, AStatusShipmentWebhookUpdatesTheShippingAndTheTimeline)
{
    poleepo().addOrder(poleepoOrder(u"P5"_s, {u"TS-M-O"_s}, u"S5"_s));
    poleepo().addShipping(QJsonObject {{u"id"_s, u"S5"_s},
                                       {u"order_id"_s, u"P5"_s},
                                       {u"carrier"_s, u"BRT"_s},
                                       {u"tracking_code"_s, u"BRT123"_s},
                                       {u"status"_s, u"Shipped"_s}});
    EXPECT_EQ(statusOrder(u"P5"_s).state, WebhookQueueItem::State::Done);
    const qint64 id = localOrder(u"P5"_s);
    const WebhookQueueItem item = webhook(u"STATUS_SHIPMENT"_s, u"shipping_id"_s, u"S5"_s);
    EXPECT_EQ(item.state, WebhookQueueItem::State::Done) << qPrintable(item.lastError + item.note);
    EXPECT_EQ(eventsOfKind(id, u"poleepo-shipment"_s), 1);
    EXPECT_TRUE(item.note.contains(u"BRT123"_s)) << qPrintable(item.note);
    // The same news again changes nothing.
    EXPECT_EQ(webhook(u"STATUS_SHIPMENT"_s, u"shipping_id"_s, u"S5"_s).state, WebhookQueueItem::State::Done);
    EXPECT_EQ(eventsOfKind(id, u"poleepo-shipment"_s), 1);
    // A shipping no order has: Ignored, saying so.
    poleepo().addShipping(QJsonObject {{u"id"_s, u"S9"_s}, {u"order_id"_s, u"P9"_s}});
    EXPECT_EQ(webhook(u"STATUS_SHIPMENT"_s, u"shipping_id"_s, u"S9"_s).state,
              WebhookQueueItem::State::Ignored);
}

} // namespace

BOTTEGA_INSTANTIATE_BACKEND_TESTS(PoleepoImportTest);

} // namespace Bottega::Test
