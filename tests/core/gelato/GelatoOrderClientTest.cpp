// GelatoClient's order calls against the Gelato fake over loopback: the exact bodies Gelato
// receives, typed answers, every error text (4xx message verbatim, 404, 409, HTML 502, timeout),
// no retry of a create, split orders, and no duplicate after a create that timed out.
#include "tests/support/fakes/FakeHttpTypes.h"
#include "tests/support/fakes/GelatoTestRig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

QJsonObject address()
{
    return QJsonObject {{u"firstName"_s, u"Giulia"_s},         {u"lastName"_s, u"Bianchi"_s},
                        {u"addressLine1"_s, u"Via Roma 12"_s}, {u"city"_s, u"Bologna"_s},
                        {u"postCode"_s, u"40121"_s},           {u"country"_s, u"IT"_s},
                        {u"email"_s, u"giulia@example.com"_s}, {u"phone"_s, u"+39 051 123456"_s}};
}

QJsonObject item(const QString &reference, const QString &productUid, int quantity)
{
    return QJsonObject {
            {u"itemReferenceId"_s, reference},
            {u"productUid"_s, productUid},
            {u"files"_s,
             QJsonArray {QJsonObject {{u"type"_s, u"default"_s},
                                      {u"url"_s, u"https://files.example/front.png"_s}}}},
            {u"quantity"_s, quantity},
    };
}

QJsonObject orderRequest(const QString &reference, const QString &type = u"order"_s, int items = 1)
{
    QJsonArray list;
    for (int i = 1; i <= items; ++i)
        list.append(item(reference + u"-L"_s + QString::number(i), u"flat_product_pf_500x700-mm"_s, i));
    return QJsonObject {
            {u"orderType"_s, type},
            {u"orderReferenceId"_s, reference},
            {u"customerReferenceId"_s, u"C-7"_s},
            {u"currency"_s, u"EUR"_s},
            {u"items"_s, list},
            {u"shipmentMethodUid"_s, u"standard"_s},
            {u"shippingAddress"_s, address()},
    };
}

class GelatoOrderClientTest : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(rig.started); }

    GelatoOrdersFake &fake() { return rig.fake.orders(); }

    Result<GelatoOrder> create(const QJsonObject &request)
    {
        return rig.wait<GelatoOrder>([&](QObject *c, auto done) { rig.gelato.createOrder(request, c, done); })
                .value_or(makeError(u"no answer"_s));
    }
    Result<GelatoOrder> get(const QString &id)
    {
        return rig.wait<GelatoOrder>([&](QObject *c, auto done) { rig.gelato.getOrder(id, c, done); })
                .value_or(makeError(u"no answer"_s));
    }
    Result<QList<GelatoOrder>> find(const QString &reference)
    {
        return rig
                .wait<QList<GelatoOrder>>(
                        [&](QObject *c, auto done) { rig.gelato.findOrdersByReference(reference, c, done); })
                .value_or(makeError(u"no answer"_s));
    }
    Result<GelatoOrder> promote(const QString &id)
    {
        return rig.wait<GelatoOrder>([&](QObject *c, auto done) { rig.gelato.promoteDraft(id, c, done); })
                .value_or(makeError(u"no answer"_s));
    }
    Result<void> remove(const QString &id)
    {
        return rig.wait<void>([&](QObject *c, auto done) { rig.gelato.deleteDraft(id, c, done); })
                .value_or(makeError(u"no answer"_s));
    }
    Result<void> cancel(const QString &id)
    {
        return rig.wait<void>([&](QObject *c, auto done) { rig.gelato.cancelOrder(id, c, done); })
                .value_or(makeError(u"no answer"_s));
    }
    Result<QList<GelatoQuote>> quote(const QJsonObject &request)
    {
        return rig
                .wait<QList<GelatoQuote>>(
                        [&](QObject *c, auto done) { rig.gelato.quoteOrder(request, c, done); })
                .value_or(makeError(u"no answer"_s));
    }

    GelatoTestRig rig;
};

TEST_F(GelatoOrderClientTest, CreateSendsTheBodyExactlyAsGivenAndReadsGelatosAnswer)
{
    const QJsonObject request = orderRequest(u"SO-1001"_s, u"draft"_s, 2);
    auto created = create(request);
    ASSERT_TRUE(created.ok()) << created.error().toStdString();

    const QList<RecordedRequest> sent = rig.fake.requests(fake().ordersPath());
    ASSERT_EQ(sent.size(), 1);
    EXPECT_EQ(sent.at(0).method, "POST");
    EXPECT_EQ(sent.at(0).header("X-API-KEY"), GelatoFake::apiKey());
    const QJsonObject body = sent.at(0).json().object();
    EXPECT_EQ(body.keys(), request.keys());
    for (const QString &key : request.keys())
        EXPECT_EQ(body.value(key), request.value(key)) << key.toStdString();
    EXPECT_EQ(body.value(u"items"_s)[1][u"quantity"_s].toInt(), 2);

    const GelatoOrder &order = created.value();
    EXPECT_FALSE(order.id.isEmpty());
    EXPECT_EQ(order.orderType, u"draft"_s);
    EXPECT_EQ(order.orderReferenceId, u"SO-1001"_s);
    EXPECT_EQ(order.customerReferenceId, u"C-7"_s);
    EXPECT_EQ(order.fulfillmentStatus, u"draft"_s);
    EXPECT_EQ(order.currency, u"EUR"_s);
    ASSERT_EQ(order.items.size(), 2);
    EXPECT_FALSE(order.items.at(0).id.isEmpty());
    EXPECT_EQ(order.items.at(1).itemReferenceId, u"SO-1001-L2"_s);
    EXPECT_EQ(order.items.at(1).quantity, 2);
    ASSERT_TRUE(order.billingEntity.has_value());
    EXPECT_EQ(order.billingEntity->companyName, u"PineApple Print 14"_s);
    ASSERT_EQ(order.receipts.size(), 1);
    EXPECT_DOUBLE_EQ(order.receipts.at(0).productsPrice, 37.5); // 3 × 12.50
    EXPECT_DOUBLE_EQ(order.receipts.at(0).total, 43.45);
    EXPECT_DOUBLE_EQ(order.receipts.at(0).totalInclVat,
                     order.receipts.at(0).total + order.receipts.at(0).totalVat);
    ASSERT_TRUE(order.shipment.has_value());
    EXPECT_TRUE(order.shipment->packages.isEmpty());
    EXPECT_TRUE(order.connectedOrderIds.isEmpty());
    EXPECT_EQ(fake().orderCount(), 1);
}

TEST_F(GelatoOrderClientTest, GetReadsPackagesAndTrackingOnceShippedAndNamesAnUnknownOrder)
{
    auto created = create(orderRequest(u"SO-1002"_s));
    ASSERT_TRUE(created.ok()) << created.error().toStdString();
    ASSERT_TRUE(fake().setOrderStatus(created->id, u"shipped"_s));
    auto order = get(created->id);
    ASSERT_TRUE(order.ok()) << order.error().toStdString();
    EXPECT_EQ(rig.fake.lastRequest().method, "GET");
    EXPECT_EQ(rig.fake.lastRequest().path, fake().orderPath(created->id));
    EXPECT_EQ(order->fulfillmentStatus, u"shipped"_s);
    EXPECT_EQ(order->items.at(0).fulfillmentStatus, u"shipped"_s);
    ASSERT_TRUE(order->shipment.has_value());
    ASSERT_EQ(order->shipment->packages.size(), 1);
    const GelatoOrderPackage &package = order->shipment->packages.at(0);
    EXPECT_TRUE(package.trackingCode.startsWith(u"TRK"_s));
    EXPECT_EQ(package.trackingUrl, u"https://track.example/"_s + package.trackingCode);
    EXPECT_EQ(package.orderItemIds, QStringList {order->items.at(0).id});

    EXPECT_EQ(get(u"no-such-order"_s).error(), u"Gelato has no order \"no-such-order\""_s);
}

TEST_F(GelatoOrderClientTest, FindByReferenceKeepsExactMatchesAndIsRetriedAfterA500)
{
    ASSERT_TRUE(create(orderRequest(u"SO-7"_s)).ok());
    ASSERT_TRUE(create(orderRequest(u"SO-77"_s)).ok()); // Gelato's search also finds this one
    rig.fake.addFault(fake().searchPath(), FakeFault::status(500));
    auto found = find(u"SO-7"_s);
    ASSERT_TRUE(found.ok()) << found.error().toStdString();
    ASSERT_EQ(found->size(), 1);
    EXPECT_EQ(found->at(0).orderReferenceId, u"SO-7"_s);
    EXPECT_EQ(found->at(0).fulfillmentStatus, u"created"_s);
    const QList<RecordedRequest> searches = rig.fake.requests(fake().searchPath());
    ASSERT_EQ(searches.size(), 2); // a search changes nothing: safe to repeat
    EXPECT_EQ(searches.at(1).json().object().value(u"search"_s).toString(), u"SO-7"_s);
    auto none = find(u"SO-8"_s);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->isEmpty());
}

TEST_F(GelatoOrderClientTest, PromotesADraftOnceThenGelatosRefusalIsVerbatim)
{
    auto draft = create(orderRequest(u"SO-1003"_s, u"draft"_s));
    ASSERT_TRUE(draft.ok());
    auto promoted = promote(draft->id);
    ASSERT_TRUE(promoted.ok()) << promoted.error().toStdString();
    EXPECT_EQ(promoted->orderType, u"order"_s);
    EXPECT_EQ(promoted->fulfillmentStatus, u"created"_s);
    const RecordedRequest patch = rig.fake.lastRequest();
    EXPECT_EQ(patch.method, "PATCH");
    EXPECT_EQ(patch.path, fake().orderPath(draft->id));
    EXPECT_EQ(patch.json().object(), (QJsonObject {{u"orderType"_s, u"order"_s}}));

    EXPECT_EQ(promote(draft->id).error(), u"Gelato refused the order: Only draft orders can be patched"_s);
    EXPECT_EQ(promote(u"gone"_s).error(), u"Gelato has no order \"gone\""_s);
}

TEST_F(GelatoOrderClientTest, DeletesDraftsOnly)
{
    auto draft = create(orderRequest(u"SO-1004"_s, u"draft"_s));
    auto order = create(orderRequest(u"SO-1005"_s));
    ASSERT_TRUE(draft.ok() && order.ok());
    ASSERT_TRUE(remove(draft->id).ok());
    EXPECT_EQ(rig.fake.lastRequest().method, "DELETE");
    EXPECT_TRUE(fake().order(draft->id).isEmpty());
    EXPECT_EQ(remove(order->id).error(), u"Gelato refused the order: Only draft orders can be deleted"_s);
    EXPECT_EQ(fake().orderCount(), 1);
    EXPECT_EQ(remove(draft->id).error(), u"Gelato has no order \""_s + draft->id + u"\""_s);
}

TEST_F(GelatoOrderClientTest, CancelsUntilPrintedThen409ReadsAlreadyInProduction)
{
    auto first = create(orderRequest(u"SO-1006"_s));
    auto second = create(orderRequest(u"SO-1007"_s));
    ASSERT_TRUE(first.ok() && second.ok());
    ASSERT_TRUE(fake().setOrderStatus(first->id, u"in_production"_s));
    ASSERT_TRUE(cancel(first->id).ok());
    EXPECT_EQ(rig.fake.lastRequest().path, fake().cancelPath(first->id));
    EXPECT_EQ(rig.fake.lastRequest().method, "POST");
    EXPECT_EQ(fake().order(first->id).value(u"fulfillmentStatus"_s).toString(), u"canceled"_s);
    const QString inProduction = u"the order is already in production and can no longer be cancelled"_s;
    EXPECT_EQ(cancel(first->id).error(), inProduction); // a cancelled order: 409 too

    ASSERT_TRUE(fake().setOrderStatus(second->id, u"printed"_s));
    EXPECT_EQ(cancel(second->id).error(), inProduction);
    EXPECT_EQ(rig.fake.requestCount(fake().cancelPath(second->id)), 1); // never repeated
    EXPECT_EQ(fake().order(second->id).value(u"fulfillmentStatus"_s).toString(), u"printed"_s);
    EXPECT_EQ(cancel(u"missing"_s).error(), u"Gelato has no order \"missing\""_s);
}

TEST_F(GelatoOrderClientTest, QuoteSendsTheBodyAndReadsEachQuotesMethods)
{
    const QJsonObject request {
            {u"orderReferenceId"_s, u"SO-1008"_s},
            {u"customerReferenceId"_s, u"C-7"_s},
            {u"currency"_s, u"EUR"_s},
            {u"allowMultipleQuotes"_s, true},
            {u"recipient"_s, address()},
            {u"products"_s, QJsonArray {item(u"L1"_s, u"flat_product_pf_500x700-mm"_s, 2)}},
    };
    auto quotes = quote(request);
    ASSERT_TRUE(quotes.ok()) << quotes.error().toStdString();
    EXPECT_EQ(rig.fake.lastRequest().path, fake().quotePath());
    EXPECT_EQ(rig.fake.lastRequest().json().object(), request);
    ASSERT_EQ(quotes->size(), 1);
    EXPECT_EQ(quotes->at(0).itemReferenceIds, QStringList {u"L1"_s});
    ASSERT_EQ(quotes->at(0).shipmentMethods.size(), 2);
    const GelatoQuoteMethod &normal = quotes->at(0).shipmentMethods.at(0);
    EXPECT_EQ(normal.type, u"normal"_s);
    EXPECT_EQ(normal.shipmentMethodUid, u"dhl_parcel"_s);
    EXPECT_DOUBLE_EQ(normal.price, 5.0);
    EXPECT_EQ(normal.currency, u"EUR"_s);
    EXPECT_EQ(normal.minDeliveryDate.date(), QDate(2026, 12, 3));
    EXPECT_EQ(quotes->at(0).shipmentMethods.at(1).type, u"express"_s);

    QJsonObject badRecipient = request;
    QJsonObject street = address();
    street.insert(u"addressLine1"_s, QString(36, u'x'));
    badRecipient.insert(u"recipient"_s, street);
    EXPECT_EQ(quote(badRecipient).error(),
              u"Gelato refused the order: recipient.addressLine1: must be at most 35 characters long"_s);
}

TEST_F(GelatoOrderClientTest, ARefusalCarriesGelatosMessageVerbatim)
{
    QJsonObject request = orderRequest(u"SO-1009"_s);
    QJsonArray items = request.value(u"items"_s).toArray();
    QJsonObject line = items.at(0).toObject();
    line.insert(u"quantity"_s, 0);
    items[0] = line;
    request.insert(u"items"_s, items);
    EXPECT_EQ(create(request).error(), u"Gelato refused the order: items[0].quantity: must be at least 1"_s);

    request = orderRequest(u"SO-1009"_s);
    request.insert(u"currency"_s, u"XYZ"_s);
    EXPECT_EQ(create(request).error(), u"Gelato refused the order: currency: is not a supported currency"_s);

    fake().refuseNext(fake().ordersPath(), 422, u"Product flat_x is not available in IT"_s);
    EXPECT_EQ(create(orderRequest(u"SO-1009"_s)).error(),
              u"Gelato refused the order: Product flat_x is not available in IT"_s);
    EXPECT_EQ(fake().orderCount(), 0);
}

TEST_F(GelatoOrderClientTest, RefusedKeyHtml502And500AreReadableAndACreateIsNeverRepeated)
{
    rig.fake.setApiKey("another-key");
    EXPECT_EQ(create(orderRequest(u"SO-1010"_s)).error(), u"Gelato refused the API key"_s);
    rig.fake.setApiKey(GelatoFake::apiKey());

    fake().htmlErrorNext(fake().ordersPath());
    const QString html = create(orderRequest(u"SO-1010"_s)).error();
    EXPECT_TRUE(html.contains(u"502"_s) && html.contains(u"HTML"_s)) << html.toStdString();

    rig.fake.addFault(fake().ordersPath(), FakeFault::status(500, R"({"message":"Internal error"})"));
    const QString failed = create(orderRequest(u"SO-1010"_s)).error();
    EXPECT_TRUE(failed.contains(u"500"_s)) << failed.toStdString();
    EXPECT_EQ(rig.fake.requestCount(fake().ordersPath()), 3); // one attempt each

    // A quote is safe to repeat: the HTML 502 is followed by a second attempt.
    fake().htmlErrorNext(fake().quotePath());
    const QJsonObject request {{u"orderReferenceId"_s, u"Q"_s},
                               {u"customerReferenceId"_s, u"C"_s},
                               {u"currency"_s, u"EUR"_s},
                               {u"recipient"_s, address()},
                               {u"products"_s, QJsonArray {item(u"L1"_s, u"p"_s, 1)}}};
    EXPECT_TRUE(quote(request).ok());
    EXPECT_EQ(rig.fake.requestCount(fake().quotePath()), 2);
}

TEST_F(GelatoOrderClientTest, A429OnCreateIsRepeatedOnceAndATruncatedAnswerIsReadable)
{
    // Gelato did not act on a 429: even a create is safe to send again.
    rig.fake.addFault(fake().ordersPath(), FakeFault::tooManyRequests(0));
    auto created = create(orderRequest(u"SO-1014"_s));
    ASSERT_TRUE(created.ok()) << created.error().toStdString();
    EXPECT_EQ(rig.fake.requestCount(fake().ordersPath()), 2);
    EXPECT_EQ(fake().orderCount(), 1);

    rig.fake.addFault(fake().orderPath(created->id), FakeFault::shortBody(40), 4);
    const QString truncated = get(created->id).error();
    EXPECT_TRUE(truncated.contains(u"closed the connection before the whole answer arrived"_s))
            << truncated.toStdString();
    EXPECT_EQ(rig.fake.requestCount(fake().orderPath(created->id)), 4); // a GET is repeated
}

TEST_F(GelatoOrderClientTest, ACreateThatTimesOutIsNotRepeatedAndIsFoundByReference)
{
    rig.gelato.setTimeoutMs(300);
    fake().storeThenHangNextCreate();
    auto created = create(orderRequest(u"SO-1011"_s));
    ASSERT_FALSE(created.ok());
    EXPECT_TRUE(created.error().contains(u"no answer within"_s)) << created.error().toStdString();
    EXPECT_EQ(rig.fake.requestCount(fake().ordersPath()), 1);
    EXPECT_EQ(fake().orderCount(), 1); // Gelato did create it

    auto found = find(u"SO-1011"_s);
    ASSERT_TRUE(found.ok()) << found.error().toStdString();
    ASSERT_EQ(found->size(), 1);
    EXPECT_EQ(found->at(0).id, fake().orders().at(0).value(u"id"_s).toString());
    EXPECT_EQ(fake().orderCount(), 1);
}

TEST_F(GelatoOrderClientTest, ASplitOrderBecomesConnectedOrdersWithOneReference)
{
    fake().setSplit(2);
    auto created = create(orderRequest(u"SO-1012"_s, u"order"_s, 3));
    ASSERT_TRUE(created.ok()) << created.error().toStdString();
    ASSERT_EQ(created->connectedOrderIds.size(), 2);
    EXPECT_EQ(created->connectedOrderIds.at(0), created->id);
    EXPECT_EQ(created->items.size(), 2); // lines 1 and 3; line 2 went to the other order
    auto other = get(created->connectedOrderIds.at(1));
    ASSERT_TRUE(other.ok());
    EXPECT_EQ(other->orderReferenceId, u"SO-1012"_s);
    ASSERT_EQ(other->items.size(), 1);
    EXPECT_EQ(other->items.at(0).itemReferenceId, u"SO-1012-L2"_s);
    EXPECT_EQ(other->connectedOrderIds, created->connectedOrderIds);
    auto found = find(u"SO-1012"_s);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->size(), 2);
    EXPECT_EQ(found->at(1).connectedOrderIds, created->connectedOrderIds);
}

TEST_F(GelatoOrderClientTest, GetAnswering422OrNotJsonIsReadable)
{
    auto created = create(orderRequest(u"SO-1013"_s));
    ASSERT_TRUE(created.ok());
    fake().refuseNext(fake().orderPath(created->id), 422, u"Order is locked"_s);
    EXPECT_EQ(get(created->id).error(), u"Gelato refused the order: Order is locked"_s);
    rig.fake.addFault(fake().orderPath(created->id),
                      FakeFault::respond(FakeResponse::json(200, "{not json")));
    EXPECT_TRUE(get(created->id).error().startsWith(u"Gelato order: the answer is not JSON"_s));
}

} // namespace
} // namespace Bottega::Test
