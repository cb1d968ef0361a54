// The built-in server over real loopback HTTP: routes, errors, body limit, API log, listening.
#include "core/server/RouteTable.h"
#include "tests/core/server/ServerTestBase.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

using ServerTest = ServerTestBase;

QString errorOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object().value("error"_L1).toString();
}

TEST_F(ServerTest, HealthSaysOkAndTheVersion)
{
    QCoreApplication::setApplicationVersion(u"1.2.3"_s);

    const ClientAnswer answer = get(u"/health"_s);

    EXPECT_EQ(answer.status, 200);
    EXPECT_EQ(answer.header("Content-Type"), "application/json");
    EXPECT_EQ(answer.body, R"({"status":"ok","version":"1.2.3"})");
}

TEST_F(ServerTest, HeadAnswersLikeGetWithoutABody)
{
    const ClientAnswer answer = request("HEAD", url(u"/health"_s));

    EXPECT_EQ(answer.status, 200);
    EXPECT_TRUE(answer.body.isEmpty());
    EXPECT_GT(answer.header("Content-Length").toInt(), 10);
}

TEST_F(ServerTest, AnUnknownPathIs404WithAJsonError)
{
    const ClientAnswer answer = get(u"/nothing/here"_s);

    EXPECT_EQ(answer.status, 404);
    EXPECT_EQ(answer.header("Content-Type"), "application/json");
    EXPECT_EQ(errorOf(answer.body), u"no such path: /nothing/here"_s);
}

TEST_F(ServerTest, AWrongMethodIs405WithAllow)
{
    server.addRoute("POST", u"/gelato/webhook"_s,
                    [](const ServerRequest &) { return ServerResponse::json(200, "{}"); });

    const ClientAnswer answer = get(u"/gelato/webhook"_s);

    EXPECT_EQ(answer.status, 405);
    EXPECT_EQ(answer.header("Allow"), "POST");
    EXPECT_EQ(errorOf(answer.body), u"GET is not allowed on /gelato/webhook (allowed: POST)"_s);
}

TEST_F(ServerTest, HandlersSeeTheRequest)
{
    ServerRequest seen;
    server.addRoute("POST", u"/poleepo/webhook/*"_s, [&seen](const ServerRequest &request) {
        seen = request;
        return ServerResponse::json(202, R"({"queued":true})");
    });

    const ClientAnswer answer = request("POST", url(u"/poleepo/webhook/shop-1?x=%C3%A8"_s),
                                        R"({"event":"STATUS_ORDER"})", {{"X-Poleepo-Signature", "abc123"}});

    EXPECT_EQ(answer.status, 202);
    EXPECT_EQ(answer.body, R"({"queued":true})");
    EXPECT_EQ(seen.method, "POST");
    EXPECT_EQ(seen.path, u"/poleepo/webhook/shop-1"_s);
    EXPECT_EQ(seen.query.queryItemValue(u"x"_s, QUrl::FullyDecoded), u"è"_s);
    EXPECT_EQ(seen.header("x-poleepo-signature"), "abc123");
    EXPECT_EQ(seen.body, R"({"event":"STATUS_ORDER"})");
    EXPECT_EQ(seen.peer, QHostAddress(QHostAddress::LocalHost));
}

TEST_F(ServerTest, TheMostSpecificRouteWins)
{
    auto answerWith = [](const char *name) {
        return [name](const ServerRequest &) {
            return ServerResponse::text(200, QString::fromLatin1(name));
        };
    };
    server.addRoute("GET", u"/a/*"_s, answerWith("a-prefix"));
    server.addRoute("GET", u"/a/b/*"_s, answerWith("ab-prefix"));
    server.addRoute("GET", u"/a/b/c"_s, answerWith("abc-exact"));

    EXPECT_EQ(get(u"/a/x"_s).body, "a-prefix");
    EXPECT_EQ(get(u"/a/b/x/y"_s).body, "ab-prefix");
    EXPECT_EQ(get(u"/a/b/c"_s).body, "abc-exact");
    EXPECT_EQ(get(u"/a/b/c/d"_s).body, "ab-prefix");
    EXPECT_EQ(get(u"/a"_s).status, 404); // "/a/*" needs the slash
}

TEST_F(ServerTest, AFallbackPrefixServesMethodsTheExactRouteLacks)
{
    server.addRoute("GET", u"/files/*"_s,
                    [](const ServerRequest &) { return ServerResponse::text(200, u"file"_s); });
    server.addRoute("POST", u"/files/upload"_s,
                    [](const ServerRequest &) { return ServerResponse::text(201, u"up"_s); });

    EXPECT_EQ(get(u"/files/upload"_s).body, "file");
    EXPECT_EQ(request("POST", url(u"/files/upload"_s), "x").status, 201);
    const ClientAnswer wrong = request("DELETE", url(u"/files/upload"_s));
    EXPECT_EQ(wrong.status, 405);
    EXPECT_EQ(wrong.header("Allow"), "GET, HEAD, POST");
}

TEST_F(ServerTest, ABodyOverTheLimitIs413AndNoHandlerRuns)
{
    server.setBodyLimit(1024);
    int handled = 0;
    server.addRoute("POST", u"/gelato/webhook"_s, [&handled](const ServerRequest &) {
        ++handled;
        return ServerResponse::json(200, "{}");
    });

    const ClientAnswer atLimit = request("POST", url(u"/gelato/webhook"_s), QByteArray(1024, 'x'));
    const ClientAnswer over = request("POST", url(u"/gelato/webhook"_s), QByteArray(1025, 'x'));

    EXPECT_EQ(atLimit.status, 200);
    EXPECT_EQ(over.status, 413);
    EXPECT_EQ(errorOf(over.body), u"the request body is larger than the limit of 1024 bytes"_s);
    EXPECT_EQ(handled, 1);
}

TEST_F(ServerTest, ALargeDeclaredBodyIsRefusedBeforeItArrives)
{
    int handled = 0;
    server.addRoute("POST", u"/gelato/webhook"_s, [&handled](const ServerRequest &) {
        ++handled;
        return ServerResponse::json(200, "{}");
    });

    // 10 MB announced, nothing sent: the answer must not wait for the body.
    bool closed = false;
    const QByteArray answer
            = raw("POST /gelato/webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  "Content-Length: 10000000\r\n\r\n{",
                  3000, &closed);

    EXPECT_TRUE(answer.startsWith("HTTP/1.1 413 Payload Too Large\r\n")) << answer.constData();
    EXPECT_TRUE(answer.contains("Connection: close"));
    EXPECT_TRUE(closed);
    EXPECT_EQ(handled, 0);
    ASSERT_EQ(log.size(), 1);
    EXPECT_EQ(log.entries().first().status, 413);
    EXPECT_EQ(log.entries().first().service, u"webhook"_s);
    EXPECT_EQ(log.entries().first().method, "POST");
    EXPECT_EQ(log.entries().first().url, u"/gelato/webhook"_s);
    EXPECT_EQ(log.entries().first().requestSize, 10000000);
}

QByteArray chunked(qsizetype size)
{
    QByteArray request = "POST /gelato/webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (qsizetype sent = 0; sent < size; sent += 4096)
        request += "1000\r\n" + QByteArray(4096, 'x') + "\r\n";
    return request + "0\r\n\r\n";
}

TEST_F(ServerTest, AChunkedBodyOverTheLimitIs413)
{
    server.setBodyLimit(1024);
    int handled = 0;
    server.addRoute("POST", u"/gelato/webhook"_s, [&handled](const ServerRequest &) {
        ++handled;
        return ServerResponse::json(200, "{}");
    });

    const QByteArray small = raw(chunked(8 * 1024), 500); // seen whole, refused by its size
    const QByteArray large = raw(chunked(512 * 1024), 2000); // refused while it arrives

    EXPECT_TRUE(small.startsWith("HTTP/1.1 413 Payload Too Large\r\n")) << small.constData();
    EXPECT_TRUE(large.startsWith("HTTP/1.1 413 Payload Too Large\r\n")) << large.constData();
    EXPECT_EQ(handled, 0);
}

TEST_F(ServerTest, ABigUploadGets413NotAReset)
{
    // 4 MiB really sent while the limit is 1 MiB: the client must still read the 413.
    const ClientAnswer answer = request("POST", url(u"/gelato/webhook"_s), QByteArray(4 * 1024 * 1024, 'x'));

    EXPECT_EQ(answer.status, 413) << qPrintable(answer.error);
}

TEST_F(ServerTest, ExpectContinueIsAnswered)
{
    server.addRoute("POST", u"/echo"_s,
                    [](const ServerRequest &request) { return ServerResponse::json(200, request.body); });

    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    ASSERT_TRUE(waitUntil([&socket] { return socket.state() == QAbstractSocket::ConnectedState; }));
    socket.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\nExpect: 100-continue\r\n\r\n");
    QByteArray received;
    ASSERT_TRUE(waitUntil([&] {
        received += socket.readAll();
        return received.contains("\r\n\r\n");
    }));
    EXPECT_EQ(received, "HTTP/1.1 100 Continue\r\n\r\n");
    socket.write("{\"a\":1}");
    ASSERT_TRUE(waitUntil([&] {
        received += socket.readAll();
        return received.endsWith("{\"a\":1}");
    })) << received.constData();
    EXPECT_TRUE(received.contains("HTTP/1.1 200 OK\r\n"));
}

TEST_F(ServerTest, Http10ConnectionsAreClosedAfterTheAnswer)
{
    bool closed = false;
    const QByteArray answer = raw("GET /health HTTP/1.0\r\n\r\n", 2000, &closed);

    EXPECT_TRUE(answer.startsWith("HTTP/1.1 200 OK\r\n")) << answer.constData();
    EXPECT_TRUE(closed);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection)
{
    bool closed = true;
    const QByteArray answer = raw(
            "GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\n", 300, &closed);

    EXPECT_EQ(answer.count("HTTP/1.1 200 OK"), 1) << answer.constData();
    EXPECT_EQ(answer.count("HTTP/1.1 404 Not Found"), 1);
    EXPECT_FALSE(closed);
}

TEST_F(ServerTest, PipelinedRequestsWithBodiesAreEachReadWholeAndAnsweredInOrder)
{
    QStringList bodies;
    server.addRoute("POST", u"/echo"_s, [&bodies](const ServerRequest &request) {
        bodies.append(QString::fromUtf8(request.body));
        return ServerResponse::json(200, "{\"len\":" + QByteArray::number(request.body.size()) + "}");
    });
    // Three requests in one write: a Content-Length body, a chunked one (an extension, a trailer),
    // an empty one.
    bool closed = true;
    const QByteArray answer = raw("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                                  "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  "3;note=x\r\nabc\r\n4\r\ndefg\r\n0\r\nX-Trailer: y\r\n\r\n"
                                  "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
                                  500, &closed);

    EXPECT_EQ(bodies, QStringList({u"hello"_s, u"abcdefg"_s, QString()}));
    const qsizetype first = answer.indexOf(R"({"len":5})");
    const qsizetype second = answer.indexOf(R"({"len":7})");
    const qsizetype third = answer.indexOf(R"({"len":0})");
    EXPECT_TRUE(first >= 0 && second > first && third > second) << answer.constData();
    EXPECT_FALSE(closed);
}

TEST_F(ServerTest, AMalformedChunkSizeIs400AndNoHandlerRuns)
{
    int handled = 0;
    server.addRoute("POST", u"/echo"_s, [&handled](const ServerRequest &) {
        ++handled;
        return ServerResponse::json(200, "{}");
    });
    bool closed = false;
    const QByteArray answer = raw("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  "zz\r\nabc\r\n0\r\n\r\n",
                                  2000, &closed);
    EXPECT_TRUE(answer.startsWith("HTTP/1.1 400 Bad Request\r\n")) << answer.constData();
    EXPECT_EQ(errorOf(answer.mid(answer.indexOf("\r\n\r\n") + 4)), u"the chunked body is not well formed"_s);
    EXPECT_TRUE(closed);
    EXPECT_EQ(handled, 0);
}

TEST_F(ServerTest, IdleConnectionsAreClosed)
{
    server.setIdleTimeoutMs(150);
    bool closed = false;
    const QByteArray answer = raw("GET /hea", 2000, &closed); // a sender that stalls

    EXPECT_TRUE(closed);
    EXPECT_TRUE(answer.isEmpty());
}

TEST_F(ServerTest, AHeadThatIsNotHttpGets400AndNeverReachesAHandler)
{
    int handled = 0;
    server.addRoute("POST", u"/*"_s, [&handled](const ServerRequest &) {
        ++handled;
        return ServerResponse::json(200, "{}");
    });
    const QList<std::pair<QByteArray, QString>> cases = {
            {"\x01\x02 garbage\r\nHost: x\r\n\r\n", u"the request line is not HTTP/1.1"_s},
            {"POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
             u"the Content-Length header is not a single number"_s},
            {"POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 30\r\n\r\nabc",
             u"the Content-Length header is not a single number"_s},
            {"POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: "
             "chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
             u"Content-Length and Transfer-Encoding must not come together"_s},
    };
    for (const auto &[bytes, message] : cases) {
        bool closed = false;
        const QByteArray answer = raw(bytes, 2000, &closed);
        EXPECT_TRUE(answer.startsWith("HTTP/1.1 400 Bad Request\r\n")) << answer.constData();
        EXPECT_EQ(errorOf(answer.mid(answer.indexOf("\r\n\r\n") + 4)), message);
        EXPECT_TRUE(closed);
    }
    EXPECT_EQ(handled, 0);
    EXPECT_EQ(log.size(), cases.size());
    EXPECT_EQ(get(u"/health"_s).status, 200); // and the server goes on
}

TEST_F(ServerTest, EveryRequestGetsOneInboundLogRow)
{
    server.addRedactedValue("whsec-42");
    server.addRoute("POST", u"/gelato/webhook"_s,
                    [](const ServerRequest &) { return ServerResponse::json(200, R"({"ok":true})"); });
    QSignalSpy handled(&server, &Server::requestHandled);

    const QByteArray body = R"({"id":"evt-1","event":"order_status_updated","secret":"s"})";
    const ClientAnswer answer = request("POST", url(u"/gelato/webhook?token=whsec-42"_s), body,
                                        {{"signature", "whsec-42"}, {"X-Note", "uses whsec-42"}});

    ASSERT_EQ(answer.status, 200);
    ASSERT_EQ(log.size(), 1);
    const ApiLogEntry &entry = log.entries().first();
    EXPECT_EQ(entry.direction, ApiLogEntry::Direction::Inbound);
    EXPECT_EQ(entry.service, u"webhook"_s);
    EXPECT_EQ(entry.method, "POST");
    EXPECT_EQ(entry.url, u"/gelato/webhook?token=[redacted]"_s);
    EXPECT_EQ(entry.status, 200);
    EXPECT_EQ(entry.requestSize, body.size());
    EXPECT_EQ(entry.responseSize, 11);
    EXPECT_EQ(entry.requestBody, R"({"id":"evt-1","event":"order_status_updated","secret":"[redacted]"})");
    EXPECT_EQ(entry.responseBody, R"({"ok":true})");
    EXPECT_TRUE(entry.requestHeaders.contains(u"signature: [redacted]"_s))
            << qPrintable(entry.requestHeaders);
    EXPECT_TRUE(entry.requestHeaders.contains(u"X-Note: uses [redacted]"_s));
    EXPECT_FALSE(entry.requestHeaders.contains(u"whsec-42"_s));
    EXPECT_TRUE(entry.error.isEmpty());
    ASSERT_EQ(handled.size(), 1);
    EXPECT_EQ(handled.first().at(2).toInt(), 200);

    (void)get(u"/missing"_s);
    ASSERT_EQ(log.size(), 2);
    EXPECT_EQ(log.entries().at(1).service, u"server"_s);
    EXPECT_EQ(log.entries().at(1).status, 404);
    EXPECT_EQ(log.entries().at(1).error, u"no such path: /missing"_s);
}

TEST_F(ServerTest, AnAddressInUseIsNamed)
{
    QTcpServer occupant;
    ASSERT_TRUE(occupant.listen(QHostAddress::LocalHost, 0));
    Server second;
    ListenAddress address;
    address.port = occupant.serverPort();

    const auto result = second.listen(address);

    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(),
              u"cannot listen on 127.0.0.1:%1: the address is already in use"_s.arg(address.port));
    EXPECT_FALSE(second.isListening());
}

TEST_F(ServerTest, ListenReportsTheRealPortAndCloseStops)
{
    EXPECT_TRUE(server.isListening());
    EXPECT_NE(port, 0);
    EXPECT_EQ(server.address().port, port);
    EXPECT_EQ(server.address().address, QHostAddress(QHostAddress::LocalHost));

    server.close();

    EXPECT_FALSE(server.isListening());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    EXPECT_TRUE(waitUntil([&socket] { return socket.state() == QAbstractSocket::UnconnectedState; }, 2000));
}

TEST(RouteTable, ServiceComesFromThePath)
{
    EXPECT_EQ(RouteTable::serviceFor(u"/gelato/webhook"_s), u"webhook"_s);
    EXPECT_EQ(RouteTable::serviceFor(u"/poleepo/webhook/*"_s), u"webhook"_s);
    EXPECT_EQ(RouteTable::serviceFor(u"/files/*"_s), u"files"_s);
    EXPECT_EQ(RouteTable::serviceFor(u"/health"_s), u"server"_s);
}

} // namespace
} // namespace Bottega::Test
