// TestDatabase: a fresh, migrated Database for one test, on SQLite (a temporary file) or on the
// PostgreSQL server of the "postgres" CTest fixture (a uniquely named database, copied from a
// migrated template built once per cluster and schema, dropped afterwards).
// DatabaseTest is the parameterized fixture every suite that needs a store derives from; instantiate
// it with BOTTEGA_INSTANTIATE_BACKEND_TESTS(MySuite) to run each test on both engines.
#pragma once

#include "core/domain/Result.h"
#include "core/store/Database.h"

#include <QString>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <memory>
#include <ostream>
#include <string>

namespace Bottega::Test {

enum class Backend { Sqlite, PostgreSql };

QString backendName(Backend backend);
void PrintTo(Backend backend, std::ostream *out); // for gtest's messages

// Names the instantiated tests ".../Sqlite", ".../PostgreSql".
struct BackendNamePrinter
{
    std::string operator()(const testing::TestParamInfo<Backend> &info) const;
};

class TestDatabase final
{
    Q_DISABLE_COPY_MOVE(TestDatabase)

public:
    enum class Schema { Migrated, Empty };

    // Fails with "PostgreSQL test server not running (...)" when the fixture's URL file is missing.
    static Result<std::unique_ptr<TestDatabase>> create(Backend backend, Schema schema = Schema::Migrated);
    ~TestDatabase();

    Backend backend() const { return m_backend; }
    // Where the test database is: open a second Database on it to act as another process.
    const DatabaseLocation &location() const { return m_location; }
    Database &database() { return *m_database; }
    // Closes this helper's Database (the data stays until the helper is destroyed), e.g. to reopen.
    void closeDatabase() { m_database.reset(); }

    // The fixture's server (its "postgres" maintenance database), from BOTTEGA_TEST_PG_URL_FILE.
    static Result<DatabaseLocation> postgresServer();

private:
    TestDatabase() = default;

    Backend m_backend = Backend::Sqlite;
    DatabaseLocation m_location;
    std::unique_ptr<QTemporaryDir> m_dir; // SQLite
    DatabaseLocation m_server; // PostgreSQL: where to drop the database from
    std::unique_ptr<Database> m_database;
};

// The base fixture: a fresh migrated database per test, on the backend the test is instantiated with.
class DatabaseTest : public testing::TestWithParam<Backend>
{
protected:
    void SetUp() override;
    void TearDown() override;

    Database &db() { return m_testDatabase->database(); }
    TestDatabase &testDatabase() { return *m_testDatabase; }

private:
    std::unique_ptr<TestDatabase> m_testDatabase;
};

} // namespace Bottega::Test

// Runs every TEST_P of Fixture (derived from DatabaseTest) on SQLite and on PostgreSQL.
#define BOTTEGA_INSTANTIATE_BACKEND_TESTS(Fixture)                                                           \
    INSTANTIATE_TEST_SUITE_P(                                                                                \
            Backends, Fixture,                                                                               \
            ::testing::Values(::Bottega::Test::Backend::Sqlite, ::Bottega::Test::Backend::PostgreSql),       \
            ::Bottega::Test::BackendNamePrinter())
