// Deferred answers of the built-in server over real loopback HTTP: a handler that keeps its reply
// and answers later, pipelined answers kept in request order, a client that leaves first, a reply
// dropped unanswered.
#include "tests/core/server/ServerTestBase.h"

#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class ServerReplyTest : public ServerTestBase
{
protected:
    void SetUp() override
    {
        ServerTestBase::SetUp();
        // Keeps every reply; the test answers them.
        server.addDeferredRoute("POST", u"/later"_s, u"webhook"_s,
                                [this](const ServerRequest &request, const ServerReply &reply) {
                                    bodies.append(request.body);
                                    replies.append(reply);
                                });
    }

    static QByteArray post(const QByteArray &body)
    {
        return "POST /later HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(body.size())
                + "\r\n\r\n" + body;
    }

    QList<QByteArray> bodies;
    QList<ServerReply> replies;
};

TEST_F(ServerReplyTest, AKeptReplyIsAnsweredWhenSentAndLoggedThen)
{
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    ASSERT_TRUE(waitUntil([&client] { return client.state() == QAbstractSocket::ConnectedState; }));
    client.write(post("one"));
    ASSERT_TRUE(waitUntil([this] { return replies.size() == 1; }));

    // Nothing is written before the handler answers.
    QByteArray received;
    waitUntil(
            [&] {
                received += client.readAll();
                return false;
            },
            100);
    EXPECT_TRUE(received.isEmpty()) << received.constData();
    EXPECT_EQ(log.size(), 0);
    EXPECT_TRUE(replies[0].isClientConnected());

    replies[0].send(ServerResponse::json(202, R"({"later":true})"));
    ASSERT_TRUE(waitUntil([&] {
        received += client.readAll();
        return received.endsWith(R"({"later":true})");
    }));
    EXPECT_TRUE(received.startsWith("HTTP/1.1 202")) << received.constData();
    EXPECT_TRUE(replies[0].isAnswered());
    ASSERT_EQ(log.size(), 1);
    EXPECT_EQ(log.entries()[0].status, 202);
    EXPECT_EQ(log.entries()[0].service, u"webhook"_s);

    // A second send is ignored: one answer per request.
    replies[0].send(ServerResponse::json(500, "{}"));
    waitUntil(
            [&] {
                received += client.readAll();
                return false;
            },
            100);
    EXPECT_EQ(received.count("HTTP/1.1"), 1);
    EXPECT_EQ(log.size(), 1);
}

TEST_F(ServerReplyTest, PipelinedRequestsAnsweredOutOfOrderAreWrittenInRequestOrder)
{
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    ASSERT_TRUE(waitUntil([&client] { return client.state() == QAbstractSocket::ConnectedState; }));
    client.write(post("first") + post("second"));
    ASSERT_TRUE(waitUntil([this] { return replies.size() == 2; }));
    EXPECT_EQ(bodies, (QList<QByteArray> {"first", "second"}));

    replies[1].send(ServerResponse::json(200, R"("second")"));
    QByteArray received;
    waitUntil(
            [&] {
                received += client.readAll();
                return false;
            },
            100);
    EXPECT_TRUE(received.isEmpty()) << "the second answer went before the first: " << received.constData();

    replies[0].send(ServerResponse::json(200, R"("first")"));
    ASSERT_TRUE(waitUntil([&] {
        received += client.readAll();
        return received.endsWith(R"("second")");
    }));
    EXPECT_LT(received.indexOf(R"("first")"), received.indexOf(R"("second")")) << received.constData();
    EXPECT_EQ(received.count("HTTP/1.1 200"), 2);
}

#ifdef Q_OS_UNIX
// The server sends what the kernel takes at once and keeps the rest in the socket's buffer: an
// answer must never overtake the rest of an earlier one, even when the kernel has room again.
TEST_F(ServerReplyTest, ALaterAnswerWaitsBehindTheUnsentRestOfALargeOne)
{
    // 8 MiB: more than the kernel takes at once on loopback.
    QByteArray big(8 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < big.size(); ++i)
        big[i] = char('a' + i * 7 % 26);
    server.addRoute("GET", u"/big"_s,
                    [&big](const ServerRequest &) { return ServerResponse::json(200, big); });

    // A plain socket: the test decides when it reads, with the server's event loop not running.
    const int client = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(client, 0);
    const auto closeClient = qScopeGuard([client] { ::close(client); });
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(client, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    ASSERT_EQ(::fcntl(client, F_SETFL, ::fcntl(client, F_GETFL) | O_NONBLOCK), 0);
    const QByteArray requests = "GET /big HTTP/1.1\r\nHost: x\r\n\r\n" + post("two");
    ASSERT_EQ(::send(client, requests.constData(), size_t(requests.size()), 0), requests.size());
    QByteArray received;
    const auto readWhatIsThere = [client, &received] {
        char chunk[65536];
        for (;;) {
            const ssize_t got = ::recv(client, chunk, sizeof chunk, 0);
            if (got <= 0)
                return;
            received.append(chunk, got);
        }
    };

    // Both requests are in; the big answer filled the kernel and the rest waits in the server.
    ASSERT_TRUE(waitUntil([this] { return replies.size() == 1; }));
    waitUntil([] { return false; }, 200);
    // The kernel is emptied without the server's loop running (it cannot send the rest yet), and
    // the second answer comes now, with room in the kernel for it.
    readWhatIsThere();
    ASSERT_GT(received.size(), 0);
    ASSERT_LT(received.size(), big.size()) << "the whole answer went at once: nothing to test";
    replies[0].send(ServerResponse::json(202, R"({"later":true})"));

    waitUntil(
            [&] {
                readWhatIsThere();
                return received.endsWith(R"({"later":true})");
            },
            10000);
    const qsizetype bodyStart = received.indexOf("\r\n\r\n") + 4;
    ASSERT_GT(bodyStart, 4);
    EXPECT_TRUE(received.startsWith("HTTP/1.1 200 OK")) << received.left(100).constData();
    EXPECT_TRUE(received.mid(bodyStart, big.size()) == big) << "the big answer arrived altered or cut";
    const QByteArray after = received.mid(bodyStart + big.size());
    EXPECT_TRUE(after.startsWith("HTTP/1.1 202")) << after.left(100).constData();
    EXPECT_TRUE(after.endsWith(R"({"later":true})")) << after.constData();
}
#endif

TEST_F(ServerReplyTest, AClientThatLeftBeforeTheAnswerIsLoggedAndTheServerGoesOn)
{
    {
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, port);
        ASSERT_TRUE(waitUntil([&client] { return client.state() == QAbstractSocket::ConnectedState; }));
        client.write(post("gone"));
        ASSERT_TRUE(waitUntil([this] { return replies.size() == 1; }));
        client.abort();
    }
    ASSERT_TRUE(waitUntil([this] { return !replies[0].isClientConnected(); }));

    replies[0].send(ServerResponse::json(200, R"({"status":"queued"})"));

    ASSERT_EQ(log.size(), 1);
    EXPECT_EQ(log.entries()[0].status, 200);
    EXPECT_TRUE(log.entries()[0].error.contains("closed the connection before the answer"_L1))
            << qPrintable(log.entries()[0].error);
    EXPECT_EQ(get(u"/health"_s).status, 200);
}

TEST_F(ServerReplyTest, AReplyDroppedUnansweredAnswers500)
{
    server.addDeferredRoute("POST", u"/forgetful"_s, u"server"_s,
                            [](const ServerRequest &, const ServerReply &) {});

    const ClientAnswer answer = request("POST", url(u"/forgetful"_s), "{}");

    EXPECT_EQ(answer.status, 500);
    EXPECT_TRUE(answer.body.contains("not answered")) << answer.body.constData();
}

TEST_F(ServerReplyTest, SynchronousRoutesStillAnswerAtOnce)
{
    server.addRoute("GET", u"/now"_s, [](const ServerRequest &) { return ServerResponse::json(200, "1"); });

    EXPECT_EQ(get(u"/now"_s).body, "1");
}

} // namespace
} // namespace Bottega::Test
