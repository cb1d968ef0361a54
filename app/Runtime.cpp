#include "app/Runtime.h"

#include "app/CommandLine.h"
#include "app/StoreApiLogSink.h"
#include "core/http/HttpClient.h"
#include "core/scheduler/Scheduler.h"
#include "core/secrets/SecretChain.h"
#include "core/server/FileStore.h"
#include "core/server/Server.h"
#include "core/settings/Settings.h"
#include "core/store/ApiLogRepository.h"
#include "core/store/Database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("Bottega::Runtime", text, nullptr, n);
}

} // namespace

Runtime::~Runtime()
{
    // The scheduler and the server use the database and the HTTP client: they go first.
    m_scheduler.reset();
    m_server.reset();
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

    const auto signingKey = FileStore::loadOrCreateSigningKey(runtime->m_dataDir);
    if (!signingKey)
        return makeError(signingKey.error());
    runtime->m_files = std::make_unique<FileStore>(runtime->m_dataDir, *signingKey);
    runtime->m_server = std::make_unique<Server>();
    runtime->m_server->setApiLogSink(runtime->m_apiLog.get());
    runtime->m_scheduler = std::make_unique<Scheduler>(*runtime->m_database);
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

Result<void> Runtime::startServer(const QString &listenOverride)
{
    ListenAddress address = m_settings->serverListen();
    if (!listenOverride.isEmpty()) {
        const auto parsed = ListenAddress::parse(listenOverride);
        if (!parsed)
            return makeError(tr("--listen: %1").arg(parsed.error()));
        address = *parsed;
    }
    m_files->registerRoutes(*m_server);
    const auto listening = m_server->listen(address);
    if (!listening)
        return makeError(listening.error());
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
        const int days = m_settings->logRetentionDays();
        const QDateTime cutoff = QDateTime::currentDateTimeUtc().addDays(-days);
        const auto removed = ApiLogRepository(*m_database).deleteOlderThan(cutoff);
        if (!removed)
            done(JobResult::failure(removed.error()));
        else
            done(JobResult::success(tr("%n entries older than %1 days removed", int(*removed)).arg(days)));
    };
    m_scheduler->registerJob(std::move(cleanupApiLog));
}

} // namespace Bottega
