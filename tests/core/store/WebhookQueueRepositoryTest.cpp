// WebhookQueueRepository on SQLite and PostgreSQL: durable insert with de-duplication, filters,
// claiming (also by two "processes" at once), retry and clean-up.
#include "core/store/WebhookQueueRepository.h"

#include "tests/core/store/QtPrinters.h"
#include "tests/support/TestClock.h"
#include "tests/support/database/TestDatabase.h"

#include <QMutex>
#include <QSet>
#include <QThread>
#include <QTimeZone>
#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

namespace {

using State = WebhookQueueItem::State;

WebhookQueueItem makeItem(const QString &source, const QString &event, const QString &eventId)
{
    WebhookQueueItem item;
    item.source = source;
    item.event = event;
    item.eventId = eventId;
    item.body
            = QByteArray(R"({"id":")") + eventId.toUtf8() + QByteArray(R"(","orderId":"o-1","x":"\u00e8"})");
    item.headers = u"Content-Type: application/json\nsignature: [redacted]"_s;
    item.receivedAt = QDateTime(QDate(2026, 2, 1), QTime(12, 0), QTimeZone::utc());
    return item;
}

const QDateTime now(QDate(2026, 2, 1), QTime(13, 0), QTimeZone::utc());

} // namespace

class WebhookQueueRepositoryTest : public DatabaseTest
{
};

TEST_P(WebhookQueueRepositoryTest, InsertStoresTheCallAndRefusesTheSameEventTwice)
{
    WebhookQueueRepository queue(db());
    const auto first = queue.insert(makeItem(u"gelato"_s, u"order_status_updated"_s, u"evt-1"_s));
    ASSERT_TRUE(first.ok()) << first.error().toStdString();
    EXPECT_FALSE(first->duplicate);
    EXPECT_GT(first->id, 0);

    const auto again = queue.insert(makeItem(u"gelato"_s, u"order_status_updated"_s, u"evt-1"_s));
    ASSERT_TRUE(again.ok()) << again.error().toStdString();
    EXPECT_TRUE(again->duplicate);
    EXPECT_EQ(again->id, 0);

    // Same id from another source, or calls without an id, are not duplicates.
    EXPECT_FALSE(queue.insert(makeItem(u"poleepo"_s, u"STATUS_ORDER"_s, u"evt-1"_s))->duplicate);
    EXPECT_FALSE(queue.insert(makeItem(u"gelato"_s, u"order_status_updated"_s, {}))->duplicate);
    EXPECT_FALSE(queue.insert(makeItem(u"gelato"_s, u"order_status_updated"_s, {}))->duplicate);
    EXPECT_EQ(queue.list({})->size(), 4);

    const auto stored = queue.get(first->id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->body, makeItem(u"gelato"_s, {}, u"evt-1"_s).body);
    EXPECT_EQ(stored->headers, u"Content-Type: application/json\nsignature: [redacted]"_s);
    EXPECT_EQ(stored->state, State::Pending);
    EXPECT_EQ(stored->attempts, 0);
    EXPECT_EQ(stored->receivedAt, makeItem({}, {}, {}).receivedAt);
    EXPECT_FALSE(stored->nextAttemptAt.isValid());

    const auto missing = queue.get(first->id + 100);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error(), u"no webhook with id %1 in the queue"_s.arg(first->id + 100));
}

TEST_P(WebhookQueueRepositoryTest, BinaryBodyIsKeptByteForByte)
{
    WebhookQueueRepository queue(db());
    WebhookQueueItem item = makeItem(u"gelato"_s, u"order_status_updated"_s, u"bin"_s);
    item.body = QByteArray("\x00\xff\xfe{not json\x00}", 13);
    const qint64 id = queue.insert(item)->id;
    EXPECT_EQ(queue.get(id)->body, item.body);
}

TEST_P(WebhookQueueRepositoryTest, ClaimUpdateRequeueAndCleanUp)
{
    WebhookQueueRepository queue(db());
    const qint64 a = queue.insert(makeItem(u"gelato"_s, u"order_status_updated"_s, u"a"_s))->id;
    const qint64 b = queue.insert(makeItem(u"gelato"_s, u"order_item_status_updated"_s, u"b"_s))->id;

    auto claimed = queue.claimNext(u"host:1"_s, now);
    ASSERT_TRUE(claimed.ok()) << claimed.error().toStdString();
    ASSERT_TRUE(claimed->has_value());
    WebhookQueueItem item = **claimed;
    EXPECT_EQ(item.id, a);
    EXPECT_EQ(item.state, State::Processing);
    EXPECT_EQ(item.attempts, 1);
    EXPECT_EQ(item.claimedBy, u"host:1"_s);
    EXPECT_EQ(item.claimedAt, now);

    // It failed: retry in five minutes. The other one is claimed meanwhile.
    item.state = State::Pending;
    item.lastError = u"Gelato answered 502"_s;
    item.nextAttemptAt = now.addSecs(300);
    item.claimedBy.clear();
    item.claimedAt = {};
    ASSERT_TRUE(queue.update(item).ok());
    EXPECT_EQ((*queue.claimNext(u"host:1"_s, now))->id, b);
    EXPECT_FALSE(queue.claimNext(u"host:1"_s, now)->has_value()); // a is not due yet
    auto later = queue.claimNext(u"host:1"_s, now.addSecs(301));
    ASSERT_TRUE(later->has_value());
    EXPECT_EQ((*later)->id, a);
    EXPECT_EQ((*later)->attempts, 2);
    EXPECT_EQ((*later)->lastError, u"Gelato answered 502"_s);

    item = **later;
    item.state = State::Failed;
    ASSERT_TRUE(queue.update(item).ok());
    WebhookQueueItem done = *queue.get(b);
    done.state = State::Done;
    done.processedAt = now;
    done.note = u"order 12 shipped"_s;
    ASSERT_TRUE(queue.update(done).ok());

    const auto counts = queue.countByState();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->value(State::Failed), 1);
    EXPECT_EQ(counts->value(State::Done), 1);
    EXPECT_EQ(counts->value(State::Pending), 0);
    EXPECT_EQ(*queue.countInState(State::Failed), 1);
    EXPECT_EQ(*queue.countInState(State::Done), 1);
    EXPECT_EQ(*queue.countInState(State::Pending), 0);

    EXPECT_EQ(*queue.requeue({a}), 1);
    const WebhookQueueItem retried = *queue.get(a);
    EXPECT_EQ(retried.state, State::Pending);
    EXPECT_FALSE(retried.nextAttemptAt.isValid());
    EXPECT_EQ(retried.attempts, 2);

    EXPECT_EQ(*queue.deleteProcessedOlderThan(now), 0);
    EXPECT_EQ(*queue.deleteProcessedOlderThan(now.addSecs(1)), 1);
    EXPECT_FALSE(queue.get(b).ok());
    EXPECT_TRUE(queue.get(a).ok());
}

TEST_P(WebhookQueueRepositoryTest, ListFiltersByStateSourceEventAndText)
{
    WebhookQueueRepository queue(db());
    for (int i = 0; i < 5; ++i)
        ASSERT_TRUE(queue.insert(makeItem(u"gelato"_s, u"order_status_updated"_s, u"g-%1"_s.arg(i))).ok());
    WebhookQueueItem poleepo = makeItem(u"poleepo"_s, u"STATUS_SHIPMENT"_s, u"p-1"_s);
    poleepo.recordName = u"odoo_hook"_s;
    const qint64 poleepoId = queue.insert(poleepo)->id;
    WebhookQueueItem failed = *queue.get(poleepoId);
    failed.state = State::Failed;
    failed.lastError = u"shipping 77 not found"_s;
    ASSERT_TRUE(queue.update(failed).ok());

    WebhookQueueRepository::Query query;
    query.state = State::Failed;
    auto rows = *queue.list(query);
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows[0].id, poleepoId);
    EXPECT_EQ(rows[0].recordName, u"odoo_hook"_s);

    query = {};
    query.source = u"gelato"_s;
    query.limit = 2;
    rows = *queue.list(query);
    ASSERT_EQ(rows.size(), 2);
    EXPECT_EQ(rows[0].eventId, u"g-4"_s); // newest first
    EXPECT_EQ(rows[1].eventId, u"g-3"_s);

    query = {};
    query.text = u"NOT FOUND"_s;
    EXPECT_EQ(queue.list(query)->size(), 1);
    query.text = u"g-2"_s;
    EXPECT_EQ(queue.list(query)->size(), 1);
    query = {};
    query.event = u"STATUS_SHIPMENT"_s;
    EXPECT_EQ(queue.list(query)->size(), 1);
}

// The time range is [from, to) on the time received, as the dashboard's days count them, and
// combines with the other filters.
TEST_P(WebhookQueueRepositoryTest, ListFiltersByTheTimeReceived)
{
    WebhookQueueRepository queue(db());
    const QDateTime day(QDate(2026, 2, 1), QTime(0, 0), QTimeZone::utc());
    QList<qint64> ids;
    // 23:59:59.999 the day before, midnight, noon, 23:59:59.999, the next midnight.
    for (const qint64 offsetMs : {-1LL, 0LL, 12 * 3600'000LL, 24 * 3600'000LL - 1, 24 * 3600'000LL}) {
        WebhookQueueItem item = makeItem(u"gelato"_s, u"order_status_updated"_s, u"t%1"_s.arg(offsetMs));
        item.receivedAt = day.addMSecs(offsetMs);
        ids.append(queue.insert(item)->id);
    }
    WebhookQueueItem failed = *queue.get(ids.at(2));
    failed.state = State::Failed;
    ASSERT_TRUE(queue.update(failed).ok());
    const auto listed = [&](const WebhookQueueRepository::Query &query) {
        QList<qint64> result;
        const auto rows = queue.list(query);
        EXPECT_TRUE(rows.ok()) << rows.error().toStdString();
        for (const WebhookQueueItem &item : *rows)
            result.append(item.id);
        return result;
    };

    WebhookQueueRepository::Query query;
    query.from = day;
    query.to = day.addDays(1);
    EXPECT_EQ(listed(query), QList<qint64>({ids.at(3), ids.at(2), ids.at(1)}));
    query.to = QDateTime();
    EXPECT_EQ(listed(query), QList<qint64>({ids.at(4), ids.at(3), ids.at(2), ids.at(1)}));
    query.from = QDateTime();
    query.to = day;
    EXPECT_EQ(listed(query), QList<qint64>({ids.at(0)}));
    query.from = day;
    query.to = day.addDays(1);
    query.state = State::Failed;
    EXPECT_EQ(listed(query), QList<qint64>({ids.at(2)}));
    query.state = State::Done;
    EXPECT_TRUE(listed(query).isEmpty());
    query = {};
    query.from = day.addDays(1).addMSecs(1);
    EXPECT_TRUE(listed(query).isEmpty());
}

TEST_P(WebhookQueueRepositoryTest, TwoProcessesNeverClaimTheSameItem)
{
    WebhookQueueRepository queue(db());
    constexpr int items = 40;
    for (int i = 0; i < items; ++i)
        ASSERT_TRUE(queue.insert(makeItem(u"gelato"_s, u"order_status_updated"_s, u"c-%1"_s.arg(i))).ok());

    // Each worker opens its own Database on the same location, as a second process would.
    QMutex mutex;
    QList<qint64> claimedIds;
    QStringList errors;
    auto worker = [&](const QString &owner) {
        auto database = Database::open(testDatabase().location());
        if (!database) {
            QMutexLocker lock(&mutex);
            errors.append(database.error());
            return;
        }
        WebhookQueueRepository mine(**database);
        for (;;) {
            auto claimed = mine.claimNext(owner, now);
            QMutexLocker lock(&mutex);
            if (!claimed) {
                errors.append(claimed.error());
                return;
            }
            if (!claimed->has_value())
                return;
            claimedIds.append((*claimed)->id);
        }
    };
    QThread *one = QThread::create(worker, u"one"_s);
    QThread *two = QThread::create(worker, u"two"_s);
    one->start();
    two->start();
    ASSERT_TRUE(one->wait(30000));
    ASSERT_TRUE(two->wait(30000));
    delete one;
    delete two;

    EXPECT_TRUE(errors.isEmpty()) << errors.join(u'\n').toStdString();
    EXPECT_EQ(claimedIds.size(), items);
    EXPECT_EQ(QSet<qint64>(claimedIds.cbegin(), claimedIds.cend()).size(), items);
    WebhookQueueRepository::Query processing;
    processing.state = State::Processing;
    EXPECT_EQ(queue.list(processing)->size(), items);
}

TEST_P(WebhookQueueRepositoryTest, RetentionCountsDaysFromTheDatabaseClock)
{
    TestClock clock(now);
    db().setClock(&clock);
    WebhookQueueRepository queue(db());
    WebhookQueueItem undated = makeItem(u"gelato"_s, u"order_status_updated"_s, u"a"_s);
    undated.receivedAt = QDateTime(); // received now, by the clock
    const qint64 a = queue.insert(undated)->id;
    EXPECT_EQ(queue.get(a)->receivedAt, now);
    const qint64 b = queue.insert(makeItem(u"gelato"_s, u"order_status_updated"_s, u"b"_s))->id;
    for (const qint64 id : {a, b}) {
        WebhookQueueItem item = *queue.get(id);
        item.state = id == a ? State::Done : State::Failed;
        item.processedAt = now;
        ASSERT_TRUE(queue.update(item).ok());
    }

    clock.advance(30 * 24 * 3600);
    EXPECT_EQ(*queue.deleteProcessedOlderThanDays(30), 0) << "exactly 30 days old is kept";
    clock.advance(1);
    EXPECT_EQ(*queue.deleteProcessedOlderThanDays(30), 1);
    EXPECT_FALSE(queue.get(a).ok());
    EXPECT_TRUE(queue.get(b).ok()) << "a Failed item is never cleaned up";
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(WebhookQueueRepositoryTest);
