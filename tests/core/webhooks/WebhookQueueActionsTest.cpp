// WebhookQueueActions, the queue actions the Webhooks page and `bottega webhook retry|cleanup`
// share: retry by id (an unknown id changes nothing), retry every failed call, clean up processed
// calls past the retention; plus Savepoint, which the processor uses per event. SQLite and PostgreSQL.
#include "core/webhooks/WebhookQueueActions.h"

#include "core/store/Database.h"
#include "core/store/Savepoint.h"
#include "core/store/WebhookQueueRepository.h"
#include "tests/support/database/TestDatabase.h"

#include <QSqlQuery>
#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

namespace {

// Ten days after the calls below were processed.
class FixedClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime(QDate(2026, 3, 11), QTime(12, 0), Qt::UTC); }
};

class WebhookQueueActionsTest : public DatabaseTest
{
protected:
    qint64 add(const QString &eventId, WebhookQueueItem::State state)
    {
        WebhookQueueItem item;
        item.source = u"gelato"_s;
        item.event = u"order_status_updated"_s;
        item.eventId = eventId;
        item.body = "{}";
        const auto inserted = WebhookQueueRepository(db()).insert(item);
        EXPECT_TRUE(inserted.ok());
        item.id = inserted->id;
        if (state != WebhookQueueItem::State::Pending) {
            item.state = state;
            item.processedAt = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
            EXPECT_TRUE(WebhookQueueRepository(db()).update(item).ok());
        }
        return item.id;
    }

    WebhookQueueItem::State state(qint64 id) { return WebhookQueueRepository(db()).get(id)->state; }

    int rows()
    {
        QSqlQuery query(db().connection());
        EXPECT_TRUE(query.exec(u"SELECT COUNT(*) FROM webhook_queue"_s) && query.next());
        return query.value(0).toInt();
    }

    FixedClock clock;
};

TEST_P(WebhookQueueActionsTest, RetryPutsTheNamedCallsBackAndAnUnknownIdChangesNothing)
{
    const qint64 failed = add(u"a"_s, WebhookQueueItem::State::Failed);
    const qint64 done = add(u"b"_s, WebhookQueueItem::State::Done);
    WebhookQueueActions actions(db(), &clock);

    const auto unknown = actions.retry({failed, 9999});
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(unknown.error().contains(u"9999"_s)) << unknown.error().toStdString();
    EXPECT_EQ(state(failed), WebhookQueueItem::State::Failed);

    const auto requeued = actions.retry({failed, done});
    ASSERT_TRUE(requeued.ok()) << requeued.error().toStdString();
    EXPECT_EQ(*requeued, 2);
    EXPECT_EQ(state(failed), WebhookQueueItem::State::Pending);
    EXPECT_EQ(state(done), WebhookQueueItem::State::Pending);
}

TEST_P(WebhookQueueActionsTest, RetryFailedTakesEveryFailedCallAndNothingElse)
{
    const qint64 first = add(u"a"_s, WebhookQueueItem::State::Failed);
    const qint64 second = add(u"b"_s, WebhookQueueItem::State::Failed);
    const qint64 ignored = add(u"c"_s, WebhookQueueItem::State::Ignored);
    const auto requeued = WebhookQueueActions(db(), &clock).retryFailed();
    ASSERT_TRUE(requeued.ok()) << requeued.error().toStdString();
    EXPECT_EQ(*requeued, 2);
    EXPECT_EQ(state(first), WebhookQueueItem::State::Pending);
    EXPECT_EQ(state(second), WebhookQueueItem::State::Pending);
    EXPECT_EQ(state(ignored), WebhookQueueItem::State::Ignored);
}

TEST_P(WebhookQueueActionsTest, CleanupRemovesProcessedCallsOlderThanTheRetentionOnly)
{
    add(u"a"_s, WebhookQueueItem::State::Done);
    add(u"b"_s, WebhookQueueItem::State::Ignored);
    const qint64 failed = add(u"c"_s, WebhookQueueItem::State::Failed);
    add(u"d"_s, WebhookQueueItem::State::Pending);
    WebhookQueueActions actions(db(), &clock);

    auto removed = actions.cleanup(30); // processed 10 days ago: kept
    ASSERT_TRUE(removed.ok()) << removed.error().toStdString();
    EXPECT_EQ(*removed, 0);
    removed = actions.cleanup(7);
    ASSERT_TRUE(removed.ok()) << removed.error().toStdString();
    EXPECT_EQ(*removed, 2);
    EXPECT_EQ(rows(), 2);
    EXPECT_EQ(state(failed), WebhookQueueItem::State::Failed);
}

TEST_P(WebhookQueueActionsTest, CleanupReportsRemovedOfTotalAndAStopBeforeTheFirstChunkRemovesNothing)
{
    add(u"a"_s, WebhookQueueItem::State::Done);
    add(u"b"_s, WebhookQueueItem::State::Ignored);
    add(u"c"_s, WebhookQueueItem::State::Failed);
    WebhookQueueActions actions(db(), &clock);

    auto removed = actions.cleanup(7, [](qint64, qint64) { return false; });
    ASSERT_TRUE(removed.ok()) << removed.error().toStdString();
    EXPECT_EQ(*removed, 0);
    EXPECT_EQ(rows(), 3) << "stopped before the first chunk: nothing removed";

    QList<std::pair<qint64, qint64>> heard;
    removed = actions.cleanup(7, [&heard](qint64 done, qint64 total) {
        heard.append({done, total});
        return true;
    });
    ASSERT_TRUE(removed.ok()) << removed.error().toStdString();
    EXPECT_EQ(*removed, 2);
    EXPECT_EQ(heard, (QList<std::pair<qint64, qint64>>{{0, 2}, {2, 2}}));
    EXPECT_EQ(rows(), 1);
}

TEST_P(WebhookQueueActionsTest, ChunkedDeleteStoppedAfterAChunkKeepsThatChunkDeletedAndTheRestWhole)
{
    for (int i = 0; i < 5; ++i)
        add(u"done-%1"_s.arg(i), WebhookQueueItem::State::Done);
    const qint64 failed = add(u"failed"_s, WebhookQueueItem::State::Failed);
    WebhookQueueRepository queue(db());
    const QDateTime before = clock.now();
    EXPECT_EQ(*queue.countProcessedOlderThan(before), 5);

    QList<qint64> soFar;
    auto deleted = queue.deleteProcessedOlderThan(before, 2, [&soFar](qint64 n) {
        soFar.append(n);
        return false; // stop after the first chunk
    });
    ASSERT_TRUE(deleted.ok()) << deleted.error().toStdString();
    EXPECT_EQ(*deleted, 2);
    EXPECT_EQ(soFar, QList<qint64>({2}));
    EXPECT_EQ(rows(), 4);
    EXPECT_EQ(*queue.countProcessedOlderThan(before), 3);

    soFar.clear();
    deleted = queue.deleteProcessedOlderThan(before, 2, [&soFar](qint64 n) {
        soFar.append(n);
        return true;
    });
    ASSERT_TRUE(deleted.ok());
    EXPECT_EQ(*deleted, 3);
    EXPECT_EQ(soFar, QList<qint64>({2, 3}));
    EXPECT_EQ(rows(), 1);
    EXPECT_EQ(state(failed), WebhookQueueItem::State::Failed);
}

TEST_P(WebhookQueueActionsTest, ASavepointUndoesItsPartAloneAndOneLeftOpenIsRolledBack)
{
    const auto outcome = db().transaction([&](QSqlDatabase &) -> Result<void> {
        add(u"kept"_s, WebhookQueueItem::State::Pending);
        {
            Savepoint undone(db(), u"undone"_s);
            EXPECT_TRUE(undone.begin().ok());
            add(u"undone"_s, WebhookQueueItem::State::Pending);
            EXPECT_TRUE(undone.rollback().ok());
        }
        {
            Savepoint released(db(), u"released"_s);
            EXPECT_TRUE(released.begin().ok());
            add(u"released"_s, WebhookQueueItem::State::Pending);
            EXPECT_TRUE(released.release().ok());
        }
        {
            Savepoint abandoned(db(), u"abandoned"_s);
            EXPECT_TRUE(abandoned.begin().ok());
            add(u"abandoned"_s, WebhookQueueItem::State::Pending);
            EXPECT_TRUE(abandoned.isOpen());
        }
        return {};
    });
    ASSERT_TRUE(outcome.ok()) << outcome.error().toStdString();
    const auto items = WebhookQueueRepository(db()).list({});
    ASSERT_TRUE(items.ok()) << items.error().toStdString();
    QStringList eventIds;
    for (const WebhookQueueItem &item : *items)
        eventIds.append(item.eventId);
    eventIds.sort();
    EXPECT_EQ(eventIds, (QStringList {u"kept"_s, u"released"_s}));
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(WebhookQueueActionsTest);

} // namespace
