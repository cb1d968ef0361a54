// Database: opening SQLite and PostgreSQL, refusing files that are not databases, migrations,
// transactions and per-thread connections.
#include "core/store/Database.h"

#include "core/store/SqlBatch.h"
#include "core/store/SqliteStatement.h"

#include "tests/core/store/QtPrinters.h"
#include "tests/support/database/TestDatabase.h"

#include <QDir>
#include <QFile>
#include <QMutex>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QThread>
#include <QTimeZone>
#include <gtest/gtest.h>
#include <sys/fsuid.h>
#include <unistd.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << path.toStdString();
    return file.readAll();
}

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    ASSERT_EQ(file.write(content), content.size());
}

QVariant scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    EXPECT_TRUE(query.exec(sql)) << sql.toStdString();
    EXPECT_TRUE(query.next()) << sql.toStdString();
    return query.value(0);
}

Result<std::unique_ptr<Database>> openSqlite(const QString &path)
{
    auto location = DatabaseLocation::parse(path, {});
    if (!location)
        return makeError(location.error());
    return Database::open(*location);
}

} // namespace

// ---- DatabaseLocation ----

TEST(DatabaseLocation, EmptyMeansSqliteInTheDataDir)
{
    const auto location = DatabaseLocation::parse({}, u"/var/lib/bottega"_s);
    ASSERT_TRUE(location.ok()) << location.error().toStdString();
    EXPECT_EQ(location->engine, DatabaseLocation::Engine::Sqlite);
    EXPECT_EQ(location->sqlitePath, u"/var/lib/bottega/bottega.sqlite"_s);
    EXPECT_EQ(location->displayName(), u"/var/lib/bottega/bottega.sqlite"_s);
}

TEST(DatabaseLocation, RelativePathBecomesAbsolute)
{
    const auto location = DatabaseLocation::parse(u"data/shop.db"_s, u"/ignored"_s);
    ASSERT_TRUE(location.ok());
    EXPECT_EQ(location->engine, DatabaseLocation::Engine::Sqlite);
    EXPECT_EQ(location->sqlitePath, QDir::current().absoluteFilePath(u"data/shop.db"_s));
}

TEST(DatabaseLocation, PostgreSqlUrlIsDecoded)
{
    const auto location = DatabaseLocation::parse(
            u"postgresql://shop%40team:p%40ss%3Aword@db.example.com:6543/bottega%20prod"_s, {});
    ASSERT_TRUE(location.ok()) << location.error().toStdString();
    EXPECT_EQ(location->engine, DatabaseLocation::Engine::PostgreSql);
    EXPECT_EQ(location->user, u"shop@team"_s);
    EXPECT_EQ(location->password, u"p@ss:word"_s);
    EXPECT_EQ(location->host, u"db.example.com"_s);
    EXPECT_EQ(location->port, 6543);
    EXPECT_EQ(location->name, u"bottega prod"_s);
}

TEST(DatabaseLocation, PostgresSchemeDefaultPortAndOptions)
{
    const auto location = DatabaseLocation::parse(u"postgres://bottega@localhost/shop?sslmode=require"_s, {});
    ASSERT_TRUE(location.ok()) << location.error().toStdString();
    EXPECT_EQ(location->engine, DatabaseLocation::Engine::PostgreSql);
    EXPECT_EQ(location->port, 5432);
    EXPECT_EQ(location->name, u"shop"_s);
    EXPECT_TRUE(location->password.isEmpty());
    EXPECT_EQ(location->options, u"sslmode=require"_s);
    EXPECT_EQ(location->displayName(), u"postgresql://bottega@localhost:5432/shop"_s);
}

TEST(DatabaseLocation, DisplayNameHidesThePassword)
{
    const auto location = DatabaseLocation::parse(u"postgresql://shop:s3cret-value@db:5433/bottega"_s, {});
    ASSERT_TRUE(location.ok());
    EXPECT_EQ(location->displayName(), u"postgresql://shop:***@db:5433/bottega"_s);
    EXPECT_FALSE(location->displayName().contains(u"s3cret"_s));
}

TEST(DatabaseLocation, ErrorsNameWhatIsWrongWithoutThePassword)
{
    const auto noName = DatabaseLocation::parse(u"postgresql://shop:s3cret@db:5432"_s, {});
    ASSERT_FALSE(noName.ok());
    EXPECT_TRUE(noName.error().contains(u"no database name"_s)) << noName.error().toStdString();
    EXPECT_FALSE(noName.error().contains(u"s3cret"_s)) << noName.error().toStdString();

    const auto noHost = DatabaseLocation::parse(u"postgresql:///bottega"_s, {});
    ASSERT_FALSE(noHost.ok());
    EXPECT_TRUE(noHost.error().contains(u"no host"_s)) << noHost.error().toStdString();

    const auto badPort = DatabaseLocation::parse(u"postgresql://shop:s3cret@db:99999/bottega"_s, {});
    ASSERT_FALSE(badPort.ok());
    EXPECT_FALSE(badPort.error().contains(u"s3cret"_s)) << badPort.error().toStdString();
}

// ---- SQLite files ----

TEST(SqliteDatabase, CreatesTheDirectoryAndFileWithWalAndForeignKeys)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"nested/deeper/bottega.sqlite"_s);
    auto database = openSqlite(path);
    ASSERT_TRUE(database.ok()) << database.error().toStdString();
    EXPECT_TRUE(QFile::exists(path));
    const QSqlDatabase db = (*database)->connection();
    EXPECT_EQ(scalar(db, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    EXPECT_EQ(scalar(db, u"PRAGMA foreign_keys"_s).toInt(), 1);
    EXPECT_EQ(scalar(db, u"PRAGMA busy_timeout"_s).toInt(), 5000);
}

// Statements run through SQLite's own API (SqlBatch's writes) may outlive the connection they were
// prepared on: the database still closes cleanly (SQLite removes the WAL file when its last
// connection closes; a statement left would keep it open and leaked), and the batch is destroyed
// afterwards without finalizing its statements a second time.
TEST(SqliteDatabase, ClosesCleanlyWhileABatchStillHoldsItsStatements)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"bottega.sqlite"_s);
    auto database = openSqlite(path);
    ASSERT_TRUE(database.ok()) << database.error().toStdString();
    ASSERT_TRUE(QSqlQuery((*database)->connection()).exec(u"CREATE TABLE pairs (key TEXT, value TEXT)"_s));
    auto batch = std::make_unique<SqlBatch>(**database);
    const QString insert = u"INSERT INTO pairs (key, value) VALUES (?, ?)"_s;
    batch->add(insert, {u"a"_s, u"1"_s}, [] { return u"a"_s; });
    ASSERT_TRUE((*database)->transaction([&](QSqlDatabase &) { return batch->flush(); }).ok());
    EXPECT_TRUE(QFile::exists(path + u"-wal"_s));

    database->reset();
    EXPECT_FALSE(QFile::exists(path + u"-wal"_s)) << "the connection was not closed";
    batch.reset(); // its statements were finalized with the connection: not a second time

    auto reopened = openSqlite(path);
    ASSERT_TRUE(reopened.ok()) << reopened.error().toStdString();
    EXPECT_EQ(scalar((*reopened)->connection(), u"SELECT value FROM pairs WHERE key = 'a'"_s).toString(), u"1"_s);
}

// SqliteStatement binds a QVariant exactly as Qt's SQLite driver does (SqlBatch's writes went
// through Qt before): the same storage class and the same stored value for every kind of value.
TEST(SqliteDatabase, SqliteStatementBindsValuesAsQtsDriverDoes)
{
    QTemporaryDir dir;
    auto database = openSqlite(dir.filePath(u"bottega.sqlite"_s));
    ASSERT_TRUE(database.ok()) << database.error().toStdString();
    const QSqlDatabase db = (*database)->connection();
    ASSERT_TRUE(QSqlQuery(db).exec(u"CREATE TABLE bound (how TEXT, n INTEGER, v)"_s));
    const QList<QVariant> values {
            QVariant(), QVariant(QString()), QVariant(u""_s), QVariant(u"perch\u00e9 'x' \U0001F600"_s),
            QVariant(QByteArray()), QVariant(QByteArray("")), QVariant(QByteArray("\0\x01\xff", 3)),
            QVariant(42), QVariant(true), QVariant(false), QVariant(Q_INT64_C(9007199254740993)),
            QVariant(4294967295U), QVariant(-0.25), QVariant(1e300),
            QVariant(QDateTime(QDate(2026, 12, 5), QTime(11, 30, 0, 250), QTimeZone::utc())),
            QVariant(QDateTime()), QVariant(QDate(2026, 12, 5)), QVariant(QDate()),
            QVariant(QTime(23, 59, 58, 7)), QVariant(QTime()), QVariant(QStringList {u"a"_s, u"b"_s})};
    for (int i = 0; i < values.size(); ++i) {
        QSqlQuery qt(db);
        ASSERT_TRUE(qt.prepare(u"INSERT INTO bound (how, n, v) VALUES ('qt', ?, ?)"_s));
        qt.addBindValue(i);
        qt.addBindValue(values[i]);
        ASSERT_TRUE(qt.exec()) << i;
        SqliteStatement own(db, "INSERT INTO bound (how, n, v) VALUES ('own', ?, ?)");
        own.bind(qint64(i)).bind(values[i]);
        const auto stepped = own.step();
        ASSERT_TRUE(stepped.ok()) << i << qPrintable(stepped.error());
    }
    const auto stored = [&db](const QString &how) {
        QSqlQuery select(db);
        EXPECT_TRUE(select.exec(u"SELECT n, typeof(v), quote(v) FROM bound WHERE how = '"_s + how + u"' ORDER BY n"_s));
        QStringList rows;
        while (select.next())
            rows.append(select.value(0).toString() + u' ' + select.value(1).toString() + u' '
                        + select.value(2).toString());
        return rows;
    };
    const QStringList byQt = stored(u"qt"_s);
    EXPECT_EQ(byQt.size(), values.size());
    EXPECT_EQ(stored(u"own"_s), byQt);
}

TEST(SqliteDatabase, FileThatIsNotADatabaseIsLeftUntouched)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"notes.txt"_s);
    const QByteArray content("These are my notes, not a database.\n\x01\x02 binary tail", 50);
    writeFile(path, content);

    auto database = openSqlite(path);
    ASSERT_FALSE(database.ok());
    EXPECT_EQ(database.error(), path + u" is not a Bottega database (not SQLite)"_s);
    EXPECT_EQ(readAll(path), content);
    EXPECT_FALSE(QFile::exists(path + u"-wal"_s));
    EXPECT_FALSE(QFile::exists(path + u"-shm"_s));
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList {u"notes.txt"_s});
}

TEST(SqliteDatabase, ShortFileIsNotADatabase)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"short.sqlite"_s);
    writeFile(path, QByteArray("SQLite"));
    auto database = openSqlite(path);
    ASSERT_FALSE(database.ok());
    EXPECT_TRUE(database.error().contains(u"is not a Bottega database"_s));
    EXPECT_EQ(readAll(path), QByteArray("SQLite"));
}

TEST(SqliteDatabase, UnreadableFileGivesAnErrorNamingIt)
{
    QTemporaryDir dir;
    QFile::setPermissions(dir.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                  | QFileDevice::ReadOther | QFileDevice::ExeOther);
    const QString path = dir.filePath(u"locked.sqlite"_s);
    const QByteArray content("SQLite format 3\0 and then some pages", 36);
    writeFile(path, content);
    ASSERT_TRUE(QFile::setPermissions(path, QFileDevice::Permissions()));

    // Root reads any file; as the file system user "nobody" this thread gets no such privilege.
    const bool root = geteuid() == 0;
    if (root)
        setfsuid(65534);
    auto database = openSqlite(path);
    if (root)
        setfsuid(0);

    ASSERT_FALSE(database.ok());
    EXPECT_TRUE(database.error().startsWith(u"cannot read the database file "_s + path))
            << database.error().toStdString();
    ASSERT_TRUE(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    EXPECT_EQ(readAll(path), content);
}

TEST(SqliteDatabase, DirectoryInsteadOfAFileIsRefused)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"bottega.sqlite"_s);
    ASSERT_TRUE(QDir().mkpath(path));
    auto database = openSqlite(path);
    ASSERT_FALSE(database.ok());
    EXPECT_EQ(database.error(), u"cannot read the database file %1: it is a directory"_s.arg(path));
}

TEST(SqliteDatabase, EmptyFileBecomesANewDatabase)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"empty.sqlite"_s);
    writeFile(path, {});
    auto database = openSqlite(path);
    ASSERT_TRUE(database.ok()) << database.error().toStdString();
    ASSERT_TRUE((*database)->migrate().ok());
    EXPECT_EQ((*database)->schemaVersion(), Database::latestSchemaVersion());
    EXPECT_TRUE(readAll(path).startsWith(QByteArray("SQLite format 3\0", 16)));
}

TEST(PostgreSqlDatabase, ErrorNamesTheDatabaseButNotThePassword)
{
    auto server = TestDatabase::postgresServer();
    ASSERT_TRUE(server.ok()) << server.error().toStdString();
    DatabaseLocation location = *server;
    location.name = u"no_such_database_here"_s;
    location.password = u"pw-that-must-not-show"_s;
    auto database = Database::open(location);
    ASSERT_FALSE(database.ok());
    EXPECT_TRUE(database.error().startsWith(u"cannot open the database "_s + location.displayName()))
            << database.error().toStdString();
    EXPECT_TRUE(database.error().contains(u"no_such_database_here"_s));
    EXPECT_FALSE(database.error().contains(u"pw-that-must-not-show"_s));
}

// ---- Both engines ----

class DatabaseOnBackend : public DatabaseTest
{
};

TEST_P(DatabaseOnBackend, MigratingTwiceChangesNothing)
{
    ASSERT_TRUE(db().migrate().ok());
    auto again = Database::open(testDatabase().location());
    ASSERT_TRUE(again.ok()) << again.error().toStdString();
    const auto migrated = (*again)->migrate();
    ASSERT_TRUE(migrated.ok()) << migrated.error().toStdString();
    // One row per migration (their numbers may leave a gap while two branches each add one).
    EXPECT_EQ(scalar(db().connection(), u"SELECT COUNT(*) FROM schema_migrations"_s).toInt(),
              Database::migrationCount());
}

TEST_P(DatabaseOnBackend, ForeignKeysAreEnforced)
{
    QSqlQuery query(db().connection());
    EXPECT_FALSE(
            query.exec(u"INSERT INTO variants (product_id, created_at, updated_at) VALUES (424242, 1, 1)"_s));
    EXPECT_EQ(scalar(db().connection(), u"SELECT COUNT(*) FROM variants"_s).toInt(), 0);
}

TEST_P(DatabaseOnBackend, TransactionCommitsOrRollsBackTheWhole)
{
    auto insertJob = [](QSqlDatabase &connection, const QString &name) {
        QSqlQuery query(connection);
        query.prepare(u"INSERT INTO scheduler_jobs (name, enabled, interval_seconds, min_interval_seconds) "
                      "VALUES (?, 1, 60, 60)"_s);
        query.addBindValue(name);
        return query.exec();
    };
    const auto committed = db().transaction([&](QSqlDatabase &connection) -> Result<void> {
        EXPECT_TRUE(insertJob(connection, u"kept"_s));
        // Nested: joins the outer transaction.
        return db().transaction([&](QSqlDatabase &inner) -> Result<void> {
            EXPECT_TRUE(insertJob(inner, u"kept-too"_s));
            return {};
        });
    });
    ASSERT_TRUE(committed.ok()) << committed.error().toStdString();

    const auto rolledBack = db().transaction([&](QSqlDatabase &connection) -> Result<void> {
        EXPECT_TRUE(insertJob(connection, u"dropped"_s));
        return makeError(u"changed my mind"_s);
    });
    ASSERT_FALSE(rolledBack.ok());
    EXPECT_EQ(rolledBack.error(), u"changed my mind"_s);

    EXPECT_EQ(scalar(db().connection(), u"SELECT COUNT(*) FROM scheduler_jobs"_s).toInt(), 2);
    EXPECT_EQ(scalar(db().connection(), u"SELECT COUNT(*) FROM scheduler_jobs WHERE name = 'dropped'"_s)
                      .toInt(),
              0);
}

TEST_P(DatabaseOnBackend, EachThreadGetsItsOwnConnection)
{
    const QString mainName = db().connection().connectionName();
    QString threadName;
    int threadCount = -1;
    QThread *thread = QThread::create([&] {
        const QSqlDatabase connection = db().connection();
        threadName = connection.connectionName();
        QSqlQuery query(connection);
        if (query.exec(u"SELECT COUNT(*) FROM schema_migrations"_s) && query.next())
            threadCount = query.value(0).toInt();
    });
    thread->start();
    ASSERT_TRUE(thread->wait(10000));
    delete thread;

    EXPECT_NE(threadName, mainName);
    EXPECT_FALSE(threadName.isEmpty());
    EXPECT_EQ(threadCount, Database::migrationCount());
    // The finished thread's connection was closed and removed with it.
    EXPECT_FALSE(QSqlDatabase::contains(threadName));
    EXPECT_TRUE(QSqlDatabase::contains(mainName));
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(DatabaseOnBackend);

// ---- Migrations, each on an empty database of its own ----

class Migration : public testing::TestWithParam<Backend>
{
};

TEST_P(Migration, CreatesTheSchemaAndRecordsIt)
{
    auto empty = TestDatabase::create(GetParam(), TestDatabase::Schema::Empty);
    ASSERT_TRUE(empty.ok()) << empty.error().toStdString();
    Database &fresh = (*empty)->database();
    EXPECT_EQ(fresh.schemaVersion(), 0);
    const auto migrated = fresh.migrate();
    ASSERT_TRUE(migrated.ok()) << migrated.error().toStdString();
    EXPECT_EQ(fresh.schemaVersion(), Database::latestSchemaVersion());

    const QStringList tables = fresh.connection().tables();
    for (const char *table : {"products",         "product_attributes",    "product_attribute_values",
                              "variants",         "variant_option_values", "print_placements",
                              "print_images",     "product_images",        "sales_orders",
                              "order_addresses",  "order_lines",           "gelato_connected_orders",
                              "order_events",     "order_packages",        "order_shipments",
                              "shipment_parcels", "package_types",         "webhook_records",
                              "webhook_queue",    "product_batches",       "product_batch_items",
                              "api_log",          "scheduler_jobs",        "app_users",
                              "schema_migrations"}) {
        EXPECT_TRUE(tables.contains(QLatin1StringView(table))) << table;
    }
    QSqlQuery query(fresh.connection());
    ASSERT_TRUE(query.exec(u"SELECT version, name, applied_at FROM schema_migrations ORDER BY version"_s));
    ASSERT_TRUE(query.next());
    EXPECT_EQ(query.value(0).toInt(), 1);
    EXPECT_EQ(query.value(1).toString(), u"initial schema"_s);
    EXPECT_GT(query.value(2).toLongLong(), 1'700'000'000'000LL);

    // Exactly the columns of ApiLogEntry.
    const QSqlRecord record = fresh.connection().record(u"api_log"_s);
    QStringList columns;
    for (int i = 0; i < record.count(); ++i)
        columns.append(record.fieldName(i));
    EXPECT_EQ(columns,
              QStringList({u"id"_s, u"at"_s, u"direction"_s, u"service"_s, u"method"_s, u"url"_s, u"status"_s,
                           u"duration_ms"_s, u"request_size"_s, u"response_size"_s, u"request_headers"_s,
                           u"request_body"_s, u"response_body"_s, u"error"_s, u"attempts"_s,
                           u"response_headers"_s})); // added by migration 8

    // Exactly the columns JobRepository works with.
    const QSqlRecord jobs = fresh.connection().record(u"scheduler_jobs"_s);
    columns.clear();
    for (int i = 0; i < jobs.count(); ++i)
        columns.append(jobs.fieldName(i));
    EXPECT_EQ(columns,
              QStringList({u"name"_s, u"enabled"_s, u"interval_seconds"_s, u"min_interval_seconds"_s,
                           u"last_run_at"_s, u"last_result"_s, u"last_ok"_s, u"next_run_at"_s,
                           u"lease_owner"_s, u"lease_until"_s}));
}

TEST_P(Migration, TwoProcessesAtOnceApplyEachMigrationOnce)
{
    auto empty = TestDatabase::create(GetParam(), TestDatabase::Schema::Empty);
    ASSERT_TRUE(empty.ok()) << empty.error().toStdString();
    const DatabaseLocation location = (*empty)->location();
    QStringList errors;
    QMutex mutex;
    auto migrate = [&] {
        auto database = Database::open(location);
        const Result<void> migrated
                = database ? (*database)->migrate() : Result<void>(makeError(database.error()));
        if (!migrated) {
            QMutexLocker lock(&mutex);
            errors.append(migrated.error());
        }
    };
    QThread *one = QThread::create(migrate);
    QThread *two = QThread::create(migrate);
    one->start();
    two->start();
    ASSERT_TRUE(one->wait(30000));
    ASSERT_TRUE(two->wait(30000));
    delete one;
    delete two;

    EXPECT_TRUE(errors.isEmpty()) << errors.join(u'\n').toStdString();
    EXPECT_EQ(scalar((*empty)->database().connection(), u"SELECT COUNT(*) FROM schema_migrations"_s).toInt(),
              Database::migrationCount());
}

TEST_P(Migration, NewerSchemaIsRefusedAndLeftUnchanged)
{
    auto test = TestDatabase::create(GetParam(), TestDatabase::Schema::Empty);
    ASSERT_TRUE(test.ok()) << test.error().toStdString();
    Database &db = (*test)->database();
    {
        QSqlQuery query(db.connection());
        ASSERT_TRUE(query.exec(
                u"CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                "applied_at BIGINT NOT NULL)"_s));
        ASSERT_TRUE(query.exec(u"INSERT INTO schema_migrations VALUES (99, 'from the future', 1)"_s));
    }
    const QStringList tablesBefore = db.connection().tables();

    const auto migrated = db.migrate();
    ASSERT_FALSE(migrated.ok());
    EXPECT_EQ(migrated.error(),
              u"the database %1 has schema version 99, newer than this Bottega (%2); use a newer Bottega"_s
                      .arg(db.location().displayName())
                      .arg(Database::latestSchemaVersion()));
    EXPECT_EQ(db.connection().tables(), tablesBefore);
    EXPECT_EQ(db.schemaVersion(), 99);
    EXPECT_EQ(scalar(db.connection(), u"SELECT COUNT(*) FROM schema_migrations"_s).toInt(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, Migration, testing::Values(Backend::Sqlite, Backend::PostgreSql),
                         BackendNamePrinter());
