// The webhook intake with its commits on a writer thread of their own (PERF-1, as the app runs it),
// over real loopback HTTP on both engines: every call answered only after its commit, from the
// server's thread; the commit companion (the API-log rows) inside the writer's transaction; the cap
// per commit; a failed commit answers 503 to each call of its batch; a burst larger than the queue
// can commit is answered 503, never dropped; flush() and the intake's end wait for the writer.
#include "tests/core/webhooks/WebhookBatchFixture.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QThread>
#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class WebhookWriterThreadTest : public WebhookBatchFixture
{
protected:
    bool commitThread() const override { return true; }

    // Another connection, on a thread of its own, holds the write lock of the queue table until
    // released: the writer's commit waits for it (SQLite's busy timeout, PostgreSQL's lock).
    void holdWriteLock()
    {
        const QString source = db().connection().connectionName();
        const bool postgres = isPostgres();
        lockHolder = std::thread([this, source, postgres] {
            const QString name = u"writer-thread-test-lock"_s;
            {
                QSqlDatabase lock = QSqlDatabase::cloneDatabase(source, name);
                QString error;
                if (!lock.open()) {
                    error = lock.lastError().text();
                } else {
                    QSqlQuery query(lock);
                    if (!query.exec(postgres ? u"BEGIN"_s : u"BEGIN IMMEDIATE"_s)
                        || (postgres && !query.exec(u"LOCK TABLE webhook_queue IN EXCLUSIVE MODE"_s)))
                        error = query.lastError().text();
                }
                lockError = error;
                locked = true;
                while (!releaseLock)
                    QThread::msleep(5);
                QSqlQuery(lock).exec(u"ROLLBACK"_s);
                lock.close();
            }
            QSqlDatabase::removeDatabase(name);
        });
        ASSERT_TRUE(waitUntil([this] { return locked.load(); }));
        ASSERT_TRUE(lockError.isEmpty()) << qPrintable(lockError);
    }

    void releaseWriteLock()
    {
        releaseLock = true;
        if (lockHolder.joinable())
            lockHolder.join();
    }

    // Reads what arrived on each client; how many have a whole head.
    int readAnswers(QList<QByteArray> &received)
    {
        int complete = 0;
        for (qsizetype i = 0; i < received.size(); ++i) {
            received[i] += clients[size_t(i)]->readAll();
            complete += received[i].contains("\r\n\r\n") ? 1 : 0;
        }
        return complete;
    }

    void TearDown() override
    {
        releaseWriteLock();
        WebhookBatchFixture::TearDown();
    }

    std::thread lockHolder;
    std::atomic<bool> locked = false;
    std::atomic<bool> releaseLock = false;
    QString lockError; // written before locked is set
};

TEST_P(WebhookWriterThreadTest, CallsAreAnsweredAfterTheirCommitOnTheWriterThread)
{
    std::atomic<QThread *> companionThread = nullptr;
    std::atomic<int> companionInTransaction = 0;
    intake->setCommitCompanion([&] {
        companionThread = QThread::currentThread();
        // Inside the batch's transaction: the rows of the batch (in the inbox, not yet moved on) are
        // visible to its own connection.
        QSqlQuery count(db().connection());
        if (count.exec(u"SELECT COUNT(*) FROM webhook_inbox"_s) && count.next())
            companionInTransaction = std::max(companionInTransaction.load(), count.value(0).toInt());
    });
    QSignalSpy batches(intake.get(), &WebhookIntake::batchFinished);
    QSignalSpy nudges(intake.get(), &WebhookIntake::queued);
    QList<QByteArray> ids;
    for (int i = 0; i < 24; ++i)
        ids.append("w-" + QByteArray::number(i));
    sendAll(ids);

    for (const PostAnswer &answer : answers()) {
        EXPECT_EQ(answer.status, 200) << answer.body.constData();
        EXPECT_EQ(QJsonDocument::fromJson(answer.body).object().value("status"_L1).toString(), u"queued"_s);
    }
    int committed = 0;
    for (const QList<QVariant> &batch : std::as_const(batches)) {
        EXPECT_TRUE(batch[1].toBool());
        committed += batch[0].toInt();
    }
    EXPECT_EQ(committed, 24);
    EXPECT_EQ(storedQueue().size(), 24);
    EXPECT_EQ(sumOf(nudges), 24);
    ASSERT_NE(companionThread.load(), nullptr);
    EXPECT_NE(companionThread.load(), QThread::currentThread()) << "the commit ran on the server's thread";
    EXPECT_GT(companionInTransaction.load(), 0);
    EXPECT_EQ(storedLog().size(), 24);
}

TEST_P(WebhookWriterThreadTest, NoCommitHasMoreCallsThanTheCap)
{
    intake->setMaxBatchSize(5);
    QSignalSpy batches(intake.get(), &WebhookIntake::batchFinished);
    QList<QByteArray> ids;
    for (int i = 0; i < 12; ++i)
        ids.append("wcap-" + QByteArray::number(i));
    sendAll(ids);

    for (const PostAnswer &answer : answers())
        EXPECT_EQ(answer.status, 200) << answer.body.constData();
    EXPECT_GE(batches.size(), 3);
    for (const QList<QVariant> &batch : std::as_const(batches))
        EXPECT_LE(batch[0].toInt(), 5);
    EXPECT_EQ(storedQueue().size(), 12);
}

TEST_P(WebhookWriterThreadTest, AFailedCommitAnswers503ToEachCallOfItsBatchAndStoresNothing)
{
    if (isPostgres()) {
        exec(u"CREATE FUNCTION fail_bad_event() RETURNS trigger AS $$ BEGIN IF NEW.event_id = 'bad' THEN "
             "RAISE EXCEPTION 'disk on fire'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"_s);
        exec(u"CREATE CONSTRAINT TRIGGER fail_bad AFTER INSERT ON webhook_inbox DEFERRABLE INITIALLY "
             u"DEFERRED FOR EACH ROW EXECUTE FUNCTION fail_bad_event()"_s);
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
    EXPECT_EQ(batches[0][0].toInt(), 3);
    EXPECT_FALSE(batches[0][1].toBool());
    EXPECT_TRUE(storedQueue().isEmpty());
    EXPECT_EQ(scalar(u"SELECT COUNT(*) FROM webhook_inbox"_s), 0);
    EXPECT_EQ(nudges.size(), 0);

    exec(u"DROP TRIGGER fail_bad"_s + (isPostgres() ? u" ON webhook_inbox"_s : QString()));
    clients.clear();
    sendAll({"good-1", "bad", "good-2"});
    for (const PostAnswer &answer : answers())
        EXPECT_EQ(answer.status, 200) << answer.body.constData();
    EXPECT_EQ(storedQueue().size(), 3);
}

TEST_P(WebhookWriterThreadTest, ABurstLargerThanTheQueueCanCommitIsAnswered503NotDropped)
{
    intake->setMaxUncommitted(3);
    holdWriteLock();
    if (HasFatalFailure())
        return;
    QList<QByteArray> ids;
    for (int i = 0; i < 7; ++i)
        ids.append("burst-" + QByteArray::number(i));
    sendAll(ids);

    // The calls beyond the limit are refused at once, while the first ones wait for their commit.
    QList<QByteArray> received(ids.size());
    ASSERT_TRUE(waitUntil([&] { return readAnswers(received) >= 4; }))
            << "the calls beyond the limit were not refused while the commit waited";
    int refused = 0;
    for (const QByteArray &bytes : std::as_const(received)) {
        if (bytes.isEmpty())
            continue;
        EXPECT_TRUE(bytes.startsWith("HTTP/1.1 503")) << bytes.constData();
        EXPECT_TRUE(bytes.contains("Retry-After: 1")) << bytes.constData();
        ++refused;
    }
    EXPECT_EQ(refused, 4);

    releaseWriteLock();
    QList<QByteArray> acknowledged;
    ASSERT_TRUE(waitUntil([&] { return readAnswers(received) == ids.size(); }, 10000));
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (received[i].startsWith("HTTP/1.1 200"))
            acknowledged.append(ids[i]);
    }
    EXPECT_EQ(acknowledged.size(), 3);
    // Exactly the acknowledged calls are stored.
    QStringList stored;
    for (const WebhookQueueItem &item : storedQueue())
        stored.append(item.eventId);
    stored.sort();
    QStringList expected;
    for (const QByteArray &id : std::as_const(acknowledged))
        expected.append(QString::fromUtf8(id));
    expected.sort();
    EXPECT_EQ(stored, expected);
}

TEST_P(WebhookWriterThreadTest, FlushReturnsWithEveryCallReadSoFarCommittedAndAnswered)
{
    QSignalSpy batches(intake.get(), &WebhookIntake::batchFinished);
    sendAll({"f-1", "f-2", "f-3"});
    int answered = 0;
    ASSERT_TRUE(waitUntil([&] {
        intake->flush();
        answered = 0;
        for (const QList<QVariant> &batch : std::as_const(batches))
            answered += batch[0].toInt();
        // Right after flush() nothing stored is unanswered, nothing answered unstored.
        EXPECT_EQ(answered, queued().size());
        return answered == 3;
    }));
    for (const PostAnswer &answer : answers())
        EXPECT_EQ(answer.status, 200) << answer.body.constData();
}

TEST_P(WebhookWriterThreadTest, CallsWaitingForTheirCommitWhenTheIntakeGoesAreStoredAndAnswered)
{
    holdWriteLock();
    if (HasFatalFailure())
        return;
    sendAll({"end-1", "end-2"});
    // The server reads and verifies both; their commit waits for the lock.
    const QDeadlineTimer read(300);
    (void)waitUntil([&read] { return read.hasExpired(); }, 1000);
    EXPECT_TRUE(queued().isEmpty());
    std::thread release([this] {
        QThread::msleep(300);
        releaseLock = true;
    });
    intake.reset(); // waits for the writer: the lock goes meanwhile, the commit follows
    release.join();
    EXPECT_EQ(queued().size(), 2);
    for (const PostAnswer &answer : answers())
        EXPECT_EQ(answer.status, 200) << answer.body.constData();
}

TEST_P(WebhookWriterThreadTest, TheCompanionAloneIsCommittedOnTheWriterThread)
{
    // The app's API-log rows that no call's commit took along: written by the writer, in a
    // transaction of their own, while this thread goes on.
    std::atomic<QThread *> companionThread = nullptr;
    std::atomic<int> runs = 0;
    intake->setCommitCompanion([&] {
        companionThread = QThread::currentThread();
        ++runs;
    });
    intake->commitCompanionSoon();
    ASSERT_TRUE(waitUntil([&runs] { return runs.load() == 1; }));
    EXPECT_NE(companionThread.load(), QThread::currentThread());
    EXPECT_TRUE(queued().isEmpty());
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(WebhookWriterThreadTest);

} // namespace
} // namespace Bottega::Test
