// The API log's endpoint-text filter over the URL's trigram index (migration 9), on SQLite and
// PostgreSQL: the same rows as a case-insensitive substring test on every URL (rare texts through the
// index, frequent ones through the listing index), key paging, other filters with it, the index built
// for rows already there when the migration runs, kept right by the chunked cleanup; and on
// PostgreSQL a database that refuses CREATE EXTENSION still migrates and filters (by scanning).
#include "core/store/ApiLogRepository.h"
#include "core/store/Migrations.h"

#include "tests/core/store/QtPrinters.h"
#include "tests/support/database/TestDatabase.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <algorithm>
#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

namespace {

const QDateTime start(QDate(2026, 4, 1), QTime(8, 0), QTimeZone::utc());

// Rows 0..count-1: a call every 10 s; row i's URL names i. Every 7th is Poleepo's with a URL holding
// wildcard characters and capitals; the rest are Gelato's (every 50th one failed with 503).
Result<void> fill(Database &db, int count, int firstRow = 0)
{
    const bool sqlite = db.engine() == DatabaseLocation::Engine::Sqlite;
    const QString select = uR"(SELECT %1 + i * 10000,
            CASE WHEN i % 7 = 0 THEN 'poleepo' ELSE 'gelato' END, 'GET',
            CASE WHEN i % 7 = 0 THEN 'https://api.poleepo.cloud/Orders/P_' || i || '?q=50%25_off'
                 ELSE 'https://order.gelatoapis.com/v4/orders/g-' || i END,
            CASE WHEN i % 50 = 3 THEN 503 ELSE 200 END)"_s.arg(start.toMSecsSinceEpoch());
    const QString sql = sqlite ? u"WITH RECURSIVE s(i) AS (SELECT %1 UNION ALL SELECT i + 1 FROM s WHERE i < %2) "
                                 "INSERT INTO api_log (at, service, method, url, status) "_s.arg(firstRow)
                                         .arg(firstRow + count - 1)
                    + select + u" FROM s"_s
                               : u"INSERT INTO api_log (at, service, method, url, status) "_s + select
                    + u" FROM generate_series(%1, %2) AS s(i)"_s.arg(firstRow).arg(firstRow + count - 1);
    QSqlQuery query(db.connection());
    if (!query.exec(sql))
        return makeError(query.lastError().text());
    return {};
}

// What the filter must find: every row whose URL holds text, ignoring ASCII case, newest first.
QList<qint64> expectedIds(ApiLogRepository &log, const QString &text, const QString &service = {})
{
    ApiLogRepository::Query all;
    all.limit = 0;
    all.service = service;
    const auto rows = log.listSummaries(all);
    QList<qint64> ids;
    for (const ApiLogEntry &entry : *rows) {
        if (entry.url.contains(text, Qt::CaseInsensitive))
            ids.append(entry.id);
    }
    return ids;
}

QList<qint64> idsOf(const QList<ApiLogEntry> &entries)
{
    QList<qint64> ids;
    for (const ApiLogEntry &entry : entries)
        ids.append(entry.id);
    return ids;
}

// Every page of query, by key, put together.
QList<qint64> pagedIds(ApiLogRepository &log, ApiLogRepository::Query query, int pageSize)
{
    query.limit = pageSize;
    QList<qint64> ids;
    for (int pages = 0; pages < 100000; ++pages) {
        const auto page = log.listSummaries(query);
        if (!page) {
            ADD_FAILURE() << page.error().toStdString();
            return ids;
        }
        ids += idsOf(*page);
        if (page->size() < pageSize)
            break;
        query.after = ApiLogRepository::Key::of(page->constLast());
    }
    return ids;
}

qint64 scalar(Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    if (!query.exec(sql) || !query.next()) {
        ADD_FAILURE() << sql.toStdString() << ": " << query.lastError().text().toStdString();
        return -1;
    }
    return query.value(0).toLongLong();
}

// The index is there: SQLite's FTS table holds exactly the table's rows once brought up to date;
// PostgreSQL's GIN index exists.
void expectIndexConsistent(Database &db)
{
    QSqlQuery query(db.connection());
    if (db.engine() == DatabaseLocation::Engine::Sqlite) {
        // FTS5 compares its index with the content table and fails on any difference (so every
        // row is indexed first).
        const auto indexed = ApiLogRepository(db).indexUrls();
        EXPECT_TRUE(indexed.ok()) << indexed.error().toStdString();
        EXPECT_TRUE(query.exec(u"INSERT INTO api_log_url (api_log_url) VALUES ('integrity-check')"_s))
                << query.lastError().text().toStdString();
    } else {
        EXPECT_EQ(scalar(db, u"SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'api_log_url_trgm'"_s), 1);
    }
}

} // namespace

class ApiLogUrlIndexTest : public DatabaseTest
{
};

// 10,500 rows: "orders" is in all of them (more than SQLite looks up through the index: it walks the
// listing index), "gelato" in 9,000 (all looked up through the index), an id in one to a dozen; every
// way gives the rows a scan gives, wildcard characters in the text being plain characters.
TEST_P(ApiLogUrlIndexTest, TextFilterFindsWhatASubstringTestFinds)
{
    ASSERT_TRUE(fill(db(), 10500).ok());
    ApiLogRepository log(db());
    for (const QString &text : {u"g-4243"_s, u"ORDERS/G-10"_s, u"orders"_s, u"gelato"_s, u"GELATOAPIS.COM/v4"_s, u"p_70"_s,
                                u"50%_OFF"_s, u"%25_OFF"_s, u"%_o"_s, u"5_o"_s, u"_OF"_s, u"%2"_s, u"q=5"_s, u"/orders/"_s, u"g-"_s, u"x"_s, u"nowhere"_s,
                                u"P_7?"_s, u"é/ü"_s, u"orders/g-10499"_s}) {
        SCOPED_TRACE(text.toStdString());
        const QList<qint64> expected = expectedIds(log, text);
        ApiLogRepository::Query query;
        query.text = text;
        query.limit = 0;
        const auto all = log.listSummaries(query);
        ASSERT_TRUE(all.ok()) << all.error().toStdString();
        EXPECT_EQ(idsOf(*all), expected);
        EXPECT_EQ(*log.count(query), expected.size());
        query.limit = 100;
        EXPECT_EQ(idsOf(*log.listSummaries(query)), expected.mid(0, 100));
    }
    // The counts that make the two ways: the index's rows and the listing index's.
    EXPECT_EQ(expectedIds(log, u"g-4243"_s).size(), 1); // g-42430.. are past 10,500
    EXPECT_EQ(expectedIds(log, u"gelato"_s).size(), 9000);
    EXPECT_EQ(expectedIds(log, u"orders"_s).size(), 10500);
    EXPECT_EQ(expectedIds(log, u"%25_OFF"_s).size(), 1500);
}

TEST_P(ApiLogUrlIndexTest, KeyPagingAndOtherFiltersWorkWithTheText)
{
    ASSERT_TRUE(fill(db(), 3000).ok());
    // Many rows in one millisecond: the id breaks the ties while paging.
    ASSERT_TRUE(fill(db(), 40, 100000).ok());
    QSqlQuery same(db().connection());
    ASSERT_TRUE(same.exec(u"UPDATE api_log SET at = %1 WHERE at > %2"_s.arg(start.toMSecsSinceEpoch() + 7)
                                  .arg(start.toMSecsSinceEpoch() + 3000LL * 10000)));
    ApiLogRepository log(db());
    for (const bool oldestFirst : {false, true}) {
        for (const QString &text : {u"g-1"_s, u"orders/g-100"_s, u"ORDERS"_s}) {
            SCOPED_TRACE(text.toStdString() + (oldestFirst ? " oldest first" : ""));
            QList<qint64> expected = expectedIds(log, text);
            if (oldestFirst)
                std::reverse(expected.begin(), expected.end());
            ApiLogRepository::Query query;
            query.text = text;
            query.oldestFirst = oldestFirst;
            EXPECT_EQ(pagedIds(log, query, 7), expected);
        }
    }

    // With the service, the status class and a time range.
    ApiLogRepository::Query query;
    query.text = u"orders/"_s;
    query.service = u"poleepo"_s;
    query.limit = 0;
    EXPECT_EQ(idsOf(*log.listSummaries(query)), expectedIds(log, u"orders/"_s, u"poleepo"_s));
    query = {};
    query.limit = 0;
    query.text = u"orders/g-1"_s;
    query.statusClass = 5;
    query.from = start.addSecs(10 * 1000);
    query.to = start.addSecs(10 * 2000);
    ApiLogRepository::Query all;
    all.limit = 0;
    const auto rows = log.list(all);
    QList<qint64> expected;
    for (const ApiLogEntry &entry : *rows) {
        if (entry.url.contains(u"orders/g-1"_s) && entry.status == 503 && entry.time >= query.from
            && entry.time < query.to)
            expected.append(entry.id);
    }
    ASSERT_FALSE(expected.isEmpty());
    EXPECT_EQ(idsOf(*log.listSummaries(query)), expected);
    EXPECT_EQ(*log.count(query), expected.size());
}

// SQLite indexes new rows in bulk (before a search, after a cleanup), not with each insert; the
// cleanup deletes indexed and not yet indexed rows alike and leaves the index matching the table.
TEST_P(ApiLogUrlIndexTest, CleanupInChunksKeepsTheIndexRight)
{
    ASSERT_TRUE(fill(db(), 1200).ok());
    ApiLogRepository log(db());
    const bool sqlite = GetParam() == Backend::Sqlite;
    const QString lastIndexed = u"SELECT last_id FROM api_log_url_indexed"_s;
    if (sqlite) {
        EXPECT_EQ(scalar(db(), lastIndexed), 0); // nothing written with the rows
        EXPECT_EQ(scalar(db(), u"SELECT COUNT(*) FROM api_log_url WHERE url LIKE '%orders/g-11%'"_s), 0);
    }
    ApiLogRepository::Query query;
    query.limit = 0;
    query.text = u"orders/g-11"_s;
    EXPECT_EQ(idsOf(*log.listSummaries(query)), expectedIds(log, query.text)); // indexes the 1200 first
    if (sqlite) {
        EXPECT_EQ(scalar(db(), lastIndexed), scalar(db(), u"SELECT MAX(id) FROM api_log"_s));
        expectIndexConsistent(db());
        EXPECT_EQ(*log.indexUrls(), 0);
    }
    // 100 rows older than all those (the newest ids), not indexed yet: the cleanup takes them too.
    ASSERT_TRUE(fill(db(), 100, -100).ok());
    const auto deleted = log.deleteOlderThan(start.addSecs(10 * 1000), 128);
    ASSERT_TRUE(deleted.ok()) << deleted.error().toStdString();
    EXPECT_EQ(*deleted, 1100);
    if (sqlite) {
        EXPECT_EQ(scalar(db(), lastIndexed), scalar(db(), u"SELECT MAX(id) FROM api_log"_s));
    }
    expectIndexConsistent(db());
    query.text = u"orders/g-99"_s; // g-99, g-990..g-999 are gone; nothing of g-1099.. holds "g-99"
    EXPECT_TRUE(log.listSummaries(query)->isEmpty());
    query.text = u"orders/g-110"_s;
    EXPECT_EQ(idsOf(*log.listSummaries(query)), expectedIds(log, query.text));
    EXPECT_EQ(log.listSummaries(query)->size(), 9); // g-1100..g-1109 but for the Poleepo row 1106

    // A new row is found at once; a changed URL is found by its new text only.
    ApiLogEntry entry;
    entry.time = start.addSecs(10 * 5000);
    entry.service = u"gelato"_s;
    entry.url = u"https://order.gelatoapis.com/v4/orders/brand-new:cancel"_s;
    const qint64 id = *log.insert(entry);
    query.text = u"BRAND-NEW"_s;
    EXPECT_EQ(idsOf(*log.listSummaries(query)), QList<qint64>({id}));
    QSqlQuery update(db().connection());
    ASSERT_TRUE(update.exec(u"UPDATE api_log SET url = 'https://order.gelatoapis.com/v4/orders/renamed' "
                            "WHERE id = %1"_s.arg(id)));
    EXPECT_TRUE(log.listSummaries(query)->isEmpty());
    query.text = u"orders/renamed"_s;
    EXPECT_EQ(idsOf(*log.listSummaries(query)), QList<qint64>({id}));
    expectIndexConsistent(db());
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(ApiLogUrlIndexTest);

// Migration 9 on a database at schema 8 that already has calls logged: the index covers them.
class ApiLogUrlIndexMigration : public testing::TestWithParam<Backend>
{
};

TEST_P(ApiLogUrlIndexMigration, BuildsTheIndexForTheRowsAlreadyThere)
{
    auto test = TestDatabase::create(GetParam(), TestDatabase::Schema::Empty);
    ASSERT_TRUE(test.ok()) << test.error().toStdString();
    Database &db = (*test)->database();
    {
        QSqlQuery query(db.connection());
        ASSERT_TRUE(query.exec(u"CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
                               "NULL, applied_at BIGINT NOT NULL)"_s));
        for (const Migration &migration : Migrations::all()) {
            if (migration.version > 8)
                break;
            for (const QString &statement : migration.statements)
                ASSERT_TRUE(query.exec(Migrations::forEngine(statement, db.engine())))
                        << query.lastError().text().toStdString();
            ASSERT_TRUE(query.exec(u"INSERT INTO schema_migrations VALUES (%1, 'x', 1)"_s.arg(migration.version)));
        }
    }
    ASSERT_EQ(db.schemaVersion(), 8);
    ASSERT_TRUE(fill(db, 2500).ok());

    const auto migrated = db.migrate();
    ASSERT_TRUE(migrated.ok()) << migrated.error().toStdString();
    EXPECT_EQ(db.schemaVersion(), Migrations::latestVersion());
    expectIndexConsistent(db);
    if (GetParam() == Backend::Sqlite) {
        // The FTS table answers by itself for the old rows (not through a fallback).
        EXPECT_EQ(scalar(db, u"SELECT COUNT(*) FROM api_log_url WHERE url LIKE '%orders/g-24%'"_s), 111 - 16);
    }
    ApiLogRepository log(db);
    ApiLogRepository::Query query;
    query.limit = 0;
    query.text = u"ORDERS/G-24"_s;
    EXPECT_EQ(idsOf(*log.listSummaries(query)), expectedIds(log, query.text));
    EXPECT_EQ(log.listSummaries(query)->size(), 111 - 16); // 24, 240..249, 2400..2499 but every 7th
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiLogUrlIndexMigration,
                         testing::Values(Backend::Sqlite, Backend::PostgreSql), BackendNamePrinter());

// PostgreSQL: a role without the CREATE privilege on its database (a shared team database) cannot
// create pg_trgm; migration 9 still succeeds, without the index, and the filter finds the same rows.
TEST(ApiLogUrlIndexFallback, PostgreSqlWithoutCreateExtensionMigratesAndFilters)
{
    auto server = TestDatabase::postgresServer();
    ASSERT_TRUE(server.ok()) << server.error().toStdString();
    const QString role = u"bottega_plain_%1"_s.arg(QRandomGenerator::global()->bounded(100000000));
    auto admin = Database::open(*server);
    ASSERT_TRUE(admin.ok()) << admin.error().toStdString();
    const auto run = [&](Database &db, const QString &sql) {
        QSqlQuery query(db.connection());
        EXPECT_TRUE(query.exec(sql)) << sql.toStdString() << ": " << query.lastError().text().toStdString();
    };
    run(**admin, u"CREATE ROLE %1 LOGIN"_s.arg(role));
    {
        auto test = TestDatabase::create(Backend::PostgreSql, TestDatabase::Schema::Empty);
        ASSERT_TRUE(test.ok()) << test.error().toStdString();
        DatabaseLocation asRole = (*test)->location();
        {
            // The database's owner lets the role create tables in the public schema, nothing more.
            run((*test)->database(), u"GRANT CREATE ON SCHEMA public TO %1"_s.arg(role));
            asRole.user = role;
            auto plain = Database::open(asRole);
            ASSERT_TRUE(plain.ok()) << plain.error().toStdString();
            Database &db = **plain;
            const auto migrated = db.migrate();
            ASSERT_TRUE(migrated.ok()) << migrated.error().toStdString();
            EXPECT_EQ(db.schemaVersion(), Database::latestSchemaVersion());
            EXPECT_EQ(scalar(db, u"SELECT COUNT(*) FROM pg_extension WHERE extname = 'pg_trgm'"_s), 0);
            EXPECT_EQ(scalar(db, u"SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'api_log_url_trgm'"_s), 0);

            ASSERT_TRUE(fill(db, 600).ok());
            ApiLogRepository log(db);
            ApiLogRepository::Query query;
            query.limit = 0;
            query.text = u"Orders/G-5"_s;
            EXPECT_EQ(idsOf(*log.listSummaries(query)), expectedIds(log, query.text));
            EXPECT_FALSE(log.listSummaries(query)->isEmpty());
            query.text = u"nowhere"_s;
            EXPECT_TRUE(log.listSummaries(query)->isEmpty());
            ASSERT_TRUE(log.deleteOlderThan(start.addSecs(10 * 300), 64).ok());
            run(db, u"DROP OWNED BY %1"_s.arg(role));
        }
    } // the test database is dropped
    run(**admin, u"DROP ROLE %1"_s.arg(role));
}
