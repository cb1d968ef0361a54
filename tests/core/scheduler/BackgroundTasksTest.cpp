// BackgroundTasks on a real worker QThread and both engines: the work runs off the main thread with
// that thread's own database connection, progress and the result come back by queued signals, and a
// cancellable task stops when asked.
#include "core/scheduler/BackgroundTasks.h"

#include "core/store/Database.h"
#include "core/store/SqlStatement.h"
#include "tests/support/TestUtil.h"
#include "tests/support/database/TestDatabase.h"

#include <QSignalSpy>
#include <QThread>
#include <atomic>
#include <gtest/gtest.h>
#include <thread>

using namespace Qt::StringLiterals;
using namespace Bottega;
using namespace Bottega::Test;

namespace {

class BackgroundTasksTest : public DatabaseTest
{
protected:
    void SetUp() override
    {
        DatabaseTest::SetUp();
        worker.start();
        context.moveToThread(&worker);
    }
    void TearDown() override
    {
        tasks.reset();
        worker.quit();
        worker.wait();
        DatabaseTest::TearDown();
    }
    BackgroundTasks::Post post()
    {
        return [this](std::function<void()> work) {
            QMetaObject::invokeMethod(&context, std::move(work), Qt::QueuedConnection);
        };
    }

    QThread worker;
    QObject context;
    std::unique_ptr<BackgroundTasks> tasks;
};

TEST_P(BackgroundTasksTest, WorkRunsOnTheWorkerWithItsOwnConnectionAndReportsProgressAndResult)
{
    tasks = std::make_unique<BackgroundTasks>(post());
    tasks->setProgressIntervalMs(10);
    QSignalSpy started(tasks.get(), &BackgroundTasks::started);
    QSignalSpy progressed(tasks.get(), &BackgroundTasks::progressed);
    QSignalSpy finished(tasks.get(), &BackgroundTasks::finished);
    const QString mainConnection = db().connection().connectionName();
    std::atomic<QThread *> ranOn {nullptr};
    QString workerConnection;
    std::atomic<bool> release {false};

    const int id = tasks->start(u"Counting rows"_s, [&](TaskProgress &progress) -> Result<QString> {
        ranOn = QThread::currentThread();
        workerConnection = db().connection().connectionName();
        progress.setTotal(3);
        for (int i = 1; i <= 3; ++i) {
            SqlStatement select(db().connection(), u"SELECT 1 AS one"_s);
            if (auto r = select.exec(u"probe"_s); !r)
                return makeError(r.error());
            progress.setDone(i);
            while (i == 2 && !release)
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        return u"3 rows"_s;
    });

    EXPECT_EQ(started.size(), 1);
    ASSERT_TRUE(waitUntil([&] { return !tasks->running().isEmpty() && tasks->running().at(0).done == 2; }));
    EXPECT_EQ(tasks->running().at(0).total, 3);
    EXPECT_EQ(tasks->running().at(0).title, u"Counting rows"_s);
    ASSERT_TRUE(waitUntil([&] { return !progressed.isEmpty() && progressed.last().at(1).toLongLong() == 2; }));
    release = true;
    ASSERT_TRUE(waitUntil([&] { return finished.size() == 1; }));

    EXPECT_EQ(finished.at(0).at(0).toInt(), id);
    EXPECT_TRUE(finished.at(0).at(1).toBool());
    EXPECT_EQ(finished.at(0).at(2).toString(), u"3 rows"_s);
    EXPECT_EQ(ranOn.load(), &worker);
    EXPECT_NE(workerConnection, mainConnection);
    EXPECT_TRUE(tasks->running().isEmpty());
}

TEST_P(BackgroundTasksTest, AReadRunsOnTheWorkerAndShowsOnTheMainThreadUnlessItsContextWent)
{
    tasks = std::make_unique<BackgroundTasks>(post());
    QSignalSpy started(tasks.get(), &BackgroundTasks::started);
    std::atomic<QThread *> readOn {nullptr};
    QThread *shownOn = nullptr;
    qint64 shown = -1;
    QObject page;
    tasks->read(&page, [&]() -> std::function<void()> {
        readOn = QThread::currentThread();
        SqlStatement select(db().connection(), u"SELECT 41 + 1 AS n"_s);
        const qint64 n = select.exec(u"probe"_s) && select.next() ? select.integer(u"n"_s) : -2;
        return [&, n] {
            shownOn = QThread::currentThread();
            shown = n;
        };
    });
    ASSERT_TRUE(waitUntil([&] { return shown != -1; }));
    EXPECT_EQ(shown, 42);
    EXPECT_EQ(readOn.load(), &worker);
    EXPECT_EQ(shownOn, QThread::currentThread());
    EXPECT_EQ(started.size(), 0) << "a read is not a task";

    // The page goes while its read runs: what it read is dropped, nothing runs on a dead page.
    std::atomic<bool> release {false};
    std::atomic<bool> read {false};
    bool shownAfterGone = false;
    auto gone = std::make_unique<QObject>();
    tasks->read(gone.get(), [&]() -> std::function<void()> {
        while (!release)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        read = true;
        return [&] { shownAfterGone = true; };
    });
    gone.reset();
    release = true;
    ASSERT_TRUE(waitUntil([&] { return read.load(); }));
    (void)waitUntil([&] { return shownAfterGone; }, 100); // events delivered meanwhile
    EXPECT_FALSE(shownAfterGone);
}

TEST_P(BackgroundTasksTest, ACancellableTaskStopsWhenAskedAndOthersCannotBeCancelled)
{
    tasks = std::make_unique<BackgroundTasks>(post());
    QSignalSpy finished(tasks.get(), &BackgroundTasks::finished);
    std::atomic<bool> running {false};
    const auto loop = [&](TaskProgress &progress) -> Result<QString> {
        running = true;
        for (int i = 0; i < 100000; ++i) {
            if (progress.cancelRequested())
                return makeError(u"cancelled after %1"_s.arg(i));
            progress.setDone(i);
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return u"all"_s;
    };
    const int cancellable = tasks->start(u"Import"_s, loop, true);
    ASSERT_TRUE(waitUntil([&] { return running.load(); }));

    EXPECT_FALSE(tasks->cancel(cancellable + 100));
    EXPECT_TRUE(tasks->cancel(cancellable));
    ASSERT_TRUE(waitUntil([&] { return finished.size() == 1; }));
    EXPECT_FALSE(finished.at(0).at(1).toBool());
    EXPECT_TRUE(finished.at(0).at(2).toString().startsWith(u"cancelled after"_s));

    const int fixed = tasks->start(u"Sync"_s, [](TaskProgress &) -> Result<QString> { return u"ok"_s; }, false);
    EXPECT_FALSE(tasks->cancel(fixed));
    ASSERT_TRUE(waitUntil([&] { return finished.size() == 2; }));
    EXPECT_TRUE(finished.at(1).at(1).toBool());
}

TEST_P(BackgroundTasksTest, TrackedWorkIsListedWithItsProgressCancelledThroughItAndEndsWhenFinished)
{
    tasks = std::make_unique<BackgroundTasks>(post());
    tasks->setProgressIntervalMs(10);
    QSignalSpy progressed(tasks.get(), &BackgroundTasks::progressed);
    QSignalSpy finished(tasks.get(), &BackgroundTasks::finished);
    auto progress = std::make_shared<TaskProgress>();
    const int tracked = tasks->track(u"Reconciling orders"_s, progress, true);
    auto other = std::make_shared<TaskProgress>();
    const int fixed = tasks->track(u"Polling"_s, other, false);

    progress->setTotal(40);
    progress->setDone(12);
    ASSERT_TRUE(waitUntil([&] {
        for (const QList<QVariant> &signal : progressed) {
            if (signal.at(0).toInt() == tracked && signal.at(1).toLongLong() == 12 && signal.at(2).toLongLong() == 40)
                return true;
        }
        return false;
    }));
    ASSERT_EQ(tasks->running().size(), 2);
    EXPECT_EQ(tasks->running().at(0).title, u"Reconciling orders"_s);
    EXPECT_EQ(tasks->running().at(0).done, 12);
    EXPECT_TRUE(tasks->running().at(0).cancellable);

    EXPECT_FALSE(tasks->cancel(fixed));
    EXPECT_FALSE(other->cancelRequested());
    EXPECT_TRUE(tasks->cancel(tracked));
    EXPECT_TRUE(progress->cancelRequested()) << "the tracked work's own progress object hears it";

    tasks->finishTracked(tracked, false, u"Cancelled: 12 of 40 orders refreshed"_s);
    ASSERT_EQ(finished.size(), 1);
    EXPECT_EQ(finished.at(0).at(0).toInt(), tracked);
    EXPECT_FALSE(finished.at(0).at(1).toBool());
    EXPECT_EQ(finished.at(0).at(2).toString(), u"Cancelled: 12 of 40 orders refreshed"_s);
    tasks->finishTracked(tracked, true, u"again"_s); // already over: ignored
    EXPECT_EQ(finished.size(), 1);
    ASSERT_EQ(tasks->running().size(), 1);
    EXPECT_EQ(tasks->running().at(0).id, fixed);
    tasks->finishTracked(fixed, true, u"2 batches asked"_s);
    EXPECT_TRUE(tasks->running().isEmpty());
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(BackgroundTasksTest);

} // namespace
