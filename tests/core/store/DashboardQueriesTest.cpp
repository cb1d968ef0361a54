// DashboardQueries on SQLite and PostgreSQL: every figure against rows inserted through the
// repositories, days cut at local midnights, and a change marker that moves when the data does.
#include "core/store/DashboardQueries.h"

#include "core/store/ApiLogRepository.h"
#include "core/store/ProductBatchRepository.h"
#include "core/store/SalesOrderRepository.h"
#include "core/store/WebhookQueueRepository.h"
#include "tests/core/store/QtPrinters.h"
#include "tests/support/database/TestDatabase.h"

#include <QTimeZone>
#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

namespace {

// Mid-afternoon local time: the range's last day is 3 June.
const QDateTime now(QDate(2026, 6, 3), QTime(15, 30));

} // namespace

class DashboardQueriesTest : public DatabaseTest
{
protected:
    void addOrder(const QString &state)
    {
        SalesOrder order;
        order.reference = u"R-%1"_s.arg(++m_orders);
        order.state = state;
        ASSERT_TRUE(SalesOrderRepository(db()).create(order).ok());
    }

    void addWebhook(const QDateTime &received, WebhookQueueItem::State state)
    {
        WebhookQueueItem item;
        item.source = u"gelato"_s;
        item.event = u"order_status_updated"_s;
        item.eventId = u"e-%1"_s.arg(++m_webhooks);
        item.body = "{}";
        item.receivedAt = received;
        WebhookQueueRepository queue(db());
        const auto inserted = queue.insert(item);
        ASSERT_TRUE(inserted.ok()) << inserted.error().toStdString();
        if (state == WebhookQueueItem::State::Pending)
            return;
        auto stored = queue.get(inserted->id);
        ASSERT_TRUE(stored.ok());
        stored->state = state;
        ASSERT_TRUE(queue.update(*stored).ok());
    }

    void addCall(const QDateTime &at, const QString &service, int status)
    {
        ApiLogEntry entry;
        entry.time = at;
        entry.service = service;
        entry.method = "GET";
        entry.url = u"https://example.invalid/"_s;
        entry.status = status;
        ASSERT_TRUE(ApiLogRepository(db()).insert(entry).ok());
    }

    qint64 addBatch(const QString &status)
    {
        ProductBatch batch;
        batch.status = status;
        const auto id = ProductBatchRepository(db()).create(batch);
        EXPECT_TRUE(id.ok());
        return id.ok() ? *id : 0;
    }

    int m_orders = 0;
    int m_webhooks = 0;
};

TEST(DayRange, LastDaysEndWithTodayAndCutAtLocalMidnights)
{
    const DayRange range = DayRange::lastDays(now, 14);
    ASSERT_EQ(range.days.size(), 14);
    ASSERT_EQ(range.boundaries.size(), 15);
    EXPECT_EQ(range.days.first(), QDate(2026, 5, 21));
    EXPECT_EQ(range.days.last(), QDate(2026, 6, 3));
    for (int i = 0; i < range.days.size(); ++i)
        EXPECT_EQ(range.boundaries.at(i), range.days.at(i).startOfDay()) << i;
    EXPECT_EQ(range.end(), QDate(2026, 6, 4).startOfDay());
}

TEST_P(DashboardQueriesTest, EmptyDatabaseCountsNothing)
{
    DashboardQueries queries(db());
    const auto orders = queries.ordersByState();
    ASSERT_TRUE(orders.ok()) << orders.error().toStdString();
    EXPECT_TRUE(orders->isEmpty());
    const auto batches = queries.batchesByState();
    ASSERT_TRUE(batches.ok()) << batches.error().toStdString();
    EXPECT_TRUE(batches->isEmpty());
    const auto webhooks = queries.webhooksByStateAndDay(DayRange::lastDays(now, 14));
    ASSERT_TRUE(webhooks.ok()) << webhooks.error().toStdString();
    EXPECT_EQ(webhooks->days.size(), 14);
    EXPECT_EQ(webhooks->total(), 0);
    const auto errors = queries.apiErrorsByServiceAndDay(DayRange::lastDays(now, 14));
    ASSERT_TRUE(errors.ok()) << errors.error().toStdString();
    EXPECT_EQ(errors->total(), 0);
}

TEST_P(DashboardQueriesTest, OrdersAreCountedByState)
{
    for (const QString &state : {u"draft"_s, u"draft"_s, u"draft"_s, u"sent"_s, u"sent"_s, u"failed"_s})
        addOrder(state);
    const auto counts = DashboardQueries(db()).ordersByState();
    ASSERT_TRUE(counts.ok()) << counts.error().toStdString();
    EXPECT_EQ(*counts, (QMap<QString, qint64> {{u"draft"_s, 3}, {u"sent"_s, 2}, {u"failed"_s, 1}}));
}

TEST_P(DashboardQueriesTest, WebhooksAreCountedByStateAndLocalDay)
{
    using State = WebhookQueueItem::State;
    const DayRange range = DayRange::lastDays(now, 14);
    addWebhook(range.start(), State::Done); // the first instant of the first day counts
    addWebhook(range.start().addMSecs(-1), State::Done); // the day before does not
    addWebhook(range.boundaries.at(5).addSecs(12 * 3600), State::Failed);
    addWebhook(range.boundaries.at(5).addSecs(13 * 3600), State::Failed);
    addWebhook(range.boundaries.at(6).addMSecs(-1), State::Ignored); // still day 5
    addWebhook(range.end().addMSecs(-1), State::Pending); // the last instant of today
    addWebhook(range.end(), State::Done); // tomorrow does not count

    const auto counts = DashboardQueries(db()).webhooksByStateAndDay(range);
    ASSERT_TRUE(counts.ok()) << counts.error().toStdString();
    EXPECT_EQ(counts->days, range.days);
    EXPECT_EQ(counts->series.keys(), (QList<QString> {u"Done"_s, u"Failed"_s, u"Ignored"_s, u"Pending"_s}));
    QList<qint64> done(14, 0), failed(14, 0), ignored(14, 0), pending(14, 0);
    done[0] = 1;
    failed[5] = 2;
    ignored[5] = 1;
    pending[13] = 1;
    EXPECT_EQ(counts->series.value(u"Done"_s), done);
    EXPECT_EQ(counts->series.value(u"Failed"_s), failed);
    EXPECT_EQ(counts->series.value(u"Ignored"_s), ignored);
    EXPECT_EQ(counts->series.value(u"Pending"_s), pending);
    EXPECT_EQ(counts->total(), 5);
    EXPECT_EQ(counts->total(u"Failed"_s), 2);
}

TEST_P(DashboardQueriesTest, ApiErrorsAreFailedOr4xxOr5xxCallsByServiceAndDay)
{
    const DayRange range = DayRange::lastDays(now, 14);
    const QDateTime day2 = range.boundaries.at(2).addSecs(3600);
    const QDateTime today = range.boundaries.at(13).addSecs(3600);
    addCall(day2, u"gelato"_s, 200); // answered: no error
    addCall(day2, u"gelato"_s, 302);
    addCall(day2, u"gelato"_s, 404);
    addCall(day2, u"gelato"_s, 0); // no answer
    addCall(today, u"gelato"_s, 429);
    addCall(today, u"poleepo"_s, 500);
    addCall(today, u"poleepo"_s, 503);
    addCall(today, u"poleepo"_s, 201);
    addCall(range.start().addSecs(-60), u"poleepo"_s, 500); // before the range

    const auto counts = DashboardQueries(db()).apiErrorsByServiceAndDay(range);
    ASSERT_TRUE(counts.ok()) << counts.error().toStdString();
    QList<qint64> gelato(14, 0), poleepo(14, 0);
    gelato[2] = 2;
    gelato[13] = 1;
    poleepo[13] = 2;
    EXPECT_EQ(counts->series,
              (QMap<QString, QList<qint64>> {{u"gelato"_s, gelato}, {u"poleepo"_s, poleepo}}));
    EXPECT_EQ(counts->total(), 5);
}

TEST_P(DashboardQueriesTest, BatchesAreCountedByState)
{
    for (const QString &status : {u"new"_s, u"PENDING"_s, u"COMPLETED"_s, u"COMPLETED"_s, u"FAILED"_s})
        addBatch(status);
    const auto counts = DashboardQueries(db()).batchesByState();
    ASSERT_TRUE(counts.ok()) << counts.error().toStdString();
    EXPECT_EQ(*counts,
              (QMap<QString, qint64> {
                      {u"new"_s, 1}, {u"PENDING"_s, 1}, {u"COMPLETED"_s, 2}, {u"FAILED"_s, 1}}));
}

TEST_P(DashboardQueriesTest, ChangeMarkerMovesWhenAFigureMayHaveChanged)
{
    DashboardQueries queries(db());
    auto marker = [&queries] {
        auto read = queries.changeMarker();
        EXPECT_TRUE(read.ok()) << read.error().toStdString();
        return read.ok() ? *read : DashboardQueries::ChangeMarker();
    };
    DashboardQueries::ChangeMarker last = marker();
    EXPECT_EQ(last, DashboardQueries::ChangeMarker());
    EXPECT_EQ(marker(), last); // reading changes nothing

    const auto expectMoved = [&](const char *what) {
        const DashboardQueries::ChangeMarker next = marker();
        EXPECT_NE(next, last) << what;
        last = next;
    };
    addOrder(u"draft"_s);
    expectMoved("a new order");
    addWebhook(now, WebhookQueueItem::State::Pending);
    expectMoved("a new webhook call");

    WebhookQueueRepository queue(db());
    auto call = queue.get(last.lastWebhook);
    ASSERT_TRUE(call.ok());
    call->state = WebhookQueueItem::State::Done;
    ASSERT_TRUE(queue.update(*call).ok());
    expectMoved("a call processed");
    call->state = WebhookQueueItem::State::Failed;
    ASSERT_TRUE(queue.update(*call).ok());
    expectMoved("a call failed");

    addCall(now, u"gelato"_s, 500);
    expectMoved("a new API call");
    const qint64 batchId = addBatch(u"new"_s);
    expectMoved("a new batch");
    ProductBatchRepository batches(db());
    auto batch = batches.get(batchId);
    ASSERT_TRUE(batch.ok());
    batch->status = u"PENDING"_s;
    ASSERT_TRUE(batches.update(*batch).ok());
    expectMoved("a batch submitted");
    batch->pollCount = 1;
    batch->processed = 3;
    ASSERT_TRUE(batches.update(*batch).ok());
    expectMoved("a batch polled");
    batch->status = u"COMPLETED"_s;
    ASSERT_TRUE(batches.update(*batch).ok());
    expectMoved("a batch completed");
    EXPECT_EQ(marker(), last);
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(DashboardQueriesTest);
