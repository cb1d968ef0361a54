// Gelato's webhook events (the seed's own examples) applied through the queue on both engines:
// statuses, cancellation, notes, tracking per package, split orders, estimates, idempotence.
#include "core/orders/GelatoEventHandler.h"

#include "core/messages/MessageText.h"
#include "core/store/OrderPackageRepository.h"
#include "core/store/SalesOrderRepository.h"
#include "core/webhooks/WebhookProcessor.h"
#include "tests/core/webhooks/WebhookTestBase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class GelatoEventHandlerTest : public WebhookTestBase
{
protected:
    void SetUp() override
    {
        WebhookTestBase::SetUp();
        if (HasFatalFailure())
            return;
        processor = std::make_unique<WebhookProcessor>(db());
        GelatoEventHandler(db()).registerWith(
                [this](const QString &source, const QString &event, WebhookProcessor::Handler handler) {
                    processor->registerHandler(source, event, std::move(handler));
                });
    }

    void TearDown() override
    {
        processor.reset();
        WebhookTestBase::TearDown();
    }

    qint64 createOrder(const QString &gelatoOrderId, const QStringList &itemReferences = {})
    {
        SalesOrder order;
        order.reference = u"83831IAKD"_s + QString::number(++m_sequence);
        order.state = u"sent"_s;
        order.customerFirstName = u"Giulia"_s;
        order.customerLastName = u"Rossi"_s;
        order.shippingAddress.firstName = u"Giulia"_s;
        order.shippingAddress.addressLine1 = u"Via Roma 1"_s;
        order.shippingAddress.city = u"Milano"_s;
        order.shippingAddress.country = u"IT"_s;
        order.gelatoOrderId = gelatoOrderId;
        order.isGelato = true;
        for (const QString &reference : itemReferences) {
            OrderLine line;
            line.productName = reference;
            line.sku = reference;
            line.itemReferenceId = reference;
            order.lines.append(line);
        }
        const auto id = SalesOrderRepository(db()).create(order);
        EXPECT_TRUE(id.ok()) << qPrintable(id.error());
        return id.ok() ? *id : 0;
    }

    // Queues the body as the intake would and processes the queue; returns the row afterwards.
    WebhookQueueItem apply(const QByteArray &body)
    {
        const QJsonObject object = QJsonDocument::fromJson(body).object();
        WebhookQueueItem item;
        item.source = u"gelato"_s;
        item.event = object.value("event"_L1).toString();
        item.eventId = object.value("id"_L1).toString() + u'-' + QString::number(++m_sequence);
        item.body = body;
        const auto inserted = WebhookQueueRepository(db()).insert(item);
        EXPECT_TRUE(inserted.ok()) << qPrintable(inserted.error());
        const auto summary = processor->processDue();
        EXPECT_TRUE(summary.ok()) << qPrintable(summary.error());
        const auto stored = WebhookQueueRepository(db()).get(inserted->id);
        EXPECT_TRUE(stored.ok());
        return stored.ok() ? *stored : WebhookQueueItem();
    }

    WebhookQueueItem applyFile(const QString &name)
    {
        return apply(readTestData(u"gelato/webhooks/"_s + name));
    }

    // The seed's example with its fulfillment status (and the item's) replaced.
    QByteArray withStatus(const QString &file, const QString &status, const QString &comment = {})
    {
        QJsonObject object = QJsonDocument::fromJson(readTestData(u"gelato/webhooks/"_s + file)).object();
        object.insert(u"fulfillmentStatus"_s, status);
        object.insert(u"comment"_s, comment);
        return QJsonDocument(object).toJson();
    }

    SalesOrder order(qint64 id)
    {
        const auto found = SalesOrderRepository(db()).get(id);
        EXPECT_TRUE(found.ok()) << qPrintable(found.error());
        return found.ok() ? *found : SalesOrder();
    }

    std::unique_ptr<WebhookProcessor> processor;

private:
    int m_sequence = 0;
};

TEST_P(GelatoEventHandlerTest, ShippedStoresEveryTrackingCodeWithItsUrl)
{
    const qint64 id = createOrder(u"a6a1f9ce-2bdd-4a9e-9f8d-0009df0e24d9"_s);

    const WebhookQueueItem row = applyFile(u"order_status_updated.json"_s);

    EXPECT_EQ(row.state, WebhookQueueItem::State::Done) << qPrintable(row.note + row.lastError);
    const SalesOrder shipped = order(id);
    EXPECT_EQ(shipped.gelatoFulfillmentStatus, u"shipped"_s);
    ASSERT_EQ(shipped.packages.size(), 2);
    QStringList codes, urls;
    for (const OrderPackage &package : shipped.packages) {
        codes.append(package.trackingCode);
        urls.append(package.trackingUrl);
        EXPECT_EQ(package.carrier, u"DHL Express Domestic BR"_s);
        EXPECT_EQ(package.gelatoOrderId, u"a6a1f9ce-2bdd-4a9e-9f8d-0009df0e24d9"_s);
    }
    codes.sort();
    urls.sort();
    EXPECT_EQ(codes, (QStringList {u"code123"_s, u"code234"_s}));
    EXPECT_EQ(urls,
              (QStringList {u"http://example.com/tracking?code=code123"_s,
                            u"http://example.com/tracking?code=code234"_s}));
    int tracking = 0;
    for (const OrderEvent &event : shipped.events)
        tracking += event.kind == u"tracking"_s ? 1 : 0;
    EXPECT_EQ(tracking, 2);
}

TEST_P(GelatoEventHandlerTest, ApplyingAnEventTwiceChangesNothing)
{
    const qint64 id = createOrder(u"a6a1f9ce-2bdd-4a9e-9f8d-0009df0e24d9"_s);
    ASSERT_EQ(applyFile(u"order_status_updated.json"_s).state, WebhookQueueItem::State::Done);
    const SalesOrder before = order(id);

    const WebhookQueueItem again = applyFile(u"order_status_updated.json"_s);

    EXPECT_EQ(again.state, WebhookQueueItem::State::Done);
    EXPECT_EQ(MessageText::renderStored(again.note), u"nothing new"_s);
    const SalesOrder after = order(id);
    EXPECT_EQ(after.events.size(), before.events.size());
    EXPECT_EQ(after.packages.size(), before.packages.size());
}

TEST_P(GelatoEventHandlerTest, CanceledCancelsTheLocalOrderOnce)
{
    const qint64 id = createOrder(u"a6a1f9ce-2bdd-4a9e-9f8d-0009df0e24d9"_s);

    EXPECT_EQ(apply(withStatus(u"order_status_updated.json"_s, u"canceled"_s)).state,
              WebhookQueueItem::State::Done);
    const qsizetype events = order(id).events.size();
    EXPECT_EQ(apply(withStatus(u"order_status_updated.json"_s, u"canceled"_s)).state,
              WebhookQueueItem::State::Done);

    EXPECT_EQ(order(id).state, u"cancelled"_s);
    EXPECT_EQ(order(id).events.size(), events);
}

TEST_P(GelatoEventHandlerTest, FailedAndReturnedKeepGelatosCommentWithTheStateChange)
{
    const qint64 id = createOrder(u"a6a1f9ce-2bdd-4a9e-9f8d-0009df0e24d9"_s);

    apply(withStatus(u"order_status_updated.json"_s, u"failed"_s, u"file could not be downloaded"_s));
    apply(withStatus(u"order_status_updated.json"_s, u"returned"_s, u"address unknown"_s));

    // One entry per change: the state change itself carries Gelato's comment.
    QStringList changes;
    for (const OrderEvent &event : order(id).events) {
        if (event.kind == u"state"_s && event.source == OrderEvent::Source::Webhook)
            changes.append(event.newState + u": "_s + MessageText::render(event.message));
    }
    ASSERT_EQ(changes.size(), 2) << qPrintable(changes.join(u'\n'));
    EXPECT_TRUE(changes[0].startsWith("failed: "_L1)
                && changes[0].contains("file could not be downloaded"_L1))
            << qPrintable(changes[0]);
    EXPECT_TRUE(changes[1].startsWith("returned: "_L1) && changes[1].contains("address unknown"_L1))
            << qPrintable(changes[1]);
    EXPECT_EQ(order(id).state, u"returned"_s);
}

TEST_P(GelatoEventHandlerTest, TheLocalStateFollowsGelatoForwardOnly)
{
    const qint64 id = createOrder(u"a6a1f9ce-2bdd-4a9e-9f8d-0009df0e24d9"_s);
    const auto stateChanges = [this, id] {
        QStringList changes;
        for (const OrderEvent &event : order(id).events) {
            if (event.kind == u"state"_s && event.source == OrderEvent::Source::Webhook)
                changes.append(event.oldState + u'>' + event.newState);
        }
        return changes;
    };

    apply(withStatus(u"order_status_updated.json"_s, u"passed"_s));
    EXPECT_EQ(order(id).state, u"sent"_s); // Gelato has it; nothing moved yet
    apply(withStatus(u"order_status_updated.json"_s, u"printed"_s));
    EXPECT_EQ(order(id).state, u"in_production"_s);
    apply(withStatus(u"order_status_updated.json"_s, u"delivered"_s));
    EXPECT_EQ(order(id).state, u"delivered"_s);
    // Late and repeated events: a delivered order never goes back to shipped.
    apply(withStatus(u"order_status_updated.json"_s, u"shipped"_s));
    apply(withStatus(u"order_status_updated.json"_s, u"delivered"_s));

    EXPECT_EQ(order(id).state, u"delivered"_s);
    EXPECT_EQ(stateChanges(), (QStringList {u"sent>in_production"_s, u"in_production>delivered"_s}));
}

TEST_P(GelatoEventHandlerTest, ConnectedOrdersUpdateTheOneLocalOrder)
{
    const qint64 id = createOrder(u"parent-order"_s, {u"poster-13x18"_s, u"phone-case"_s, u"mug-15-oz"_s});
    OrderPackageRepository packages(db());
    for (const auto gelatoId :
         {"c3c8f7f5-a0e8-4014-a3fb-38a5375d2af8"_L1, "2b8b2b0d-1383-44ac-a650-17619b30a0dc"_L1}) {
        GelatoConnectedOrder connected;
        connected.orderId = id;
        connected.gelatoOrderId = gelatoId;
        connected.status = u"created"_s;
        ASSERT_TRUE(packages.saveConnectedOrder(connected).ok());
    }

    EXPECT_EQ(applyFile(u"order_status_updated_part1.json"_s).state, WebhookQueueItem::State::Done);
    EXPECT_EQ(applyFile(u"order_status_updated_part2.json"_s).state, WebhookQueueItem::State::Done);
    EXPECT_EQ(applyFile(u"order_item_status_updated_poster.json"_s).state, WebhookQueueItem::State::Done);
    EXPECT_EQ(applyFile(u"order_item_status_updated_phone_case.json"_s).state, WebhookQueueItem::State::Done);

    const SalesOrder split = order(id);
    ASSERT_EQ(split.connectedOrders.size(), 2);
    for (const GelatoConnectedOrder &connected : split.connectedOrders)
        EXPECT_EQ(connected.status, u"passed"_s) << qPrintable(connected.gelatoOrderId);
    QStringList statuses;
    for (const OrderLine &line : split.lines)
        statuses.append(line.itemReferenceId + u'=' + line.gelatoItemStatus);
    // part2's order_status_updated lists the mug with its own status: items follow it too.
    EXPECT_EQ(statuses,
              (QStringList {u"poster-13x18=passed"_s, u"phone-case=passed"_s, u"mug-15-oz=passed"_s}));
}

TEST_P(GelatoEventHandlerTest, TrackingCodeAndDeliveryEstimateEvents)
{
    const qint64 id = createOrder(u"a6a1f9ce-2bdd-4a9e-9f8d-0009df0e24d9"_s);

    EXPECT_EQ(applyFile(u"order_item_tracking_code_updated.json"_s).state, WebhookQueueItem::State::Done);
    EXPECT_EQ(applyFile(u"order_delivery_estimate_updated.json"_s).state, WebhookQueueItem::State::Done);

    const SalesOrder updated = order(id);
    ASSERT_EQ(updated.packages.size(), 1);
    EXPECT_EQ(updated.packages[0].trackingCode, u"code123"_s);
    EXPECT_EQ(updated.deliveryEstimateMin.date(), QDate(2022, 11, 3));
    EXPECT_EQ(updated.deliveryEstimateMax.date(), QDate(2022, 11, 5));
}

TEST_P(GelatoEventHandlerTest, UnknownOrdersTestCallsAndStockEventsAreIgnoredWithAReason)
{
    createOrder(u"some-other-order"_s);

    const WebhookQueueItem unknown = applyFile(u"order_status_updated_part1.json"_s);
    const WebhookQueueItem testCall = applyFile(u"order_item_status_updated.json"_s);
    const WebhookQueueItem stock = applyFile(u"catalog_product_stock_availability_updated.json"_s);

    EXPECT_EQ(unknown.state, WebhookQueueItem::State::Ignored);
    EXPECT_TRUE(MessageText::renderStored(unknown.note).contains("c3c8f7f5-a0e8-4014-a3fb-38a5375d2af8"_L1))
            << qPrintable(unknown.note);
    EXPECT_EQ(testCall.state, WebhookQueueItem::State::Ignored);
    EXPECT_TRUE(MessageText::renderStored(testCall.note).contains("test call"_L1))
            << qPrintable(testCall.note);
    EXPECT_EQ(stock.state, WebhookQueueItem::State::Ignored);
    EXPECT_TRUE(MessageText::renderStored(stock.note).contains("stock"_L1)) << qPrintable(stock.note);
}

// A batch's events are read ahead and applied in one go (PERF-2): the outcome must be exactly that
// of the same events applied one at a time, also with several events for one order in the batch,
// connected orders, an order Bottega does not have, and a broken payload in the middle (which
// makes the batch be applied a second time).
namespace {

QByteArray statusEvent(const QString &gelatoOrderId, const QString &reference, const QString &status,
                       const QStringList &trackingCodes = {})
{
    QJsonArray fulfillments;
    for (const QString &code : trackingCodes)
        fulfillments.append(QJsonObject {{u"trackingCode"_s, code},
                                         {u"trackingUrl"_s, QString(u"https://track.example/"_s + code)},
                                         {u"shipmentMethodName"_s, u"DHL"_s}});
    const QJsonObject event {
            {u"id"_s, QString(u"os_"_s + gelatoOrderId + u'_' + status)},
            {u"event"_s, u"order_status_updated"_s},
            {u"orderId"_s, gelatoOrderId},
            {u"orderReferenceId"_s, reference},
            {u"fulfillmentStatus"_s, status},
            {u"comment"_s, QString()},
            {u"items"_s,
             QJsonArray {QJsonObject {{u"itemReferenceId"_s, QString(reference + u"-1"_s)},
                                      {u"fulfillmentStatus"_s, status},
                                      {u"fulfillments"_s, fulfillments}}}}};
    return QJsonDocument(event).toJson(QJsonDocument::Compact);
}

void createOrders(Database &database)
{
    SalesOrderRepository orders(database);
    SalesOrder single;
    single.reference = u"R-A"_s;
    single.state = u"sent"_s;
    single.gelatoOrderId = u"batch-a"_s;
    single.isGelato = true;
    OrderLine line;
    line.productName = line.sku = line.itemReferenceId = u"R-A-1"_s;
    single.lines.append(line);
    ASSERT_TRUE(orders.create(single).ok());

    SalesOrder split;
    split.reference = u"R-P"_s;
    split.state = u"sent"_s;
    split.gelatoOrderId = u"parent-order"_s;
    split.isGelato = true;
    for (const auto reference : {"poster-13x18"_L1, "phone-case"_L1, "mug-15-oz"_L1}) {
        OrderLine part;
        part.productName = part.sku = part.itemReferenceId = QString(reference);
        split.lines.append(part);
    }
    const auto id = orders.create(split);
    ASSERT_TRUE(id.ok()) << qPrintable(id.error());
    for (const auto gelatoId :
         {"c3c8f7f5-a0e8-4014-a3fb-38a5375d2af8"_L1, "2b8b2b0d-1383-44ac-a650-17619b30a0dc"_L1}) {
        GelatoConnectedOrder connected;
        connected.orderId = *id;
        connected.gelatoOrderId = gelatoId;
        connected.status = u"created"_s;
        ASSERT_TRUE(OrderPackageRepository(database).saveConnectedOrder(connected).ok());
    }
}

// Everything the events can change, without times and ids.
QStringList fingerprint(Database &database)
{
    QStringList lines;
    SalesOrderRepository orders(database);
    for (const auto reference : {"R-A"_L1, "R-P"_L1}) {
        const auto id = orders.findByReference(QString(reference));
        if (!id.ok() || !id->has_value())
            return {QString(u"no order "_s + reference)};
        const auto order = orders.get(**id);
        if (!order.ok())
            return {order.error()};
        lines.append(order->reference + u": "_s + order->state + u' ' + order->gelatoFulfillmentStatus);
        for (const OrderLine &line : order->lines)
            lines.append(u"  line "_s + line.itemReferenceId + u'=' + line.gelatoItemStatus);
        for (const OrderPackage &package : order->packages)
            lines.append(u"  package "_s + package.trackingCode + u' ' + package.trackingUrl + u' ' + package.carrier
                         + u' ' + package.status);
        for (const GelatoConnectedOrder &connected : order->connectedOrders)
            lines.append(u"  part "_s + connected.gelatoOrderId + u'=' + connected.status);
        for (const OrderEvent &event : order->events)
            lines.append(u"  event "_s + event.kind + u' ' + event.oldState + u'>' + event.newState + u' '
                         + event.message.toStored());
    }
    const auto queued = WebhookQueueRepository(database).list({});
    if (!queued.ok())
        return {queued.error()};
    for (auto it = queued->crbegin(); it != queued->crend(); ++it)
        lines.append(u"queue "_s + it->eventId + u' ' + WebhookQueueItem::stateName(it->state) + u' '
                     + it->note + u' ' + it->lastError);
    return lines;
}

} // namespace

TEST_P(GelatoEventHandlerTest, ABatchEndsAsTheSameEventsAppliedOneByOne)
{
    const QList<QByteArray> events {
            statusEvent(u"batch-a"_s, u"R-A"_s, u"created"_s),
            readTestData(u"gelato/webhooks/order_status_updated_part1.json"_s),
            statusEvent(u"batch-a"_s, u"R-A"_s, u"passed"_s),
            readTestData(u"gelato/webhooks/order_status_updated_part2.json"_s),
            statusEvent(u"batch-a"_s, u"R-A"_s, u"printed"_s),
            QByteArray(R"({"id":"broken","event":"order_status_updated","orderId":12,"fulfillmentStatus":1})"),
            readTestData(u"gelato/webhooks/order_item_status_updated_poster.json"_s),
            statusEvent(u"batch-a"_s, u"R-A"_s, u"shipped"_s, {u"T1"_s}),
            statusEvent(u"batch-a"_s, u"R-A"_s, u"shipped"_s, {u"T1"_s}),
            readTestData(u"gelato/webhooks/order_item_status_updated_phone_case.json"_s),
            statusEvent(u"nobody"_s, u"R-X"_s, u"passed"_s),
            statusEvent(u"batch-a"_s, u"R-A"_s, u"delivered"_s, {u"T1"_s, u"T2"_s}),
            readTestData(u"gelato/webhooks/order_delivery_estimate_updated.json"_s),
    };
    const auto enqueue = [](Database &database, int index, const QByteArray &body) {
        WebhookQueueItem item;
        item.source = u"gelato"_s;
        item.event = QJsonDocument::fromJson(body).object().value("event"_L1).toString(u"order_status_updated"_s);
        item.eventId = u"e%1"_s.arg(index, 2, 10, QChar(u'0'));
        item.body = body;
        ASSERT_TRUE(WebhookQueueRepository(database).insert(item).ok());
    };

    // One by one, on a database of its own.
    auto other = TestDatabase::create(GetParam());
    ASSERT_TRUE(other.ok()) << qPrintable(other.error());
    Database &oneByOne = (*other)->database();
    createOrders(oneByOne);
    {
        WebhookProcessor single(oneByOne);
        GelatoEventHandler(oneByOne).registerWith(
                [&single](const QString &source, const QString &event, WebhookProcessor::Handler handler) {
                    single.registerHandler(source, event, std::move(handler));
                });
        for (int i = 0; i < events.size(); ++i) {
            enqueue(oneByOne, i, events[i]);
            const auto summary = single.processDue();
            ASSERT_TRUE(summary.ok()) << qPrintable(summary.error());
            ASSERT_EQ(summary->total(), 1);
        }
    }

    // All in one batch.
    createOrders(db());
    for (int i = 0; i < events.size(); ++i)
        enqueue(db(), i, events[i]);
    const auto summary = processor->processDue();
    ASSERT_TRUE(summary.ok()) << qPrintable(summary.error());
    EXPECT_EQ(summary->total(), events.size());
    EXPECT_EQ(summary->failed, 1);

    const QStringList expected = fingerprint(oneByOne);
    EXPECT_EQ(fingerprint(db()), expected) << qPrintable(expected.join(u'\n'));
    EXPECT_TRUE(expected.contains(u"R-A: delivered delivered"_s)) << qPrintable(expected.join(u'\n'));
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(GelatoEventHandlerTest);

} // namespace
} // namespace Bottega::Test
