// HttpClient's API log: one row per call, with the attempts, and no secret in any field.
#include "tests/core/http/HttpClientTestBase.h"
#include "tests/support/TestClock.h"

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

using HttpClientLogTest = HttpClientTestBase;

// Every text field of a row, to look for secrets in all of them at once.
QString everything(const ApiLogEntry &entry)
{
    return entry.url + u'\n' + entry.requestHeaders + u'\n' + QString::fromUtf8(entry.requestBody) + u'\n'
            + QString::fromUtf8(entry.responseBody) + u'\n' + entry.error;
}

TEST_F(HttpClientLogTest, OneRowPerCallCountingItsAttempts)
{
    fake.onJson("GET", u"/v4/orders/1"_s, 200, R"({"id":"1"})");
    fake.addFault(u"/v4/orders/1"_s, FakeFault::status(500), 2);
    TestClock clock;
    client.setClock(&clock);

    const HttpResponse response = send(get(u"/v4/orders/1?expand=items"_s));

    ASSERT_TRUE(response.ok());
    ASSERT_EQ(log.size(), 1);
    const ApiLogEntry &entry = log.entries().first();
    EXPECT_EQ(entry.direction, ApiLogEntry::Direction::Outbound);
    EXPECT_EQ(entry.service, u"gelato"_s);
    EXPECT_EQ(entry.method, "GET");
    EXPECT_EQ(entry.url, u"http://127.0.0.1:%1/v4/orders/1?expand=items"_s.arg(fake.port()));
    EXPECT_EQ(entry.status, 200);
    EXPECT_EQ(entry.attempts, 3);
    EXPECT_EQ(entry.time, clock.now()); // when the call started, from the client's clock
    EXPECT_EQ(entry.time.timeSpec(), Qt::UTC);
    EXPECT_EQ(entry.durationMs, response.durationMs);
    EXPECT_GE(entry.durationMs, 30); // two backoffs of 10 and 20 ms
    EXPECT_EQ(entry.responseSize, 10);
    EXPECT_EQ(entry.responseBody, R"({"id":"1"})");
    EXPECT_TRUE(entry.requestHeaders.contains(u"Accept: application/json"_s))
            << qPrintable(entry.requestHeaders);
    EXPECT_TRUE(entry.error.isEmpty());
}

TEST_F(HttpClientLogTest, AFailedCallIsLoggedWithItsError)
{
    fake.onJson("POST", u"/v4/orders"_s, 400,
                R"({"message":"Too many products requested: 273 of maximum 250."})");

    const HttpResponse response = send(post(u"/v4/orders"_s, R"({"products":[]})"));

    ASSERT_EQ(log.size(), 1);
    const ApiLogEntry &entry = log.entries().first();
    EXPECT_EQ(entry.status, 400);
    EXPECT_EQ(entry.attempts, 1);
    EXPECT_EQ(entry.requestSize, 15);
    EXPECT_EQ(entry.requestBody, R"({"products":[]})");
    EXPECT_EQ(entry.error, response.error);
    EXPECT_EQ(entry.error, u"gelato: HTTP 400: Too many products requested: 273 of maximum 250."_s);
    EXPECT_TRUE(entry.requestHeaders.contains(u"Content-Type: application/json"_s));
}

TEST_F(HttpClientLogTest, SecretsAreRedactedEverywhere)
{
    const QByteArray apiKey = "gk_live_0123456789abcdef";
    const QByteArray token = "tok-5f1e2d3c4b5a";
    const QByteArray webhookSecret = "whs-very-secret-value";
    client.addRedactedValue(apiKey);
    client.addRedactedValue(token);
    client.addRedactedValue(webhookSecret);
    fake.on("POST", u"/oauth/access_token"_s, [token, webhookSecret](const RecordedRequest &) {
        return FakeResponse::json(400,
                                  R"({"message":"bad secret )" + webhookSecret
                                          + R"(","data":{"access_token":")" + token
                                          + R"(","duration":3600}})");
    });
    HttpRequest request
            = post(u"/oauth/access_token?api_key="_s + QString::fromLatin1(apiKey),
                   R"({"client_id":"pub","client_secret":"cs-abc","grant":"client_credentials","note":")"
                           + webhookSecret + R"("})");
    request.headers.emplaceBack("X-API-KEY", apiKey);
    request.headers.emplaceBack("Authorization", "Bearer " + token);
    request.headers.emplaceBack("X-Trace", "trace-" + token);

    const HttpResponse response = send(request);

    ASSERT_EQ(log.size(), 1);
    const ApiLogEntry &entry = log.entries().first();
    const QString all = everything(entry);
    for (const QByteArray &secret : {apiKey, token, webhookSecret, QByteArray("cs-abc")})
        EXPECT_FALSE(all.contains(QString::fromLatin1(secret))) << secret.constData() << " in\n"
                                                                << qPrintable(all);
    EXPECT_TRUE(entry.requestHeaders.contains(u"X-API-KEY: [redacted]"_s))
            << qPrintable(entry.requestHeaders);
    EXPECT_TRUE(entry.requestHeaders.contains(u"Authorization: [redacted]"_s));
    EXPECT_TRUE(entry.requestHeaders.contains(u"X-Trace: trace-[redacted]"_s));
    EXPECT_TRUE(entry.url.endsWith(u"?api_key=[redacted]"_s)) << qPrintable(entry.url);
    EXPECT_TRUE(entry.requestBody.contains(R"("client_secret":"[redacted]")"))
            << entry.requestBody.constData();
    EXPECT_TRUE(entry.requestBody.contains(R"("client_id":"pub")"));
    EXPECT_TRUE(entry.responseBody.contains(R"("access_token":"[redacted]")"))
            << entry.responseBody.constData();
    EXPECT_TRUE(entry.error.contains(u"bad secret [redacted]"_s)) << qPrintable(entry.error);
    // The caller still gets the real answer; only the log is redacted.
    EXPECT_TRUE(response.body.contains(token));
    EXPECT_EQ(fake.lastRequest().header("X-API-KEY"), apiKey);
}

TEST_F(HttpClientLogTest, BodiesAreCappedWithANote)
{
    client.setBodyCap(100);
    const QByteArray big = "[" + QByteArray(2000, '1') + "]";
    fake.onJson("POST", u"/big"_s, 200, big);

    const HttpResponse response = send(post(u"/big"_s, big));

    ASSERT_TRUE(response.ok());
    ASSERT_EQ(log.size(), 1);
    const ApiLogEntry &entry = log.entries().first();
    EXPECT_EQ(entry.requestSize, 2002);
    EXPECT_EQ(entry.responseSize, 2002);
    EXPECT_TRUE(entry.requestBody.startsWith(big.left(100)));
    EXPECT_TRUE(entry.requestBody.endsWith("[truncated, 2002 bytes]")) << entry.requestBody.constData();
    EXPECT_LT(entry.requestBody.size(), 140);
    EXPECT_TRUE(entry.responseBody.endsWith("[truncated, 2002 bytes]"));
    EXPECT_EQ(response.body, big); // the caller gets all of it
}

TEST_F(HttpClientLogTest, NoSinkMeansNoLogAndNoCrash)
{
    client.setApiLogSink(nullptr);
    fake.onJson("GET", u"/x"_s, 200, "{}");

    EXPECT_TRUE(send(get(u"/x"_s)).ok());
    EXPECT_EQ(log.size(), 0);
}

} // namespace
} // namespace Bottega::Test
