// FakeHttpServer itself: the Gelato and Poleepo fakes build on it, so its routing, recording and
// fault queues must do exactly what they say.
#include "tests/core/http/HttpClientTestBase.h"

#include <QElapsedTimer>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

using FakeHttpServerTest = HttpClientTestBase;

TEST_F(FakeHttpServerTest, RoutesByMethodAndMostSpecificPath)
{
    fake.onJson("GET", u"/v4/orders/*"_s, 200, R"({"route":"prefix"})");
    fake.onJson("GET", u"/v4/orders/special"_s, 200, R"({"route":"exact"})");
    fake.on("DELETE", u"/v4/orders/*"_s, [](const RecordedRequest &request) {
        return FakeResponse::json(200, R"({"deleted":")" + request.path.section(u'/', -1).toUtf8() + R"("})");
    });

    EXPECT_EQ(send(get(u"/v4/orders/1"_s)).body, R"({"route":"prefix"})");
    EXPECT_EQ(send(get(u"/v4/orders/special"_s)).body, R"({"route":"exact"})");
    HttpRequest remove = get(u"/v4/orders/77"_s);
    remove.method = "DELETE";
    EXPECT_EQ(send(remove).body, R"({"deleted":"77"})");
    const HttpResponse unknown = send(get(u"/v3/catalogs"_s));
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(unknown.body, R"({"message":"no handler for GET /v3/catalogs"})");
}

TEST_F(FakeHttpServerTest, RecordsEveryRequest)
{
    fake.onJson("POST", u"/v4/orders"_s, 201, "{}");
    HttpRequest request = post(u"/v4/orders?dry=1"_s, R"({"orderType":"draft"})");
    request.headers.emplaceBack("X-API-KEY", "k");

    (void)send(request);

    ASSERT_EQ(fake.requestCount(), 1);
    const RecordedRequest recorded = fake.lastRequest();
    EXPECT_EQ(recorded.method, "POST");
    EXPECT_EQ(recorded.path, u"/v4/orders"_s);
    EXPECT_EQ(recorded.query.queryItemValue(u"dry"_s), u"1"_s);
    EXPECT_EQ(recorded.header("x-api-key"), "k");
    EXPECT_EQ(recorded.json().object().value("orderType"_L1).toString(), u"draft"_s);
    fake.clearRequests();
    EXPECT_EQ(fake.requestCount(), 0);
}

TEST_F(FakeHttpServerTest, FaultsAreUsedUpInOrderPerPath)
{
    fake.onJson("GET", u"/a"_s, 200, R"({"ok":true})");
    fake.onJson("GET", u"/b/1"_s, 200, R"({"ok":true})");
    fake.addFault(u"/a"_s, FakeFault::status(409), 1);
    fake.addFault(u"/a"_s, FakeFault::status(418), 2);
    fake.addFault(u"/b/*"_s, FakeFault::status(410));
    HttpRequest request = get(u"/a"_s);
    request.maxAttempts = 1;

    EXPECT_EQ(send(request).status, 409);
    EXPECT_EQ(send(request).status, 418);
    EXPECT_EQ(fake.pendingFaults(u"/a"_s), 1);
    EXPECT_EQ(send(request).status, 418);
    EXPECT_EQ(send(request).status, 200);
    request.url = fake.url(u"/b/1"_s);
    EXPECT_EQ(send(request).status, 410);
    EXPECT_EQ(send(request).status, 200);
}

TEST_F(FakeHttpServerTest, ADelayedAnswerDoesNotHoldUpOthers)
{
    fake.onJson("GET", u"/slow"_s, 200, R"({"slow":true})");
    fake.onJson("GET", u"/fast"_s, 200, R"({"fast":true})");
    fake.addFault(u"/slow"_s, FakeFault::delay(400));
    std::optional<qint64> slowDoneAt;
    QElapsedTimer clock;
    clock.start();
    QObject::connect(client.send(get(u"/slow"_s)), &HttpReply::finished, &client,
                     [&slowDoneAt, &clock](const HttpResponse &) { slowDoneAt = clock.elapsed(); });

    const HttpResponse fast = send(get(u"/fast"_s));
    const qint64 fastDoneAt = clock.elapsed();

    EXPECT_TRUE(fast.ok());
    EXPECT_LT(fastDoneAt, 300);
    ASSERT_TRUE(waitUntil([&slowDoneAt] { return slowDoneAt.has_value(); }));
    EXPECT_GE(*slowDoneAt, 390);
}

} // namespace
} // namespace Bottega::Test
