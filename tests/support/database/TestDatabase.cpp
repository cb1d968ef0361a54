#include "tests/support/database/TestDatabase.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Bottega::Test {

namespace {

QAtomicInteger<int> databaseCounter;

Result<void> executeOnServer(const DatabaseLocation &server, const QString &sql)
{
    auto admin = Database::open(server);
    if (!admin)
        return makeError(admin.error());
    QSqlQuery query((*admin)->connection());
    if (!query.exec(sql))
        return makeError(sql + u": "_s + query.lastError().text());
    return {};
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
        if (auto created = executeOnServer(test->m_server, u"CREATE DATABASE "_s + name); !created)
            return makeError(created.error());
        test->m_location = test->m_server;
        test->m_location.name = name;
    }

    auto database = Database::open(test->m_location);
    if (!database)
        return makeError(database.error());
    test->m_database = std::move(*database);
    if (schema == Schema::Migrated) {
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
