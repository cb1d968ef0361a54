// GelatoClient against the Gelato fake over loopback: the key (read once, sent, redacted), typed
// answers from the seed's payloads, the parsers' refusals naming the field, and every error path.
#include "core/connections/ConnectionTest.h"
#include "core/gelato/GelatoParsers.h"
#include "tests/support/fakes/FakeHttpTypes.h"
#include "tests/support/fakes/GelatoTestRig.h"

#include <QJsonArray>
#include <QJsonObject>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class GelatoClientTest : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(rig.started); }

    std::optional<Result<GelatoTemplate>> fetch(const QString &id)
    {
        return rig.wait<GelatoTemplate>(
                [&](QObject *context, auto done) { rig.gelato.fetchTemplate(id, context, done); });
    }
    std::optional<Result<void>> testConnection()
    {
        return rig.wait<void>([&](QObject *context, auto done) { rig.gelato.testConnection(context, done); });
    }

    GelatoTestRig rig;
};

TEST_F(GelatoClientTest, FetchesTheSeedTemplateWithItsVariantsOptionsAndPlaceholders)
{
    auto fetched = fetch(QString::fromLatin1(GelatoFake::tshirtId));
    ASSERT_TRUE(fetched.has_value());
    ASSERT_TRUE(fetched->ok()) << fetched->error().toStdString();
    const GelatoTemplate &t = fetched->value();
    EXPECT_EQ(t.id, u"c12a363e-0d4e-4d96-be4b-bf4138eb8743"_s);
    EXPECT_EQ(t.title, u"Classic Unisex Crewneck T-shirt"_s);
    EXPECT_TRUE(t.description.startsWith(u"<div><p>A classic unisex t-shirt"_s));
    EXPECT_TRUE(t.previewUrl.startsWith(u"https://gelato-api-test.s3.eu-west-1.amazonaws.com/"_s));
    ASSERT_EQ(t.variants.size(), 6);
    EXPECT_EQ(t.variants.at(0).id, u"83e30e31-0aee-4eca-8a8f-dceb2455cdc1"_s);
    EXPECT_EQ(t.variants.at(0).title, u"White - M"_s);
    EXPECT_EQ(t.variants.at(5).productUid,
              u"apparel_product_gca_t-shirt_gsc_crewneck_gcu_unisex_gqa_classic_gsi_3xl_gco_white_gpr_4-0"_s);
    ASSERT_EQ(t.variants.at(1).options.size(), 1);
    EXPECT_EQ(t.variants.at(1).options.at(0).name, u"Size"_s);
    EXPECT_EQ(t.variants.at(1).options.at(0).value, u"S"_s);
    ASSERT_EQ(t.variants.at(2).placeholders.size(), 1);
    EXPECT_EQ(t.variants.at(2).placeholders.at(0).name, u"ImageFront"_s);
    EXPECT_EQ(t.variants.at(2).placeholders.at(0).printArea, u"front"_s);
    EXPECT_DOUBLE_EQ(t.variants.at(2).placeholders.at(0).width, 244);
    EXPECT_DOUBLE_EQ(t.variants.at(2).placeholders.at(0).height, 137.25);
}

TEST_F(GelatoClientTest, SendsTheKeyReadsItOnceAndKeepsItOutOfTheApiLog)
{
    ASSERT_TRUE(fetch(QString::fromLatin1(GelatoFake::threeId)).value_or(makeError(u"none"_s)).ok());
    // The store now holds another key: the client keeps the one it read (cached for its life).
    rig.setKey(u"another-key"_s);
    ASSERT_TRUE(fetch(QString::fromLatin1(GelatoFake::singleId)).value_or(makeError(u"none"_s)).ok());
    const auto requests = rig.fake.requests();
    ASSERT_EQ(requests.size(), 2);
    for (const RecordedRequest &request : requests)
        EXPECT_EQ(request.header("X-API-KEY"), GelatoFake::apiKey());
    EXPECT_EQ(requests.at(0).path, u"/ecommerce/v1/templates/tpl-three"_s);
    ASSERT_EQ(rig.log.size(), 2);
    for (const ApiLogEntry &entry : rig.log.entries()) {
        EXPECT_EQ(entry.service, u"gelato"_s);
        EXPECT_FALSE(entry.requestHeaders.contains(QString::fromLatin1(GelatoFake::apiKey())));
        EXPECT_TRUE(entry.requestHeaders.contains(u"[redacted]"_s)) << entry.requestHeaders.toStdString();
    }
}

TEST_F(GelatoClientTest, MissingKeyIsNamedAndNothingIsSent)
{
    InMemorySecretStore empty;
    GelatoClient client(rig.http, rig.settings, empty);
    auto fetched = rig.wait<GelatoTemplate>([&](QObject *context, auto done) {
        client.fetchTemplate(QString::fromLatin1(GelatoFake::threeId), context, done);
    });
    ASSERT_TRUE(fetched.has_value());
    ASSERT_FALSE(fetched->ok());
    EXPECT_EQ(fetched->error(),
              u"the Gelato API key is not set: Settings → Gelato, or `bottega secret set "
              "gelato.api-key`"_s);
    auto tested = rig.wait<void>([&](QObject *context, auto done) { client.testConnection(context, done); });
    ASSERT_TRUE(tested.has_value());
    EXPECT_TRUE(tested->error().startsWith(u"the Gelato API key is not set"_s));
    EXPECT_EQ(rig.fake.requestCount(), 0);
}

// ConnectionTest, which `bottega test-connection` and Settings' Test connection share: Gelato asks
// with the stored key, a refused key says so, a new key is read after credentialsChanged(); Poleepo
// says it is not available yet.
TEST_F(GelatoClientTest, ConnectionTestAsksEachServiceThroughItsClient)
{
    ConnectionTest connections(&rig.gelato);
    EXPECT_EQ(ConnectionTest::serviceFromName(u"gelato"_s), ConnectionTest::Service::Gelato);
    EXPECT_FALSE(ConnectionTest::serviceFromName(u"amazon"_s).has_value());
    EXPECT_TRUE(connections.canTest(ConnectionTest::Service::Gelato));
    EXPECT_FALSE(connections.canTest(ConnectionTest::Service::Poleepo));
    const auto test = [&](ConnectionTest::Service service) {
        return rig.wait<void>([&](QObject *context, auto done) { connections.test(service, context, done); });
    };

    auto tested = test(ConnectionTest::Service::Gelato);
    ASSERT_TRUE(tested.has_value());
    EXPECT_TRUE(tested->ok()) << tested->error().toStdString();

    rig.setKey(u"another-key"_s);
    tested = test(ConnectionTest::Service::Gelato);
    ASSERT_TRUE(tested.has_value());
    EXPECT_TRUE(tested->ok()); // the key is kept until credentials change
    connections.credentialsChanged();
    tested = test(ConnectionTest::Service::Gelato);
    ASSERT_TRUE(tested.has_value());
    EXPECT_EQ(tested->error(), u"Gelato refused the API key"_s);

    tested = test(ConnectionTest::Service::Poleepo);
    ASSERT_TRUE(tested.has_value());
    EXPECT_EQ(tested->error(), u"Poleepo is not set up in this program"_s); // no client given
    EXPECT_FALSE(ConnectionTest(nullptr).canTest(ConnectionTest::Service::Gelato));
}

TEST_F(GelatoClientTest, WrongKeyIsRefusedByGelato)
{
    rig.fake.setApiKey("the-real-key");
    auto fetched = fetch(QString::fromLatin1(GelatoFake::threeId));
    ASSERT_TRUE(fetched.has_value());
    EXPECT_EQ(fetched->error(), u"Gelato refused the API key"_s);
    auto tested = testConnection();
    ASSERT_TRUE(tested.has_value());
    EXPECT_EQ(tested->error(), u"Gelato refused the API key"_s);

    // A key Gelato knows but that may not do this: 403, the same message.
    rig.fake.setApiKey(GelatoFake::apiKey());
    const QString path = GelatoFake::templatePath(QString::fromLatin1(GelatoFake::threeId));
    rig.fake.addFault(path, FakeFault::status(403, R"({"code":"forbidden","message":"Forbidden"})"));
    fetched = fetch(QString::fromLatin1(GelatoFake::threeId));
    ASSERT_TRUE(fetched.has_value());
    EXPECT_EQ(fetched->error(), u"Gelato refused the API key"_s);
    EXPECT_EQ(rig.fake.requestCount(path), 2); // neither is retried
}

TEST_F(GelatoClientTest, AKeyFixedAfterARefusalOrAfterForgetIsReadAgain)
{
    // The stored key is wrong: Gelato refuses it, and the corrected key is used on the next call.
    rig.fake.setApiKey("the-real-key");
    auto tested = testConnection();
    ASSERT_TRUE(tested.has_value());
    EXPECT_EQ(tested->error(), u"Gelato refused the API key"_s);
    rig.setKey(u"the-real-key"_s);
    tested = testConnection();
    ASSERT_TRUE(tested.has_value());
    EXPECT_TRUE(tested->ok()) << tested->error().toStdString();

    // A key that works stays cached until Settings saves another one and calls forgetApiKey().
    rig.fake.setApiKey("the-next-key");
    rig.setKey(u"the-next-key"_s);
    rig.gelato.forgetApiKey();
    tested = testConnection();
    ASSERT_TRUE(tested.has_value());
    EXPECT_TRUE(tested->ok()) << tested->error().toStdString();
}

TEST_F(GelatoClientTest, UnknownTemplateIsNamed)
{
    auto fetched = fetch(u"no-such-template"_s);
    ASSERT_TRUE(fetched.has_value());
    EXPECT_EQ(fetched->error(), u"Gelato has no template \"no-such-template\""_s);
}

TEST_F(GelatoClientTest, ServerErrorsReadLikeHttpClientErrors)
{
    const QString path = GelatoFake::templatePath(QString::fromLatin1(GelatoFake::threeId));
    rig.fake.addFault(
            path, FakeFault::status(500, R"({"code":"internal_server_error","message":"We had a problem"})"),
            4);
    auto fetched = fetch(QString::fromLatin1(GelatoFake::threeId));
    ASSERT_TRUE(fetched.has_value());
    EXPECT_TRUE(fetched->error().startsWith(u"gelato: HTTP 500"_s)) << fetched->error().toStdString();
    EXPECT_EQ(rig.fake.requestCount(path), 4); // a GET is retried

    rig.fake.addFault(path, FakeFault::htmlError(502), 4);
    fetched = fetch(QString::fromLatin1(GelatoFake::threeId));
    ASSERT_TRUE(fetched.has_value());
    EXPECT_TRUE(fetched->error().contains(u"HTML"_s)) << fetched->error().toStdString();
}

TEST_F(GelatoClientTest, TooManyRequestsIsWaitedOutThenAnswered)
{
    const QString path = GelatoFake::templatePath(QString::fromLatin1(GelatoFake::threeId));
    rig.fake.addFault(path, FakeFault::tooManyRequests(1));
    auto fetched = fetch(QString::fromLatin1(GelatoFake::threeId));
    ASSERT_TRUE(fetched.has_value());
    ASSERT_TRUE(fetched->ok()) << fetched->error().toStdString();
    const auto requests = rig.fake.requests(path);
    ASSERT_EQ(requests.size(), 2);
    EXPECT_GE(requests.at(1).receivedAtMs - requests.at(0).receivedAtMs, 900);
}

TEST_F(GelatoClientTest, SlowAnswerStillArrives)
{
    const QString path = GelatoFake::templatePath(QString::fromLatin1(GelatoFake::singleId));
    rig.fake.addFault(path, FakeFault::delay(300));
    auto fetched = fetch(QString::fromLatin1(GelatoFake::singleId));
    ASSERT_TRUE(fetched.has_value());
    ASSERT_TRUE(fetched->ok()) << fetched->error().toStdString();
    EXPECT_EQ(fetched->value().variants.size(), 1);
}

TEST_F(GelatoClientTest, TestConnectionOkAndUnreachable)
{
    auto tested = testConnection();
    ASSERT_TRUE(tested.has_value());
    EXPECT_TRUE(tested->ok()) << tested->error().toStdString();
    EXPECT_EQ(rig.fake.lastRequest().path, u"/product/v3/catalogs"_s);

    // Nothing listens on port 9 of loopback: "cannot reach Gelato: …".
    ASSERT_TRUE(rig.settings.set(u"gelato.product-url"_s, u"http://127.0.0.1:9/v3/"_s).ok());
    tested = testConnection();
    ASSERT_TRUE(tested.has_value());
    EXPECT_TRUE(tested->error().startsWith(u"cannot reach Gelato: "_s)) << tested->error().toStdString();
}

TEST_F(GelatoClientTest, CatalogsFromTheSeed)
{
    auto catalogs = rig.wait<QList<GelatoCatalog>>(
            [&](QObject *context, auto done) { rig.gelato.listCatalogs(context, done); });
    ASSERT_TRUE(catalogs.has_value());
    ASSERT_TRUE(catalogs->ok()) << catalogs->error().toStdString();
    ASSERT_EQ(catalogs->value().size(), 3);
    EXPECT_EQ(catalogs->value().at(1).uid, u"posters"_s);
    EXPECT_EQ(catalogs->value().at(1).title, u"Posters"_s);

    auto posters = rig.wait<GelatoCatalog>(
            [&](QObject *context, auto done) { rig.gelato.getCatalog(u"posters"_s, context, done); });
    ASSERT_TRUE(posters.has_value());
    ASSERT_TRUE(posters->ok()) << posters->error().toStdString();
    ASSERT_EQ(posters->value().attributes.size(), 2);
    EXPECT_EQ(posters->value().attributes.at(1).uid, u"PaperFormat"_s);
    ASSERT_EQ(posters->value().attributes.at(1).values.size(), 3);
    EXPECT_EQ(posters->value().attributes.at(1).values.at(2).uid, u"A3"_s);

    auto missing = rig.wait<GelatoCatalog>(
            [&](QObject *context, auto done) { rig.gelato.getCatalog(u"mugs"_s, context, done); });
    ASSERT_TRUE(missing.has_value());
    EXPECT_EQ(missing->error(), u"Gelato has no catalog \"mugs\""_s);
}

TEST(GelatoParsersTest, RefusesAnswersLackingRequiredFieldsNamingThem)
{
    EXPECT_EQ(GelatoParsers::parseTemplate(
                      R"({"id":"t","title":"T","variants":[{"id":"a","title":"A","productUid":"p"},
              {"id":"b","title":"B","productUid":"p"},{"id":"c","title":"C"}]})")
                      .error(),
              u"Gelato template: variants[2].productUid is missing"_s);
    EXPECT_EQ(GelatoParsers::parseTemplate(R"({"id":"t","variants":[]})").error(),
              u"Gelato template: title is missing"_s);
    EXPECT_EQ(GelatoParsers::parseTemplate(R"({"id":"t","title":"T"})").error(),
              u"Gelato template: variants is missing"_s);
    EXPECT_EQ(GelatoParsers::parseTemplate(
                      R"({"id":"t","title":"T","variants":[{"id":"a","title":"A","productUid":"p",
                      "variantOptions":[{"name":"Size"}]}]})")
                      .error(),
              u"Gelato template: variants[0].variantOptions[0].value is missing"_s);
    EXPECT_EQ(GelatoParsers::parseTemplate(
                      R"({"id":"t","title":"T","variants":[{"id":"a","title":"A","productUid":"p",
                      "imagePlaceholders":[{"name":"F","printArea":7}]}]})")
                      .error(),
              u"Gelato template: variants[0].imagePlaceholders[0].printArea is not text"_s);
    EXPECT_EQ(GelatoParsers::parseTemplate(R"({"id":"t","title":"T","variants":"many"})").error(),
              u"Gelato template: variants is not a list"_s);
    EXPECT_TRUE(GelatoParsers::parseTemplate("<html>502</html>")
                        .error()
                        .startsWith(u"Gelato template: the answer is not JSON"_s));
    EXPECT_EQ(GelatoParsers::parseTemplate("[1,2]").error(),
              u"Gelato template: the answer is not a JSON object"_s);
    EXPECT_EQ(GelatoParsers::parseCatalogs(R"([{"catalogUid":"a","title":"A"},{"title":"B"}])").error(),
              u"Gelato catalogs: [1].catalogUid is missing"_s);
    EXPECT_EQ(GelatoParsers::parseCatalog(R"({"catalogUid":"a","title":"A","productAttributes":[
              {"productAttributeUid":"X","title":"X","values":[{"title":"v"}]}]})")
                      .error(),
              u"Gelato catalog: productAttributes[0].values[0].productAttributeValueUid is missing"_s);
}

TEST(GelatoParsersTest, IgnoresUnknownFieldsAndOptionalOnes)
{
    auto parsed = GelatoParsers::parseTemplate(R"({"id":"t","title":"T","brandNew":{"x":1},
        "variants":[{"id":"a","title":"A","productUid":"p","extra":[1]}]})");
    ASSERT_TRUE(parsed.ok()) << parsed.error().toStdString();
    EXPECT_TRUE(parsed->description.isEmpty());
    ASSERT_EQ(parsed->variants.size(), 1);
    EXPECT_TRUE(parsed->variants.at(0).options.isEmpty());
    EXPECT_TRUE(parsed->variants.at(0).placeholders.isEmpty());
}

} // namespace
} // namespace Bottega::Test

namespace Bottega::Test {
namespace {

TEST_F(GelatoClientTest, ProductsPricesStockAndShipmentFromTheSeed)
{
    auto search = rig.wait<QList<GelatoProduct>>([&](QObject *context, auto done) {
        rig.gelato.searchProducts(u"multipage-brochures"_s, {{u"PaperFormat"_s, {u"DL"_s}}}, 50, 0, context,
                                  done);
    });
    ASSERT_TRUE(search.has_value());
    ASSERT_TRUE(search->ok()) << search->error().toStdString();
    ASSERT_EQ(search->value().size(), 1);
    EXPECT_EQ(search->value().at(0).attributes.value(u"PaperFormat"_s), u"DL"_s);
    const RecordedRequest request = rig.fake.lastRequest();
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.path, u"/product/v3/catalogs/multipage-brochures/products:search"_s);
    EXPECT_EQ(request.json().object().value(u"limit"_s).toInt(), 50);
    EXPECT_EQ(request.json()
                      .object()
                      .value(u"attributeFilters"_s)
                      .toObject()
                      .value(u"PaperFormat"_s)
                      .toArray()
                      .at(0)
                      .toString(),
              u"DL"_s);

    const QString uid = search->value().at(0).uid;
    auto product = rig.wait<GelatoProduct>(
            [&](QObject *context, auto done) { rig.gelato.getProduct(uid, context, done); });
    ASSERT_TRUE(product.has_value());
    ASSERT_TRUE(product->ok()) << product->error().toStdString();
    EXPECT_EQ(product->value().uid, uid);
    EXPECT_DOUBLE_EQ(product->value().weight, 1.341);
    EXPECT_EQ(product->value().weightUnit, u"grams"_s);
    auto missing = rig.wait<GelatoProduct>(
            [&](QObject *context, auto done) { rig.gelato.getProduct(u"no_such_uid"_s, context, done); });
    ASSERT_TRUE(missing.has_value());
    EXPECT_EQ(missing->error(), u"Gelato has no product \"no_such_uid\""_s);

    auto prices = rig.wait<QList<GelatoPrice>>([&](QObject *context, auto done) {
        rig.gelato.getPrices(uid, u"US"_s, u"USD"_s, context, done);
    });
    ASSERT_TRUE(prices.has_value());
    ASSERT_TRUE(prices->ok()) << prices->error().toStdString();
    ASSERT_EQ(prices->value().size(), 3);
    EXPECT_EQ(prices->value().at(1).quantity, 20);
    EXPECT_DOUBLE_EQ(prices->value().at(1).price, 87.883871);
    EXPECT_EQ(prices->value().at(1).currency, u"USD"_s);
    EXPECT_EQ(rig.fake.lastRequest().query.queryItemValue(u"country"_s), u"US"_s);
    EXPECT_EQ(rig.fake.lastRequest().query.queryItemValue(u"currency"_s), u"USD"_s);

    auto stock = rig.wait<QList<GelatoStockAvailability>>([&](QObject *context, auto done) {
        rig.gelato.stockAvailability({u"a"_s, u"b"_s}, context, done);
    });
    ASSERT_TRUE(stock.has_value());
    ASSERT_TRUE(stock->ok()) << stock->error().toStdString();
    ASSERT_FALSE(stock->value().isEmpty());
    EXPECT_EQ(stock->value().at(0).regions.at(1).stockRegionUid, u"EU"_s);
    EXPECT_EQ(stock->value().at(0).regions.at(1).status, u"out-of-stock-replenishable"_s);
    EXPECT_EQ(stock->value().at(0).regions.at(1).replenishmentDate, u"2022-02-13"_s);
    EXPECT_EQ(rig.fake.lastRequest().json().object().value(u"products"_s).toArray().size(), 2);

    auto methods = rig.wait<QList<GelatoShipmentMethod>>(
            [&](QObject *context, auto done) { rig.gelato.shipmentMethods(u"IT"_s, context, done); });
    ASSERT_TRUE(methods.has_value());
    ASSERT_TRUE(methods->ok()) << methods->error().toStdString();
    ASSERT_EQ(methods->value().size(), 4);
    EXPECT_EQ(methods->value().at(0).uid, u"dhl_global_parcel"_s);
    EXPECT_EQ(methods->value().at(0).type, u"normal"_s);
    EXPECT_TRUE(methods->value().at(0).hasTracking);
    EXPECT_TRUE(methods->value().at(0).supportedCountries.contains(u"IT"_s));
    EXPECT_EQ(rig.fake.lastRequest().path, u"/shipment/v1/shipment-methods"_s);
    EXPECT_EQ(rig.fake.lastRequest().query.queryItemValue(u"country"_s), u"IT"_s);
}

// Reported by UBSan in the fuzz build (tests/fuzz): a price tier's quantity of 1e300 was cast to an
// int, which is undefined; it is now refused, naming the field.
TEST(GelatoParsersTest, APriceQuantityThatIsNoWholeNumberInRangeIsRefused)
{
    for (const char *quantity : {"1e300", "-1", "2.5", "2147483648"}) {
        const QByteArray json = R"([{"productUid":"p","quantity":)" + QByteArray(quantity)
                + R"(,"price":12.5,"currency":"EUR"}])";
        EXPECT_EQ(GelatoParsers::parsePrices(json).error(),
                  u"Gelato prices: [0].quantity is not a whole number from 0 to 2147483647"_s)
                << quantity;
    }
    const auto prices = GelatoParsers::parsePrices(
            R"([{"productUid":"p","quantity":2147483647,"price":1,"currency":"EUR"}])");
    ASSERT_TRUE(prices.ok()) << qPrintable(prices.error());
    EXPECT_EQ(prices->at(0).quantity, 2147483647);
}

TEST(GelatoParsersTest, ListsNameTheMissingFieldWithItsIndex)
{
    EXPECT_EQ(GelatoParsers::parseShipmentMethods(
                      R"({"shipmentMethods":[{"shipmentMethodUid":"a","type":"normal",
              "name":"A","isBusiness":true,"isPrivate":true,"supportedCountries":[]}]})")
                      .error(),
              u"Gelato shipment methods: shipmentMethods[0].hasTracking is missing"_s);
    EXPECT_EQ(GelatoParsers::parsePrices(R"([{"productUid":"p","quantity":1,"currency":"EUR"}])").error(),
              u"Gelato prices: [0].price is missing"_s);
    EXPECT_EQ(
            GelatoParsers::parseStockAvailability(
                    R"({"productsAvailability":[{"productUid":"p","availability":[{"stockRegionUid":"EU"}]}]})")
                    .error(),
            u"Gelato stock availability: productsAvailability[0].availability[0].status is missing"_s);
    EXPECT_EQ(GelatoParsers::parseProduct(R"({"productUid":"p","weight":{"value":1}})").error(),
              u"Gelato product: attributes is missing"_s);
    EXPECT_EQ(GelatoParsers::parseProductSearch(R"({"hits":{}})").error(),
              u"Gelato product search: products is missing"_s);
}

} // namespace
} // namespace Bottega::Test
