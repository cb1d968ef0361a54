// PoleepoClient against the Poleepo fake over loopback: the token (fetched once, refreshed before it
// expires, renewed once on a 401), refused and missing credentials, answers unwrapped from "data",
// Poleepo's messages shown as they are, 429 and 5xx handled by HttpClient, orders with paging and
// updated_after, and neither the token nor the secret in the API log.
#include "tests/support/fakes/PoleepoTestRig.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class PoleepoClientTest : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(rig.started); }

    std::optional<Result<QList<PoleepoCarrier>>> carriers()
    {
        return rig.wait<QList<PoleepoCarrier>>(
                [&](QObject *context, auto done) { rig.poleepo.listCarriers(context, done); });
    }
    std::optional<Result<void>> testConnection()
    {
        return rig.wait<void>(
                [&](QObject *context, auto done) { rig.poleepo.testConnection(context, done); });
    }
    std::optional<Result<PoleepoOrderPage>> orders(int offset, int max, const QDateTime &after = {})
    {
        return rig.wait<PoleepoOrderPage>([&](QObject *context, auto done) {
            rig.poleepo.listOrders(offset, max, after, context, done);
        });
    }
    int tokenRequests() const { return rig.fake.requestCount(u"/oauth/access_token"_s); }

    PoleepoTestRig rig;
};

TEST_F(PoleepoClientTest, GetsTheTokenOnceWithTheDocumentedBodyAndReusesIt)
{
    ASSERT_TRUE(carriers().value_or(makeError(u"none"_s)).ok());
    auto tested = testConnection();
    ASSERT_TRUE(tested.has_value());
    ASSERT_TRUE(tested->ok()) << tested->error().toStdString();
    EXPECT_EQ(tokenRequests(), 1);

    const QJsonObject body = rig.fake.requests(u"/oauth/access_token"_s).at(0).json().object();
    EXPECT_EQ(body.value(u"client_id"_s).toString(), PoleepoFake::clientId());
    EXPECT_EQ(body.value(u"client_secret"_s).toString(), PoleepoFake::clientSecret());
    EXPECT_EQ(body.value(u"grant"_s).toString(), u"client_credentials"_s);
    EXPECT_FALSE(body.contains(u"grant_type"_s));

    const QByteArray bearer = "Bearer " + rig.fake.lastToken().toUtf8();
    EXPECT_EQ(rig.fake.requests(u"/carriers"_s).at(0).header("Authorization"), bearer);
    const RecordedRequest probe = rig.fake.requests(u"/products"_s).at(0);
    EXPECT_EQ(probe.header("Authorization"), bearer);
    EXPECT_EQ(probe.query.queryItemValue(u"max"_s), u"1"_s);
}

TEST_F(PoleepoClientTest, RefreshesTheTokenAFewMinutesBeforeItExpires)
{
    rig.fake.setTokenDuration(3600);
    ASSERT_TRUE(carriers().value_or(makeError(u"none"_s)).ok());
    rig.advance(3000); // 10 minutes left: still used
    ASSERT_TRUE(carriers().value_or(makeError(u"none"_s)).ok());
    EXPECT_EQ(rig.fake.tokensIssued(), 1);
    rig.advance(301); // less than 5 minutes left: replaced before Poleepo would refuse it
    ASSERT_TRUE(carriers().value_or(makeError(u"none"_s)).ok());
    EXPECT_EQ(rig.fake.tokensIssued(), 2);
    EXPECT_EQ(rig.fake.requestCount(u"/carriers"_s), 3); // no call was refused on the way
}

TEST_F(PoleepoClientTest, ATokenThatOutlivesItsDurationIsRenewedOnTheFirst401)
{
    rig.fake.setTokenDuration(60); // refreshed after 30 s: half its life
    ASSERT_TRUE(carriers().value_or(makeError(u"none"_s)).ok());
    rig.fake.advance(61); // only Poleepo's clock moves: the client believes the token is fresh
    auto listed = carriers();
    ASSERT_TRUE(listed.has_value());
    ASSERT_TRUE(listed->ok()) << listed->error().toStdString();
    EXPECT_EQ(rig.fake.tokensIssued(), 2);
    EXPECT_EQ(rig.fake.requestCount(u"/carriers"_s), 3);
}

TEST_F(PoleepoClientTest, A401OnACallGetsOneNewTokenAndOneRetry)
{
    ASSERT_TRUE(carriers().value_or(makeError(u"none"_s)).ok());
    rig.fake.revokeTokens();
    auto listed = carriers();
    ASSERT_TRUE(listed.has_value());
    ASSERT_TRUE(listed->ok()) << listed->error().toStdString();
    EXPECT_EQ(tokenRequests(), 2);
    const auto calls = rig.fake.requests(u"/carriers"_s);
    ASSERT_EQ(calls.size(), 3);
    EXPECT_NE(calls.at(1).header("Authorization"), calls.at(2).header("Authorization"));
}

TEST_F(PoleepoClientTest, ASecond401IsAnErrorWithoutAThirdTry)
{
    const QByteArray refused = R"({"success":false,"message":"Invalid token","code":"UNAUTHORIZED"})";
    rig.fake.addFault(u"/carriers"_s, FakeFault::status(401, refused), 3);
    auto listed = carriers();
    ASSERT_TRUE(listed.has_value());
    EXPECT_EQ(listed->error(), u"Poleepo refused the credentials"_s);
    EXPECT_EQ(rig.fake.requestCount(u"/carriers"_s), 2);
    EXPECT_EQ(tokenRequests(), 2);
}

TEST_F(PoleepoClientTest, WrongCredentialsAreRefusedAndNothingElseIsSent)
{
    rig.fake.setCredentials(PoleepoFake::clientId(), u"another-secret"_s);
    auto tested = testConnection();
    ASSERT_TRUE(tested.has_value());
    EXPECT_EQ(tested->error(), u"Poleepo refused the credentials"_s);
    auto listed = orders(0, 10);
    ASSERT_TRUE(listed.has_value());
    EXPECT_EQ(listed->error(), u"Poleepo refused the credentials"_s);
    EXPECT_EQ(rig.fake.requestCount(), 2);
    EXPECT_EQ(tokenRequests(), 2);

    // A key that exists but is not enabled yet (403 on the token): the same words.
    rig.fake.setCredentials(PoleepoFake::clientId(), PoleepoFake::clientSecret());
    rig.fake.setKeyEnabled(false);
    tested = testConnection();
    ASSERT_TRUE(tested.has_value());
    EXPECT_EQ(tested->error(), u"Poleepo refused the credentials"_s);
    EXPECT_EQ(rig.fake.requestCount(), 3);
}

TEST_F(PoleepoClientTest, MissingCredentialsAreNamedAndNothingIsSent)
{
    InMemorySecretStore empty;
    PoleepoClient client(rig.http, rig.settings, empty);
    auto tested = rig.wait<void>([&](QObject *context, auto done) { client.testConnection(context, done); });
    ASSERT_TRUE(tested.has_value());
    EXPECT_EQ(tested->error(),
              u"the Poleepo credentials are not set: Settings → Poleepo, or `bottega secret set "
              "poleepo.client-id`"_s);
    EXPECT_EQ(rig.fake.requestCount(), 0);
}

TEST_F(PoleepoClientTest, UnreachablePoleepoIsSaid)
{
    ASSERT_TRUE(rig.settings.set(u"poleepo.url"_s, u"http://127.0.0.1:1"_s).ok());
    rig.http.setBackoffBaseMs(1);
    auto tested = testConnection();
    ASSERT_TRUE(tested.has_value());
    EXPECT_TRUE(tested->error().startsWith(u"cannot reach Poleepo: poleepo: cannot connect to 127.0.0.1:1"_s))
            << tested->error().toStdString();
}

TEST_F(PoleepoClientTest, AnswersAreUnwrappedFromDataWithEitherShapeOfStatus)
{
    QJsonObject order = PoleepoFake::sampleOrder(u"unused"_s);
    order.insert(u"id"_s, 4711); // a number: kept as text
    order.insert(u"status"_s, QJsonObject {{u"id"_s, 3}, {u"name"_s, u"In progress"_s}});
    order.insert(u"shippings"_s, QJsonArray {QJsonObject {{u"id"_s, u"S9"_s}}});
    order.remove(u"customer"_s); // shown only: may be missing
    rig.fake.addOrder(order);
    auto got = rig.wait<PoleepoOrder>(
            [&](QObject *context, auto done) { rig.poleepo.getOrder(u"4711"_s, context, done); });
    ASSERT_TRUE(got.has_value());
    ASSERT_TRUE(got->ok()) << got->error().toStdString();
    EXPECT_EQ(got->value().id, u"4711"_s);
    EXPECT_EQ(got->value().status, u"In progress"_s);
    EXPECT_EQ(got->value().statusId, u"3"_s);
    EXPECT_EQ(got->value().referenceId, u"AMZ-unused"_s);
    EXPECT_TRUE(got->value().customerFirstname.isEmpty());
    EXPECT_EQ(got->value().deliveryAddress.city, u"Torino"_s);
    EXPECT_EQ(got->value().shippingIds, QStringList {u"S9"_s});
    ASSERT_EQ(got->value().rows.size(), 1);
    EXPECT_EQ(got->value().rows.at(0).sku, u"TEE-M-RED"_s);
    EXPECT_EQ(got->value().rows.at(0).quantity, 1);
    EXPECT_EQ(got->value().orderDate, QDateTime(QDate(2026, 11, 30), QTime(9, 15), QTimeZone::utc()));

    auto unknown = rig.wait<PoleepoOrder>(
            [&](QObject *context, auto done) { rig.poleepo.getOrder(u"nope"_s, context, done); });
    ASSERT_TRUE(unknown.has_value());
    EXPECT_EQ(unknown->error(), u"Poleepo has no order \"nope\""_s);
}

TEST_F(PoleepoClientTest, PoleepoMessagesAreShownAsTheyAre)
{
    rig.fake.addOrders(1, QDateTime::currentDateTimeUtc());
    auto set = rig.wait<void>([&](QObject *context, auto done) {
        rig.poleepo.setOrderStatus(u"O1"_s, QString(), context, done);
    });
    ASSERT_TRUE(set.has_value());
    EXPECT_EQ(set->error(),
              u"Poleepo refused the request: The given data was invalid. (status: is required)"_s);

    const QByteArray italian
            = R"({"success":false,"message":"Lo stato \"Spedito\" non è previsto per questo ordine","code":"INVALID_STATUS"})";
    rig.fake.addFault(u"/orders/O1/status"_s, FakeFault::status(400, italian));
    set = rig.wait<void>([&](QObject *context, auto done) {
        rig.poleepo.setOrderStatus(u"O1"_s, u"Spedito"_s, context, done);
    });
    ASSERT_TRUE(set.has_value());
    EXPECT_EQ(set->error(),
              u"Poleepo refused the request: Lo stato \"Spedito\" non è previsto per questo ordine"_s);

    set = rig.wait<void>([&](QObject *context, auto done) {
        rig.poleepo.setOrderStatus(u"O1"_s, u"Shipped"_s, context, done);
    });
    ASSERT_TRUE(set.has_value());
    EXPECT_TRUE(set->ok()) << set->error().toStdString();
    EXPECT_EQ(rig.fake.order(u"O1"_s).value(u"status"_s).toString(), u"Shipped"_s);

    // A permission the key lacks (403 on a call): said, with Poleepo's words.
    rig.fake.addFault(u"/carriers"_s,
                      FakeFault::status(403, R"({"success":false,"message":"No permission: shipping"})"));
    auto listed = carriers();
    ASSERT_TRUE(listed.has_value());
    EXPECT_EQ(
            listed->error(),
            u"Poleepo refused the call: the API key lacks the permission for it (No permission: shipping)"_s);
}

TEST_F(PoleepoClientTest, A429WithRetryAfterAndA5xxAreRetriedByHttpClient)
{
    rig.fake.addOrders(3, QDateTime::currentDateTimeUtc().addDays(-1));
    rig.fake.addFault(u"/orders"_s, FakeFault::tooManyRequests(1));
    rig.fake.addFault(u"/orders"_s, FakeFault::status(503));
    auto listed = orders(0, 10);
    ASSERT_TRUE(listed.has_value());
    ASSERT_TRUE(listed->ok()) << listed->error().toStdString();
    EXPECT_EQ(listed->value().orders.size(), 3);
    const auto calls = rig.fake.requests(u"/orders"_s);
    ASSERT_EQ(calls.size(), 3);
    EXPECT_GE(calls.at(1).receivedAtMs - calls.at(0).receivedAtMs, 950); // Retry-After: 1
}

TEST_F(PoleepoClientTest, OrdersComeInPagesAndSinceAMoment)
{
    const QDateTime start(QDate(2026, 12, 1), QTime(8, 0), QTimeZone::utc());
    rig.fake.addOrders(250, start); // a minute apart
    auto page = orders(0, 500); // more than Poleepo allows: asked as 100
    ASSERT_TRUE(page.has_value());
    ASSERT_TRUE(page->ok()) << page->error().toStdString();
    EXPECT_EQ(rig.fake.lastRequest().query.queryItemValue(u"max"_s), u"100"_s);
    EXPECT_EQ(page->value().orders.size(), 100);
    EXPECT_EQ(page->value().total, 250);
    EXPECT_FALSE(page->value().isLast());
    page = orders(200, 100);
    ASSERT_TRUE(page.has_value() && page->ok());
    EXPECT_EQ(page->value().orders.size(), 50);
    EXPECT_EQ(page->value().orders.first().id, u"O201"_s);
    EXPECT_TRUE(page->value().isLast());

    // Updated after 10:00:30.250 local to Rome: sent as UTC without fractions.
    const QDateTime after = start.addSecs(2 * 3600 + 30).addMSecs(250).toTimeZone(QTimeZone("Europe/Rome"));
    page = orders(0, 100, after);
    ASSERT_TRUE(page.has_value());
    ASSERT_TRUE(page->ok()) << page->error().toStdString();
    EXPECT_EQ(rig.fake.lastRequest().query.queryItemValue(u"updated_after"_s, QUrl::FullyDecoded),
              u"2026-12-01T10:00:30Z"_s);
    EXPECT_EQ(page->value().total, 250 - 121);
    EXPECT_EQ(page->value().orders.first().id, u"O122"_s);
}

TEST_F(PoleepoClientTest, NeitherTheTokenNorTheSecretReachTheApiLog)
{
    ASSERT_TRUE(carriers().value_or(makeError(u"none"_s)).ok());
    rig.fake.revokeTokens(); // a 401 and a second token
    ASSERT_TRUE(carriers().value_or(makeError(u"none"_s)).ok());
    rig.fake.setCredentials(PoleepoFake::clientId(), u"changed"_s);
    rig.poleepo.forgetToken(); // a refused token request is logged too
    EXPECT_FALSE(carriers().value_or(makeError(u"none"_s)).ok());

    QStringList secrets {PoleepoFake::clientSecret()};
    for (const RecordedRequest &request : rig.fake.requests()) {
        if (!request.header("Authorization").isEmpty())
            secrets.append(QString::fromUtf8(request.header("Authorization").mid(7)));
    }
    ASSERT_GE(secrets.size(), 3);
    ASSERT_EQ(rig.log.size(), rig.fake.requestCount());
    for (const ApiLogEntry &entry : rig.log.entries()) {
        EXPECT_EQ(entry.service, u"poleepo"_s);
        const QString row = entry.url + entry.requestHeaders + QString::fromUtf8(entry.requestBody)
                + QString::fromUtf8(entry.responseBody) + entry.error;
        for (const QString &secret : std::as_const(secrets))
            EXPECT_FALSE(row.contains(secret)) << row.toStdString();
    }
    const ApiLogEntry &token = rig.log.entries().at(0);
    EXPECT_TRUE(token.url.endsWith(u"/oauth/access_token"_s));
    EXPECT_TRUE(token.requestBody.contains("client_id")) << token.requestBody.toStdString();
    EXPECT_TRUE(token.responseBody.contains("[redacted]")) << token.responseBody.toStdString();
    EXPECT_TRUE(rig.log.entries().at(1).requestHeaders.contains(u"Authorization: [redacted]"_s));
}

} // namespace
} // namespace Bottega::Test
