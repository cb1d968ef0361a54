// PERF-7: the window's responsiveness under webhook load. Opens the real main window (offscreen) with
// the runtime the app uses (server thread listening, worker thread processing), sends 2,000 signed
// Gelato webhooks per second for 10 s from other threads, and measures the lateness of a 10 ms timer
// on the window's thread. Prints the longest and the p99 stall next to the target (≤ 50 ms), and how
// many calls were sent, acknowledged and processed; never fails on a figure.
#include "app/CommandLine.h"
#include "app/Runtime.h"
#include "app/WindowLauncher.h"
#include "core/scheduler/Scheduler.h"
#include "core/server/Server.h"
#include "core/store/Database.h"
#include "core/store/SqlStatement.h"
#include "ui/AppContext.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

constexpr int callsPerSecond = 2000;
constexpr int seconds = 10;
constexpr int connections = 8;
const QByteArray secret = "perf7-secret";

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// One keep-alive connection sending its share of the calls at a steady pace (catching up when an
// answer came late), each call waiting for its answer.
void sendCalls(quint16 port, int connection, std::atomic<long> &sent, std::atomic<long> &acknowledged,
               std::atomic<long> &errors)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        ++errors;
        ::close(fd);
        return;
    }
    const int share = callsPerSecond * seconds / connections;
    const auto interval = std::chrono::microseconds(1000000 * connections / callsPerSecond);
    const auto start = std::chrono::steady_clock::now();
    char buffer[4096];
    for (int i = 0; i < share; ++i) {
        std::this_thread::sleep_until(start + i * interval);
        const QByteArray body = R"({"id":"p7-)" + QByteArray::number(connection) + '-' + QByteArray::number(i)
                + R"(","event":"order_status_updated","orderId":"g-1","orderReferenceId":"R-1","fulfillmentStatus":"printed","items":[]})";
        const QByteArray request = "POST /gelato/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                                   "application/json\r\nsignature: "
                + secret + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        if (::send(fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL) != request.size()) {
            ++errors;
            break;
        }
        ++sent;
        // One small answer per call: read until its body has come (Content-Length).
        QByteArray answer;
        while (true) {
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                break;
            answer.append(buffer, n);
            const qsizetype headEnd = answer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                continue;
            const qsizetype at = answer.toLower().indexOf("content-length:");
            const qsizetype length = at < 0 ? 0 : answer.mid(at + 15, answer.indexOf("\r\n", at) - at - 15).trimmed().toLongLong();
            if (answer.size() >= headEnd + 4 + length)
                break;
        }
        if (answer.startsWith("HTTP/1.1 2"))
            ++acknowledged;
        else
            ++errors;
    }
    ::close(fd);
}

qint64 pendingRows(Bottega::Database &database)
{
    Bottega::SqlStatement count(database.connection(),
                                u"SELECT COUNT(*) AS n FROM webhook_queue WHERE state IN ('pending', 'processing')"_s);
    if (!count.exec(u"queue"_s).ok() || !count.next())
        return -1;
    return count.value(u"n"_s).toLongLong();
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("BOTTEGA_GELATO_WEBHOOK_SECRET", secret);
    QApplication app(argc, argv);
    QTemporaryDir dataDir;
    using namespace Bottega;
    const CommandLine commandLine = CommandLine::parse({u"bottega"_s, u"--data-dir"_s, dataDir.path()});
    auto created = Runtime::create(commandLine);
    if (!created) {
        std::fprintf(stderr, "cannot start: %s\n", qPrintable(created.error()));
        return 1;
    }
    Runtime &runtime = **created;
    const quint16 port = freePort();
    AppContext context = WindowLauncher::contextFor(runtime);
    if (auto started = runtime.startServer(u"127.0.0.1:"_s + QString::number(port)); !started) {
        std::fprintf(stderr, "cannot listen: %s\n", qPrintable(started.error()));
        return 1;
    }
    (void)runtime.scheduler().start();
    MainWindow window(context);
    window.resize(1280, 800);
    window.show();

    // The probe: a 10 ms timer on the window's thread; its lateness is how long the loop stalled.
    std::vector<double> lateness;
    lateness.reserve(size_t(seconds) * 150);
    QElapsedTimer clock;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(10);
    qint64 last = 0;
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        lateness.push_back(std::max(0.0, double(now - last) / 1e6 - 10.0));
        last = now;
    });
    // Settle first (window shown, secrets read).
    QEventLoop settle;
    QTimer::singleShot(1000, &settle, &QEventLoop::quit);
    settle.exec();

    std::atomic<long> sent {0}, acknowledged {0}, errors {0};
    clock.start();
    probe.start();
    std::vector<std::thread> senders;
    for (int i = 0; i < connections; ++i)
        senders.emplace_back(sendCalls, port, i, std::ref(sent), std::ref(acknowledged), std::ref(errors));
    QEventLoop loop;
    QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    const double loadSeconds = double(clock.nsecsElapsed()) / 1e9;
    probe.stop();
    // The senders finish their last calls (answered by the server thread, not this one).
    for (std::thread &sender : senders)
        sender.join();
    QElapsedTimer drain;
    drain.start();
    // Processed: nothing left pending after the load (waiting up to 30 s for the worker).
    qint64 pending = pendingRows(runtime.database());
    while (pending > 0 && drain.elapsed() < 30000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 100);
        pending = pendingRows(runtime.database());
    }

    std::vector<double> sorted = lateness;
    std::sort(sorted.begin(), sorted.end());
    const double longest = sorted.empty() ? 0 : sorted.back();
    const double p99 = sorted.empty() ? 0 : sorted[std::min(sorted.size() - 1, size_t(double(sorted.size()) * 0.99))];
    std::printf("PERF-7 window responsiveness, %d signed webhooks/s for %d s over %d connections (window offscreen, "
                "server and worker threads):\n",
                callsPerSecond, seconds, connections);
    std::printf("  sent %ld (%.0f/s), acknowledged %ld, errors %ld, left unprocessed after the load %lld\n",
                long(sent), double(sent) / loadSeconds, long(acknowledged), long(errors),
                static_cast<long long>(pending));
    std::printf("  event-loop stall (10 ms timer lateness, %zu ticks): longest %.1f ms, p99 %.1f ms "
                "(target: longest <= 50 ms)\n",
                sorted.size(), longest, p99);
    window.close();
    return 0;
}
