// Group commit of the webhook intake (PERF-1) over real loopback HTTP on both engines: the calls of
// one event-loop turn share one commit and are all acknowledged after it; a failed commit answers
// 503 to each and stores nothing; duplicates within a batch stored once; a client that leaves
// before its answer still has its call stored once.
#include "tests/core/webhooks/WebhookBatchFixture.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class WebhookBatchTest : public WebhookBatchFixture
{
};

TEST_P(WebhookBatchTest, ConcurrentCallsOfOneTurnShareOneCommitAndAreAllAcknowledged)
{
    QSignalSpy batches(intake.get(), &WebhookIntake::batchFinished);
    QSignalSpy nudges(intake.get(), &WebhookIntake::queued);
    QList<QByteArray> ids;
    for (int i = 0; i < 24; ++i)
        ids.append("ev-" + QByteArray::number(i));
    sendAll(ids);

    const QList<PostAnswer> answered = answers();

    for (const PostAnswer &answer : answered) {
        EXPECT_EQ(answer.status, 200) << answer.body.constData();
        EXPECT_EQ(QJsonDocument::fromJson(answer.body).object().value("status"_L1).toString(), u"queued"_s);
    }
    ASSERT_EQ(batches.size(), 1) << "expected one commit for the turn";
    EXPECT_EQ(batches[0][0].toInt(), 24);
    EXPECT_TRUE(batches[0][1].toBool());
    EXPECT_EQ(storedQueue().size(), 24);
    EXPECT_EQ(sumOf(nudges), 24);
    // One API-log row per call, stored with it (not by the server after the answer).
    EXPECT_EQ(log.size(), 0);
    const QList<ApiLogEntry> rows = storedLog();
    ASSERT_EQ(rows.size(), 24);
    for (const ApiLogEntry &row : rows) {
        EXPECT_EQ(row.direction, ApiLogEntry::Direction::Inbound);
        EXPECT_EQ(row.service, u"webhook"_s);
        EXPECT_EQ(row.url, u"/gelato/webhook"_s);
        EXPECT_EQ(row.status, 200);
        EXPECT_EQ(row.responseBody, R"({"status":"queued"})");
        EXPECT_TRUE(row.requestHeaders.contains("signature: [redacted]"_L1)) << qPrintable(row.requestHeaders);
        EXPECT_FALSE(row.requestHeaders.contains("s3cret"_L1));
    }
}

TEST_P(WebhookBatchTest, ABatchLargerThanTheCapIsCommittedInSeveralCommits)
{
    intake->setMaxBatchSize(5);
    QSignalSpy batches(intake.get(), &WebhookIntake::batchFinished);
    QList<QByteArray> ids;
    for (int i = 0; i < 12; ++i)
        ids.append("cap-" + QByteArray::number(i));
    sendAll(ids);

    for (const PostAnswer &answer : answers())
        EXPECT_EQ(answer.status, 200) << answer.body.constData();
    EXPECT_GE(batches.size(), 3);
    for (const QList<QVariant> &batch : std::as_const(batches))
        EXPECT_LE(batch[0].toInt(), 5);
    EXPECT_EQ(storedQueue().size(), 12);
}

TEST_P(WebhookBatchTest, DuplicatesWithinOneBatchAreStoredOnceAndAllAcknowledged)
{
    QSignalSpy nudges(intake.get(), &WebhookIntake::queued);
    sendAll({"same", "other", "same", "same"});

    const QList<PostAnswer> answered = answers();

    QStringList statuses;
    for (const PostAnswer &answer : answered) {
        EXPECT_EQ(answer.status, 200);
        statuses.append(QJsonDocument::fromJson(answer.body).object().value("status"_L1).toString());
    }
    EXPECT_EQ(statuses.count(u"queued"_s), 2);
    EXPECT_EQ(statuses.count(u"duplicate"_s), 2);
    const QList<WebhookQueueItem> items = storedQueue();
    ASSERT_EQ(items.size(), 2);
    EXPECT_EQ(sumOf(nudges), 2);

    // And across batches: the same id later is acknowledged, not stored again.
    EXPECT_EQ(QJsonDocument::fromJson(postGelato(call("same").mid(call("same").indexOf("\r\n\r\n") + 4)).body)
                      .object()
                      .value("status"_L1)
                      .toString(),
              u"duplicate"_s);
    EXPECT_EQ(storedQueue().size(), 2);
}

TEST_P(WebhookBatchTest, AFailedCommitAnswers503ToEachCallAndStoresNothing)
{
    // SQLite: one row of the batch fails, the transaction is rolled back. PostgreSQL: a deferred
    // constraint trigger, so that it is the COMMIT itself that fails.
    if (isPostgres()) {
        exec(u"CREATE FUNCTION fail_bad_event() RETURNS trigger AS $$ BEGIN IF NEW.event_id = 'bad' THEN "
             "RAISE EXCEPTION 'disk on fire'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"_s);
        exec(u"CREATE CONSTRAINT TRIGGER fail_bad AFTER INSERT ON webhook_inbox DEFERRABLE INITIALLY "
             u"DEFERRED "
             "FOR EACH ROW EXECUTE FUNCTION fail_bad_event()"_s);
    } else {
        exec(u"CREATE TRIGGER fail_bad BEFORE INSERT ON webhook_inbox WHEN NEW.event_id = 'bad' "
             "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"_s);
    }
    QSignalSpy batches(intake.get(), &WebhookIntake::batchFinished);
    QSignalSpy nudges(intake.get(), &WebhookIntake::queued);
    sendAll({"good-1", "bad", "good-2"});

    for (const PostAnswer &answer : answers()) {
        EXPECT_EQ(answer.status, 503) << answer.body.constData();
        EXPECT_TRUE(answer.body.contains("webhook not stored")) << answer.body.constData();
    }
    ASSERT_EQ(batches.size(), 1);
    EXPECT_FALSE(batches[0][1].toBool());
    EXPECT_TRUE(storedQueue().isEmpty());
    EXPECT_EQ(scalar(u"SELECT COUNT(*) FROM webhook_inbox"_s), 0);
    EXPECT_EQ(nudges.size(), 0);

    // The senders' retries, once the fault is gone, are stored.
    exec(u"DROP TRIGGER fail_bad"_s + (isPostgres() ? u" ON webhook_inbox"_s : QString()));
    clients.clear();
    sendAll({"good-1", "bad", "good-2"});
    for (const PostAnswer &answer : answers())
        EXPECT_EQ(answer.status, 200) << answer.body.constData();
    EXPECT_EQ(storedQueue().size(), 3);
}

TEST_P(WebhookBatchTest, AFailedMoveKeepsTheAnsweredCallsInTheInboxAndMovesThemLater)
{
    // The calls are stored (in the inbox) and acknowledged; moving them on into the queue fails
    // until the fault is gone, and nothing is lost or queued twice meanwhile.
    if (isPostgres()) {
        exec(u"CREATE FUNCTION fail_bad_event() RETURNS trigger AS $$ BEGIN IF NEW.event_id = 'bad' THEN "
             "RAISE EXCEPTION 'disk on fire'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"_s);
        exec(u"CREATE TRIGGER fail_bad AFTER INSERT ON webhook_queue FOR EACH ROW EXECUTE FUNCTION fail_bad_event()"_s);
    } else {
        exec(u"CREATE TRIGGER fail_bad BEFORE INSERT ON webhook_queue WHEN NEW.event_id = 'bad' "
             "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"_s);
    }
    QSignalSpy nudges(intake.get(), &WebhookIntake::queued);
    sendAll({"good-1", "bad", "good-2"});
    for (const PostAnswer &answer : answers())
        EXPECT_EQ(answer.status, 200) << answer.body.constData();
    EXPECT_TRUE(storedQueue().isEmpty());
    EXPECT_EQ(scalar(u"SELECT COUNT(*) FROM webhook_inbox"_s), 3);
    EXPECT_EQ(scalar(u"SELECT COUNT(*) FROM api_log"_s), 0); // moved with the queue rows, in one go
    EXPECT_EQ(nudges.size(), 0);

    exec(u"DROP TRIGGER fail_bad"_s + (isPostgres() ? u" ON webhook_queue"_s : QString()));
    QStringList stored;
    for (const WebhookQueueItem &item : storedQueue())
        stored.append(item.eventId);
    stored.sort();
    EXPECT_EQ(stored, QStringList({u"bad"_s, u"good-1"_s, u"good-2"_s}));
    EXPECT_EQ(scalar(u"SELECT COUNT(*) FROM webhook_inbox"_s), 0);
    EXPECT_EQ(scalar(u"SELECT COUNT(*) FROM api_log"_s), 3);
    EXPECT_EQ(sumOf(nudges), 3);
}



TEST_P(WebhookBatchTest, ACallWhoseClientLeftBeforeTheAnswerIsStoredOnce)
{
    QSignalSpy batches(intake.get(), &WebhookIntake::batchFinished);
    sendAll({"left-early"});
    clients.front()->abort(); // gone before the server even read the call

    ASSERT_TRUE(waitUntil([&batches] { return batches.size() == 1; }));
    EXPECT_TRUE(batches[0][1].toBool());
    ASSERT_EQ(storedQueue().size(), 1);
    EXPECT_EQ(queued()[0].eventId, u"left-early"_s);
    // Its API-log row was stored with it, before the answer (which found the client gone).
    const QList<ApiLogEntry> rows = storedLog();
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows[0].status, 200);

    // The sender's retry is acknowledged as a duplicate and not stored again.
    clients.clear();
    sendAll({"left-early"});
    const QList<PostAnswer> answered = answers();
    ASSERT_EQ(answered.size(), 1);
    EXPECT_EQ(answered[0].status, 200);
    EXPECT_TRUE(answered[0].body.contains("duplicate")) << answered[0].body.constData();
    EXPECT_EQ(storedQueue().size(), 1);
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(WebhookBatchTest);

} // namespace
} // namespace Bottega::Test
