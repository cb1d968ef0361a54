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

} // namespace

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
    m_bridge.reset();
    m_poleepoImport.reset();
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
    runtime->m_poleepoImport = std::make_unique<PoleepoImportJob>(*runtime->m_database, *runtime->m_poleepo);
    runtime->m_bridge = std::make_unique<PoleepoGelatoBridge>(*runtime->m_database, *runtime->m_orders,
                                                              *runtime->m_poleepo, *runtime->m_settings);
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
    m_workerThread->run([this] {
        m_webhookProcessor = std::make_unique<WebhookProcessor>(*m_database);
        m_webhookProcessor->setNudgeDelayMs(100); // prompt, yet one commit for many calls
    });
    *m_workerAlive = true;
}

void Runtime::endWorkerThread()
{
    if (!m_workerThread)
        return;
    *m_workerAlive = false;
    // After the work already queued on it (a running job finishes, its result is dropped).
    m_workerThread->run([this] { m_webhookProcessor.reset(); });
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
    // HOOK-1..4: the webhook routes; each committed batch nudges the processor (a queued signal from
    // the server thread to the worker; one per batch, not per call).
    QObject::connect(m_webhookIntake.get(), &WebhookIntake::batchFinished, m_webhookProcessor.get(),
                     [processor = m_webhookProcessor.get()](int, bool committed) {
                         if (committed)
                             processor->nudge();
                     });
    QString error;
    m_serverThread->run([this, &address, &error] {
        m_files->registerRoutes(*m_server);
        m_webhookIntake->registerRoutes(*m_server);
        m_webhookIntake->loadSecrets();
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
    // LOG-3: daily removal of API log rows older than log.retention-days.
    JobDefinition cleanupApiLog;
    cleanupApiLog.name = u"cleanup-api-log"_s;
    cleanupApiLog.title = QT_TRANSLATE_NOOP("Bottega::Scheduler", "Clean up the API log");
    cleanupApiLog.defaultIntervalSeconds = 24 * 3600;
    cleanupApiLog.minIntervalSeconds = 3600;
    cleanupApiLog.run = [this](const JobDefinition::Done &done) {
        const int days = m_settings->logRetentionDays(); // settings are read on the main thread
        onWorker(
                [database = m_database.get(), days] {
                    const auto removed = ApiLogRepository(*database).deleteOlderThanDays(days);
                    if (!removed)
                        return JobResult::failure(removed.error());
                    return JobResult::success(Message::of(
                            u"job.api-log-removed"_s, {QString::number(*removed), QString::number(days)}));
                },
                done);
    };
    m_scheduler->registerJob(std::move(cleanupApiLog));
    registerWebhookJobs();
    registerOrderJobs();
    registerPublishingJobs();
}

void Runtime::registerPublishingJobs()
{
    // BATCH-1: published variants that need an update or were never sent go to Poleepo in batches.
    JobDefinition generate;
    generate.name = u"generate-batches"_s;
    generate.title = QT_TRANSLATE_NOOP("Bottega::Scheduler", "Generate Poleepo product batches");
    generate.defaultIntervalSeconds = 2 * 60;
    generate.minIntervalSeconds = 60;
    generate.run = [this](const JobDefinition::Done &done) {
        m_batchGeneration->generate(m_scheduler.get(), [done](Result<BatchGeneration::Report> report) {
            if (!report)
                return done(JobResult::failure(report.error()));
            if (report->switchedOff)
                return done(JobResult::success(Message::of(u"job.poleepo-off"_s)));
            const QString submitted = QString::number(report->batchIds.size());
            const Message text = report->leftOut.isEmpty()
                    ? Message::of(u"job.batches-submitted"_s, {submitted})
                    : Message::of(u"job.batches-submitted-left-out"_s,
                                  {submitted, QString::number(report->leftOut.size())});
            if (!report->error.isEmpty())
                return done(JobResult::failure(
                        Message::of(u"job.with-errors"_s, {text.toStored(), report->error})));
            done(JobResult::success(text));
        });
    };
    m_scheduler->registerJob(std::move(generate));

    // BATCH-3, seed 002: Poleepo allows 5 status requests per batch, so never below 10 minutes.
    JobDefinition poll;
    poll.name = u"poll-batches"_s;
    poll.title = QT_TRANSLATE_NOOP("Bottega::Scheduler", "Poll Poleepo product batches");
    poll.defaultIntervalSeconds = 10 * 60;
    poll.minIntervalSeconds = 10 * 60;
    poll.run = [this](const JobDefinition::Done &done) {
        m_batchPolling->poll(m_scheduler.get(), [done](Result<BatchPolling::Report> report) {
            if (!report)
                return done(JobResult::failure(report.error()));
            if (report->switchedOff)
                return done(JobResult::success(Message::of(u"job.poleepo-off"_s)));
            const Message text = Message::of(u"job.batches-asked"_s, {QString::number(report->asked)});
            if (!report->errors.isEmpty())
                return done(JobResult::failure(
                        Message::of(u"job.with-errors"_s, {text.toStored(), report->errors.join(u"; "_s)})));
            done(JobResult::success(text));
        });
    };
    m_scheduler->registerJob(std::move(poll));
    registerPoleepoOrders();
}

void Runtime::registerPoleepoOrders()
{
    // HOOK-7: Poleepo's events fetch the order or shipping before anything changes.
    PoleepoEventHandler poleepoEvents(*m_database, *m_poleepo);
    poleepoEvents.registerWith(
            [this](const QString &source, const QString &event, PoleepoEventHandler::Fetching handler) {
                // Asked by the processor on the worker; the fetch is made by the main thread's
                // Poleepo client, and its answer goes back to the processor queued. Once the worker's
                // objects are gone (shutdown) answers are dropped: the row stays claimed and is taken
                // back at the next start.
                WebhookProcessor::FetchingHandler onMain =
                        [handler, main = m_mainContext.get(), alive = m_workerAlive](
                                const WebhookQueueItem &item, QObject *processor, WebhookProcessor::FetchDone done) {
                            QMetaObject::invokeMethod(
                                    main,
                                    [handler, main, alive, item, processor, done] {
                                        if (!*alive)
                                            return;
                                        handler(item, main,
                                                [alive, processor, done](Result<WebhookProcessor::Handler> step) {
                                                    if (*alive)
                                                        QMetaObject::invokeMethod(
                                                                processor, [done, step] { done(step); },
                                                                Qt::QueuedConnection);
                                                });
                                    },
                                    Qt::QueuedConnection);
                        };
                m_workerThread->run([&] {
                    m_webhookProcessor->registerFetchingHandler(source, event, std::move(onMain));
                });
            });
    // ORD-11: what webhooks imported or tracked goes on at once (sent to Gelato, tracking to Poleepo).
    QObject::connect(m_webhookProcessor.get(), &WebhookProcessor::processed, m_bridge.get(),
                     [bridge = m_bridge.get()](const WebhookProcessor::Summary &summary) {
                         if (summary.done > 0)
                             bridge->nudge();
                     });

    // SHIP-1, SCHED-1: the fallback import; then the bridge, which also retries what waited.
    JobDefinition import;
    import.name = u"import-poleepo-orders"_s;
    import.title = QT_TRANSLATE_NOOP("Bottega::Scheduler", "Import Poleepo orders");
    import.defaultIntervalSeconds = 10 * 60;
    import.minIntervalSeconds = 60;
    import.run = [this](const JobDefinition::Done &done) {
        if (!m_settings->poleepoEnabled()) return done(JobResult::success(Message::of(u"job.poleepo-off"_s)));
    m_poleepoImport->run(m_poleepoImport.get(), [this, done](Result<PoleepoImportJob::Summary> imported) {
        if (!imported)
            return done(JobResult::failure(imported.error()));
        const PoleepoImportJob::Summary summary = *imported;
        m_bridge->run(m_bridge.get(), [done, summary](Result<PoleepoGelatoBridge::Summary> bridged) {
            if (!bridged)
                return done(JobResult::failure(bridged.error()));
            const Message text
                    = Message::of(u"job.poleepo-orders"_s,
                                  {QString::number(summary.created), QString::number(summary.updated),
                                   QString::number(bridged->sent), QString::number(bridged->handedBack),
                                   QString::number(bridged->waiting)});
            if (!bridged->errors.isEmpty())
                return done(JobResult::failure(
                        Message::of(u"job.with-errors"_s, {text.toStored(), bridged->errors.join(u"; "_s)})));
            done(JobResult::success(text));
        });
    });
};
m_scheduler->registerJob(std::move(import));
} // namespace Bottega

void Runtime::registerOrderJobs()
{
    // ORD-8: orders still moving at Gelato are read again, so a missed webhook never leaves one stale.
    JobDefinition reconcile;
    reconcile.name = u"reconcile-gelato-orders"_s;
    reconcile.title = QT_TRANSLATE_NOOP("Bottega::Scheduler", "Reconcile Gelato orders");
    reconcile.defaultIntervalSeconds = 15 * 60;
    reconcile.minIntervalSeconds = 60;
    reconcile.run = [this](const JobDefinition::Done &done) {
        m_orders->reconcile(m_orders.get(), [done](Result<int> refreshed) {
            if (!refreshed)
                done(JobResult::failure(refreshed.error()));
            else
                done(JobResult::success(
                        Message::of(u"job.orders-refreshed"_s, {QString::number(*refreshed)})));
        });
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
    cleanup.run = [this](const JobDefinition::Done &done) {
        const int days = m_settings->webhookRetentionDays(); // settings are read on the main thread
        onWorker(
                [database = m_database.get(), days] {
                    const auto removed = WebhookQueueActions(*database).cleanup(days);
                    if (!removed)
                        return JobResult::failure(removed.error());
                    return JobResult::success(Message::of(
                            u"job.webhooks-removed"_s, {QString::number(*removed), QString::number(days)}));
                },
                done);
    };
    m_scheduler->registerJob(std::move(cleanup));
}

} // namespace Bottega
