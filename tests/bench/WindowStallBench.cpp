// PERF-7: the window's responsiveness under webhook load. Opens the real main window (offscreen) with
// the runtime the app uses (server thread listening, worker thread processing), sends 2,000 signed
// Gelato webhooks per second for 10 s from other threads, and measures the lateness of a 10 ms timer
// on the window's thread. Three scenarios, each with that load: the load alone; while a 500-variant
// template sync runs, started as "New from Gelato template…" does (the Gelato fake serves it over
// loopback from a thread of its own); while a 5,000-row order CSV import runs, started as "Import
// CSV…" does (its preview dialog answered as a person would). Prints, per scenario, the longest and
// the p99 stall next to the target (≤ 50 ms), also over the time the long work ran, and how many
// calls were sent, acknowledged and processed; never fails on a figure.
// Usage: bottega_bench_window_stall [webhooks] [sync] [import]   (default: all three)
#include "app/CommandLine.h"
#include "app/Runtime.h"
#include "app/WindowLauncher.h"
#include "core/scheduler/Scheduler.h"
#include "core/server/Server.h"
#include "core/settings/Settings.h"
#include "core/store/Database.h"
#include "core/store/ProductRepository.h"
#include "core/store/SalesOrderRepository.h"
#include "core/store/SqlStatement.h"
#include "tests/support/fakes/GelatoFake.h"
#include "ui/AppContext.h"
#include "ui/MainWindow.h"
#include "ui/pages/OrderImportDialog.h"
#include "ui/pages/OrderListPage.h"
#include "ui/pages/ProductListPage.h"
#include "ui/widgets/InlineMessage.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QScopeGuard>
#include <algorithm>
#include <functional>
#include <limits>
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
void sendCalls(quint16 port, const QByteArray &tag, int connection, std::atomic<long> &sent,
               std::atomic<long> &acknowledged, std::atomic<long> &errors)
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
        const QByteArray body = R"({"id":"p7-)" + tag + '-' + QByteArray::number(connection) + '-' + QByteArray::number(i)
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

// The longest and the p99 lateness of the ticks whose wait had its middle in [from, to) (ns since the
// probe started): a stall counts for the stretch of work during which most of it fell.
struct Stall
{
    double longest = 0;
    double p99 = 0;
    size_t ticks = 0;
};

struct Tick
{
    qint64 at; // ns
    double lateMs;
};

Stall stallOf(const std::vector<Tick> &ticks, qint64 from = 0, qint64 to = std::numeric_limits<qint64>::max())
{
    std::vector<double> sorted;
    for (const Tick &tick : ticks) {
        const qint64 middle = tick.at - qint64((tick.lateMs + 10.0) * 1e6 / 2);
        if (middle >= from && middle < to)
            sorted.push_back(tick.lateMs);
    }
    std::sort(sorted.begin(), sorted.end());
    Stall stall;
    stall.ticks = sorted.size();
    if (!sorted.empty()) {
        stall.longest = sorted.back();
        stall.p99 = sorted[std::min(sorted.size() - 1, size_t(double(sorted.size()) * 0.99))];
    }
    return stall;
}

void printStall(const char *what, const Stall &stall)
{
    std::printf("  %s: longest %.1f ms, p99 %.1f ms over %zu ticks (target: longest <= 50 ms)\n", what,
                stall.longest, stall.p99, stall.ticks);
}

// One scenario: the webhook load for `seconds`, with `begin` called as it starts (inside the window's
// event loop), lasting until the load is over and `done` says the long work has ended.
struct Scenario
{
    const char *name;
    QByteArray tag;
    std::function<void()> begin;
    std::function<bool()> done = [] { return true; };
};

struct Load
{
    long sent = 0, acknowledged = 0, errors = 0;
    qint64 pending = 0;
    double loadSeconds = 0;
    std::vector<Tick> ticks;
    qint64 endNs = 0;
};

Load runLoad(Bottega::Database &database, quint16 port, QElapsedTimer &clock, const Scenario &scenario)
{
    Load load;
    load.ticks.reserve(size_t(seconds) * 150);
    // The probe: a 10 ms timer on the window's thread; its lateness is how long the loop stalled.
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(10);
    qint64 last = 0;
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        load.ticks.push_back({now, std::max(0.0, double(now - last) / 1e6 - 10.0)});
        last = now;
    });
    // Settle first (window shown, secrets read, what the last scenario left processed).
    QEventLoop settle;
    QTimer::singleShot(1000, &settle, &QEventLoop::quit);
    settle.exec();

    std::atomic<long> sent {0}, acknowledged {0}, errors {0};
    clock.start();
    probe.start();
    std::vector<std::thread> senders;
    for (int i = 0; i < connections; ++i)
        senders.emplace_back(sendCalls, port, scenario.tag, i, std::ref(sent), std::ref(acknowledged),
                             std::ref(errors));
    QEventLoop loop;
    // The long work starts inside the loop (a modal dialog then runs its own loop, probed alike).
    QTimer::singleShot(0, &loop, [&] {
        if (scenario.begin)
            scenario.begin();
    });
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        const bool workOver = scenario.done(); // asked every time: it may note when the work ended
        const bool loadOver = clock.elapsed() >= seconds * 1000;
        if ((loadOver && workOver) || clock.elapsed() >= 300000)
            loop.quit();
    });
    check.start(5);
    loop.exec();
    load.loadSeconds = double(clock.nsecsElapsed()) / 1e9;
    load.endNs = clock.nsecsElapsed();
    probe.stop();
    // The senders finish their last calls (answered by the server thread, not this one).
    for (std::thread &sender : senders)
        sender.join();
    load.sent = sent;
    load.acknowledged = acknowledged;
    load.errors = errors;
    QElapsedTimer drain;
    drain.start();
    // Processed: nothing left pending after the load (waiting up to 30 s for the worker).
    load.pending = pendingRows(database);
    while (load.pending > 0 && drain.elapsed() < 30000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 100);
        load.pending = pendingRows(database);
    }
    return load;
}

void printLoad(const Scenario &scenario, const Load &load)
{
    std::printf("PERF-7 \"%s\": %d signed webhooks/s for %d s over %d connections (window offscreen, server "
                "and worker threads)\n",
                scenario.name, callsPerSecond, seconds, connections);
    std::printf("  sent %ld (%.0f/s), acknowledged %ld, errors %ld, left unprocessed after the load %lld\n",
                load.sent, double(load.sent) / double(seconds), load.acknowledged, load.errors,
                static_cast<long long>(load.pending));
    printStall("event-loop stall (10 ms timer lateness), whole run", stallOf(load.ticks));
    // Where the longest ones were, to find what the window's thread did then.
    std::vector<Tick> longest = load.ticks;
    std::sort(longest.begin(), longest.end(), [](const Tick &a, const Tick &b) { return a.lateMs > b.lateMs; });
    std::printf("  the longest stalls ended at:");
    for (size_t i = 0; i < std::min<size_t>(3, longest.size()); ++i)
        std::printf(" %.2f s (%.1f ms)", double(longest[i].at) / 1e9, longest[i].lateMs);
    std::printf("\n");
}

// A 5,000-row order CSV of one local (non-Gelato) good.
QString writeOrdersCsv(const QString &dir, int rows)
{
    const QString path = dir + u"/orders-5000.csv"_s;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write("reference,firstName,lastName,addressLine1,city,postCode,country,email,sku,quantity\n");
    for (int i = 1; i <= rows; ++i)
        file.write(QByteArray("P7-") + QByteArray::number(i)
                   + ",Anna,Neri,Via Po 3,Torino,10123,IT,anna@example.com,P7-MUG,1\n");
    return path;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("BOTTEGA_GELATO_WEBHOOK_SECRET", secret);
    qputenv("BOTTEGA_GELATO_API_KEY", Bottega::Test::GelatoFake::apiKey());
    QApplication app(argc, argv);
    QStringList wanted = app.arguments().mid(1);
    if (wanted.isEmpty())
        wanted = {u"webhooks"_s, u"sync"_s, u"import"_s};
    QTemporaryDir dataDir;
    using namespace Bottega;

    // The Gelato fake on a thread of its own: serving the template is not the window's work.
    QThread fakeThread;
    QObject fakeContext;
    fakeContext.moveToThread(&fakeThread);
    fakeThread.start();
    Test::GelatoFake *fake = nullptr;
    QMetaObject::invokeMethod(
            &fakeContext,
            [&fake] {
                fake = new Test::GelatoFake;
                if (!fake->start()) {
                    delete fake;
                    fake = nullptr;
                }
            },
            Qt::BlockingQueuedConnection);
    const auto stopFake = qScopeGuard([&] {
        QMetaObject::invokeMethod(&fakeContext, [&fake] { delete fake; }, Qt::BlockingQueuedConnection);
        fakeThread.quit();
        fakeThread.wait();
    });
    if (!fake) {
        std::fprintf(stderr, "cannot start the Gelato fake\n");
        return 1;
    }

    const CommandLine commandLine = CommandLine::parse({u"bottega"_s, u"--data-dir"_s, dataDir.path()});
    auto created = Runtime::create(commandLine);
    if (!created) {
        std::fprintf(stderr, "cannot start: %s\n", qPrintable(created.error()));
        return 1;
    }
    Runtime &runtime = **created;
    for (const auto &[key, url] : {std::pair {u"gelato.ecommerce-url"_s, fake->ecommerceUrl()},
                                   std::pair {u"gelato.product-url"_s, fake->productUrl()},
                                   std::pair {u"gelato.order-url"_s, fake->orderUrl()},
                                   std::pair {u"gelato.shipment-url"_s, fake->shipmentUrl()}})
        (void)runtime.settings().set(key, url.toString());
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
    auto *products = window.findChild<ProductListPage *>();
    auto *orders = window.findChild<OrderListPage *>();
    QElapsedTimer clock;

    if (wanted.contains(u"webhooks"_s)) {
        const Scenario scenario {"webhooks", "w", {}};
        printLoad(scenario, runLoad(runtime.database(), port, clock, scenario));
    }

    if (wanted.contains(u"sync"_s)) {
        // "New from Gelato template…" with the 500-variant template (PERF-3's).
        qint64 startNs = -1, endNs = -1;
        QString outcome;
        const Scenario scenario {"webhooks + 500-variant template sync", "s",
                                 [&] {
                                     startNs = clock.nsecsElapsed();
                                     products->createFromTemplate(QString::fromLatin1(Test::GelatoFake::bigId));
                                 },
                                 [&] {
                                     if (endNs < 0 && startNs >= 0 && !products->isSynchronizing()) {
                                         endNs = clock.nsecsElapsed();
                                         outcome = products->message()->text();
                                     }
                                     return endNs >= 0;
                                 }};
        const Load load = runLoad(runtime.database(), port, clock, scenario);
        printLoad(scenario, load);
        std::printf("  the sync (fetch over loopback, then storing on the worker): %.0f ms: %s\n",
                    double(endNs - startNs) / 1e6, qPrintable(outcome));
        printStall("stall while the sync ran", stallOf(load.ticks, startNs, endNs));
    }

    if (wanted.contains(u"import"_s)) {
        // One local good the 5,000 orders buy, then "Import CSV…": the preview (a dry run) opens, Import
        // is pressed as soon as it is offered, the dialog closes when the worker is done.
        Product mug;
        mug.name = u"P7 mug"_s;
        Variant variant;
        variant.title = u"Mug"_s;
        variant.sku = u"P7-MUG"_s;
        mug.variants = {variant};
        if (auto stored = ProductRepository(runtime.database()).create(mug); !stored)
            std::fprintf(stderr, "cannot store the good: %s\n", qPrintable(stored.error()));
        const QString csv = writeOrdersCsv(dataDir.path(), 5000);
        qint64 startNs = -1, previewNs = -1, endNs = -1;
        QString refused;
        QTimer answer; // the person at the preview dialog
        QObject::connect(&answer, &QTimer::timeout, [&] {
            auto *dialog = qobject_cast<OrderImportDialog *>(QApplication::activeModalWidget());
            if (!dialog || previewNs >= 0 || dialog->isChecking())
                return;
            previewNs = clock.nsecsElapsed();
            if (!dialog->importButton()->isEnabled()) {
                refused = dialog->summary()->text();
                dialog->reject();
                return;
            }
            dialog->importButton()->click();
        });
        const Scenario scenario {"webhooks + 5,000-row order CSV import", "i",
                                 [&] {
                                     answer.start(5);
                                     startNs = clock.nsecsElapsed();
                                     orders->importCsvFile(csv); // modal: returns when it is over
                                     endNs = clock.nsecsElapsed();
                                     answer.stop();
                                 },
                                 [&] { return endNs >= 0; }};
        const Load load = runLoad(runtime.database(), port, clock, scenario);
        printLoad(scenario, load);
        if (!refused.isEmpty())
            std::printf("  the preview refused the file: %s\n", qPrintable(refused));
        std::printf("  the import: %.0f ms in all: preview (dry run, on the worker) %.0f ms, import "
                    "(on the worker) %.0f ms; orders stored: %lld\n",
                    double(endNs - startNs) / 1e6, double(previewNs - startNs) / 1e6,
                    double(endNs - previewNs) / 1e6,
                    static_cast<long long>(SalesOrderRepository(runtime.database()).count({}).value()));
        printStall("stall during the preview", stallOf(load.ticks, startNs, previewNs));
        printStall("stall during the import on the worker", stallOf(load.ticks, previewNs, endNs));
    }
    window.close();
    return 0;
}
