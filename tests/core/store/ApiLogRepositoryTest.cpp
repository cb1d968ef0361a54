// ApiLogRepository on SQLite and PostgreSQL: every field round-trips; filters, pages and cleanup.
#include "core/store/ApiLogRepository.h"

#include "tests/core/store/QtPrinters.h"
#include "tests/support/TestClock.h"
#include "tests/support/database/TestDatabase.h"

#include <QTimeZone>
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
    query.offset = 2;
    EXPECT_EQ(durations(*log.list(query)), QList<qint64>({1}));
    EXPECT_EQ(*log.count(query), 3);
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
