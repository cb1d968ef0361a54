// APP-5 through the app's own wiring (a real Runtime, its worker thread and the real window,
// offscreen), on SQLite and on PostgreSQL: a scheduled job's run is a task of the window's task list
// with its counts, and Cancel there stops it at a safe point with the data whole.
#include "app/CommandLine.h"
#include "app/Runtime.h"
#include "app/WindowLauncher.h"
#include "core/domain/Clock.h"
#include "core/messages/MessageText.h"
#include "core/scheduler/BackgroundTasks.h"
#include "core/scheduler/Scheduler.h"
#include "core/store/Database.h"
#include "core/store/SqlStatement.h"
#include "tests/support/TestUtil.h"
#include "tests/support/database/TestDatabase.h"
#include "ui/MainWindow.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class JobProgressTest : public DatabaseTest
{
protected:
    void SetUp() override
    {
        DatabaseTest::SetUp();
        ASSERT_TRUE(dataDir.isValid());
        const DatabaseLocation &location = testDatabase().location();
        const QString database = location.engine == DatabaseLocation::Engine::Sqlite
                ? location.sqlitePath
                : u"postgresql://%1@%2:%3/%4"_s.arg(location.user, location.host).arg(location.port).arg(location.name);
        const CommandLine commandLine
                = CommandLine::parse({u"bottega"_s, u"--data-dir"_s, dataDir.path(), u"--db"_s, database});
        auto created = Runtime::create(commandLine);
        ASSERT_TRUE(created.ok()) << qPrintable(created.error());
        runtime = std::move(*created);
        runtime->tasks().setProgressIntervalMs(10);
    }
    void TearDown() override
    {
        runtime.reset();
        DatabaseTest::TearDown();
    }

    // count API-log rows `days` days old (by the database's clock).
    void addApiLogRows(int count, int days)
    {
        const qint64 at = db().clock().now().addDays(-days).toMSecsSinceEpoch();
        SqlStatement insert(db().connection(),
                            u"INSERT INTO api_log (at, service, method, url, status) WITH RECURSIVE n(i) AS "
                            "(SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) SELECT %2 + i, 'gelato', "
                            "'GET', 'https://order.example/v4/orders', 200 FROM n"_s.arg(count).arg(at));
        ASSERT_TRUE(insert.exec(u"seed"_s).ok());
    }
    qint64 apiLogRows()
    {
        const auto counted = SqlStatement::count(db().connection(), u"api_log"_s, {}, {}, u"count"_s);
        EXPECT_TRUE(counted.ok());
        return counted ? *counted : -1;
    }
    JobResult runJob(const QString &name)
    {
        std::optional<JobResult> outcome;
        runtime->scheduler().runNow(name, [&outcome](const JobResult &result) { outcome = result; });
        EXPECT_TRUE(waitUntil([&] { return outcome.has_value(); }, 60000));
        return outcome.value_or(JobResult::failure(u"no answer"_s));
    }

    QTemporaryDir dataDir;
    std::unique_ptr<Runtime> runtime;
};

TEST_P(JobProgressTest, ACleanupShowsItsCountsInTheWindowsTaskListAndEndsThere)
{
    addApiLogRows(12000, 60);
    addApiLogRows(3, 1); // within the 30 days kept
    AppContext context = WindowLauncher::contextFor(*runtime);
    MainWindow window(context);
    window.show();
    auto *label = window.findChild<QLabel *>(u"taskStatus"_s);
    ASSERT_NE(label, nullptr);
    // What the status bar said at each report (the window updates first: it connected first).
    QStringList shown;
    QObject::connect(&runtime->tasks(), &BackgroundTasks::progressed, label,
                     [&] { shown.append(label->text()); });
    QSignalSpy started(&runtime->tasks(), &BackgroundTasks::started);
    QSignalSpy finished(&runtime->tasks(), &BackgroundTasks::finished);

    const JobResult result = runJob(u"cleanup-api-log"_s);
    ASSERT_TRUE(result.ok) << qPrintable(MessageText::render(result.message));
    EXPECT_EQ(MessageText::render(result.message), u"12000 entries older than 30 days removed"_s);
    EXPECT_EQ(apiLogRows(), 3);

    ASSERT_EQ(started.size(), 1);
    EXPECT_EQ(started.at(0).at(1).toString(), u"Cleaning the API log"_s);
    EXPECT_TRUE(shown.contains(u"Cleaning the API log: 12,000 of 12,000"_s)) << qPrintable(shown.join(u" | "_s));
    ASSERT_EQ(finished.size(), 1);
    EXPECT_TRUE(finished.at(0).at(1).toBool());
    EXPECT_EQ(finished.at(0).at(2).toString(), u"12000 entries older than 30 days removed"_s);
    EXPECT_TRUE(runtime->tasks().running().isEmpty());
    EXPECT_FALSE(label->isVisible()) << "nothing runs any more";
}

TEST_P(JobProgressTest, CancelInTheTaskListStopsACleanupAtItsFirstSafePointAndItSaysSo)
{
    addApiLogRows(12000, 60);
    AppContext context = WindowLauncher::contextFor(*runtime);
    MainWindow window(context);
    window.show();
    auto *cancel = window.findChild<QToolButton *>(u"cancelTask"_s);
    ASSERT_NE(cancel, nullptr);
    // Cancel is clicked as soon as the job shows up in the list, before its work starts.
    bool clicked = false;
    QObject::connect(&runtime->tasks(), &BackgroundTasks::started, cancel, [&] {
        if (clicked)
            return; // the first run only
        EXPECT_TRUE(cancel->isVisible());
        QTest::mouseClick(cancel, Qt::LeftButton);
        clicked = true;
    });
    QSignalSpy finished(&runtime->tasks(), &BackgroundTasks::finished);

    const JobResult result = runJob(u"cleanup-api-log"_s);
    EXPECT_TRUE(clicked);
    EXPECT_FALSE(result.ok);
    EXPECT_TRUE(result.cancelled);
    EXPECT_EQ(MessageText::render(result.message), u"Cancelled: 0 entries older than 30 days removed"_s);
    EXPECT_EQ(apiLogRows(), 12000) << "stopped before its first chunk: nothing removed";
    ASSERT_EQ(finished.size(), 1);
    EXPECT_FALSE(finished.at(0).at(1).toBool());
    const auto state = runtime->scheduler().job(u"cleanup-api-log"_s);
    ASSERT_TRUE(state.ok());
    EXPECT_FALSE(state->lastOk);
    EXPECT_EQ(MessageText::renderStored(state->lastResult), u"Cancelled: 0 entries older than 30 days removed"_s);
    EXPECT_FALSE(cancel->isVisible());

    // The next run removes them all.
    const JobResult again = runJob(u"cleanup-api-log"_s);
    EXPECT_TRUE(again.ok);
    EXPECT_EQ(apiLogRows(), 0);
}

TEST_P(JobProgressTest, AJobThatCannotBeCancelledIsListedWithoutCancel)
{
    AppContext context = WindowLauncher::contextFor(*runtime);
    MainWindow window(context);
    window.show();
    auto *cancel = window.findChild<QToolButton *>(u"cancelTask"_s);
    auto *label = window.findChild<QLabel *>(u"taskStatus"_s);
    bool listed = false;
    QObject::connect(&runtime->tasks(), &BackgroundTasks::started, label, [&] {
        listed = true;
        EXPECT_TRUE(label->isVisible());
        EXPECT_EQ(label->text(), u"Process the webhook queue…"_s);
        EXPECT_FALSE(cancel->isVisible());
        ASSERT_EQ(runtime->tasks().running().size(), 1);
        EXPECT_FALSE(runtime->tasks().cancel(runtime->tasks().running().at(0).id));
    });
    const JobResult result = runJob(u"process-webhooks"_s);
    EXPECT_TRUE(listed);
    EXPECT_TRUE(result.ok) << qPrintable(MessageText::render(result.message));
    EXPECT_TRUE(runtime->tasks().running().isEmpty());
}

} // namespace

BOTTEGA_INSTANTIATE_BACKEND_TESTS(JobProgressTest);

} // namespace Bottega::Test
