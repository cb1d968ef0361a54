// Runtime: the services one Bottega process runs on (data dir, settings, database, secrets, HTTP
// client, file store, built-in server, scheduler), built the same way for the window, `serve` and
// the admin commands. It also registers the features' jobs and routes: the wiring lives here, in
// `app`, so that core's parts never need to know each other.
// Threads (architecture.md "Threads"): the Runtime itself and the services it hands to the window and
// the commands belong to the main thread. The built-in server, the webhook intake and their API-log
// sink are created, used and destroyed on the server thread (a ServiceThread) with that thread's own
// database connection; the window only reads the server's address and gets its signals queued.
// The webhook processor (queue processing) and the scheduled jobs' work run on the worker thread,
// with its own connection: the cleanups, and (with the worker's own HTTP client, Gelato and Poleepo
// clients, order service and batch use cases, its own API-log sink and settings, and the secret
// store reached through the main thread) reconciliation, batch generation and polling, the Poleepo
// order import, the Gelato bridge (ORD-11) and the Poleepo fetches of the processor's handlers: a
// job's network answers and database work both stay there. A running job's progress is shown in
// the task list (tasks()), where the cancellable ones can be stopped.
// The main thread's HTTP client logs into an API-log sink whose rows are written on the worker too
// (the window's thread never commits them, so it never waits for long work's write lock).
// Shutdown: stopServer() closes the port and commits what was verified; the destructor then ends
// the server thread, then the worker (after the work already queued on it), before anything they
// use goes.
#pragma once

#include "core/domain/Result.h"
#include "core/webhooks/WebhookProcessor.h"

#include <QLockFile>
#include <QString>
#include <memory>

namespace Bottega {

class StoreApiLogSink;
struct JobResult;
class CatalogBrowsing;
class ConnectionTest;
class Database;
class FileStore;
class GelatoClient;
class BackgroundTasks;
class BatchGeneration;
class BatchPolling;
class HttpClient;
class OrderService;
class PoleepoClient;
class PackageTypes;
class Scheduler;
class SecretStore;
class Server;
class ServiceThread;
class Settings;
class ShipWithPoleepo;
class WebhookIntake;
struct CommandLine;

class Runtime final
{
    Q_DISABLE_COPY_MOVE(Runtime)

public:
    ~Runtime();

    // Resolves the data dir, opens settings and the database (migrating it) and builds the rest.
    static Result<std::unique_ptr<Runtime>> create(const CommandLine &commandLine);

    // The default data dir: the platform's app-data folder.
    static QString defaultDataDir();

    // One window or `serve` per data dir: "Bottega is already running with this data dir (pid 123)".
    Result<void> lockDataDir();

    // Registers the built-in routes and starts listening; the address comes from server.listen
    // unless overridden.
    Result<void> startServer(const QString &listenOverride = {});
    // Closes the port and commits (and answers) the calls already verified; on the server thread,
    // waiting for it. Safe to call twice or without a server.
    void stopServer();

    QString dataDir() const { return m_dataDir; }
    Settings &settings() { return *m_settings; }
    Database &database() { return *m_database; }
    SecretStore &secrets() { return *m_secrets; }
    HttpClient &http() { return *m_http; }
    FileStore &files() { return *m_files; }
    // Lives on the server thread (started on first use): from here only isListening(), address()
    // and its signals.
    Server &server();
    Scheduler &scheduler() { return *m_scheduler; }
    // Long work the window starts runs through this, on the worker thread (issue 15, point 3).
    BackgroundTasks &tasks() { return *m_tasks; }
    GelatoClient &gelato() { return *m_gelato; }
    PoleepoClient &poleepo() { return *m_poleepo; }
    // Publishing the catalog to Poleepo (BATCH-1..4): the jobs and the `batch` commands share these.
    BatchGeneration &batchGeneration() { return *m_batchGeneration; }
    BatchPolling &batchPolling() { return *m_batchPolling; }
    // Use cases the window and the commands share.
    CatalogBrowsing &catalogBrowsing() { return *m_catalogBrowsing; }
    ConnectionTest &connections() { return *m_connections; }
    // Processes the due webhook rows now, on the worker thread, and waits for it (`webhook process`).
    Result<WebhookProcessor::Summary> processWebhooksNow();
    // Sales orders (ORD-1..9): the window and the `order` commands share this one.
    OrderService &orders() { return *m_orders; }
    // SHIP-2..4, CONF-8: shipping Poleepo orders with Poleepo; the window and `order ship` share them.
    ShipWithPoleepo &shipWithPoleepo() { return *m_shipWithPoleepo; }
    PackageTypes &packageTypes() { return *m_packageTypes; }

private:
    Runtime() = default;
    void registerJobs();
    void registerWebhookJobs();
    void registerOrderJobs();
    void registerPublishingJobs();
    void registerPoleepoOrders();
    void ensureServerThread();
    void endServerThread();
    void startWorkerThread();
    void endWorkerThread();
    // Runs work on the worker thread; done gets its result back on the main thread.
    void onWorker(std::function<JobResult()> work, std::function<void(const JobResult &)> done);
    // The same for work that answers later (network): work starts on the worker and calls finish
    // there (once) when it is over; done gets that result on the main thread.
    using WorkerDone = std::function<void(const JobResult &)>;
    void onWorkerLater(std::function<void(WorkerDone finish)> work, std::function<void(const JobResult &)> done);
    void startWorkerServices();
    void endWorkerServices();
    void showJobsInTasks();

    QString m_dataDir;
    std::unique_ptr<QLockFile> m_lock;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<StoreApiLogSink> m_apiLog;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<GelatoClient> m_gelato; // uses m_http: declared after it
    std::unique_ptr<PoleepoClient> m_poleepo; // uses m_http
    std::unique_ptr<CatalogBrowsing> m_catalogBrowsing; // uses m_gelato
    std::unique_ptr<ConnectionTest> m_connections; // uses m_gelato and m_poleepo
    std::unique_ptr<FileStore> m_files;
    // An object of the main thread: the secret store answers there (the intake's reads start
    // there), and results of the worker's work come back to it.
    std::unique_ptr<QObject> m_mainContext;
    // The worker thread; the processor lives on it (created and destroyed there).
    std::unique_ptr<ServiceThread> m_workerThread;
    // False once the worker's objects are gone: answers of main-thread fetches are then dropped.
    std::shared_ptr<bool> m_workerAlive = std::make_shared<bool>(false);
    // The server thread and what lives on it (created and destroyed there).
    std::unique_ptr<ServiceThread> m_serverThread;
    std::unique_ptr<StoreApiLogSink> m_serverApiLog;
    std::unique_ptr<Server> m_server;
    std::unique_ptr<WebhookIntake> m_webhookIntake;
    std::unique_ptr<Scheduler> m_scheduler;
    std::unique_ptr<WebhookProcessor> m_webhookProcessor; // on the worker thread
    // The worker's own services (created, used and destroyed there): what the network jobs use.
    struct WorkerServices;
    std::unique_ptr<WorkerServices> m_worker;
    std::unique_ptr<BackgroundTasks> m_tasks; // main thread; its work runs on the worker
    // Uses the database, Gelato client, settings and file store: declared (so destroyed) last.
    std::unique_ptr<OrderService> m_orders;
    std::unique_ptr<BatchGeneration> m_batchGeneration; // uses the database, m_poleepo, m_files
    std::unique_ptr<BatchPolling> m_batchPolling;
    std::unique_ptr<ShipWithPoleepo> m_shipWithPoleepo; // uses m_poleepo and m_files
    std::unique_ptr<PackageTypes> m_packageTypes;
};

} // namespace Bottega
