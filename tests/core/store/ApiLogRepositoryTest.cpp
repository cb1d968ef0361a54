// ApiLogRepository on SQLite and PostgreSQL: every field round-trips; filters, pages and cleanup.
#include "core/store/ApiLogRepository.h"

#include "tests/core/store/QtPrinters.h"
#include "tests/support/TestClock.h"
#include "tests/support/database/TestDatabase.h"

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

ApiLogEntry makeEntry(int minute, const QString &service, int status, const QString &url)
{
    ApiLogEntry entry;
    entry.time = start.addSecs(60 * minute);
    entry.service = service;
    entry.method = "POST";
    entry.url = url;
    entry.status = status;
    entry.durationMs = 120 + minute;
    entry.requestSize = 2048;
    entry.responseSize = 17;
    entry.requestHeaders = u"Content-Type: application/json\nX-API-KEY: [redacted]"_s;
    entry.requestBody = R"({"orderType":"draft"})";
    entry.responseBody = R"({"id":"g-1"})";
    return entry;
}

QList<qint64> durations(const QList<ApiLogEntry> &entries)
{
    QList<qint64> result;
    for (const ApiLogEntry &entry : entries)
        result.append(entry.durationMs - 120); // the minute each was made
    return result;
}

} // namespace

class ApiLogRepositoryTest : public DatabaseTest
{
};

TEST_P(ApiLogRepositoryTest, EveryFieldRoundTrips)
{
    ApiLogRepository log(db());
    ApiLogEntry entry = makeEntry(0, u"gelato"_s, 502, u"https://order.gelatoapis.com/v4/orders"_s);
    entry.direction = ApiLogEntry::Direction::Inbound;
    entry.error = u"Gelato answered 502 Bad Gateway (an HTML page)"_s;
    entry.attempts = 3;
    entry.responseBody = QByteArray("<html>\x00\xff</html>", 15);
    const auto id = log.insert(entry);
    ASSERT_TRUE(id.ok()) << id.error().toStdString();

    const auto stored = log.get(*id);
    ASSERT_TRUE(stored.ok()) << stored.error().toStdString();
    EXPECT_EQ(stored->id, *id);
    EXPECT_EQ(stored->time, entry.time);
    EXPECT_EQ(stored->direction, ApiLogEntry::Direction::Inbound);
    EXPECT_EQ(stored->service, u"gelato"_s);
    EXPECT_EQ(stored->method, QByteArray("POST"));
    EXPECT_EQ(stored->url, entry.url);
    EXPECT_EQ(stored->status, 502);
    EXPECT_EQ(stored->durationMs, 120);
    EXPECT_EQ(stored->requestSize, 2048);
    EXPECT_EQ(stored->responseSize, 17);
    EXPECT_EQ(stored->requestHeaders, entry.requestHeaders);
    EXPECT_EQ(stored->requestBody, entry.requestBody);
    EXPECT_EQ(stored->responseBody, entry.responseBody);
    EXPECT_EQ(stored->error, entry.error);
    EXPECT_EQ(stored->attempts, 3);
}

TEST_P(ApiLogRepositoryTest, ListFiltersNewestFirstWithPages)
{
    ApiLogRepository log(db());
    ASSERT_TRUE(log.insert(makeEntry(0, u"gelato"_s, 200, u"https://order.gelatoapis.com/v4/orders"_s)).ok());
    ASSERT_TRUE(log.insert(makeEntry(1, u"poleepo"_s, 429, u"https://api.poleepo.cloud/products/batch/7"_s))
                        .ok());
    ASSERT_TRUE(log.insert(makeEntry(2, u"gelato"_s, 503, u"https://order.gelatoapis.com/v4/orders:quote"_s))
                        .ok());
    ASSERT_TRUE(log.insert(makeEntry(3, u"gelato"_s, 0, u"https://order.gelatoapis.com/v4/orders/1"_s)).ok());
    ASSERT_TRUE(log.insert(makeEntry(4, u"poleepo"_s, 404, u"https://api.poleepo.cloud/orders/9"_s)).ok());

    EXPECT_EQ(durations(*log.list({})), QList<qint64>({4, 3, 2, 1, 0}));

    ApiLogRepository::Query query;
    query.service = u"gelato"_s;
    EXPECT_EQ(durations(*log.list(query)), QList<qint64>({3, 2, 0}));
    query = {};
    query.statusClass = 4;
    EXPECT_EQ(durations(*log.list(query)), QList<qint64>({4, 1}));
    query.statusClass = 5;
    EXPECT_EQ(durations(*log.list(query)), QList<qint64>({2}));
    query.statusClass = -1; // no answer at all
    EXPECT_EQ(durations(*log.list(query)), QList<qint64>({3}));
    query = {};
    query.text = u"ORDERS:QUOTE"_s;
    EXPECT_EQ(durations(*log.list(query)), QList<qint64>({2}));
    query = {};
    query.from = start.addSecs(60);
    query.to = start.addSecs(4 * 60);
    EXPECT_EQ(durations(*log.list(query)), QList<qint64>({3, 2, 1}));
    EXPECT_EQ(*log.count(query), 3);
    query.limit = 2;
    const auto firstPage = *log.list(query);
    EXPECT_EQ(durations(firstPage), QList<qint64>({3, 2}));
    query.after = ApiLogRepository::Key::of(firstPage.constLast());
    EXPECT_EQ(durations(*log.list(query)), QList<qint64>({1}));
    EXPECT_EQ(*log.count(query), 3);
    query = {};
    query.statusClass = 2;
    EXPECT_EQ(durations(*log.list(query)), QList<qint64>({0}));
}

TEST_P(ApiLogRepositoryTest, FiltersByDirectionAndCombinesFilters)
{
    ApiLogRepository log(db());
    ApiLogEntry received = makeEntry(0, u"webhook"_s, 401, u"/gelato/webhook"_s);
    received.direction = ApiLogEntry::Direction::Inbound;
    ASSERT_TRUE(log.insert(received).ok());
    ASSERT_TRUE(
            log.insert(makeEntry(1, u"gelato"_s, 404, u"https://order.gelatoapis.com/v4/orders/7"_s)).ok());
    received = makeEntry(2, u"webhook"_s, 200, u"/gelato/webhook"_s);
    received.direction = ApiLogEntry::Direction::Inbound;
    ASSERT_TRUE(log.insert(received).ok());

    ApiLogRepository::Query query;
    query.direction = ApiLogEntry::Direction::Inbound;
    EXPECT_EQ(durations(*log.list(query)), QList<qint64>({2, 0}));
    query.direction = ApiLogEntry::Direction::Outbound;
    EXPECT_EQ(durations(*log.list(query)), QList<qint64>({1}));
    query.direction = ApiLogEntry::Direction::Inbound;
    query.statusClass = 4;
    query.text = u"WEBHOOK"_s;
    EXPECT_EQ(durations(*log.listSummaries(query)), QList<qint64>({0}));
    query.service = u"gelato"_s; // no inbound gelato row
    EXPECT_TRUE(log.list(query)->isEmpty());
    EXPECT_EQ(*log.count(query), 0);
}

TEST_P(ApiLogRepositoryTest, SummariesLeaveOutHeadersAndBodiesAndResponseHeadersRoundTrip)
{
    ApiLogRepository log(db());
    ApiLogEntry entry = makeEntry(0, u"gelato"_s, 200, u"https://order.gelatoapis.com/v4/orders"_s);
    entry.responseHeaders = u"Content-Type: application/json\nSet-Cookie: [redacted]"_s;
    const qint64 id = *log.insert(entry);
    const auto summaries = log.listSummaries({});
    ASSERT_EQ(summaries->size(), 1);
    EXPECT_EQ(summaries->at(0).id, id);
    EXPECT_EQ(summaries->at(0).url, entry.url);
    EXPECT_EQ(summaries->at(0).status, 200);
    EXPECT_TRUE(summaries->at(0).requestBody.isEmpty());
    EXPECT_TRUE(summaries->at(0).requestHeaders.isEmpty());
    EXPECT_EQ(log.get(id)->responseHeaders, entry.responseHeaders);
    EXPECT_EQ(log.list({})->at(0).responseBody, entry.responseBody);
}

// Key paging walks every row exactly once, in order, in both directions, also where many rows share
// one millisecond (the id breaks the tie).
TEST_P(ApiLogRepositoryTest, KeyPagingWalksTheWholeTableOnceInOrder)
{
    ApiLogRepository log(db());
    constexpr int rows = 503;
    const auto written = db().transaction([&](QSqlDatabase &) -> Result<void> {
        for (int i = 0; i < rows; ++i) {
            ApiLogEntry entry = makeEntry(i / 7, i % 3 ? u"gelato"_s : u"poleepo"_s, i % 5 ? 200 : 502,
                                          u"https://x.example/%1"_s.arg(i));
            entry.durationMs = i;
            if (auto r = log.insert(entry); !r)
                return makeError(r.error());
        }
        return {};
    });
    ASSERT_TRUE(written.ok()) << qPrintable(written.error());

    for (const bool oldestFirst : {false, true}) {
        for (const QString &service : {QString(), u"gelato"_s}) {
            ApiLogRepository::Query query;
            query.limit = 10;
            query.oldestFirst = oldestFirst;
            query.service = service;
            QList<ApiLogEntry> seen;
            for (;;) {
                const auto page = log.listSummaries(query);
                ASSERT_TRUE(page.ok()) << qPrintable(page.error());
                seen += *page;
                if (page->size() < query.limit)
                    break;
                query.after = ApiLogRepository::Key::of(page->constLast());
            }
            QList<ApiLogEntry> expected = *log.list([&] {
                ApiLogRepository::Query all;
                all.limit = 0;
                all.service = service;
                return all;
            }());
            if (oldestFirst)
                std::reverse(expected.begin(), expected.end());
            ASSERT_EQ(seen.size(), expected.size()) << oldestFirst << qPrintable(service);
            ASSERT_EQ(expected.size(), service.isEmpty() ? rows : rows - (rows + 2) / 3);
            for (qsizetype i = 0; i < seen.size(); ++i)
                ASSERT_EQ(seen.at(i).id, expected.at(i).id) << "position " << i;
            for (qsizetype i = 1; i < expected.size(); ++i) {
                const auto a = ApiLogRepository::Key::of(expected.at(i - 1));
                const auto b = ApiLogRepository::Key::of(expected.at(i));
                const bool inOrder
                        = a.atMs != b.atMs ? (a.atMs > b.atMs) != oldestFirst : (a.id > b.id) != oldestFirst;
                ASSERT_TRUE(inOrder) << "position " << i;
            }
        }
    }
}

TEST_P(ApiLogRepositoryTest, RelatedOrderIsFoundFromTheUrl)
{
    QSqlQuery insert(db().connection());
    ASSERT_TRUE(insert.prepare(u"INSERT INTO sales_orders (reference, gelato_order_id, poleepo_order_id, "
                               "created_at, updated_at) VALUES (?, ?, ?, 0, 0)"_s));
    insert.addBindValue(u"WEB-1001"_s);
    insert.addBindValue(u"g-77"_s);
    insert.addBindValue(u"5501"_s);
    ASSERT_TRUE(insert.exec()) << qPrintable(insert.lastError().text());
    ApiLogRepository log(db());

    ApiLogEntry entry
            = makeEntry(0, u"gelato"_s, 200, u"https://order.gelatoapis.com/v4/orders/g-77:cancel"_s);
    auto related = log.relatedOf(entry);
    ASSERT_TRUE(related.ok()) << qPrintable(related.error());
    EXPECT_EQ(related->kind, ApiLogRepository::Related::Kind::Order);
    EXPECT_EQ(related->label, u"WEB-1001"_s);
    EXPECT_GT(related->id, 0);

    entry = makeEntry(0, u"poleepo"_s, 200, u"https://api.poleepo.cloud/orders/5501"_s);
    EXPECT_EQ(log.relatedOf(entry)->label, u"WEB-1001"_s);
    entry = makeEntry(0, u"gelato"_s, 404, u"https://order.gelatoapis.com/v4/orders/someone-else"_s);
    EXPECT_EQ(log.relatedOf(entry)->kind, ApiLogRepository::Related::Kind::None);
    entry = makeEntry(0, u"gelato"_s, 200, u"https://order.gelatoapis.com/v4/orders:search"_s);
    EXPECT_EQ(log.relatedOf(entry)->kind, ApiLogRepository::Related::Kind::None);
}

TEST_P(ApiLogRepositoryTest, CleanupDeletesInChunksOldestFirst)
{
    ApiLogRepository log(db());
    for (int minute = 0; minute < 12; ++minute)
        ASSERT_TRUE(log.insert(makeEntry(minute, u"gelato"_s, 200, u"https://x.example/"_s)).ok());
    QList<qint64> progress;
    const auto deleted
            = log.deleteOlderThan(start.addSecs(10 * 60), 3, [&](qint64 soFar) { progress.append(soFar); });
    ASSERT_TRUE(deleted.ok()) << qPrintable(deleted.error());
    EXPECT_EQ(*deleted, 10);
    EXPECT_EQ(progress, QList<qint64>({3, 6, 9, 10})) << "four statements of at most three rows";
    EXPECT_EQ(durations(*log.list({})), QList<qint64>({11, 10}));
}

TEST_P(ApiLogRepositoryTest, CleanupStoppedAfterAChunkKeepsThatChunkDeletedAndTheRestWhole)
{
    ApiLogRepository log(db());
    for (int minute = 0; minute < 12; ++minute)
        ASSERT_TRUE(log.insert(makeEntry(minute, u"gelato"_s, 200, u"https://x.example/"_s)).ok());
    ApiLogRepository::Query older;
    older.to = start.addSecs(10 * 60);
    older.limit = 0;
    EXPECT_EQ(*log.count(older), 10);

    QList<qint64> heard;
    const auto deleted = log.deleteOlderThanWhile(start.addSecs(10 * 60), 3, [&](qint64 soFar) {
        heard.append(soFar);
        return soFar < 6; // stop after the second chunk
    });
    ASSERT_TRUE(deleted.ok()) << qPrintable(deleted.error());
    EXPECT_EQ(*deleted, 6);
    EXPECT_EQ(heard, QList<qint64>({3, 6}));
    EXPECT_EQ(*log.count(older), 4) << "the oldest six are gone, the other four untouched";
    EXPECT_EQ(*log.count({}), 6);
}

TEST_P(ApiLogRepositoryTest, DeleteOlderThanKeepsTheRecentEntries)
{
    ApiLogRepository log(db());
    for (int minute = 0; minute < 5; ++minute)
        ASSERT_TRUE(log.insert(makeEntry(minute, u"gelato"_s, 200, u"https://x.example/"_s)).ok());
    const auto deleted = log.deleteOlderThan(start.addSecs(2 * 60));
    ASSERT_TRUE(deleted.ok()) << deleted.error().toStdString();
    EXPECT_EQ(*deleted, 2);
    EXPECT_EQ(durations(*log.list({})), QList<qint64>({4, 3, 2}));
    EXPECT_EQ(*log.count({}), 3);
}

TEST_P(ApiLogRepositoryTest, RetentionCountsDaysFromTheDatabaseClock)
{
    TestClock clock(start);
    db().setClock(&clock);
    ApiLogRepository log(db());
    for (int minute = 0; minute < 5; ++minute)
        ASSERT_TRUE(log.insert(makeEntry(minute, u"gelato"_s, 200, u"https://x.example/"_s)).ok());
    ApiLogEntry undated = makeEntry(5, u"gelato"_s, 200, u"https://x.example/"_s);
    undated.time = QDateTime(); // stamped with the clock's now
    clock.advance(10 * 60);
    const qint64 id = *log.insert(undated);
    EXPECT_EQ(log.get(id)->time, start.addSecs(10 * 60));

    clock.set(start.addDays(7).addSecs(2 * 60)); // a week after minute 2
    EXPECT_EQ(*log.deleteOlderThanDays(7), 2) << "minutes 0 and 1 are older than a week; 2 is exactly";
    clock.advance(1);
    EXPECT_EQ(*log.deleteOlderThanDays(7), 1);
    EXPECT_EQ(durations(*log.list({})), QList<qint64>({5, 4, 3}));
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(ApiLogRepositoryTest);
