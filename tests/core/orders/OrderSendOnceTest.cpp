// Sending exactly once (ORD-5) against the Gelato fake over loopback: confirming twice, a create
// that timed out, a retry after an unsettled timeout or a crash mid-send, a local failure after the
// draft, Gelato's 4xx shown verbatim with the reference, an HTML 5xx. On SQLite and PostgreSQL.
#include "core/store/OrderSendRepository.h"
#include "core/store/SalesOrderRepository.h"
#include "tests/core/orders/OrderServiceFixture.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class OrderSendOnceTest : public OrderServiceFixture
{
};

TEST_P(OrderSendOnceTest, ConfirmingTwiceIsRefusedNamingTheState)
{
    const qint64 id = createOrder(data.order());
    ASSERT_TRUE(confirm(id).ok());
    auto again = confirm(id);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error(),
              u"WEB-1001: already sent to Gelato (state: Sent); it cannot be confirmed again"_s);
    EXPECT_EQ(fake().orderCount(), 1);
    EXPECT_EQ(requests("POST", fake().ordersPath()).size(), 1);
}

TEST_P(OrderSendOnceTest, ACreateThatTimesOutIsFoundByReferenceNotCreatedAgain)
{
    rig.gelato.setTimeoutMs(300);
    fake().storeThenHangNextCreate();
    const qint64 id = createOrder(data.order());
    auto sent = confirm(id);
    ASSERT_TRUE(sent.ok()) << sent.error().toStdString();
    EXPECT_EQ(sent->state, OrderState::Sent);
    EXPECT_EQ(fake().orderCount(), 1);
    EXPECT_EQ(requests("POST", fake().ordersPath()).size(), 1);
    EXPECT_EQ(requests("POST", fake().searchPath()).size(), 1);
    EXPECT_EQ(sent->gelatoOrderId, fake().orders().at(0).value("id"_L1).toString());
    EXPECT_EQ(fake().orders().at(0).value("orderType"_L1).toString(), u"order"_s);
}

TEST_P(OrderSendOnceTest, ARetryAfterAnUnsettledTimeoutSearchesFirstAndMakesNoSecondOrder)
{
    rig.gelato.setTimeoutMs(300);
    fake().storeThenHangNextCreate();
    // The search after the timeout fails too: whether Gelato has the order is unknown.
    rig.fake.addFault(fake().searchPath(), FakeFault::htmlError(502), 20);
    const qint64 id = createOrder(data.order());
    auto first = confirm(id, false, 10000);
    ASSERT_FALSE(first.ok());
    EXPECT_TRUE(first.error().startsWith(u"WEB-1001: "_s)) << first.error().toStdString();
    EXPECT_TRUE(first.error().endsWith(u"confirm again to finish sending"_s)) << first.error().toStdString();
    EXPECT_EQ(service->get(id)->state, OrderState::Sending);
    EXPECT_EQ(fake().orderCount(), 1);

    rig.fake.clearFaults();
    auto retried = confirm(id);
    ASSERT_TRUE(retried.ok()) << retried.error().toStdString();
    EXPECT_EQ(retried->state, OrderState::Sent);
    EXPECT_EQ(fake().orderCount(), 1);
    EXPECT_EQ(requests("POST", fake().ordersPath()).size(), 1); // never created a second time
    EXPECT_EQ(retried->gelatoOrderId, fake().orders().at(0).value("id"_L1).toString());
}

TEST_P(OrderSendOnceTest, AnOrderLeftSendingByACrashIsAdoptedOnRetry)
{
    const qint64 id = createOrder(data.order());
    // A first process claimed it and Gelato created it, then the process died before saving the id.
    ASSERT_TRUE(*OrderSendRepository(db()).claimForSending(id, {OrderState::Draft}, u"WEB-1001"_s,
                                                           OrderEvent::Source::User, u"sending"_s, 0));
    SalesOrder order = *service->get(id);
    QJsonObject request {{u"orderType"_s, u"draft"_s},
                         {u"orderReferenceId"_s, u"WEB-1001"_s},
                         {u"customerReferenceId"_s, u"anna@example.com"_s},
                         {u"currency"_s, u"EUR"_s},
                         {u"items"_s,
                          QJsonArray {QJsonObject {{u"itemReferenceId"_s, u"WEB-1001-1"_s},
                                                   {u"productUid"_s, u"apparel_tshirt_m_orange"_s},
                                                   {u"files"_s, QJsonArray()},
                                                   {u"quantity"_s, 2}}}},
                         {u"shippingAddress"_s,
                          QJsonObject {{u"firstName"_s, u"Anna"_s},
                                       {u"lastName"_s, u"Rossi"_s},
                                       {u"addressLine1"_s, u"Via Roma 1"_s},
                                       {u"city"_s, u"Milano"_s},
                                       {u"postCode"_s, u"20100"_s},
                                       {u"country"_s, u"IT"_s},
                                       {u"email"_s, u"anna@example.com"_s}}}};
    auto created
            = rig.wait<GelatoOrder>([&](QObject *c, auto done) { rig.gelato.createOrder(request, c, done); });
    ASSERT_TRUE(created && created->ok());

    auto retried = confirm(id);
    ASSERT_TRUE(retried.ok()) << retried.error().toStdString();
    EXPECT_EQ(retried->state, OrderState::Sent);
    EXPECT_EQ(retried->gelatoOrderId, (*created)->id);
    EXPECT_EQ(fake().orderCount(), 1);
    EXPECT_EQ(requests("POST", fake().ordersPath()).size(), 1);
}

TEST_P(OrderSendOnceTest, AnOrderAnotherProcessIsSendingIsNotSentAgain)
{
    const qint64 id = createOrder(data.order());
    // Another process claimed it a moment ago and holds the lease.
    ASSERT_TRUE(*OrderSendRepository(db()).claimForSending(id, {OrderState::Draft}, u"WEB-1001"_s,
                                                           OrderEvent::Source::User, u"sending"_s, 300));
    auto refused = confirm(id);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().startsWith(u"WEB-1001: is being sent to Gelato by another Bottega"_s))
            << refused.error().toStdString();
    EXPECT_EQ(rig.fake.requestCount(), 0);
    // Once it has given up (its lease released or run out), a retry goes ahead, searching first.
    ASSERT_TRUE(OrderSendRepository(db()).releaseLease(id).ok());
    auto sent = confirm(id);
    ASSERT_TRUE(sent.ok()) << sent.error().toStdString();
    EXPECT_EQ(requests("POST", fake().searchPath()).size(), 1);
    EXPECT_EQ(fake().orderCount(), 1);
    EXPECT_FALSE(OrderSendRepository(db()).leaseUntil(id)->has_value());
}

TEST_P(OrderSendOnceTest, ALeaseLeftByAnotherProcessRunsOutAndARetryGoesAhead)
{
    db().setClock(&clock);
    const qint64 id = createOrder(data.order());
    // Another process claimed it and died without releasing its five-minute lease.
    const QDateTime claimedAt = clock.now();
    ASSERT_TRUE(*OrderSendRepository(db()).claimForSending(id, {OrderState::Draft}, u"WEB-1001"_s,
                                                           OrderEvent::Source::User, u"sending"_s, 300));
    EXPECT_EQ(*OrderSendRepository(db()).leaseUntil(id), std::optional<QDateTime>(claimedAt.addSecs(300)));
    EXPECT_EQ(*OrderSendRepository(db()).sendAttemptedAt(id), std::optional<QDateTime>(claimedAt));

    clock.advance(299);
    auto refused = confirm(id);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error(),
              u"WEB-1001: is being sent to Gelato by another Bottega; if that one stopped, confirm again "
              "after %1"_s.arg(claimedAt.addSecs(300).toLocalTime().toString(u"HH:mm:ss"_s)));
    EXPECT_EQ(rig.fake.requestCount(), 0);

    clock.advance(1); // the lease has run out
    auto sent = confirm(id);
    ASSERT_TRUE(sent.ok()) << sent.error().toStdString();
    EXPECT_EQ(requests("POST", fake().searchPath()).size(), 1);
    EXPECT_EQ(fake().orderCount(), 1);
    EXPECT_FALSE(OrderSendRepository(db()).leaseUntil(id)->has_value());
    EXPECT_EQ(*OrderSendRepository(db()).sendAttemptedAt(id), std::optional<QDateTime>(claimedAt))
            << "the first attempt's time is kept";
}

TEST_P(OrderSendOnceTest, GelatosRefusalIsShownVerbatimWithTheReference)
{
    fake().refuseNext(fake().ordersPath(), 400, u"shippingAddress.postCode: is not valid for country IT"_s);
    const qint64 id = createOrder(data.order());
    auto refused = confirm(id);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error(),
              u"WEB-1001: Gelato refused the order: shippingAddress.postCode: is not valid for country IT"_s);
    auto order = service->get(id);
    EXPECT_EQ(order->state, OrderState::Draft);
    // The timeline keeps the fact (the code and Gelato's own words), shown in the reader's language.
    EXPECT_EQ(
            stateEvents(id).last().message,
            Message::of(
                    u"order.send-failed"_s,
                    {u"Gelato refused the order: shippingAddress.postCode: is not valid for country IT"_s}));
    EXPECT_EQ(fake().orderCount(), 0);
    // Fixed and confirmed again: searched first (an attempt was made), then created once.
    auto sent = confirm(id);
    ASSERT_TRUE(sent.ok()) << sent.error().toStdString();
    EXPECT_EQ(fake().orderCount(), 1);
}

TEST_P(OrderSendOnceTest, ALocalFailureAfterTheDraftDeletesTheDraft)
{
    const qint64 id = createOrder(data.order());
    std::optional<Result<SalesOrder>> result;
    QObject context;
    service->confirm(id, false, &context, [&result](Result<SalesOrder> r) { result.emplace(std::move(r)); });
    // Claimed and on its way to Gelato; the local order disappears before Gelato's id can be saved.
    ASSERT_EQ(service->get(id)->state, OrderState::Sending);
    ASSERT_TRUE(SalesOrderRepository(db()).remove(id).ok());
    ASSERT_TRUE(waitUntil([&result] { return result.has_value(); }));
    ASSERT_FALSE(result->ok());
    EXPECT_TRUE(result->error().startsWith(u"%1: "_s.arg(id))) << result->error().toStdString();
    const auto creates = requests("POST", fake().ordersPath());
    ASSERT_EQ(creates.size(), 1);
    EXPECT_EQ(fake().orderCount(), 0); // the draft was deleted
    bool deleted = false;
    for (const RecordedRequest &request : rig.fake.requests())
        deleted = deleted || request.method == "DELETE";
    EXPECT_TRUE(deleted);
    EXPECT_TRUE(requests("PATCH", fake().ordersPath()).isEmpty());
}

TEST_P(OrderSendOnceTest, ANonJson5xxIsReadableAndCreatesNothing)
{
    fake().htmlErrorNext(fake().ordersPath());
    const qint64 id = createOrder(data.order());
    auto failed = confirm(id);
    ASSERT_FALSE(failed.ok());
    EXPECT_TRUE(failed.error().startsWith(u"WEB-1001: "_s)) << failed.error().toStdString();
    EXPECT_FALSE(failed.error().contains(u"<html"_s, Qt::CaseInsensitive)) << failed.error().toStdString();
    EXPECT_TRUE(failed.error().contains(u"502"_s)) << failed.error().toStdString();
    EXPECT_EQ(service->get(id)->state, OrderState::Draft);
    EXPECT_EQ(fake().orderCount(), 0);
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(OrderSendOnceTest);

} // namespace
} // namespace Bottega::Test
