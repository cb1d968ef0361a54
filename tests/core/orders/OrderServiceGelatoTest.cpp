// OrderService against the Gelato fake over loopback (ORD-4..9, CONF-2): the exact request bodies
// Gelato receives and what is stored from its answers, quotes and the Standard 5 / Express 20 case,
// cancel (409), drafts, split orders, refresh and the reconciliation with their timeline sources,
// and the company check. On SQLite and PostgreSQL.
#include "core/orders/OrderService.h"
#include "core/orders/OrderState.h"
#include "core/store/OrderPackageRepository.h"
#include "core/store/OrderSendRepository.h"
#include "core/store/SalesOrderRepository.h"
#include "tests/core/orders/OrderServiceFixture.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class OrderServiceGelatoTest : public OrderServiceFixture
{
};

TEST_P(OrderServiceGelatoTest, ConfirmSendsTheExactBodyAsDraftThenPatchesAndStoresGelatosAnswer)
{
    db().setClock(&clock);
    SalesOrder order = data.order();
    order.shippingAddress.addressLine2 = u"Scala B"_s;
    order.shippingAddress.state = u"MI"_s;
    const qint64 id = createOrder(order);
    ASSERT_TRUE(service->chooseShipping(id, u"express"_s).ok());

    clock.advance(90); // confirmed a minute and a half after it was created
    const QDateTime confirmedAt = clock.now();
    auto sent = confirm(id);
    ASSERT_TRUE(sent.ok()) << sent.error().toStdString();
    EXPECT_EQ(sent->state, OrderState::Sent);

    // The body Gelato received, field by field.
    const auto creates = requests("POST", fake().ordersPath());
    ASSERT_EQ(creates.size(), 1);
    const QJsonObject body = creates.at(0).json().object();
    EXPECT_EQ(body.keys(),
              (QStringList {u"currency"_s, u"customerReferenceId"_s, u"items"_s, u"orderReferenceId"_s,
                            u"orderType"_s, u"shipmentMethodUid"_s, u"shippingAddress"_s}));
    EXPECT_EQ(body.value("orderType"_L1).toString(), u"draft"_s);
    EXPECT_EQ(body.value("orderReferenceId"_L1).toString(), u"WEB-1001"_s);
    EXPECT_EQ(body.value("customerReferenceId"_L1).toString(), u"anna@example.com"_s);
    EXPECT_EQ(body.value("currency"_L1).toString(), u"EUR"_s);
    EXPECT_EQ(body.value("shipmentMethodUid"_L1).toString(), u"express"_s);
    const QJsonArray items = body.value("items"_L1).toArray();
    ASSERT_EQ(items.size(), 2); // the shipping line is ours, not Gelato's
    const QJsonObject first = items.at(0).toObject();
    EXPECT_EQ(first.keys(), (QStringList {u"files"_s, u"itemReferenceId"_s, u"productUid"_s, u"quantity"_s}));
    EXPECT_EQ(first.value("itemReferenceId"_L1).toString(), u"WEB-1001-1"_s);
    EXPECT_EQ(first.value("productUid"_L1).toString(), u"apparel_tshirt_m_orange"_s);
    EXPECT_EQ(first.value("quantity"_L1).toInt(), 2);
    EXPECT_EQ(first.value("files"_L1).toArray(),
              (QJsonArray {QJsonObject {{u"type"_s, u"default"_s},
                                        {u"url"_s, u"https://img.example.com/front.png"_s}},
                           QJsonObject {{u"type"_s, u"back"_s},
                                        {u"url"_s, u"https://img.example.com/back.png"_s}}}));
    const QJsonObject second = items.at(1).toObject();
    EXPECT_EQ(second.value("itemReferenceId"_L1).toString(), u"WEB-1001-2"_s);
    EXPECT_EQ(second.value("productUid"_L1).toString(), u"apparel_tshirt_l_orange"_s);
    EXPECT_EQ(second.value("quantity"_L1).toInt(), 1);
    // TS-L-O's own front overrides the product's.
    EXPECT_EQ(second.value("files"_L1).toArray().at(0).toObject().value("url"_L1).toString(),
              u"https://img.example.com/front-l.png"_s);
    const QJsonObject address = body.value("shippingAddress"_L1).toObject();
    EXPECT_EQ(address,
              (QJsonObject {{u"firstName"_s, u"Anna"_s},
                            {u"lastName"_s, u"Rossi"_s},
                            {u"companyName"_s, u"Rossi Srl"_s},
                            {u"addressLine1"_s, u"Via Roma 1"_s},
                            {u"addressLine2"_s, u"Scala B"_s},
                            {u"city"_s, u"Milano"_s},
                            {u"postCode"_s, u"20100"_s},
                            {u"state"_s, u"MI"_s},
                            {u"country"_s, u"IT"_s},
                            {u"email"_s, u"anna@example.com"_s},
                            {u"phone"_s, u"+39 02 123456"_s}}));

    // Then the draft became an order.
    const QString gelatoId = sent->gelatoOrderId;
    ASSERT_FALSE(gelatoId.isEmpty());
    const auto patches = requests("PATCH", fake().orderPath(gelatoId));
    ASSERT_EQ(patches.size(), 1);
    EXPECT_EQ(patches.at(0).json().object(), (QJsonObject {{u"orderType"_s, u"order"_s}}));
    EXPECT_EQ(fake().orderCount(), 1);
    EXPECT_EQ(fake().order(gelatoId).value("orderType"_L1).toString(), u"order"_s);

    // What Gelato answered is stored.
    EXPECT_EQ(sent->gelatoOrderReferenceId, u"WEB-1001"_s);
    EXPECT_EQ(sent->gelatoFulfillmentStatus, u"created"_s);
    EXPECT_EQ(sent->gelatoFinancialStatus, u"pending"_s);
    EXPECT_FALSE(sent->isDraft);
    EXPECT_EQ(sent->lines.at(0).gelatoItemId, gelatoId + u"-item-1"_s);
    EXPECT_EQ(sent->lines.at(1).gelatoItemId, gelatoId + u"-item-2"_s);
    EXPECT_EQ(sent->lines.at(0).gelatoItemStatus, u"created"_s);
    EXPECT_TRUE(sent->lines.at(2).gelatoItemId.isEmpty());
    EXPECT_EQ(sent->deliveryEstimateMin.date(), QDate(2026, 12, 3));
    EXPECT_EQ(sent->deliveryEstimateMax.date(), QDate(2026, 12, 7));
    EXPECT_EQ(sent->gelatoCostCurrency, u"EUR"_s);
    EXPECT_DOUBLE_EQ(sent->gelatoCostProducts, 3 * 12.5);
    EXPECT_DOUBLE_EQ(sent->gelatoCostShipping, 4.95);
    EXPECT_DOUBLE_EQ(sent->gelatoCostPackaging, 1.0);
    const double total = 37.5 + 4.95 + 1.0;
    EXPECT_NEAR(sent->gelatoCostVat, total * 0.22, 0.01);
    EXPECT_NEAR(sent->gelatoCostTotal, total * 1.22, 0.01);
    EXPECT_NEAR(OrderService::margin(*sent), 81.9 - total * 1.22, 0.01);

    // The timeline: the user's confirm, then Gelato's answer.
    const auto states = stateEvents(id);
    ASSERT_GE(states.size(), 2);
    EXPECT_EQ(states.at(states.size() - 2).newState, OrderState::Sending);
    EXPECT_EQ(states.at(states.size() - 2).source, OrderEvent::Source::User);
    EXPECT_EQ(states.at(states.size() - 2).at, confirmedAt);
    EXPECT_EQ(states.last().newState, OrderState::Sent);
    EXPECT_EQ(states.last().source, OrderEvent::Source::Gelato);
    EXPECT_EQ(*OrderSendRepository(db()).sendAttemptedAt(id), std::optional<QDateTime>(confirmedAt));
}

TEST_P(OrderServiceGelatoTest, QuoteGivesStandard5AndExpress20AndKeepsTheChosenMethods)
{
    // Two quotes (a split): per type the sum of each quote's cheapest method (gelato-notes.md).
    auto method = [](const QString &uid, const QString &type, double price) {
        return QJsonObject {{u"name"_s, uid},
                            {u"shipmentMethodUid"_s, uid},
                            {u"type"_s, type},
                            {u"price"_s, price},
                            {u"currency"_s, u"EUR"_s},
                            {u"minDeliveryDate"_s, u"2026-12-03"_s},
                            {u"maxDeliveryDate"_s, u"2026-12-07"_s}};
    };
    fake().setQuotes(QJsonArray {
            QJsonObject {{u"id"_s, u"q1"_s},
                         {u"itemReferenceIds"_s, QJsonArray {u"WEB-1001-1"_s}},
                         {u"shipmentMethods"_s,
                          QJsonArray {method(u"n1"_s, u"normal"_s, 5), method(u"n2"_s, u"normal"_s, 9),
                                      method(u"e1"_s, u"express"_s, 20), method(u"e2"_s, u"express"_s, 30)}}},
    });
    const qint64 id = createOrder(data.order());
    ASSERT_TRUE(service->chooseShipping(id, u"standard"_s).ok());
    auto rates = quote(id);
    ASSERT_TRUE(rates.ok()) << rates.error().toStdString();
    ASSERT_EQ(rates->size(), 2);
    EXPECT_EQ(rates->at(0).type, u"standard"_s);
    EXPECT_DOUBLE_EQ(rates->at(0).price, 5);
    EXPECT_EQ(rates->at(1).type, u"express"_s);
    EXPECT_DOUBLE_EQ(rates->at(1).price, 20);
    EXPECT_EQ(service->get(id)->shipmentMethodUid, rates->at(0).shipmentMethodUid);

    const auto quotes = requests("POST", fake().quotePath());
    ASSERT_EQ(quotes.size(), 1);
    const QJsonObject body = quotes.at(0).json().object();
    EXPECT_EQ(body.keys(),
              (QStringList {u"allowMultipleQuotes"_s, u"currency"_s, u"customerReferenceId"_s,
                            u"orderReferenceId"_s, u"products"_s, u"recipient"_s}));
    EXPECT_EQ(body.value("orderReferenceId"_L1).toString(), u"WEB-1001"_s);
    EXPECT_TRUE(body.value("allowMultipleQuotes"_L1).toBool());
    EXPECT_EQ(body.value("recipient"_L1).toObject().value("city"_L1).toString(), u"Milano"_s);
    EXPECT_EQ(body.value("products"_L1).toArray().size(), 2);
    EXPECT_EQ(fake().orderCount(), 0); // a quote orders nothing
}

TEST_P(OrderServiceGelatoTest, QuoteAndConfirmAreBlockedByProblemsBeforeAnyCall)
{
    SalesOrder order = data.order();
    order.shippingAddress.addressLine1.clear();
    order.currency = u"XYZ"_s;
    const qint64 id = createOrder(order);
    auto rates = quote(id);
    ASSERT_FALSE(rates.ok());
    EXPECT_EQ(rates.error(),
              u"WEB-1001: shipping address: street (address line 1) is required\ncurrency XYZ is "
              "not one Gelato takes orders in (%1)"_s.arg(u"EUR, USD, JPY, BGN, CZK, DKK, GBP, HUF, "
                                                          "PLN, RON, SEK, CHF, ISK, NOK, HRK, RUB, "
                                                          "TRY, AUD, BRL, CAD, CNY, HKD, IDR, ILS, "
                                                          "INR, KRW, MXN, MYR, NZD, PHP, SGD, THB, "
                                                          "ZAR, CLP, AED"_s));
    auto confirmed = confirm(id);
    ASSERT_FALSE(confirmed.ok());
    EXPECT_EQ(confirmed.error(), rates.error());
    EXPECT_EQ(service->get(id)->state, OrderState::Draft);
    EXPECT_EQ(rig.fake.requestCount(), 0);
}

TEST_P(OrderServiceGelatoTest, CancelThenCancelAgainAndTheConflictOncePrinted)
{
    const qint64 id = createOrder(data.order());
    ASSERT_TRUE(confirm(id).ok());
    auto cancelled = cancel(id);
    ASSERT_TRUE(cancelled.ok()) << cancelled.error().toStdString();
    EXPECT_EQ(cancelled->state, OrderState::Cancelled);
    EXPECT_EQ(fake().orders().at(0).value("fulfillmentStatus"_L1).toString(), u"canceled"_s);
    auto again = cancel(id);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error(), u"WEB-1001: the order is already cancelled"_s);

    const qint64 printed = createOrder(data.order(u"WEB-1002"_s));
    auto sent = confirm(printed);
    ASSERT_TRUE(sent.ok());
    ASSERT_TRUE(fake().setOrderStatus(sent->gelatoOrderId, u"printed"_s));
    auto conflict = cancel(printed);
    ASSERT_FALSE(conflict.ok());
    EXPECT_EQ(conflict.error(),
              u"WEB-1002: the order is already in production and can no longer be cancelled"_s);
    EXPECT_EQ(service->get(printed)->state, OrderState::Sent);
}

TEST_P(OrderServiceGelatoTest, ASplitOrderKeepsOneLocalOrderWithItsConnectedOrders)
{
    fake().setSplit(2);
    const qint64 id = createOrder(data.order());
    auto sent = confirm(id);
    ASSERT_TRUE(sent.ok()) << sent.error().toStdString();
    EXPECT_EQ(fake().orderCount(), 2);
    EXPECT_EQ(*SalesOrderRepository(db()).count({}), 1);
    const QString other = fake().orders().at(1).value("id"_L1).toString();
    ASSERT_EQ(sent->connectedOrders.size(), 1);
    EXPECT_EQ(sent->connectedOrders.at(0).gelatoOrderId, other);
    EXPECT_EQ(sent->connectedOrders.at(0).status, u"created"_s);
    EXPECT_EQ(sent->lines.at(1).gelatoItemId, other + u"-item-1"_s);
    // The cost is both parts' purchase receipts.
    EXPECT_DOUBLE_EQ(sent->gelatoCostProducts, 2 * 12.5 + 12.5);
    EXPECT_DOUBLE_EQ(sent->gelatoCostShipping, 2 * 4.95);

    // A refresh reads the connected order too: its status, items and packages.
    ASSERT_TRUE(fake().setOrderStatus(other, u"shipped"_s));
    auto refreshed = refresh(id);
    ASSERT_TRUE(refreshed.ok()) << refreshed.error().toStdString();
    ASSERT_EQ(refreshed->connectedOrders.size(), 1);
    EXPECT_EQ(refreshed->connectedOrders.at(0).status, u"shipped"_s);
    EXPECT_EQ(refreshed->lines.at(1).gelatoItemId, other + u"-item-1"_s);
    EXPECT_EQ(refreshed->lines.at(1).gelatoItemStatus, u"shipped"_s);
    ASSERT_EQ(refreshed->packages.size(), 1);
    EXPECT_EQ(refreshed->packages.at(0).gelatoOrderId, other);
    EXPECT_TRUE(refreshed->packages.at(0).trackingUrl.startsWith(u"https://track.example/TRK"_s));
}

TEST_P(OrderServiceGelatoTest, DraftsCreatePromoteAndDelete)
{
    const qint64 id = createOrder(data.order());
    auto draft = confirm(id, true);
    ASSERT_TRUE(draft.ok()) << draft.error().toStdString();
    EXPECT_EQ(draft->state, OrderState::GelatoDraft);
    EXPECT_TRUE(draft->isDraft);
    EXPECT_EQ(fake().order(draft->gelatoOrderId).value("orderType"_L1).toString(), u"draft"_s);
    EXPECT_TRUE(requests("PATCH", fake().orderPath(draft->gelatoOrderId)).isEmpty());

    auto promoted = run<SalesOrder>([&](QObject *c, auto done) { service->promoteDraft(id, c, done); });
    ASSERT_TRUE(promoted.ok()) << promoted.error().toStdString();
    EXPECT_EQ(promoted->state, OrderState::Sent);
    EXPECT_FALSE(promoted->isDraft);
    EXPECT_EQ(fake().order(draft->gelatoOrderId).value("orderType"_L1).toString(), u"order"_s);

    const qint64 other = createOrder(data.order(u"TEST-1"_s));
    auto second = confirm(other, true);
    ASSERT_TRUE(second.ok());
    auto deleted = run<SalesOrder>([&](QObject *c, auto done) { service->deleteDraft(other, c, done); });
    ASSERT_TRUE(deleted.ok()) << deleted.error().toStdString();
    EXPECT_EQ(deleted->state, OrderState::Draft);
    EXPECT_TRUE(deleted->gelatoOrderId.isEmpty());
    EXPECT_TRUE(fake().order(second->gelatoOrderId).isEmpty());
    EXPECT_EQ(fake().orderCount(), 1);

    auto notADraft = run<SalesOrder>([&](QObject *c, auto done) { service->deleteDraft(id, c, done); });
    ASSERT_FALSE(notADraft.ok());
    EXPECT_EQ(notADraft.error(), u"WEB-1001: is not a Gelato draft (state: Sent)"_s);
}

TEST_P(OrderServiceGelatoTest, RefreshAndReconcileMoveTheStateWithTheirSource)
{
    const qint64 id = createOrder(data.order());
    const qint64 untouched = createOrder(data.order(u"WEB-1002"_s)); // a local draft: not polled
    auto sent = confirm(id);
    ASSERT_TRUE(sent.ok());
    ASSERT_TRUE(fake().setOrderStatus(sent->gelatoOrderId, u"shipped"_s));
    rig.fake.clearRequests();

    auto count = run<int>([&](QObject *c, auto done) { service->reconcile(c, done); });
    ASSERT_TRUE(count.ok()) << count.error().toStdString();
    EXPECT_EQ(*count, 1);
    auto order = service->get(id);
    EXPECT_EQ(order->state, OrderState::Shipped);
    EXPECT_EQ(order->gelatoFulfillmentStatus, u"shipped"_s);
    const OrderEvent last = stateEvents(id).last();
    EXPECT_EQ(last.newState, OrderState::Shipped);
    EXPECT_EQ(last.source, OrderEvent::Source::Poll);
    ASSERT_EQ(order->packages.size(), 1);
    EXPECT_TRUE(order->packages.at(0).trackingCode.startsWith(u"TRK"_s));
    EXPECT_EQ(order->packages.at(0).trackingUrl,
              u"https://track.example/"_s + order->packages.at(0).trackingCode);
    EXPECT_EQ(rig.fake.requestCount(), 1); // only the order in progress was read
    EXPECT_EQ(service->get(untouched)->state, OrderState::Draft);

    ASSERT_TRUE(fake().setOrderStatus(sent->gelatoOrderId, u"delivered"_s));
    auto refreshed = refresh(id);
    ASSERT_TRUE(refreshed.ok());
    EXPECT_EQ(refreshed->state, OrderState::Delivered);
    EXPECT_EQ(stateEvents(id).last().source, OrderEvent::Source::User);
    auto none = run<int>([&](QObject *c, auto done) { service->reconcile(c, done); });
    EXPECT_EQ(*none, 0); // delivered is no longer in progress

    // An order Gelato no longer knows fails the run, named; the others are still refreshed.
    const qint64 second = createOrder(data.order(u"WEB-1003"_s));
    const qint64 third = createOrder(data.order(u"WEB-1004"_s));
    ASSERT_TRUE(confirm(second).ok());
    auto thirdSent = confirm(third);
    ASSERT_TRUE(thirdSent.ok());
    ASSERT_TRUE(fake().setOrderStatus(thirdSent->gelatoOrderId, u"printed"_s));
    fake().refuseNext(fake().orderPath(service->get(second)->gelatoOrderId), 404, u"Order not found"_s);
    auto partly = run<int>([&](QObject *c, auto done) { service->reconcile(c, done); });
    ASSERT_FALSE(partly.ok());
    EXPECT_TRUE(partly.error().startsWith(u"1 orders refreshed from Gelato; not refreshed: WEB-1003: "_s))
            << partly.error().toStdString();
    EXPECT_EQ(service->get(third)->state, OrderState::InProduction);
}

TEST_P(OrderServiceGelatoTest, ReconcileReportsCountsAndStopsBetweenOrdersWhenAsked)
{
    QList<qint64> ids;
    for (const QString &reference : {u"WEB-2001"_s, u"WEB-2002"_s, u"WEB-2003"_s}) {
        const qint64 id = createOrder(data.order(reference));
        auto sent = confirm(id);
        ASSERT_TRUE(sent.ok()) << sent.error().toStdString();
        ASSERT_TRUE(fake().setOrderStatus(sent->gelatoOrderId, u"shipped"_s));
        ids.append(id);
    }
    rig.fake.clearRequests();

    // Told before each order; answering false after the first stops the run there.
    QList<std::pair<qint64, qint64>> heard;
    auto stopped = run<int>([&](QObject *c, auto done) {
        service->reconcile(c, done, [&heard](qint64 done, qint64 total) {
            heard.append({done, total});
            return done < 1;
        });
    });
    ASSERT_TRUE(stopped.ok()) << stopped.error().toStdString();
    EXPECT_EQ(*stopped, 1);
    EXPECT_EQ(heard, (QList<std::pair<qint64, qint64>>{{0, 3}, {1, 3}}));
    EXPECT_EQ(rig.fake.requestCount(), 1) << "nothing is read after the stop";
    int shipped = 0;
    for (const qint64 id : ids) {
        const auto order = service->get(id);
        ASSERT_TRUE(order.ok());
        // Each order is refreshed whole (state, status, packages) or not at all.
        if (order->state == OrderState::Shipped) {
            ++shipped;
            EXPECT_EQ(order->gelatoFulfillmentStatus, u"shipped"_s);
            EXPECT_EQ(order->packages.size(), 1);
        } else {
            EXPECT_EQ(order->state, OrderState::Sent);
            EXPECT_TRUE(order->packages.isEmpty());
        }
    }
    EXPECT_EQ(shipped, 1) << "the order refreshed before the stop stays refreshed";

    // The next run reads them all again (a shipped order is still in progress until delivered),
    // reporting every step to the end.
    heard.clear();
    auto rest = run<int>([&](QObject *c, auto done) {
        service->reconcile(c, done, [&heard](qint64 done, qint64 total) {
            heard.append({done, total});
            return true;
        });
    });
    ASSERT_TRUE(rest.ok());
    EXPECT_EQ(*rest, 3);
    EXPECT_EQ(heard, (QList<std::pair<qint64, qint64>>{{0, 3}, {1, 3}, {2, 3}, {3, 3}}));
    for (const qint64 id : ids)
        EXPECT_EQ(service->get(id)->state, OrderState::Shipped);
}

TEST_P(OrderServiceGelatoTest, CompanyCheckComparesSettingsWithGelatosBillingEntity)
{
    const qint64 id = createOrder(data.order());
    EXPECT_EQ(service->companyCheck(id).state, CompanyCheck::State::Unknown);
    EXPECT_EQ(service->latestCompanyCheck().state, CompanyCheck::State::Unknown);
    ASSERT_TRUE(confirm(id).ok());

    ASSERT_TRUE(rig.settings.set(u"company.name"_s, u"pineapple print 14"_s).ok());
    ASSERT_TRUE(rig.settings.set(u"company.billing-address"_s, u"Lindebergåsen 32A, 1068 Oslo, NO"_s).ok());
    EXPECT_EQ(service->companyCheck(id).state, CompanyCheck::State::Matches)
            << service->companyCheck(id).message.toStdString();
    EXPECT_EQ(service->latestCompanyCheck().state, CompanyCheck::State::Matches);

    ASSERT_TRUE(rig.settings.set(u"company.name"_s, u"Bottega Srl"_s).ok());
    const CompanyCheck mismatch = service->latestCompanyCheck();
    EXPECT_EQ(mismatch.state, CompanyCheck::State::Mismatch);
    EXPECT_TRUE(mismatch.message.contains(
            u"company name: settings say \"Bottega Srl\", Gelato bills \"PineApple Print 14\""_s))
            << mismatch.message.toStdString();
    EXPECT_FALSE(mismatch.message.contains(u"billing address:"_s));
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(OrderServiceGelatoTest);

} // namespace
} // namespace Bottega::Test
