// PERF-1: signed Gelato order_status_updated calls, each with its own event id, over loopback from
// 16 keep-alive connections to the real `bottega serve` (every call fsync'd before its 200), next
// to nginx answering a bare 200 under the same load generator in the same run. Prints calls/s, p99
// and lost calls (acknowledged but not in the queue afterwards); never fails on a figure.
#include "core/store/Database.h"
#include "core/store/SqlStatement.h"
#include "tests/app/BottegaProcess.h"
#include "tests/bench/LoadGenerator.h"
#include "tests/support/TestUtil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <csignal>
#include <cstdio>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

constexpr int connections = 16;
constexpr std::chrono::milliseconds warmUp(500);
constexpr std::chrono::milliseconds measured(3000);
const QByteArray secret = "perf1-secret";

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// The seed's order_status_updated example around its id, so each call only formats its own id.
struct Body
{
    QByteArray before, after;
};

Body seedBody()
{
    QJsonObject event
            = QJsonDocument::fromJson(readTestData(u"gelato/webhooks/order_status_updated.json"_s)).object();
    event.insert(u"id"_s, u"@ID@"_s);
    const QByteArray compact = QJsonDocument(event).toJson(QJsonDocument::Compact);
    const qsizetype at = compact.indexOf("@ID@");
    return {compact.left(at), compact.mid(at + 4)};
}

LoadGenerator::RequestFactory requests(const Body &body, const QByteArray &runTag)
{
    return [body, runTag](int connection, qint64 sequence, QByteArray &id) -> QByteArray {
        id = runTag + QByteArray::number(connection) + '-' + QByteArray::number(sequence);
        const QByteArray content = body.before + id + body.after;
        return "POST /gelato/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
               "signature: "
                + secret + "\r\nContent-Length: " + QByteArray::number(content.size()) + "\r\n\r\n" + content;
    };
}

// What one fsync costs on the disk under the data dir (4 KiB appended, fdatasync): with N
// connections at most N calls can share one, so N / this is the ceiling for fsync'd calls/s.
double fsyncMs(const QString &directory)
{
    QFile file(QDir(directory).filePath(u"fsync-probe"_s));
    if (!file.open(QIODevice::WriteOnly))
        return 0;
    const QByteArray block(4096, 'x');
    constexpr int rounds = 50;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < rounds; ++i) {
        file.write(block);
        file.flush();
        ::fdatasync(file.handle());
    }
    const double ms = double(timer.nsecsElapsed()) / 1e6 / rounds;
    file.remove();
    return ms;
}

void print(const char *name, const LoadGenerator::Result &result)
{
    std::printf("  %-34s %9.0f calls/s  p50 %6.2f ms  p99 %6.2f ms  (%lld calls, %lld errors)\n", name,
                result.callsPerSecond, result.p50Ms, result.p99Ms, static_cast<long long>(result.calls),
                static_cast<long long>(result.errors));
}

// nginx from the Debian package (nginx-light or nginx), its own prefix, config and port.
LoadGenerator::Result measureNginx(const Body &body)
{
    QTemporaryDir prefix;
    const quint16 port = freePort();
    QFile config(prefix.filePath(u"nginx.conf"_s));
    EXPECT_TRUE(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral("worker_processes auto;\npid %1/nginx.pid;\nerror_log stderr error;\n"
                                "events { worker_connections 1024; }\n"
                                "http {\n access_log off;\n client_body_temp_path %1/body;\n"
                                " proxy_temp_path %1/proxy;\n fastcgi_temp_path %1/fastcgi;\n"
                                " uwsgi_temp_path %1/uwsgi;\n scgi_temp_path %1/scgi;\n"
                                " keepalive_requests 1000000;\n"
                                " server { listen 127.0.0.1:%2; location / { return 200; } }\n}\n")
                         .arg(prefix.path())
                         .arg(port)
                         .toUtf8());
    config.close();
    QProcess nginx;
    nginx.start(u"/usr/sbin/nginx"_s,
                {u"-p"_s, prefix.path(), u"-c"_s, config.fileName(), u"-g"_s, u"daemon off;"_s});
    EXPECT_TRUE(nginx.waitForStarted(5000)) << "nginx not found: apt install nginx-light (see README)";
    EXPECT_TRUE(waitUntil(
            [port] {
                QTcpSocket socket;
                socket.connectToHost(QHostAddress::LocalHost, port);
                return socket.waitForConnected(100);
            },
            5000))
            << qPrintable(QString::fromUtf8(nginx.readAllStandardError()));
    const auto result = LoadGenerator::run(port, connections, warmUp, measured, requests(body, "nginx-"));
    nginx.terminate();
    nginx.waitForFinished(5000);
    return result;
}

TEST(Perf1, WebhookIngestionNextToNginx)
{
    const Body body = seedBody();
    const LoadGenerator::Result reference = measureNginx(body);

    BottegaProcess bottega;
    bottega.environment().insert(u"BOTTEGA_GELATO_WEBHOOK_SECRET"_s, QString::fromUtf8(secret));
    // The intake's own figures at its end: calls per commit, wait for the write lock, commit time.
    bottega.environment().insert(u"QT_LOGGING_RULES"_s, u"bottega.intake.info=true"_s);
    const quint16 port = freePort();
    QObject owner;
    QProcess *serve
            = bottega.start({u"serve"_s, u"--listen"_s, u"127.0.0.1:"_s + QString::number(port)}, &owner);
    QString out;
    ASSERT_TRUE(waitUntil(
            [&] {
                out += QString::fromUtf8(serve->readAllStandardOutput());
                return out.contains("Listening on"_L1) || serve->state() == QProcess::NotRunning;
            },
            15000));
    ASSERT_TRUE(out.contains("Listening on"_L1))
            << qPrintable(QString::fromUtf8(serve->readAllStandardError()));
    // The secret is loaded asynchronously after start: wait until a signed call is answered 200.
    ASSERT_TRUE(waitUntil(
            [&] {
                const auto probe = LoadGenerator::run(port, 1, std::chrono::milliseconds(0),
                                                      std::chrono::milliseconds(1), requests(body, "probe-"));
                return !probe.acknowledged.isEmpty();
            },
            10000));

    const LoadGenerator::Result result
            = LoadGenerator::run(port, connections, warmUp, measured, requests(body, "b-"));
    ::kill(pid_t(serve->processId()), SIGTERM);
    ASSERT_TRUE(serve->waitForFinished(30000));
    QString commits;
    for (const QString &line : QString::fromUtf8(serve->readAllStandardError()).split(u'\n')) {
        if (line.contains("webhook intake commits"_L1))
            commits = line.mid(line.indexOf("commits"_L1) + 9).remove(u'"');
    }

    // Lost: answered 2xx but not in the queue.
    DatabaseLocation location;
    location.sqlitePath = QDir(bottega.dataDir()).filePath(u"bottega.sqlite"_s);
    auto store = Database::open(location);
    ASSERT_TRUE(store.ok()) << qPrintable(store.error());
    SqlStatement select((*store)->connection(), u"SELECT event_id FROM webhook_queue"_s);
    ASSERT_TRUE(select.exec(u"queue"_s).ok());
    QSet<QByteArray> queued;
    while (select.next())
        queued.insert(select.text(u"event_id"_s).toUtf8());
    qint64 lost = 0;
    for (const QByteArray &id : result.acknowledged)
        lost += queued.contains(id) ? 0 : 1;

    std::printf(
            "PERF-1 webhook ingestion, %d connections over loopback, %.1f s measured after %.1f s warm-up:\n",
            connections, std::chrono::duration<double>(measured).count(),
            std::chrono::duration<double>(warmUp).count());
    print("bottega serve (fsync'd before 200)", result);
    print("reference: nginx bare 200", reference);
    std::printf("  ratio %.3f (target >= 0.35), p99 %.2f ms (target <= 5 ms), lost %lld of %lld acknowledged "
                "(target 0)\n",
                reference.callsPerSecond > 0 ? result.callsPerSecond / reference.callsPerSecond : 0.0,
                result.p99Ms, static_cast<long long>(lost),
                static_cast<long long>(result.acknowledged.size()));
    if (!commits.isEmpty())
        std::printf("  the intake's writer thread (whole run): %s\n", qPrintable(commits));
    const double fsync = fsyncMs(bottega.dataDir());
    const double ceiling = fsync > 0 ? connections * 1000.0 / fsync : 0;
    std::printf("  one fsync here takes %.2f ms: even with every in-flight call sharing one commit, %d "
                "connections allow at most %.0f fsync'd calls/s (ratio %.3f)\n",
                fsync, connections, ceiling,
                reference.callsPerSecond > 0 ? ceiling / reference.callsPerSecond : 0.0);
    EXPECT_EQ(lost, 0);
    EXPECT_GT(result.calls, 0);
    EXPECT_GT(reference.calls, 0);
}

} // namespace
} // namespace Bottega::Test
