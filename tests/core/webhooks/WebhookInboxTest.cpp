// WebhookInbox, the intake's write path (HOOK-3, PERF-1), on SQLite and PostgreSQL: a call is one
// inbox row until moved on into the queue and the API log; repeats are told apart; the API-log
// row's duration runs from receipt to the answer; two processes moving the same inbox move each row
// once; what a crash left in the inbox is moved by the next process.
#include "core/webhooks/WebhookInbox.h"

#include "core/store/ApiLogRepository.h"
#include "core/store/Database.h"
#include "core/store/WebhookQueueRepository.h"
#include "tests/support/TestClock.h"
#include "tests/support/database/TestDatabase.h"

#include <QSqlQuery>
#include <QThread>
#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

namespace {

class WebhookInboxTest : public DatabaseTest
{
protected:
    WebhookInbox::Call call(const QString &eventId) const
    {
        WebhookInbox::Call call;
        call.item.source = u"gelato"_s;
        call.item.event = u"order_status_updated"_s;
        call.item.eventId = eventId;
        call.item.body = R"({"id":")" + eventId.toUtf8() + R"("})";
        call.item.headers = u"signature: [redacted]"_s;
        call.item.receivedAt = clock.now();
        call.log.service = u"webhook"_s;
        call.log.method = "POST";
        call.log.url = u"/gelato/webhook"_s;
        call.log.status = 200;
        call.log.requestSize = call.item.body.size();
        call.log.requestHeaders = call.item.headers;
        call.log.requestBody = call.item.body;
        call.log.responseHeaders = u"Content-Type: application/json"_s;
        call.log.responseBody = R"({"status":"queued"})";
        call.log.responseSize = call.log.responseBody.size();
        return call;
    }

    // A burst from 50 calls a second; paced moves take 10 rows (whole batches) at most that often.
    static WebhookInbox::Pacing burstPacing(int intervalMs)
    {
        WebhookInbox::Pacing pacing;
        pacing.burstRowsPerSecond = 50;
        pacing.burstMoveRows = 10;
        pacing.burstMoveIntervalMs = intervalMs;
        return pacing;
    }

    // Forty calls with ids "<prefix>-0" to "<prefix>-39", stored in one commit.
    void storeForty(WebhookInbox &inbox, const QString &prefix)
    {
        QList<WebhookInbox::Call> calls;
        for (int i = 0; i < 40; ++i)
            calls.append(call(prefix + u'-' + QString::number(i)));
        store(inbox, calls);
    }

    // Stores the calls in one committed transaction, as the intake's writer does.
    QList<WebhookInbox::Outcome> store(WebhookInbox &inbox, const QList<WebhookInbox::Call> &calls)
    {
        const auto outcomes = inbox.commit(calls);
        EXPECT_TRUE(outcomes.ok()) << qPrintable(outcomes.error());
        return outcomes.ok() ? *outcomes : QList<WebhookInbox::Outcome>();
    }

    qint64 count(const QString &table)
    {
        QSqlQuery query(db().connection());
        EXPECT_TRUE(query.exec(u"SELECT COUNT(*) FROM "_s + table) && query.next());
        return query.value(0).toLongLong();
    }

    QList<ApiLogEntry> logRows()
    {
        ApiLogRepository::Query query;
        query.oldestFirst = true;
        const auto rows = ApiLogRepository(db()).list(query);
        EXPECT_TRUE(rows.ok()) << qPrintable(rows.error());
        return rows.ok() ? *rows : QList<ApiLogEntry>();
    }

    TestClock clock;
};

TEST_P(WebhookInboxTest, ACallIsOneInboxRowUntilMovedThenAQueueRowAndAnApiLogRow)
{
    db().setClock(&clock);
    WebhookInbox inbox(db());
    const auto outcomes = store(inbox, {call(u"e-1"_s), call(u"e-2"_s)});
    ASSERT_EQ(outcomes.size(), 2);
    EXPECT_FALSE(outcomes[0].duplicate);
    EXPECT_GT(outcomes[1].id, outcomes[0].id);
    EXPECT_EQ(count(u"webhook_inbox"_s), 2);
    EXPECT_EQ(count(u"webhook_queue"_s), 0);
    EXPECT_TRUE(inbox.hasUnmoved());

    const auto moved = inbox.move();
    ASSERT_TRUE(moved.ok()) << qPrintable(moved.error());
    EXPECT_EQ(*moved, 2);
    EXPECT_FALSE(inbox.hasUnmoved());
    EXPECT_EQ(count(u"webhook_inbox"_s), 0);
    const auto queued = WebhookQueueRepository(db()).list({});
    ASSERT_TRUE(queued.ok());
    ASSERT_EQ(queued->size(), 2);
    for (const WebhookQueueItem &item : *queued) {
        EXPECT_EQ(item.state, WebhookQueueItem::State::Pending);
        EXPECT_EQ(item.receivedAt, clock.now());
        EXPECT_EQ(item.body, R"({"id":")" + item.eventId.toUtf8() + R"("})");
    }
    const QList<ApiLogEntry> rows = logRows();
    ASSERT_EQ(rows.size(), 2);
    EXPECT_EQ(rows[0].direction, ApiLogEntry::Direction::Inbound);
    EXPECT_EQ(rows[0].url, u"/gelato/webhook"_s);
    EXPECT_EQ(rows[0].requestHeaders, u"signature: [redacted]"_s); // the call's own, stored once
    EXPECT_EQ(rows[0].requestBody, R"({"id":"e-1"})");
    EXPECT_EQ(rows[0].responseBody, R"({"status":"queued"})");
    EXPECT_EQ(rows[0].time, clock.now());
}

TEST_P(WebhookInboxTest, RepeatsOfQueuedOrStoredEventsAreToldApartAndNotStored)
{
    WebhookInbox inbox(db());
    store(inbox, {call(u"old"_s)});
    ASSERT_TRUE(inbox.move().ok());

    // Queued before, stored in an earlier batch, repeated within this batch; a call without an id
    // is never a repeat.
    store(inbox, {call(u"kept"_s)});
    WebhookInbox::Call anonymous = call(QString());
    const auto outcomes
            = store(inbox, {call(u"old"_s), call(u"kept"_s), call(u"new"_s), call(u"new"_s), anonymous, anonymous});
    ASSERT_EQ(outcomes.size(), 6);
    EXPECT_TRUE(outcomes[0].duplicate);
    EXPECT_TRUE(outcomes[1].duplicate);
    EXPECT_FALSE(outcomes[2].duplicate);
    EXPECT_TRUE(outcomes[3].duplicate);
    EXPECT_FALSE(outcomes[4].duplicate);
    EXPECT_FALSE(outcomes[5].duplicate);
    EXPECT_EQ(count(u"webhook_inbox"_s), 4); // kept, new and the two without an id

    ASSERT_TRUE(inbox.move().ok());
    EXPECT_EQ(count(u"webhook_queue"_s), 5);
    EXPECT_EQ(count(u"api_log"_s), 5);
}

TEST_P(WebhookInboxTest, TheApiLogDurationRunsFromReceiptToTheAnswerOfEachBatch)
{
    db().setClock(&clock);
    WebhookInbox inbox(db());
    WebhookInbox::Call first = call(u"d-1"_s); // received now, answered 40 ms later
    clock.advanceMs(40);
    store(inbox, {first});
    WebhookInbox::Call second = call(u"d-2"_s); // received now, answered 7 ms later
    WebhookInbox::Call third = call(u"d-3"_s);
    clock.advanceMs(7);
    store(inbox, {second, third});
    clock.advanceMs(500); // the move's own time counts for nothing
    ASSERT_TRUE(inbox.move().ok());

    const QList<ApiLogEntry> rows = logRows();
    ASSERT_EQ(rows.size(), 3);
    EXPECT_EQ(rows[0].durationMs, 40);
    EXPECT_EQ(rows[1].durationMs, 7);
    EXPECT_EQ(rows[2].durationMs, 7);
}

TEST_P(WebhookInboxTest, TwoProcessesMovingTheSameInboxMoveEachRowOnce)
{
    auto other = Database::open(testDatabase().location());
    ASSERT_TRUE(other.ok()) << qPrintable(other.error());
    WebhookInbox mine(db());
    WebhookInbox theirs(**other);
    store(mine, {call(u"p-1"_s)});
    store(theirs, {call(u"p-2"_s)});
    store(mine, {call(u"p-3"_s)});

    const auto movedHere = mine.move(); // takes the other process's row too (an older id)
    ASSERT_TRUE(movedHere.ok()) << qPrintable(movedHere.error());
    const auto movedThere = theirs.move(); // finds its row gone
    ASSERT_TRUE(movedThere.ok()) << qPrintable(movedThere.error());
    EXPECT_EQ(*movedHere + *movedThere, 3);
    EXPECT_EQ(count(u"webhook_inbox"_s), 0);
    EXPECT_EQ(count(u"webhook_queue"_s), 3);
    EXPECT_EQ(count(u"api_log"_s), 3);
}

TEST_P(WebhookInboxTest, RowsACrashLeftAreMovedByTheNextProcess)
{
    {
        WebhookInbox crashed(db());
        store(crashed, {call(u"c-1"_s), call(u"c-2"_s)});
        // ...and the process ends before its move.
    }
    EXPECT_EQ(count(u"webhook_inbox"_s), 2);

    WebhookInbox next(db());
    EXPECT_FALSE(next.hasUnmoved()); // not looked yet
    ASSERT_TRUE(next.findLeftovers().ok());
    EXPECT_TRUE(next.hasUnmoved());
    EXPECT_TRUE(next.moveDue());
    const auto moved = next.move();
    ASSERT_TRUE(moved.ok()) << qPrintable(moved.error());
    EXPECT_EQ(*moved, 2);
    EXPECT_EQ(count(u"webhook_queue"_s), 2);
    for (const ApiLogEntry &row : logRows())
        EXPECT_EQ(row.durationMs, 0); // when they were answered died with the process
}

TEST_P(WebhookInboxTest, AMoveLeavesTheNextCommitsSyncedToDisk)
{
    // On SQLite a move commits without waiting for the disk (the next commit syncs it); the calls'
    // own commits that follow still reach the disk before their answers (synchronous=FULL, HOOK-3).
    // PostgreSQL's setting is never touched.
    const bool sqlite = db().engine() == Database::Engine::Sqlite;
    const auto level = [&] {
        QSqlQuery query(db().connection());
        EXPECT_TRUE(query.exec(sqlite ? u"PRAGMA synchronous"_s : u"SHOW synchronous_commit"_s) && query.next());
        return query.value(0).toString();
    };
    const QString before = level(); // the test cluster's own setting on PostgreSQL
    if (sqlite) {
        EXPECT_EQ(before, u"2"_s); // FULL
    }
    WebhookInbox inbox(db());
    store(inbox, {call(u"s-1"_s)});
    ASSERT_TRUE(inbox.move().ok());
    EXPECT_EQ(level(), before);
    store(inbox, {call(u"s-2"_s)});
    EXPECT_EQ(level(), before);
    EXPECT_EQ(count(u"webhook_queue"_s), 1);
}

TEST_P(WebhookInboxTest, DuringABurstMovesArePacedOldestBatchFirstAndTheRestFollows)
{
    WebhookInbox inbox(db());
    const WebhookInbox::Pacing pacing = burstPacing(300);
    inbox.setPacing(pacing);
    // Three batches of 40 calls, well within a second: a burst.
    for (const QString &batch : {u"b-0"_s, u"b-1"_s, u"b-2"_s})
        storeForty(inbox, batch);
    ASSERT_TRUE(inbox.paced());
    EXPECT_EQ(inbox.rowsPerMove(), 10);
    ASSERT_TRUE(inbox.moveDue()); // a burst's first move comes at once

    const auto first = inbox.move(inbox.rowsPerMove());
    ASSERT_TRUE(first.ok()) << qPrintable(first.error());
    EXPECT_EQ(*first, 40); // whole batches, at least one: the oldest
    EXPECT_EQ(inbox.unmovedRows(), 80);
    EXPECT_EQ(count(u"webhook_inbox"_s), 80);
    const auto queued = WebhookQueueRepository(db()).list({});
    ASSERT_TRUE(queued.ok());
    ASSERT_EQ(queued->size(), 40);
    for (const WebhookQueueItem &item : *queued)
        EXPECT_TRUE(item.eventId.startsWith("b-0-"_L1)) << qPrintable(item.eventId);
    EXPECT_EQ(count(u"api_log"_s), 40);

    // Paced: no move before the interval, though more than moveRows wait.
    EXPECT_FALSE(inbox.moveDue());
    // Repeats are still told apart, of a moved event and of a waiting one.
    const auto repeats = store(inbox, {call(u"b-0-0"_s), call(u"b-2-39"_s)});
    ASSERT_EQ(repeats.size(), 2);
    EXPECT_TRUE(repeats[0].duplicate);
    EXPECT_TRUE(repeats[1].duplicate);

    QThread::msleep(pacing.burstMoveIntervalMs + 50);
    EXPECT_TRUE(inbox.moveDue());
    const auto rest = inbox.move();
    ASSERT_TRUE(rest.ok()) << qPrintable(rest.error());
    EXPECT_EQ(*rest, 80);
    EXPECT_FALSE(inbox.hasUnmoved());
    EXPECT_EQ(count(u"webhook_inbox"_s), 0);
    EXPECT_EQ(count(u"webhook_queue"_s), 120);
    EXPECT_EQ(count(u"api_log"_s), 120);
}

TEST_P(WebhookInboxTest, ABacklogPastItsBoundIsMovedAtFullPaceEvenDuringABurst)
{
    WebhookInbox inbox(db());
    WebhookInbox::Pacing pacing = burstPacing(60000);
    pacing.maxBacklogRows = 100;
    inbox.setPacing(pacing);
    storeForty(inbox, u"k-0"_s);
    storeForty(inbox, u"k-1"_s);
    ASSERT_TRUE(inbox.paced());
    ASSERT_TRUE(inbox.move(inbox.rowsPerMove()).ok());
    EXPECT_EQ(inbox.unmovedRows(), 40);
    EXPECT_FALSE(inbox.moveDue()); // paced: the next move is a minute away

    storeForty(inbox, u"k-2"_s);
    storeForty(inbox, u"k-3"_s); // 120 waiting, past the bound of 100
    EXPECT_FALSE(inbox.paced());
    EXPECT_TRUE(inbox.moveDue());
    EXPECT_EQ(inbox.rowsPerMove(), WebhookInbox::moveChunkRows);
    const auto moved = inbox.move(inbox.rowsPerMove());
    ASSERT_TRUE(moved.ok()) << qPrintable(moved.error());
    EXPECT_EQ(*moved, 120);
    EXPECT_EQ(count(u"webhook_queue"_s), 160);
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(WebhookInboxTest);

} // namespace
