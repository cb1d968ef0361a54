#include "tests/support/database/TestDatabase.h"

#include "core/store/Migrations.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Bottega::Test {

namespace {

QAtomicInteger<int> databaseCounter;

Result<void> execute(const Database &database, const QString &sql)
{
    QSqlQuery query(database.connection());
    if (!query.exec(sql))
        return makeError(sql + u": "_s + query.lastError().text());
    return {};
}

Result<void> executeOnServer(const DatabaseLocation &server, const QString &sql)
{
    auto admin = Database::open(server);
    if (!admin)
        return makeError(admin.error());
    return execute(**admin, sql);
}

// A migrated template named after the migrations' SQL, so that a changed schema gets a new one.
QString templateName()
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (const Migration &migration : Migrations::all()) {
        for (const QString &statement : migration.statements)
            hash.addData(Migrations::forEngine(statement, DatabaseLocation::Engine::PostgreSql).toUtf8());
    }
    return u"bottega_template_"_s + QString::fromLatin1(hash.result().toHex().left(16));
}

// Creates the database migrated, by copying the template (made on first use: migrating each test's
// database would cost more than the test). The advisory lock keeps parallel test processes from
// building the template twice or copying it while it is being built.
Result<void> createMigratedDatabase(const DatabaseLocation &server, const QString &name)
{
    auto admin = Database::open(server);
    if (!admin)
        return makeError(admin.error());
    if (auto locked = execute(**admin, u"SELECT pg_advisory_lock(4242)"_s); !locked)
        return locked;
    const QString templateDatabase = templateName();
    QSqlQuery exists((*admin)->connection());
    exists.prepare(u"SELECT 1 FROM pg_database WHERE datname = ?"_s);
    exists.addBindValue(templateDatabase);
    if (!exists.exec())
        return makeError(u"cannot look for the template database: "_s + exists.lastError().text());
    if (!exists.next()) {
        const QString building = templateDatabase + u"_building"_s;
        if (auto r = execute(**admin, u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(building)); !r)
            return r;
        if (auto r = execute(**admin, u"CREATE DATABASE "_s + building); !r)
            return r;
        DatabaseLocation location = server;
        location.name = building;
        {
            auto database = Database::open(location);
            if (!database)
                return makeError(database.error());
            if (auto migrated = (*database)->migrate(); !migrated)
                return migrated;
        }
        if (auto r = execute(**admin, u"ALTER DATABASE %1 RENAME TO %2"_s.arg(building, templateDatabase));
            !r)
            return r;
    }
    return execute(**admin, u"CREATE DATABASE %1 TEMPLATE %2"_s.arg(name, templateDatabase));
}

} // namespace

QString backendName(Backend backend)
{
    return backend == Backend::Sqlite ? u"Sqlite"_s : u"PostgreSql"_s;
}

void PrintTo(Backend backend, std::ostream *out)
{
    *out << backendName(backend).toStdString();
}

std::string BackendNamePrinter::operator()(const testing::TestParamInfo<Backend> &info) const
{
    return backendName(info.param).toStdString();
}

Result<DatabaseLocation> TestDatabase::postgresServer()
{
    const QString urlFile = qEnvironmentVariable("BOTTEGA_TEST_PG_URL_FILE",
                                                 QString::fromUtf8(BOTTEGA_TEST_PG_URL_FILE_DEFAULT));
    QFile file(urlFile);
    if (urlFile.isEmpty() || !file.open(QIODevice::ReadOnly))
        return makeError(u"PostgreSQL test server not running (run the tests through ctest; the postgres "
                         "fixture starts it)"_s);
    const QString url = QString::fromUtf8(file.readAll()).trimmed();
    return DatabaseLocation::parse(url, {});
}

Result<std::unique_ptr<TestDatabase>> TestDatabase::create(Backend backend, Schema schema)
{
    std::unique_ptr<TestDatabase> test(new TestDatabase);
    test->m_backend = backend;
    if (backend == Backend::Sqlite) {
        test->m_dir = std::make_unique<QTemporaryDir>();
        if (!test->m_dir->isValid())
            return makeError(u"cannot create a temporary directory: "_s + test->m_dir->errorString());
        auto location = DatabaseLocation::parse({}, test->m_dir->path());
        if (!location)
            return makeError(location.error());
        test->m_location = *location;
    } else {
        auto server = postgresServer();
        if (!server)
            return makeError(server.error());
        test->m_server = *server;
        const QString name = u"bottega_test_%1_%2_%3"_s.arg(QCoreApplication::applicationPid())
                                     .arg(databaseCounter.fetchAndAddRelaxed(1))
                                     .arg(QRandomGenerator::global()->bounded(1000000));
        auto created = schema == Schema::Migrated
                ? createMigratedDatabase(test->m_server, name)
                : executeOnServer(test->m_server, u"CREATE DATABASE "_s + name);
        if (!created)
            return makeError(created.error());
        test->m_location = test->m_server;
        test->m_location.name = name;
    }

    auto database = Database::open(test->m_location);
    if (!database)
        return makeError(database.error());
    test->m_database = std::move(*database);
    if (schema == Schema::Migrated && backend == Backend::Sqlite) {
        if (auto migrated = test->m_database->migrate(); !migrated)
            return makeError(migrated.error());
    }
    return test;
}

TestDatabase::~TestDatabase()
{
    m_database.reset();
    if (m_backend == Backend::PostgreSql && !m_location.name.isEmpty()) {
        // FORCE: a test that failed half-way may have left a connection open.
        if (auto dropped
            = executeOnServer(m_server, u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(m_location.name));
            !dropped)
            ADD_FAILURE() << "cannot drop the test database: " << dropped.error().toStdString();
    }
}

void DatabaseTest::SetUp()
{
    auto created = TestDatabase::create(GetParam());
    ASSERT_TRUE(created.ok()) << created.error().toStdString();
    m_testDatabase = std::move(*created);
}

void DatabaseTest::TearDown()
{
    m_testDatabase.reset();
}

} // namespace Bottega::Test
