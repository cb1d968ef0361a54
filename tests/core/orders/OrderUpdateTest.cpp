// OrderUpdate, the one use case that applies news about an order (issue 10): Gelato's webhooks
// (through the queue and GelatoEventHandler) and Gelato's answers to refresh and reconciliation
// (through OrderService against the Gelato fake) follow one forward-only rule, write one timeline
// entry per real change whatever the source, and record the source. On SQLite and PostgreSQL.
#include "core/orders/OrderUpdate.h"

#include "core/messages/MessageText.h"
#include "core/orders/GelatoEventHandler.h"
#include "core/store/WebhookQueueRepository.h"
#include "core/webhooks/WebhookProcessor.h"
#include "tests/core/orders/OrderServiceFixture.h"
#include "tests/support/TestUtil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class OrderUpdateTest : public OrderServiceFixture
{
protected:
    void SetUp() override
    {
        OrderServiceFixture::SetUp();
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
        OrderServiceFixture::TearDown();
    }

    // A local order sent to Gelato (state sent); its Gelato id in gelatoId.
    qint64 sentOrder(QString &gelatoId)
    {
        const qint64 id = createOrder(data.order(u"WEB-"_s + QString::number(2000 + ++m_sequence)));
        const auto sent = confirm(id);
        EXPECT_TRUE(sent.ok()) << (sent.ok() ? std::string() : sent.error().toStdString());
        gelatoId = sent.ok() ? sent->gelatoOrderId : QString();
        return id;
    }

    // Queues a Gelato webhook call with this body and processes the queue; the row afterwards.
    WebhookQueueItem webhook(const QJsonObject &body)
    {
        WebhookQueueItem item;
        item.source = u"gelato"_s;
        item.event = body.value("event"_L1).toString();
        item.eventId = u"evt-"_s + QString::number(++m_sequence);
        item.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        const auto inserted = WebhookQueueRepository(db()).insert(item);
        EXPECT_TRUE(inserted.ok()) << qPrintable(inserted.error());
        const auto summary = processor->processDue();
        EXPECT_TRUE(summary.ok()) << qPrintable(summary.error());
        const auto stored = WebhookQueueRepository(db()).get(inserted.ok() ? inserted->id : 0);
        EXPECT_TRUE(stored.ok());
        return stored.ok() ? *stored : WebhookQueueItem();
    }

    static QJsonObject statusEvent(const QString &gelatoId, const QString &status,
                                   const QJsonArray &items = {})
    {
        QJsonObject body {{u"id"_s, u"os_1"_s},
                          {u"event"_s, u"order_status_updated"_s},
                          {u"orderId"_s, gelatoId},
                          {u"fulfillmentStatus"_s, status}};
        if (!items.isEmpty())
            body.insert(u"items"_s, items);
        return body;
    }

    SalesOrder order(qint64 id)
    {
        const auto found = service->get(id);
        EXPECT_TRUE(found.ok()) << qPrintable(found.error());
        return found.ok() ? *found : SalesOrder();
    }

    // Every timeline entry as one line, to compare whole timelines.
    QStringList timeline(qint64 id)
    {
        QStringList lines;
        for (const OrderEvent &event : order(id).events)
            lines.append(OrderEvent::sourceName(event.source) + u' ' + event.kind + u' ' + event.oldState
                         + u"->"_s + event.newState + u' ' + MessageText::render(event.message));
        return lines;
    }

    std::unique_ptr<WebhookProcessor> processor;

private:
    int m_sequence = 0;
};

TEST_P(OrderUpdateTest, APollThenTheWebhookOfTheSameStatusLeaveOneEntry)
{
    QString gelatoId;
    const qint64 id = sentOrder(gelatoId);
    ASSERT_TRUE(fake().setOrderStatus(gelatoId, u"printed"_s));
    ASSERT_TRUE(refresh(id).ok());
    const QStringList afterPoll = timeline(id);
    EXPECT_EQ(afterPoll.filter(u"printed"_s, Qt::CaseInsensitive).size(), 1)
            << qPrintable(afterPoll.join(u'\n'));

    const WebhookQueueItem row = webhook(statusEvent(gelatoId, u"printed"_s));

    EXPECT_EQ(row.state, WebhookQueueItem::State::Done) << qPrintable(row.note + row.lastError);
    EXPECT_EQ(MessageText::renderStored(row.note), u"nothing new"_s);
    EXPECT_EQ(timeline(id), afterPoll);
    EXPECT_EQ(order(id).state, OrderState::InProduction);
}

TEST_P(OrderUpdateTest, TheWebhookThenTheSameStatusByPollAlsoLeaveOneEntryWithTheFirstSource)
{
    QString gelatoId;
    const qint64 id = sentOrder(gelatoId);
    ASSERT_EQ(webhook(statusEvent(gelatoId, u"printed"_s)).state, WebhookQueueItem::State::Done);
    const QStringList afterWebhook = timeline(id);
    ASSERT_FALSE(afterWebhook.isEmpty());
    EXPECT_TRUE(afterWebhook.last().startsWith(u"webhook state sent->in_production"_s))
            << qPrintable(afterWebhook.last());

    ASSERT_TRUE(fake().setOrderStatus(gelatoId, u"printed"_s));
    ASSERT_TRUE(refresh(id).ok());

    EXPECT_EQ(timeline(id), afterWebhook);
}

TEST_P(OrderUpdateTest, AnOlderAnswerAfterTheWebhookChangesNothing)
{
    QString gelatoId;
    const qint64 id = sentOrder(gelatoId);
    ASSERT_TRUE(fake().setOrderStatus(gelatoId, u"printed"_s)); // what a poll would read
    ASSERT_EQ(webhook(statusEvent(gelatoId, u"shipped"_s)).state, WebhookQueueItem::State::Done);
    ASSERT_EQ(order(id).state, OrderState::Shipped);
    const QStringList before = timeline(id);

    ASSERT_TRUE(refresh(id).ok());

    const SalesOrder after = order(id);
    EXPECT_EQ(after.state, OrderState::Shipped);
    EXPECT_EQ(after.gelatoFulfillmentStatus, u"shipped"_s);
    EXPECT_EQ(timeline(id), before);

    // An answer saying "draft" never takes a shipped order back to a Gelato draft either.
    OrderNews draft;
    draft.source = OrderEvent::Source::Poll;
    draft.isFullAnswer = true;
    draft.isGelatoDraft = true;
    draft.fulfillmentStatus = u"draft"_s;
    const auto outcome = OrderUpdate(db()).apply(id, draft);
    ASSERT_TRUE(outcome.ok()) << qPrintable(outcome.error());
    EXPECT_FALSE(outcome->stateChanged);
    EXPECT_EQ(order(id).state, OrderState::Shipped);
    EXPECT_EQ(order(id).gelatoFulfillmentStatus, u"shipped"_s);
    EXPECT_EQ(timeline(id), before);
}

TEST_P(OrderUpdateTest, TheSameEventTwiceChangesNothingTheSecondTime)
{
    QString gelatoId;
    const qint64 id = sentOrder(gelatoId);
    const QString reference = order(id).lines.at(0).itemReferenceId;
    const QJsonArray items {
            QJsonObject {{u"itemReferenceId"_s, reference},
                         {u"fulfillmentStatus"_s, u"shipped"_s},
                         {u"fulfillments"_s,
                          QJsonArray {QJsonObject {{u"trackingCode"_s, u"code123"_s},
                                                   {u"trackingUrl"_s, u"https://track.example/code123"_s},
                                                   {u"shipmentMethodName"_s, u"DHL Parcel"_s}}}}}};

    const WebhookQueueItem first = webhook(statusEvent(gelatoId, u"shipped"_s, items));
    ASSERT_EQ(first.state, WebhookQueueItem::State::Done) << qPrintable(first.lastError);
    const SalesOrder once = order(id);
    const QStringList onceTimeline = timeline(id);
    EXPECT_EQ(once.state, OrderState::Shipped);
    ASSERT_EQ(once.packages.size(), 1);
    EXPECT_EQ(onceTimeline.filter(u"tracking"_s).size(), 1) << qPrintable(onceTimeline.join(u'\n'));

    const WebhookQueueItem second = webhook(statusEvent(gelatoId, u"shipped"_s, items));

    EXPECT_EQ(second.state, WebhookQueueItem::State::Done);
    EXPECT_EQ(MessageText::renderStored(second.note), u"nothing new"_s);
    const SalesOrder twice = order(id);
    EXPECT_EQ(twice.packages.size(), 1);
    EXPECT_EQ(twice.lines.at(0).gelatoItemStatus, u"shipped"_s);
    EXPECT_EQ(timeline(id), onceTimeline);
}

TEST_P(OrderUpdateTest, AParcelToldByWebhookThenByTheAnswerIsOnePackage)
{
    QString gelatoId;
    const qint64 id = sentOrder(gelatoId);
    ASSERT_TRUE(fake().setOrderStatus(gelatoId, u"shipped"_s)); // the fake ships one package
    const QJsonObject answer = fake().order(gelatoId);
    const QJsonObject package = answer.value("shipment"_L1)["packages"_L1][0].toObject();
    const QString code = package.value("trackingCode"_L1).toString();
    ASSERT_FALSE(code.isEmpty());
    const QJsonArray items {
            QJsonObject {{u"itemReferenceId"_s, order(id).lines.at(0).itemReferenceId},
                         {u"fulfillments"_s,
                          QJsonArray {QJsonObject {{u"trackingCode"_s, code},
                                                   {u"trackingUrl"_s, package.value("trackingUrl"_L1)}}}}}};
    ASSERT_EQ(webhook(statusEvent(gelatoId, u"shipped"_s, items)).state, WebhookQueueItem::State::Done);

    ASSERT_TRUE(refresh(id).ok());

    const SalesOrder after = order(id);
    ASSERT_EQ(after.packages.size(), 1);
    EXPECT_EQ(after.packages.at(0).packageId, package.value("id"_L1).toString()); // Gelato's id learnt
    EXPECT_EQ(after.packages.at(0).trackingCode, code);
    EXPECT_EQ(timeline(id).filter(u" tracking "_s).size(), 1) << qPrintable(timeline(id).join(u'\n'));
}

TEST_P(OrderUpdateTest, AnEventWithFieldsOfTheWrongTypeIsFailedAndChangesNothing)
{
    QString gelatoId;
    const qint64 id = sentOrder(gelatoId);
    const SalesOrder before = order(id);
    const QStringList beforeTimeline = timeline(id);

    QJsonObject broken = statusEvent(gelatoId, u"shipped"_s);
    broken.insert(u"fulfillmentStatus"_s, 42);
    broken.insert(u"items"_s, u"oops"_s);
    const WebhookQueueItem row = webhook(broken);

    EXPECT_EQ(row.state, WebhookQueueItem::State::Failed);
    EXPECT_EQ(row.attempts, 1) << "not retried: the payload will not get better";
    EXPECT_TRUE(row.lastError.contains(u"fulfillmentStatus is not text"_s)) << qPrintable(row.lastError);
    const SalesOrder after = order(id);
    EXPECT_EQ(after.state, before.state);
    EXPECT_EQ(after.gelatoFulfillmentStatus, before.gelatoFulfillmentStatus);
    EXPECT_FALSE(after.gelatoFulfillmentStatus.isEmpty());
    EXPECT_EQ(timeline(id), beforeTimeline);

    QJsonObject badItems = statusEvent(gelatoId, u"shipped"_s);
    badItems.insert(u"items"_s, u"oops"_s);
    const WebhookQueueItem second = webhook(badItems);
    EXPECT_EQ(second.state, WebhookQueueItem::State::Failed);
    EXPECT_TRUE(second.lastError.contains(u"items is not a list"_s)) << qPrintable(second.lastError);
    EXPECT_EQ(order(id).state, before.state);
    EXPECT_EQ(timeline(id), beforeTimeline);
}

TEST_P(OrderUpdateTest, EachEntryRecordsItsSourceAndTheEndsAreFinal)
{
    QString gelatoId;
    const qint64 id = sentOrder(gelatoId);
    ASSERT_TRUE(fake().setOrderStatus(gelatoId, u"in_production"_s));
    auto polled = run<int>([&](QObject *c, auto done) { service->reconcile(c, done); });
    ASSERT_TRUE(polled.ok()) << qPrintable(polled.error());
    ASSERT_EQ(webhook(statusEvent(gelatoId, u"canceled"_s)).state, WebhookQueueItem::State::Done);
    ASSERT_EQ(webhook(statusEvent(gelatoId, u"shipped"_s)).state, WebhookQueueItem::State::Done);

    QStringList states;
    for (const OrderEvent &event : order(id).events) {
        if (event.kind == u"state"_s)
            states.append(OrderEvent::sourceName(event.source) + u':' + event.newState);
    }
    ASSERT_GE(states.size(), 2);
    EXPECT_EQ(states.mid(states.size() - 2), (QStringList {u"poll:in_production"_s, u"webhook:cancelled"_s}));
    EXPECT_EQ(order(id).state, OrderState::Cancelled) << "nothing leaves cancelled";
}

TEST_P(OrderUpdateTest, ACostLineGelatoLeavesOutIsUnknownAndTheSendStillSucceeds)
{
    fake().omitReceiptField(u"packagingPrice"_s);
    QString gelatoId;
    const qint64 id = sentOrder(gelatoId);

    const SalesOrder sent = order(id);
    EXPECT_EQ(sent.state, OrderState::Sent);
    EXPECT_FALSE(sent.gelatoOrderId.isEmpty());
    EXPECT_EQ(sent.gelatoCostUnknown, QStringList {u"packagingPrice"_s});
    EXPECT_GT(sent.gelatoCostProducts, 0);
    EXPECT_GT(sent.gelatoCostTotal, 0);
    EXPECT_EQ(sent.gelatoCostPackaging, 0);
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(OrderUpdateTest);

} // namespace
} // namespace Bottega::Test
