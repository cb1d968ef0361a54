#include "app/Runtime.h"

#include "app/CommandLine.h"
#include "app/RuntimeThreads.h"
#include "app/StoreApiLogSink.h"
#include "core/connections/ConnectionTest.h"
#include "core/fulfilment/PackageTypes.h"
#include "core/fulfilment/PoleepoEventHandler.h"
#include "core/fulfilment/PoleepoGelatoBridge.h"
#include "core/fulfilment/PoleepoImportJob.h"
#include "core/fulfilment/ShipWithPoleepo.h"
#include "core/gelato/GelatoClient.h"
#include "core/http/HttpClient.h"
#include "core/messages/MessageText.h"
#include "core/orders/GelatoEventHandler.h"
#include "core/orders/OrderService.h"
#include "core/poleepo/PoleepoClient.h"
#include "core/products/CatalogBrowsing.h"
#include "core/publishing/BatchGeneration.h"
#include "core/publishing/BatchPolling.h"
#include "core/scheduler/BackgroundTasks.h"
#include "core/scheduler/Scheduler.h"
#include "core/secrets/SecretChain.h"
#include "core/server/FileStore.h"
#include "core/server/Server.h"
#include "core/settings/Settings.h"
#include "core/store/ApiLogRepository.h"
#include "core/store/Database.h"
#include "core/webhooks/WebhookIntake.h"
#include "core/webhooks/WebhookProcessor.h"
#include "core/webhooks/WebhookQueueActions.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Bottega::Runtime", text);
}

// A job's progress object as the ProgressReport its work calls (on the worker): the counts go to
// the task list, and a cancel asked there is the answer false.
ProgressReport follow(const std::shared_ptr<TaskProgress> &progress)
{
    return [progress](qint64 done, qint64 total) {
        progress->setTotal(total);
        progress->setDone(done);
        return !progress->cancelRequested();
    };
}

// What a run stopped on request says: "Cancelled: <what it did>"; never a success.
JobResult cancelledWith(const Message &did)
{
    return JobResult::cancelledAfter(did);
}

} // namespace

// The worker's own services: created, used and destroyed on the worker thread. Declared in this
// order so they go in reverse: the users before the clients, the clients before their HTTP client
// and its API-log sink (which writes what is still buffered with the worker's connection).
struct Runtime::WorkerServices
{
    std::unique_ptr<Settings> settings; // its own QSettings on the same file (QSettings is per thread)
    std::unique_ptr<ForwardedSecretStore> secrets;
    std::unique_ptr<StoreApiLogSink> apiLog;
    std::unique_ptr<HttpClient> http; // a QNetworkAccessManager of this thread
    // The worker's own clients: the Poleepo one gets its own access token (one per thread).
    std::unique_ptr<GelatoClient> gelato;
    std::unique_ptr<PoleepoClient> poleepo;
    std::unique_ptr<OrderService> orders; // reconciliation, the bridge's sends
    std::unique_ptr<BatchGeneration> batchGeneration;
    std::unique_ptr<BatchPolling> batchPolling;
    std::unique_ptr<PoleepoImportJob> poleepoImport; // marketplace orders (issue 12)
    std::unique_ptr<PoleepoGelatoBridge> bridge;
};

Runtime::~Runtime()
{
    // The server thread first (it commits what it verified), then the scheduler: they use the
    // database and the HTTP client.
    endServerThread();
    m_tasks.reset(); // running tasks are asked to stop; their results are dropped
    endWorkerThread();
    m_scheduler.reset();
    m_batchGeneration.reset();
    m_batchPolling.reset();
    m_shipWithPoleepo.reset();
    m_packageTypes.reset();
    m_orders.reset();
    m_webhookProcessor.reset();
    m_connections.reset();
    m_poleepo.reset();
    m_gelato.reset();
    m_http.reset();
}

QString Runtime::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

Result<std::unique_ptr<Runtime>> Runtime::create(const CommandLine &commandLine)
{
    std::unique_ptr<Runtime> runtime(new Runtime);
    runtime->m_dataDir = QDir::cleanPath(
            QFileInfo(commandLine.dataDir.isEmpty() ? defaultDataDir() : commandLine.dataDir)
                    .absoluteFilePath());
    if (!QDir().mkpath(runtime->m_dataDir))
        return makeError(tr("cannot create the data dir %1").arg(runtime->m_dataDir));

    runtime->m_settings = std::make_unique<Settings>(QDir(runtime->m_dataDir).filePath(u"bottega.ini"_s));

    const auto location = DatabaseLocation::parse(commandLine.database, runtime->m_dataDir);
    if (!location)
        return makeError(location.error());
    auto database = Database::open(*location);
    if (!database)
        return makeError(database.error());
    runtime->m_database = std::move(*database);
    if (auto migrated = runtime->m_database->migrate(); !migrated)
        return makeError(migrated.error());

    runtime->m_secrets = SecretChain::createDefault();
    runtime->m_apiLog = std::make_unique<StoreApiLogSink>(*runtime->m_database);
    runtime->m_http = std::make_unique<HttpClient>();
    runtime->m_http->setApiLogSink(runtime->m_apiLog.get());
    runtime->m_gelato
            = std::make_unique<GelatoClient>(*runtime->m_http, *runtime->m_settings, *runtime->m_secrets);
    runtime->m_catalogBrowsing = std::make_unique<CatalogBrowsing>(*runtime->m_gelato);
    runtime->m_poleepo = std::make_unique<PoleepoClient>(*runtime->m_http, *runtime->m_settings,
                                                         *runtime->m_secrets, &runtime->m_database->clock());
    runtime->m_connections
            = std::make_unique<ConnectionTest>(runtime->m_gelato.get(), runtime->m_poleepo.get());

    const auto signingKey = FileStore::loadOrCreateSigningKey(runtime->m_dataDir);
    if (!signingKey)
        return makeError(signingKey.error());
    runtime->m_files = std::make_unique<FileStore>(runtime->m_dataDir, *signingKey);
    runtime->m_mainContext = std::make_unique<QObject>();
    runtime->m_scheduler = std::make_unique<Scheduler>(*runtime->m_database);
    runtime->startWorkerThread();
    runtime->m_tasks = std::make_unique<BackgroundTasks>(
            [worker = runtime->m_workerThread.get()](std::function<void()> work) { worker->post(std::move(work)); });
    runtime->m_orders
            = std::make_unique<OrderService>(*runtime->m_database, *runtime->m_gelato, *runtime->m_settings);
    runtime->m_orders->setFileStore(runtime->m_files.get());
    runtime->m_batchGeneration = std::make_unique<BatchGeneration>(
            *runtime->m_database, *runtime->m_poleepo, *runtime->m_settings, runtime->m_files.get());
    runtime->m_batchPolling = std::make_unique<BatchPolling>(*runtime->m_database, *runtime->m_poleepo,
                                                                    *runtime->m_settings);
    runtime->m_shipWithPoleepo
            = std::make_unique<ShipWithPoleepo>(*runtime->m_database, *runtime->m_poleepo, *runtime->m_files);
    runtime->m_packageTypes = std::make_unique<PackageTypes>(*runtime->m_database, *runtime->m_poleepo);
    runtime->registerJobs();
    return runtime;
}

Result<void> Runtime::lockDataDir()
{
    m_lock = std::make_unique<QLockFile>(QDir(m_dataDir).filePath(u"bottega.lock"_s));
    m_lock->setStaleLockTime(0);
    if (m_lock->tryLock(0))
        return {};
    qint64 pid = 0;
    QString host, application;
    m_lock->getLockInfo(&pid, &host, &application);
    if (m_lock->error() == QLockFile::LockFailedError)
        return makeError(
                tr("Bottega is already running with the data dir %1 (pid %2)").arg(m_dataDir).arg(pid));
    return makeError(tr("cannot lock the data dir %1").arg(m_dataDir));
}

void Runtime::startWorkerThread()
{
    m_workerThread = std::make_unique<ServiceThread>(u"bottega-worker"_s);
    m_workerThread->start();
    // The window's API log rows are written on the worker, not by a commit of the window's thread
    // (which would wait there for the write lock of long work running on the worker, PERF-7).
    if (m_apiLog) {
        m_apiLog->setFlushElsewhere([this] {
            m_workerThread->post([this] {
                (void)m_database->transaction([this](QSqlDatabase &) -> Result<void> {
                    m_apiLog->writeBufferedInTransaction();
                    return {};
                });
            });
        });
    }
    m_workerThread->run([this] {
        m_webhookProcessor = std::make_unique<WebhookProcessor>(*m_database);
        m_webhookProcessor->setNudgeDelayMs(100); // prompt, yet one commit for many calls
    });
    startWorkerServices();
    *m_workerAlive = true;
}

void Runtime::startWorkerServices()
{
    m_workerThread->run([this] {
        auto worker = std::make_unique<WorkerServices>();
        worker->settings = std::make_unique<Settings>(QDir(m_dataDir).filePath(u"bottega.ini"_s));
        worker->secrets = std::make_unique<ForwardedSecretStore>(*m_secrets, m_mainContext.get(),
                                                                 m_workerThread->context());
        worker->apiLog = std::make_unique<StoreApiLogSink>(*m_database);
        worker->http = std::make_unique<HttpClient>();
        worker->http->setApiLogSink(worker->apiLog.get());
        worker->gelato = std::make_unique<GelatoClient>(*worker->http, *worker->settings, *worker->secrets);
        worker->poleepo = std::make_unique<PoleepoClient>(*worker->http, *worker->settings, *worker->secrets,
                                                          &m_database->clock());
        worker->orders = std::make_unique<OrderService>(*m_database, *worker->gelato, *worker->settings);
        worker->orders->setFileStore(m_files.get());
        worker->batchGeneration = std::make_unique<BatchGeneration>(*m_database, *worker->poleepo,
                                                                    *worker->settings, m_files.get());
        worker->batchPolling
                = std::make_unique<BatchPolling>(*m_database, *worker->poleepo, *worker->settings);
        worker->poleepoImport = std::make_unique<PoleepoImportJob>(*m_database, *worker->poleepo);
        worker->bridge = std::make_unique<PoleepoGelatoBridge>(*m_database, *worker->orders, *worker->poleepo,
                                                               *worker->settings);
        m_worker = std::move(worker);
    });
}

void Runtime::endWorkerServices()
{
    m_workerThread->run([this] { m_worker.reset(); });
}

void Runtime::onWorkerLater(std::function<void(WorkerDone finish)> work,
                            std::function<void(const JobResult &)> done)
{
    m_workerThread->post([work = std::move(work), done = std::move(done), main = m_mainContext.get(),
                          alive = m_workerAlive] {
        auto finished = std::make_shared<bool>(false);
        work([done, main, alive, finished](const JobResult &result) {
            if (std::exchange(*finished, true))
                return;
            QMetaObject::invokeMethod(
                    main,
                    [done, result, alive] {
                        if (*alive)
                            done(result);
                    },
                    Qt::QueuedConnection);
        });
    });
}

void Runtime::endWorkerThread()
{
    if (!m_workerThread)
        return;
    *m_workerAlive = false;
    if (m_apiLog)
        m_apiLog->setFlushElsewhere({}); // from here on its own flush() writes its rows
    // After the work already queued on it (a running job finishes, its result is dropped).
    // The processor first (its fetches in flight are then dropped), then the services it used.
    m_workerThread->run([this] { m_webhookProcessor.reset(); });
    endWorkerServices();
    m_workerThread.reset();
}

void Runtime::onWorker(std::function<JobResult()> work, std::function<void(const JobResult &)> done)
{
    m_workerThread->post([work = std::move(work), done = std::move(done), main = m_mainContext.get(),
                          alive = m_workerAlive] {
        const JobResult result = work();
        QMetaObject::invokeMethod(
                main,
                [done, result, alive] {
                    if (*alive)
                        done(result);
                },
                Qt::QueuedConnection);
    });
}

Result<WebhookProcessor::Summary> Runtime::processWebhooksNow()
{
    Result<WebhookProcessor::Summary> summary = makeError(QString());
    m_workerThread->run([this, &summary] { summary = m_webhookProcessor->processDue(); });
    return summary;
}

Server &Runtime::server()
{
    ensureServerThread();
    return *m_server;
}

void Runtime::ensureServerThread()
{
    if (m_serverThread)
        return;
    m_serverThread = std::make_unique<ServiceThread>(u"bottega-server"_s);
    m_serverThread->start();
    m_serverThread->run([this] {
        // Its own API-log sink: its rows are written with this thread's connection.
        m_serverApiLog = std::make_unique<StoreApiLogSink>(*m_database);
        m_server = std::make_unique<Server>();
        m_server->setApiLogSink(m_serverApiLog.get());
        m_webhookIntake = std::make_unique<WebhookIntake>(*m_database, *m_secrets);
        m_webhookIntake->setSecretsContext(m_mainContext.get());
        // The commits on a writer thread of their own (PERF-1): the server thread reads and verifies
        // the next calls meanwhile.
        m_webhookIntake->setCommitThread(true);
        // The server's API-log rows ride along in the intake's batch commits: one fsync for both
        // (written on the writer thread, with its connection).
        m_webhookIntake->setCommitCompanion([sink = m_serverApiLog.get()] { sink->writeBufferedInTransaction(); });
        // Its rows that no call's commit took along (health checks, files, a quiet moment) are
        // written by the writer thread too: the server thread never waits for the database.
        m_serverApiLog->setFlushElsewhere([intake = m_webhookIntake.get()] { intake->commitCompanionSoon(); });
    });
}

void Runtime::stopServer()
{
    if (!m_serverThread)
        return;
    m_serverThread->run([this] {
        m_server->close();
        m_webhookIntake->flush();
    });
}

void Runtime::endServerThread()
{
    if (!m_serverThread)
        return;
    // In this order: the intake commits and answers what it verified, the server's connections go,
    // then its API-log rows are written.
    m_serverThread->run([this] {
        m_serverApiLog->setFlushElsewhere({}); // from here on its own flush() writes its rows
        m_webhookIntake.reset();
        m_server.reset();
        m_serverApiLog.reset();
    });
    m_serverThread.reset();
}

Result<void> Runtime::startServer(const QString &listenOverride)
{
    ListenAddress address = m_settings->serverListen();
    if (!listenOverride.isEmpty()) {
        const auto parsed = ListenAddress::parse(listenOverride);
        if (!parsed)
            return makeError(tr("--listen: %1").arg(parsed.error()));
        address = *parsed;
    }
    ensureServerThread();
    // Rows a crash left in Processing go back to Pending first; what a crash or a stop left pending
    // is worked off now, not at the job's first minute (REL-2). On the worker, before any call.
    const bool shared = m_database->engine() == Database::Engine::PostgreSql;
    m_workerThread->run([this, shared] {
        (void)m_webhookProcessor->recoverAbandoned(shared);
        m_webhookProcessor->nudge();
    });
    // HOOK-1..4: the webhook routes; calls reaching the queue nudge the processor (a queued signal
    // from the server thread to the worker; one per move from the inbox, not per call).
    QObject::connect(m_webhookIntake.get(), &WebhookIntake::queued, m_webhookProcessor.get(),
                     [processor = m_webhookProcessor.get()](int) { processor->nudge(); });
    // During a burst of calls processing slows down for the intake (PERF-1), and catches up after.
    m_workerThread->run([this, accepted = m_webhookIntake->acceptedCounter()] {
        m_webhookProcessor->setBurstProbe([accepted] { return accepted->load(std::memory_order_relaxed); });
    });
    QString error;
    m_serverThread->run([this, &address, &error] {
        m_files->registerRoutes(*m_server);
        m_webhookIntake->registerRoutes(*m_server);
        m_webhookIntake->loadSecrets();
        // Calls answered before a crash but not yet moved on from the inbox (REL-1).
        if (const auto moved = m_webhookIntake->moveLeftovers(); !moved)
            qWarning("%s", qUtf8Printable(moved.error()));
        const auto listening = m_server->listen(address);
        if (!listening)
            error = listening.error();
    });
    if (!error.isEmpty())
        return makeError(error);
    return {};
}

void Runtime::registerJobs()
{
    // LOG-3: daily removal of API log rows older than log.retention-days, in chunks; a cancel keeps
    // the chunks already removed.
    JobDefinition cleanupApiLog;
    cleanupApiLog.name = u"cleanup-api-log"_s;
    cleanupApiLog.title = QT_TRANSLATE_NOOP("Bottega::Scheduler", "Clean up the API log");
    cleanupApiLog.progressTitle = QT_TRANSLATE_NOOP("Bottega::Scheduler", "Cleaning the API log");
    cleanupApiLog.cancellable = true;
    cleanupApiLog.defaultIntervalSeconds = 24 * 3600;
    cleanupApiLog.minIntervalSeconds = 3600;
    cleanupApiLog.runTracked = [this](std::shared_ptr<TaskProgress> progress, const JobDefinition::Done &done) {
        const int days = m_settings->logRetentionDays(); // settings are read on the main thread
        onWorker(
                [database = m_database.get(), days, progress] {
                    ApiLogRepository log(*database);
                    const QDateTime before = database->clock().now().addDays(-days);
                    ApiLogRepository::Query older;
                    older.to = before;
                    older.limit = 0;
                    const auto total = log.count(older);
                    if (!total)
                        return JobResult::failure(total.error());
                    const ProgressReport report = follow(progress);
                    Result<qint64> removed = qint64(0);
                    if (report(0, *total)) {
                        removed = log.deleteOlderThanWhile(before, 5000, [&](qint64 soFar) {
                            return report(soFar, std::max(*total, soFar));
                        });
                    }
                    if (!removed)
                        return JobResult::failure(removed.error());
                    const Message did = Message::of(u"job.api-log-removed"_s,
                                                    {QString::number(*removed), QString::number(days)});
                    return progress->cancelRequested() ? cancelledWith(did) : JobResult::success(did);
                },
                done);
    };
    m_scheduler->registerJob(std::move(cleanupApiLog));
    registerWebhookJobs();
    registerOrderJobs();
    registerPublishingJobs();
    showJobsInTasks();
}

void Runtime::showJobsInTasks()
{
    // APP-5: one progress mechanism. A job running in this process (by its timer or "Run now") is a
    // task of the list while it runs, with the counts its work reports and, for the cancellable
    // ones, Cancel; its end shows its result in the reader's language.
    auto taskOf = std::make_shared<QHash<QString, int>>();
    QObject::connect(m_scheduler.get(), &Scheduler::jobStarted, m_tasks.get(),
                     [this, taskOf](const QString &name) {
                         taskOf->insert(name, m_tasks->track(m_scheduler->progressTitle(name),
                                                             m_scheduler->progress(name),
                                                             m_scheduler->isCancellable(name)));
                     });
    QObject::connect(m_scheduler.get(), &Scheduler::jobFinished, m_tasks.get(),
                     [this, taskOf](const QString &name, const JobResult &result) {
                         if (const auto it = taskOf->constFind(name); it != taskOf->cend()) {
                             m_tasks->finishTracked(*it, result.ok, MessageText::render(result.message));
                             taskOf->erase(it);
                         }
                     });
}

void Runtime::registerPublishingJobs()
{
    // BATCH-1: published variants that need an update or were never sent go to Poleepo in batches.
    JobDefinition generate;
    generate.name = u"generate-batches"_s;
    generate.title = QT_TRANSLATE_NOOP("Bottega::Scheduler", "Generate Poleepo product batches");
    generate.defaultIntervalSeconds = 2 * 60;
    generate.minIntervalSeconds = 60;
    generate.progressTitle = QT_TRANSLATE_NOOP("Bottega::Scheduler", "Generating Poleepo product batches");
    generate.cancellable = true; // between batches: each is stored and submitted whole or not at all
    generate.runTracked = [this](std::shared_ptr<TaskProgress> progress, const JobDefinition::Done &done) {
        // On the worker, with its own Poleepo client: the database work never blocks the window.
        onWorkerLater(
                [this, progress](const WorkerDone &finish) {
                    m_worker->batchGeneration->generate(
                            m_workerThread->context(),
                            [finish](Result<BatchGeneration::Report> report) {
                                if (!report)
                                    return finish(JobResult::failure(report.error()));
                                if (report->switchedOff)
                                    return finish(JobResult::success(Message::of(u"job.poleepo-off"_s)));
                                const QString submitted = QString::number(report->batchIds.size());
                                const Message text = report->leftOut.isEmpty()
                                        ? Message::of(u"job.batches-submitted"_s, {submitted})
                                        : Message::of(u"job.batches-submitted-left-out"_s,
                                                      {submitted, QString::number(report->leftOut.size())});
                                if (!report->error.isEmpty())
                                    return finish(JobResult::failure(
                                            Message::of(u"job.with-errors"_s, {text.toStored(), report->error})));
                                finish(report->cancelled ? cancelledWith(text) : JobResult::success(text));
                            },
                            follow(progress));
                },
                done);
    };
    m_scheduler->registerJob(std::move(generate));

    // BATCH-3, seed 002: Poleepo allows 5 status requests per batch, so never below 10 minutes.
    JobDefinition poll;
    poll.name = u"poll-batches"_s;
    poll.title = QT_TRANSLATE_NOOP("Bottega::Scheduler", "Poll Poleepo product batches");
    poll.defaultIntervalSeconds = 10 * 60;
    poll.minIntervalSeconds = 10 * 60;
    poll.progressTitle = QT_TRANSLATE_NOOP("Bottega::Scheduler", "Polling Poleepo product batches");
    poll.cancellable = true; // between batches: each answer is applied whole
    poll.runTracked = [this](std::shared_ptr<TaskProgress> progress, const JobDefinition::Done &done) {
        onWorkerLater(
                [this, progress](const WorkerDone &finish) {
                    m_worker->batchPolling->poll(
                            m_workerThread->context(),
                            [finish](Result<BatchPolling::Report> report) {
                                if (!report)
                                    return finish(JobResult::failure(report.error()));
                                if (report->switchedOff)
                                    return finish(JobResult::success(Message::of(u"job.poleepo-off"_s)));
                                const Message text
                                        = Message::of(u"job.batches-asked"_s, {QString::number(report->asked)});
                                if (!report->errors.isEmpty())
                                    return finish(JobResult::failure(Message::of(
                                            u"job.with-errors"_s, {text.toStored(), report->errors.join(u"; "_s)})));
                                finish(report->cancelled ? cancelledWith(text) : JobResult::success(text));
                            },
                            follow(progress));
                },
                done);
    };
    m_scheduler->registerJob(std::move(poll));
    registerPoleepoOrders();
}

void Runtime::registerPoleepoOrders()
{
    m_workerThread->run([this] {
        // HOOK-7: Poleepo's events fetch the order or shipping before anything changes; the fetch is
        // made by the worker's own Poleepo client, the processor's answer comes back on the worker.
        PoleepoEventHandler poleepoEvents(*m_database, *m_worker->poleepo);
        poleepoEvents.registerWith(
                [this](const QString &source, const QString &event, PoleepoEventHandler::Fetching handler) {
                    m_webhookProcessor->registerFetchingHandler(source, event, std::move(handler));
                });
        // ORD-11: what webhooks imported or tracked goes on at once (sent to Gelato, tracking to
        // Poleepo): the bridge lives on the worker too, so this is a direct call there.
        QObject::connect(m_webhookProcessor.get(), &WebhookProcessor::processed, m_worker->bridge.get(),
                         [bridge = m_worker->bridge.get()](const WebhookProcessor::Summary &summary) {
                             if (summary.done > 0)
                                 bridge->nudge();
                         });
    });

    // SHIP-1, SCHED-1: the fallback import; then the bridge, which also retries what waited. Both on
    // the worker, with its own Poleepo client and order service.
    JobDefinition import;
    import.name = u"import-poleepo-orders"_s;
    import.title = QT_TRANSLATE_NOOP("Bottega::Scheduler", "Import Poleepo orders");
    import.progressTitle = QT_TRANSLATE_NOOP("Bottega::Scheduler", "Importing Poleepo orders");
    import.defaultIntervalSeconds = 10 * 60;
    import.minIntervalSeconds = 60;
    import.run = [this](const JobDefinition::Done &done) {
        if (!m_settings->poleepoEnabled())
            return done(JobResult::success(Message::of(u"job.poleepo-off"_s)));
        onWorkerLater(
                [worker = m_worker.get(), context = m_workerThread->context()](const WorkerDone &finish) {
                    worker->poleepoImport->run(context, [worker, context, finish](
                                                                Result<PoleepoImportJob::Summary> imported) {
                        if (!imported)
                            return finish(JobResult::failure(imported.error()));
                        const PoleepoImportJob::Summary summary = *imported;
                        worker->bridge->run(context, [finish, summary](Result<PoleepoGelatoBridge::Summary> bridged) {
                            if (!bridged)
                                return finish(JobResult::failure(bridged.error()));
                            const Message text = Message::of(
                                    u"job.poleepo-orders"_s,
                                    {QString::number(summary.created), QString::number(summary.updated),
                                     QString::number(bridged->sent), QString::number(bridged->handedBack),
                                     QString::number(bridged->waiting)});
                            if (!bridged->errors.isEmpty())
                                return finish(JobResult::failure(Message::of(
                                        u"job.with-errors"_s, {text.toStored(), bridged->errors.join(u"; "_s)})));
                            finish(JobResult::success(text));
                        });
                    });
                },
                done);
    };
    m_scheduler->registerJob(std::move(import));
}

void Runtime::registerOrderJobs()
{
    // Orders the worker's reconciliation changed: the window's views hear it from the main thread's
    // order service, where they listen (a queued signal from the worker).
    QObject::connect(m_worker->orders.get(), &OrderService::orderChanged, m_orders.get(),
                     [orders = m_orders.get()](qint64 orderId) { Q_EMIT orders->orderChanged(orderId); });
    // ORD-8: orders still moving at Gelato are read again, so a missed webhook never leaves one stale.
    JobDefinition reconcile;
    reconcile.name = u"reconcile-gelato-orders"_s;
    reconcile.title = QT_TRANSLATE_NOOP("Bottega::Scheduler", "Reconcile Gelato orders");
    reconcile.defaultIntervalSeconds = 15 * 60;
    reconcile.minIntervalSeconds = 60;
    reconcile.progressTitle = QT_TRANSLATE_NOOP("Bottega::Scheduler", "Reconciling Gelato orders");
    reconcile.cancellable = true; // between orders: each refresh is stored whole or not at all
    reconcile.runTracked = [this](std::shared_ptr<TaskProgress> progress, const JobDefinition::Done &done) {
        // On the worker, with its own Gelato client and order service.
        onWorkerLater(
                [this, progress](const WorkerDone &finish) {
                    m_worker->orders->reconcile(
                            m_workerThread->context(),
                            [finish, progress](Result<int> refreshed) {
                                if (!refreshed) {
                                    const JobResult failed = JobResult::failure(refreshed.error());
                                    return finish(progress->cancelRequested() ? cancelledWith(failed.message)
                                                                              : failed);
                                }
                                if (!progress->cancelRequested())
                                    return finish(JobResult::success(Message::of(
                                            u"job.orders-refreshed"_s, {QString::number(*refreshed)})));
                                finish(cancelledWith(Message::of(u"job.orders-refreshed"_s,
                                                                 {QString::number(*refreshed)})));
                            },
                            follow(progress));
                },
                done);
    };
    m_scheduler->registerJob(std::move(reconcile));
}

void Runtime::registerWebhookJobs()
{
    GelatoEventHandler gelatoEvents(*m_database);
    gelatoEvents.registerWith(
            [this](const QString &source, const QString &event, WebhookProcessor::Handler handler) {
                m_workerThread->run([&] { m_webhookProcessor->registerHandler(source, event, std::move(handler)); });
            });

    // HOOK-4: what the intake's nudge missed (retries that came due, another process's calls).
    JobDefinition process;
    process.name = u"process-webhooks"_s;
    process.title = QT_TRANSLATE_NOOP("Bottega::Scheduler", "Process the webhook queue");
    process.defaultIntervalSeconds = 60;
    process.minIntervalSeconds = 10;
    process.run = [this](const JobDefinition::Done &done) {
        const bool shared = m_database->engine() == Database::Engine::PostgreSql;
        onWorker(
                [processor = m_webhookProcessor.get(), shared] {
                    (void)processor->recoverAbandoned(shared);
                    const auto summary = processor->processDue();
                    if (!summary)
                        return JobResult::failure(summary.error());
                    return JobResult::success(
                            Message::of(u"job.webhooks-processed"_s, {QString::number(summary->total())}));
                },
                done);
    };
    m_scheduler->registerJob(std::move(process));

    JobDefinition cleanup;
    cleanup.name = u"cleanup-webhooks"_s;
    cleanup.title = QT_TRANSLATE_NOOP("Bottega::Scheduler", "Clean up the webhook queue");
    cleanup.progressTitle = QT_TRANSLATE_NOOP("Bottega::Scheduler", "Cleaning the webhook queue");
    cleanup.cancellable = true; // between chunks: the chunks removed stay removed
    cleanup.runTracked = [this](std::shared_ptr<TaskProgress> progress, const JobDefinition::Done &done) {
        const int days = m_settings->webhookRetentionDays(); // settings are read on the main thread
        onWorker(
                [database = m_database.get(), days, progress] {
                    const auto removed = WebhookQueueActions(*database).cleanup(days, follow(progress));
                    if (!removed)
                        return JobResult::failure(removed.error());
                    const Message did = Message::of(u"job.webhooks-removed"_s,
                                                    {QString::number(*removed), QString::number(days)});
                    return progress->cancelRequested() ? cancelledWith(did) : JobResult::success(did);
                },
                done);
    };
    m_scheduler->registerJob(std::move(cleanup));
}

} // namespace Bottega
