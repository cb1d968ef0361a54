#include "core/store/Database.h"

#include "core/domain/Clock.h"
#include "core/store/Migrations.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqliteStatement.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QScopeGuard>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <optional>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

QAtomicInteger<quint64> instanceCounter;

// Closes and forgets a connection: the statements run through SQLite's own API first, since SQLite
// will not close a connection that still has some (Qt would then leak it).
void dropConnection(const QString &name)
{
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isValid()) {
            SqliteStatement::finalizeAll(db);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
}

// Every SQLite commit waits for the disk unless a transaction asks otherwise (Durability::Deferred).
constexpr auto syncedCommits = "PRAGMA synchronous = FULL"_L1;

// The PostgreSQL advisory lock that serializes migrations of one database ("BOTTEGA" in ASCII).
constexpr qint64 migrationLockKey = 0x424f5454454741;

// Refuses, without writing anything, a file that SQLite would reject or, worse, overwrite.
Result<void> checkSqliteFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return {};
    if (info.isDir())
        return makeError(Database::tr("cannot read the database file %1: it is a directory").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(Database::tr("cannot read the database file %1: %2").arg(path, file.errorString()));
    if (file.size() == 0)
        return {}; // SQLite treats an empty file as a new database
    static const QByteArray magic("SQLite format 3\0", 16);
    const QByteArray header = file.read(magic.size());
    if (header.size() < 0)
        return makeError(Database::tr("cannot read the database file %1: %2").arg(path, file.errorString()));
    if (header != magic)
        return makeError(Database::tr("%1 is not a Bottega database (not SQLite)").arg(path));
    return {};
}

QString sqlErrorText(const QSqlError &error)
{
    const QString text = error.databaseText().trimmed();
    return text.isEmpty() ? error.driverText().trimmed() : text;
}

Result<void> execute(const QSqlDatabase &connection, const QString &sql, const QString &what)
{
    QSqlQuery query(connection);
    if (!query.exec(sql))
        return makeError(what + u": "_s + sqlErrorText(query.lastError()));
    return {};
}

} // namespace

struct Database::Private
{
    DatabaseLocation location;
    const Clock *clock = Clock::system();
    QString connectionPrefix;
    mutable QMutex mutex;
    // SQLite: one write transaction at a time per file, so this process's threads (server, worker,
    // window) queue here and are woken at once, instead of in SQLite's busy handler, which sleeps
    // 1-100 ms between tries (measured: p99 of webhook answers 50-190 ms with it).
    mutable QMutex sqliteWriter;
    mutable QSet<QString> connectionNames;
    mutable QHash<QThread *, int> transactionDepth;
    // SQLite connections (by name) a Deferred transaction could not set back to synced commits:
    // their next transaction does it first, or fails.
    mutable QSet<QString> unsyncedConnections;

    QString connectionName() const
    {
        return connectionPrefix + u'-'
                + QString::number(reinterpret_cast<quintptr>(QThread::currentThreadId()), 16);
    }

    QSqlDatabase addConnection(const QString &name) const
    {
        if (location.engine == Engine::Sqlite) {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(location.sqlitePath);
            db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
            return db;
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        db.setHostName(location.host);
        db.setPort(location.port);
        db.setUserName(location.user);
        db.setPassword(location.password);
        db.setDatabaseName(location.name);
        QString options = u"connect_timeout=10;application_name=bottega"_s;
        if (!location.options.isEmpty())
            options += u';' + location.options;
        db.setConnectOptions(options);
        return db;
    }

    // Per-connection settings: they are not stored in the database.
    Result<void> configure(const QSqlDatabase &db) const
    {
        if (location.engine == Engine::Sqlite) {
            if (auto r = execute(db, u"PRAGMA foreign_keys = ON"_s, u"foreign_keys"_s); !r)
                return r;
            if (auto r = execute(db, u"PRAGMA busy_timeout = 5000"_s, u"busy_timeout"_s); !r)
                return r;
            // Savepoints and sorts spill to temporary files otherwise (one per webhook event).
            if (auto r = execute(db, u"PRAGMA temp_store = MEMORY"_s, u"temp_store"_s); !r)
                return r;
            // A webhook answered 200 must survive a power cut (HOOK-3): every commit reaches the disk.
            return execute(db, syncedCommits, u"synchronous"_s);
        }
        // "relation already exists, skipping" and the like are not worth a line on stderr.
        return execute(db, u"SET client_min_messages TO warning"_s, u"client_min_messages"_s);
    }
};

Database::Database(DatabaseLocation location) : d(std::make_unique<Private>())
{
    d->location = std::move(location);
    d->connectionPrefix = u"bottega-db-"_s + QString::number(instanceCounter.fetchAndAddRelaxed(1) + 1);
}

Database::~Database()
{
    QSet<QString> names;
    {
        QMutexLocker lock(&d->mutex);
        names = d->connectionNames;
    }
    for (const QString &name : std::as_const(names))
        dropConnection(name);
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseLocation &location)
{
    if (location.engine == Engine::Sqlite) {
        if (location.sqlitePath.isEmpty())
            return makeError(tr("database: no SQLite file given"));
        if (auto check = checkSqliteFile(location.sqlitePath); !check)
            return makeError(check.error());
        const QString dir = QFileInfo(location.sqlitePath).absolutePath();
        if (!QDir().mkpath(dir))
            return makeError(tr("cannot create the directory %1 for the database").arg(dir));
    }

    std::unique_ptr<Database> database(new Database(location));
    const QSqlDatabase db = database->connection();
    if (!db.isOpen())
        return makeError(tr("cannot open the database %1: %2")
                                 .arg(location.displayName(), sqlErrorText(db.lastError())));

    if (location.engine == Engine::Sqlite) {
        // WAL is a property of the file: readers never block the writer, and it survives reopening.
        QSqlQuery query(db);
        if (!query.exec(u"PRAGMA journal_mode = WAL"_s) || !query.next())
            return makeError(tr("cannot open the database %1: %2")
                                     .arg(location.displayName(), sqlErrorText(query.lastError())));
        if (query.value(0).toString().compare("wal"_L1, Qt::CaseInsensitive) != 0)
            return makeError(tr("cannot open the database %1: WAL journal mode refused (%2)")
                                     .arg(location.displayName(), query.value(0).toString()));
    }
    return database;
}

Database::Engine Database::engine() const
{
    return d->location.engine;
}

const Clock &Database::clock() const
{
    return *d->clock;
}

void Database::setClock(const Clock *clock)
{
    d->clock = clock ? clock : Clock::system();
}

const DatabaseLocation &Database::location() const
{
    return d->location;
}

QSqlDatabase Database::connection() const
{
    const QString name = d->connectionName();
    {
        QMutexLocker lock(&d->mutex);
        if (d->connectionNames.contains(name)) {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isValid() && db.isOpen())
                return db;
            // Left by a finished thread whose id was reused, or closed: start over.
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            d->connectionNames.remove(name);
        }
    }

    QSqlDatabase db = d->addConnection(name);
    {
        QMutexLocker lock(&d->mutex);
        d->connectionNames.insert(name);
    }
    if (!db.open()) {
        qWarning("Database: cannot open %s: %s", qUtf8Printable(d->location.displayName()),
                 qUtf8Printable(sqlErrorText(db.lastError())));
        return db;
    }
    if (auto configured = d->configure(db); !configured)
        qWarning("Database: %s: %s", qUtf8Printable(d->location.displayName()),
                 qUtf8Printable(configured.error()));

    // A connection belongs to its thread: drop it when the thread ends, so it is not leaked.
    QThread *thread = QThread::currentThread();
    if (QCoreApplication::instance() && thread != QCoreApplication::instance()->thread()) {
        QObject::connect(thread, &QThread::finished, thread, [name] { dropConnection(name); },
                         Qt::DirectConnection);
    }
    return db;
}

int Database::migrationCount()
{
    return int(Migrations::all().size());
}

int Database::latestSchemaVersion()
{
    return Migrations::latestVersion();
}

int Database::schemaVersion() const
{
    const QSqlDatabase db = connection();
    if (!db.tables().contains(u"schema_migrations"_s))
        return 0;
    QSqlQuery query(db);
    if (!query.exec(u"SELECT MAX(version) FROM schema_migrations"_s) || !query.next())
        return 0;
    return query.value(0).toInt();
}

Result<void> Database::migrate()
{
    const QString shown = d->location.displayName();
    const QSqlDatabase db = connection();
    if (!db.isOpen())
        return makeError(tr("cannot open the database %1: %2").arg(shown, sqlErrorText(db.lastError())));

    const int latest = latestSchemaVersion();
    int current = 0;
    // Checked before anything is written, so a newer database is left exactly as it was.
    if (db.tables().contains(u"schema_migrations"_s)) {
        current = schemaVersion();
        if (current > latest)
            return makeError(tr("the database %1 has schema version %2, newer than this Bottega (%3); use a "
                                "newer Bottega")
                                     .arg(shown)
                                     .arg(current)
                                     .arg(latest));
        if (current == latest)
            return {};
    }

    // Another process may be migrating the same database: wait for it, then look again.
    // PostgreSQL: a session lock, since even CREATE TABLE IF NOT EXISTS can collide there.
    const bool postgres = d->location.engine == Engine::PostgreSql;
    if (postgres) {
        if (auto locked = execute(db, u"SELECT pg_advisory_lock(%1)"_s.arg(migrationLockKey),
                                  tr("cannot lock %1 for migration").arg(shown));
            !locked)
            return locked;
    }
    const auto unlock = qScopeGuard([&] {
        if (postgres)
            (void)execute(db, u"SELECT pg_advisory_unlock(%1)"_s.arg(migrationLockKey), {});
    });
    if (postgres)
        current = schemaVersion();

    if (auto created = execute(db,
                               u"CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                               "name TEXT NOT NULL, applied_at BIGINT NOT NULL)"_s,
                               tr("cannot create schema_migrations in %1").arg(shown));
        !created)
        return created;

    for (const Migration &migration : Migrations::all()) {
        if (migration.version <= current)
            continue;
        auto applied = transaction([&](QSqlDatabase &connection) -> Result<void> {
            // Another process may have applied it meanwhile (SQLite: BEGIN IMMEDIATE waited for it).
            SqlStatement check(connection,
                               u"SELECT COUNT(*) AS n FROM schema_migrations WHERE version = ?"_s);
            check.bind(migration.version);
            if (auto r = check.exec(tr("cannot read schema_migrations")); !r)
                return r;
            const bool alreadyApplied = check.next() && check.integer(u"n"_s) > 0;
            // Finished before the statements run: SQLite refuses DROP INDEX/TABLE while a
            // statement on the connection is still open ("database table is locked").
            check.query().finish();
            if (alreadyApplied)
                return {};
            for (const QString &statement : migration.statements) {
                QSqlQuery query(connection);
                if (!query.exec(Migrations::forEngine(statement, d->location.engine)))
                    return makeError(tr("statement failed: %1\n%2")
                                             .arg(sqlErrorText(query.lastError()), statement.simplified()));
            }
            SqlStatement record(
                    connection,
                    u"INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"_s);
            record.bind(migration.version).bind(migration.name).bind(clock().nowMs());
            return record.exec(tr("cannot record the migration"));
        });
        if (!applied)
            return makeError(tr("cannot migrate the database %1 to schema version %2 (%3): %4")
                                     .arg(shown)
                                     .arg(migration.version)
                                     .arg(migration.name, applied.error()));
    }
    return {};
}

Result<void> Database::transaction(const std::function<Result<void>(QSqlDatabase &)> &work,
                                   Durability durability) const
{
    QSqlDatabase db = connection();
    QThread *thread = QThread::currentThread();
    int depth = 0;
    {
        QMutexLocker lock(&d->mutex);
        depth = d->transactionDepth[thread]++;
    }
    const auto leave = qScopeGuard([&] {
        QMutexLocker lock(&d->mutex);
        if (--d->transactionDepth[thread] == 0)
            d->transactionDepth.remove(thread);
    });

    // Nested: part of the outer transaction, which commits or rolls back the whole.
    if (depth > 0)
        return work(db);

    // SQLite: take the write lock at once; a deferred transaction that reads first and writes later
    // fails with SQLITE_BUSY instead of waiting when another connection wrote in between.
    const bool sqlite = d->location.engine == Engine::Sqlite;
    std::optional<QMutexLocker<QMutex>> writer;
    if (sqlite)
        writer.emplace(&d->sqliteWriter);
    std::optional<QScopeGuard<std::function<void()>>> resync;
    if (sqlite) {
        const QString name = db.connectionName();
        bool unsynced = false;
        {
            QMutexLocker lock(&d->mutex);
            unsynced = d->unsyncedConnections.remove(name);
        }
        // Never a synced transaction on a connection left unsynced.
        if (unsynced) {
            if (auto r = execute(db, syncedCommits, tr("cannot make the commits on %1 wait for the disk")
                                                            .arg(d->location.displayName()));
                !r) {
                QMutexLocker lock(&d->mutex);
                d->unsyncedConnections.insert(name);
                return r;
            }
        }
        if (durability == Durability::Deferred
            && execute(db, u"PRAGMA synchronous = NORMAL"_s, QString()).ok()) {
            resync.emplace([this, db, name] {
                if (auto r = execute(db, syncedCommits, u"synchronous"_s); !r) {
                    qWarning("Database: %s", qUtf8Printable(r.error()));
                    QMutexLocker lock(&d->mutex);
                    d->unsyncedConnections.insert(name);
                }
            });
        }
    }
    const QString begin = sqlite ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s;
    if (auto begun
        = execute(db, begin, tr("cannot start a transaction on %1").arg(d->location.displayName()));
        !begun)
        return begun;
    Result<void> result = work(db);
    if (result) {
        if (auto committed
            = execute(db, u"COMMIT"_s, tr("cannot commit on %1").arg(d->location.displayName()));
            !committed) {
            (void)execute(db, u"ROLLBACK"_s, {});
            return committed;
        }
        return result;
    }
    (void)execute(db, u"ROLLBACK"_s, {});
    return result;
}

} // namespace Bottega
