// The queue's processing on both engines: dispatch by source and event, Done / Ignored / retried /
// Failed, abandoned claims taken back, two processes never handling one row, the intake's nudge.
#include "core/webhooks/WebhookProcessor.h"

#include "core/messages/MessageText.h"
#include "core/store/WebhookRecordRepository.h"
#include "tests/core/webhooks/WebhookTestBase.h"

#include <QDeadlineTimer>
#include <QMutex>
#include <QSemaphore>
#include <QSignalSpy>
#include <QThread>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class WebhookProcessorTest : public WebhookTestBase
{
protected:
    void SetUp() override
    {
        WebhookTestBase::SetUp();
        if (!HasFatalFailure())
            db().setClock(&clock);
    }

    qint64 enqueue(const QString &event, const QString &eventId, const QString &source = u"gelato"_s)
    {
        WebhookQueueItem item;
        item.source = source;
        item.event = event;
        item.eventId = eventId;
        item.body = R"({"id":")" + eventId.toUtf8() + R"(","event":")" + event.toUtf8() + "\"}";
        const auto inserted = WebhookQueueRepository(db()).insert(item);
        EXPECT_TRUE(inserted.ok()) << qPrintable(inserted.error());
        return inserted.ok() ? inserted->id : 0;
    }

    WebhookQueueItem item(qint64 id)
    {
        const auto found = WebhookQueueRepository(db()).get(id);
        EXPECT_TRUE(found.ok()) << qPrintable(found.error());
        return found.ok() ? *found : WebhookQueueItem();
    }
};

TEST_P(WebhookProcessorTest, EachRowGoesToTheHandlerOfItsSourceAndEvent)
{
    WebhookProcessor processor(db());
    QStringList seen;
    processor.registerHandler(u"gelato"_s, u"order_status_updated"_s, [&seen](const WebhookQueueItem &item) {
        seen.append(item.eventId);
        return Result<WebhookOutcome>(WebhookOutcome::done(u"status applied"_s));
    });
    processor.registerHandler(u"gelato"_s, u"store_product_created"_s, [](const WebhookQueueItem &) {
        return Result<WebhookOutcome>(WebhookOutcome::ignore(u"store products are not used"_s));
    });
    const qint64 status = enqueue(u"order_status_updated"_s, u"os_1"_s);
    const qint64 product = enqueue(u"store_product_created"_s, u"spc_1"_s);
    const qint64 unknown = enqueue(u"something_new"_s, u"x_1"_s);
    const qint64 poleepo = enqueue(u"order_status_updated"_s, u"p_1"_s, u"poleepo"_s);

    const auto summary = processor.processDue();

    ASSERT_TRUE(summary.ok()) << qPrintable(summary.error());
    EXPECT_EQ(summary->done, 1);
    EXPECT_EQ(summary->ignored, 3);
    EXPECT_EQ(seen, QStringList {u"os_1"_s});
    EXPECT_EQ(item(status).state, WebhookQueueItem::State::Done);
    EXPECT_EQ(MessageText::renderStored(item(status).note), u"status applied"_s);
    EXPECT_EQ(item(status).processedAt, clock.now());
    EXPECT_EQ(item(product).state, WebhookQueueItem::State::Ignored);
    EXPECT_EQ(MessageText::renderStored(item(product).note), u"store products are not used"_s);
    EXPECT_EQ(item(unknown).state, WebhookQueueItem::State::Ignored);
    EXPECT_EQ(MessageText::renderStored(item(unknown).note),
              u"no handler for the gelato event something_new"_s);
    EXPECT_EQ(item(poleepo).state, WebhookQueueItem::State::Ignored);
    EXPECT_EQ(processor.processDue()->total(), 0);
}

TEST_P(WebhookProcessorTest, AnErrorIsRetriedWithBackoffAndFinallyFailed)
{
    WebhookProcessor processor(db());
    int calls = 0;
    processor.registerHandler(u"gelato"_s, u"order_status_updated"_s, [&calls](const WebhookQueueItem &) {
        ++calls;
        return Result<WebhookOutcome>(makeError(u"order 12: the database is busy"_s));
    });
    QSignalSpy failures(&processor, &WebhookProcessor::itemFailed);
    const qint64 id = enqueue(u"order_status_updated"_s, u"os_1"_s);

    const QDateTime start = clock.now();
    ASSERT_EQ(processor.processDue()->retried, 1);
    WebhookQueueItem first = item(id);
    EXPECT_EQ(first.state, WebhookQueueItem::State::Pending);
    EXPECT_EQ(first.attempts, 1);
    EXPECT_EQ(first.lastError, u"order 12: the database is busy"_s);
    EXPECT_EQ(first.nextAttemptAt, start.addSecs(30));
    // Not due yet: nothing happens.
    EXPECT_EQ(processor.processDue()->total(), 0);
    EXPECT_EQ(calls, 1);

    // Each retry comes due exactly when its backoff (30 s, 1 min, 2 min, 4 min) has passed.
    for (int attempt = 2; attempt <= WebhookProcessor::maxAttempts; ++attempt) {
        const qint64 backoff = 30LL << (attempt - 2);
        clock.advance(backoff - 1);
        EXPECT_EQ(processor.processDue()->total(), 0) << "attempt " << attempt << " one second early";
        clock.advance(1);
        ASSERT_EQ(processor.processDue()->total(), 1) << "attempt " << attempt << " on time";
        EXPECT_EQ(calls, attempt);
        if (attempt < WebhookProcessor::maxAttempts) {
            EXPECT_EQ(item(id).nextAttemptAt, clock.now().addSecs(backoff * 2));
        }
    }

    const WebhookQueueItem last = item(id);
    EXPECT_EQ(last.state, WebhookQueueItem::State::Failed);
    EXPECT_EQ(last.attempts, WebhookProcessor::maxAttempts);
    EXPECT_EQ(last.lastError, u"order 12: the database is busy"_s);
    EXPECT_EQ(last.processedAt, start.addSecs(30 + 60 + 120 + 240));
    EXPECT_EQ(calls, WebhookProcessor::maxAttempts);
    clock.advance(24 * 3600);
    EXPECT_EQ(processor.processDue()->total(), 0) << "a Failed row is never retried on its own";
    ASSERT_EQ(failures.size(), 1);
    EXPECT_EQ(failures[0][0].toLongLong(), id);
}

TEST_P(WebhookProcessorTest, BackoffDoublesFromThirtySeconds)
{
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1000000, Qt::UTC);
    EXPECT_EQ(WebhookProcessor::nextAttemptAfter(1, now), now.addSecs(30));
    EXPECT_EQ(WebhookProcessor::nextAttemptAfter(2, now), now.addSecs(60));
    EXPECT_EQ(WebhookProcessor::nextAttemptAfter(4, now), now.addSecs(240));
}

TEST_P(WebhookProcessorTest, RowsLeftInProcessingReturnToPendingAtStart)
{
    const qint64 id = enqueue(u"order_status_updated"_s, u"os_1"_s);
    const auto claimed = WebhookQueueRepository(db()).claimNext(u"crashed:1"_s, clock.now());
    ASSERT_TRUE(claimed.ok() && claimed->has_value());
    ASSERT_EQ(item(id).state, WebhookQueueItem::State::Processing);

    WebhookProcessor processor(db());
    // On a shared database a fresh claim may belong to a live process: it is left alone until it
    // is older than staleAfterSeconds.
    EXPECT_EQ(*processor.recoverAbandoned(true, 600), 0);
    clock.advance(600);
    EXPECT_EQ(*processor.recoverAbandoned(true, 600), 0) << "exactly 600 s old is not yet stale";
    EXPECT_EQ(item(id).state, WebhookQueueItem::State::Processing);
    clock.advance(1);
    EXPECT_EQ(*processor.recoverAbandoned(true, 600), 1);

    EXPECT_EQ(item(id).state, WebhookQueueItem::State::Pending);
    EXPECT_TRUE(item(id).claimedBy.isEmpty());
    EXPECT_EQ(processor.processDue()->ignored, 1);
}

TEST_P(WebhookProcessorTest, OnItsOwnDatabaseEveryClaimIsTakenBackAtOnce)
{
    const qint64 id = enqueue(u"order_status_updated"_s, u"os_1"_s);
    ASSERT_TRUE(WebhookQueueRepository(db()).claimNext(u"crashed:1"_s, clock.now())->has_value());

    WebhookProcessor processor(db());
    EXPECT_EQ(*processor.recoverAbandoned(false), 1) << "no time has passed, yet nobody else can hold it";
    EXPECT_EQ(item(id).state, WebhookQueueItem::State::Pending);
}

TEST_P(WebhookProcessorTest, TwoProcessesNeverHandleTheSameRow)
{
    for (int i = 0; i < 20; ++i)
        enqueue(u"order_status_updated"_s, u"os_"_s + QString::number(i));
    auto otherDatabase = Database::open(testDatabase().location());
    ASSERT_TRUE(otherDatabase.ok()) << qPrintable(otherDatabase.error());
    WebhookProcessor first(db());
    WebhookProcessor second(**otherDatabase);
    QStringList handled;
    const auto handler = [&handled](const WebhookQueueItem &item) {
        handled.append(item.eventId);
        return Result<WebhookOutcome>(WebhookOutcome::done());
    };
    first.registerHandler(u"gelato"_s, u"order_status_updated"_s, handler);
    second.registerHandler(u"gelato"_s, u"order_status_updated"_s, handler);

    // Interleaved, one row at a time, as two processes would be.
    int total = 0;
    for (int round = 0; round < 15; ++round) {
        total += first.processDue(1)->total();
        total += second.processDue(1)->total();
    }

    EXPECT_EQ(total, 20);
    EXPECT_EQ(handled.size(), 20);
    EXPECT_EQ(QSet<QString>(handled.cbegin(), handled.cend()).size(), 20);
}

// A batch is taken inside the transaction that applies it: while one process is applying its
// batch, another one running at the same time (its own thread and connection) handles only the
// rows the first did not take, never one of the first's, and each row is handled once. On
// PostgreSQL the second one goes past the first's rows at once (SKIP LOCKED); on SQLite it waits for
// the write lock and takes the rest when the first has committed.
TEST_P(WebhookProcessorTest, AProcessRunningBesideABatchTakesOnlyTheRowsLeft)
{
    for (int i = 0; i < 5; ++i)
        enqueue(u"order_status_updated"_s, u"os_"_s + QString::number(i));
    QMutex mutex;
    QStringList handledByFirst, handledBySecond;
    std::unique_ptr<QThread> second;
    QSemaphore secondDone;
    WebhookProcessor first(db());
    first.registerHandler(u"gelato"_s, u"order_status_updated"_s, [&](const WebhookQueueItem &item) {
        {
            QMutexLocker locker(&mutex);
            handledByFirst.append(item.eventId);
        }
        if (!second) {
            second.reset(QThread::create([&] {
                WebhookProcessor other(db());
                other.registerHandler(u"gelato"_s, u"order_status_updated"_s, [&](const WebhookQueueItem &row) {
                    QMutexLocker locker(&mutex);
                    handledBySecond.append(row.eventId);
                    return Result<WebhookOutcome>(WebhookOutcome::done());
                });
                const auto summary = other.processDue();
                EXPECT_TRUE(summary.ok()) << qPrintable(summary.error());
                EXPECT_EQ(summary.ok() ? summary->done : -1, 3);
                secondDone.release();
            }));
            second->start();
            // PostgreSQL: the other process is done before this batch is; SQLite: it waits.
            const bool doneMeanwhile = secondDone.tryAcquire(1, 10'000 * (GetParam() == Backend::PostgreSql));
            EXPECT_EQ(doneMeanwhile, GetParam() == Backend::PostgreSql);
            if (doneMeanwhile)
                secondDone.release();
        }
        return Result<WebhookOutcome>(WebhookOutcome::done());
    });

    const auto summary = first.processDue(2);
    ASSERT_TRUE(summary.ok()) << qPrintable(summary.error());
    EXPECT_EQ(summary->done, 2);
    ASSERT_TRUE(second);
    EXPECT_TRUE(second->wait(QDeadlineTimer(20'000)));

    EXPECT_EQ(handledByFirst, (QStringList {u"os_0"_s, u"os_1"_s}));
    EXPECT_EQ(handledBySecond, (QStringList {u"os_2"_s, u"os_3"_s, u"os_4"_s}));
    const auto counts = WebhookQueueRepository(db()).countByState();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->value(WebhookQueueItem::State::Done), 5);
    for (const WebhookQueueItem &row : *WebhookQueueRepository(db()).list({}))
        EXPECT_EQ(row.attempts, 1) << qPrintable(row.eventId);
}

TEST_P(WebhookProcessorTest, TheIntakeNudgesTheProcessorAfterEachCall)
{
    setSecret(u"gelato.webhook-secret"_s, u"s3cret"_s);
    startIntake();
    WebhookProcessor processor(db());
    QObject::connect(intake.get(), &WebhookIntake::queued, &processor, [&processor] { processor.nudge(); });
    processor.registerHandler(u"gelato"_s, u"order_delivery_estimate_updated"_s,
                              [](const WebhookQueueItem &) {
                                  return Result<WebhookOutcome>(WebhookOutcome::done(u"estimate noted"_s));
                              });

    ASSERT_EQ(postGelato(readTestData(u"gelato/webhooks/order_delivery_estimate_updated.json"_s)).status,
              200);

    EXPECT_TRUE(waitUntil([this] {
        const auto items = queued();
        return items.size() == 1 && items[0].state == WebhookQueueItem::State::Done;
    }));
}

TEST_P(WebhookProcessorTest, OneFailingEventOfABatchLosesNothingOfTheOthers)
{
    // Each handler writes to the database (a webhook record named after its event), then the
    // middle one fails: its write is undone, the others' are kept, all in one batch.
    WebhookProcessor processor(db());
    processor.registerHandler(u"gelato"_s, u"order_status_updated"_s, [this](const WebhookQueueItem &item) {
        WebhookRecord record;
        record.name = item.eventId;
        if (auto r = WebhookRecordRepository(db()).create(record); !r)
            return Result<WebhookOutcome>(makeError(r.error()));
        if (item.eventId == u"os_2"_s)
            return Result<WebhookOutcome>(makeError(u"order 2: not today"_s));
        return Result<WebhookOutcome>(WebhookOutcome::done());
    });
    const qint64 first = enqueue(u"order_status_updated"_s, u"os_1"_s);
    const qint64 failing = enqueue(u"order_status_updated"_s, u"os_2"_s);
    const qint64 last = enqueue(u"order_status_updated"_s, u"os_3"_s);

    const auto summary = processor.processDue();

    ASSERT_TRUE(summary.ok()) << qPrintable(summary.error());
    EXPECT_EQ(summary->done, 2);
    EXPECT_EQ(summary->retried, 1);
    EXPECT_EQ(item(first).state, WebhookQueueItem::State::Done);
    EXPECT_EQ(item(failing).state, WebhookQueueItem::State::Pending);
    EXPECT_EQ(item(failing).lastError, u"order 2: not today"_s);
    EXPECT_EQ(item(last).state, WebhookQueueItem::State::Done);
    const auto records = WebhookRecordRepository(db()).list();
    ASSERT_TRUE(records.ok());
    QStringList names;
    for (const WebhookRecord &record : *records)
        names.append(record.name);
    EXPECT_EQ(names, (QStringList {u"os_1"_s, u"os_3"_s}));
}

TEST_P(WebhookProcessorTest, AFailingHandlerRunsOnceAndTheBatchAroundItIsKept)
{
    // A batch is first applied in one go; the failure rolls that pass back and the batch is
    // applied again knowing it: the failed handler is not run a second time, and a second failure
    // after it is kept apart by its own savepoint.
    WebhookProcessor processor(db());
    QHash<QString, int> calls;
    processor.registerHandler(u"gelato"_s, u"order_status_updated"_s, [&](const WebhookQueueItem &item) {
        ++calls[item.eventId];
        WebhookRecord record;
        record.name = item.eventId;
        if (auto r = WebhookRecordRepository(db()).create(record); !r)
            return Result<WebhookOutcome>(makeError(r.error()));
        if (item.eventId == u"os_2"_s)
            return Result<WebhookOutcome>(makeError(u"order 2: not today"_s));
        if (item.eventId == u"os_4"_s)
            return Result<WebhookOutcome>(WebhookOutcome::reject(Message::of(u"webhook.no-handler"_s, {u"x"_s, u"y"_s})));
        return Result<WebhookOutcome>(WebhookOutcome::done());
    });
    QList<qint64> ids;
    for (int i = 1; i <= 5; ++i)
        ids.append(enqueue(u"order_status_updated"_s, u"os_"_s + QString::number(i)));

    const auto summary = processor.processDue();

    ASSERT_TRUE(summary.ok()) << qPrintable(summary.error());
    EXPECT_EQ(summary->done, 3);
    EXPECT_EQ(summary->retried, 1);
    EXPECT_EQ(summary->failed, 1);
    EXPECT_EQ(calls.value(u"os_2"_s), 1);
    EXPECT_EQ(calls.value(u"os_4"_s), 1);
    EXPECT_EQ(calls.value(u"os_5"_s), 1);
    EXPECT_EQ(item(ids[0]).state, WebhookQueueItem::State::Done);
    EXPECT_EQ(item(ids[1]).state, WebhookQueueItem::State::Pending);
    EXPECT_EQ(item(ids[1]).lastError, u"order 2: not today"_s);
    EXPECT_EQ(item(ids[2]).state, WebhookQueueItem::State::Done);
    EXPECT_EQ(item(ids[3]).state, WebhookQueueItem::State::Failed);
    EXPECT_EQ(item(ids[4]).state, WebhookQueueItem::State::Done);
    const auto records = WebhookRecordRepository(db()).list();
    ASSERT_TRUE(records.ok());
    QStringList names;
    for (const WebhookRecord &record : *records)
        names.append(record.name);
    names.sort();
    EXPECT_EQ(names, (QStringList {u"os_1"_s, u"os_3"_s, u"os_5"_s}));
}

TEST_P(WebhookProcessorTest, BacklogsAreClaimedInBatchesInTheOrderTheyArrived)
{
    const int count = WebhookProcessor::batchSize + 7;
    for (int i = 0; i < count; ++i)
        enqueue(u"order_status_updated"_s, u"os_"_s + QString::number(i));
    WebhookProcessor processor(db());
    QStringList handled;
    processor.registerHandler(u"gelato"_s, u"order_status_updated"_s,
                              [&handled](const WebhookQueueItem &item) {
                                  handled.append(item.eventId);
                                  return Result<WebhookOutcome>(WebhookOutcome::done());
                              });

    // A limit smaller than a batch claims no more than asked: the rest stay Pending.
    ASSERT_EQ(processor.processDue(3)->done, 3);
    const auto counts = WebhookQueueRepository(db()).countByState();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->value(WebhookQueueItem::State::Pending), count - 3);
    EXPECT_EQ(counts->value(WebhookQueueItem::State::Processing), 0);

    ASSERT_EQ(processor.processDue()->done, count - 3);
    ASSERT_EQ(handled.size(), count);
    for (int i = 0; i < count; ++i)
        EXPECT_EQ(handled[i], u"os_"_s + QString::number(i));
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(WebhookProcessorTest);

} // namespace
} // namespace Bottega::Test
