// MainWindow: the sidebar, the pages behind it, the status bar and what the window remembers.
#include "ui/MainWindow.h"

#include "core/scheduler/BackgroundTasks.h"
#include "core/server/Server.h"
#include "core/settings/Settings.h"
#include "tests/support/TestUtil.h"
#include "tests/support/database/TestDatabase.h"
#include "ui/pages/ApiLogPage.h"
#include "ui/pages/BatchesPage.h"
#include "ui/pages/DashboardPage.h"
#include "ui/pages/OrderListPage.h"
#include "ui/pages/ProductListPage.h"
#include "ui/pages/SchedulerPage.h"
#include "ui/pages/SettingsPage.h"
#include "ui/pages/WebhookQueuePage.h"

#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QToolButton>
#include <thread>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class MainWindowTest : public testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_settings = std::make_unique<Settings>(m_dir.filePath(u"bottega.ini"_s));
        m_context.settings = m_settings.get();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Settings> m_settings;
    AppContext m_context;
};

TEST_F(MainWindowTest, SidebarListsTheEightAreasInOrder)
{
    MainWindow window(m_context);
    EXPECT_EQ(window.windowTitle(), u"Bottega"_s);
    QListWidget *sidebar = window.sidebar();
    ASSERT_EQ(sidebar->count(), 8);
    QStringList names;
    for (int row = 0; row < sidebar->count(); ++row) {
        names.append(sidebar->item(row)->text());
        EXPECT_FALSE(sidebar->item(row)->icon().isNull()) << names.last().toStdString();
    }
    EXPECT_EQ(names,
              (QStringList {u"Dashboard"_s, u"Products"_s, u"Orders"_s, u"Webhooks"_s, u"Batches"_s,
                            u"API log"_s, u"Scheduler"_s, u"Settings"_s}));
    EXPECT_EQ(window.pages()->count(), 8);
}

TEST_F(MainWindowTest, ClickingAnEntryShowsItsPage)
{
    MainWindow window(m_context);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    QListWidget *sidebar = window.sidebar();

    for (int row = sidebar->count() - 1; row >= 0; --row) {
        const QRect rect = sidebar->visualItemRect(sidebar->item(row));
        QTest::mouseClick(sidebar->viewport(), Qt::LeftButton, {}, rect.center());
        EXPECT_EQ(int(window.currentPage()), row);
        QWidget *shown = window.pages()->currentWidget();
        EXPECT_EQ(shown, window.page(MainWindow::Page(row)));
        EXPECT_TRUE(shown->isVisible());
        const auto page = MainWindow::Page(row);
        if (page == MainWindow::Page::Scheduler)
            EXPECT_TRUE(qobject_cast<SchedulerPage *>(shown));
        else if (page == MainWindow::Page::Settings)
            EXPECT_TRUE(qobject_cast<SettingsPage *>(shown));
        else if (page == MainWindow::Page::Products)
            EXPECT_TRUE(qobject_cast<ProductListPage *>(shown));
        else if (page == MainWindow::Page::Webhooks)
            EXPECT_TRUE(qobject_cast<WebhookQueuePage *>(shown));
        else if (page == MainWindow::Page::Orders)
            EXPECT_TRUE(qobject_cast<OrderListPage *>(shown));
        else if (page == MainWindow::Page::Batches)
            EXPECT_TRUE(qobject_cast<BatchesPage *>(shown));
        else if (page == MainWindow::Page::Dashboard)
            EXPECT_TRUE(qobject_cast<DashboardPage *>(shown));
        else if (page == MainWindow::Page::ApiLog)
            EXPECT_TRUE(qobject_cast<ApiLogPage *>(shown));
        else
            EXPECT_TRUE(shown) << row;
    }
}

TEST_F(MainWindowTest, StatusBarShowsTheDatabaseAndTheServerAddress)
{
    auto database = TestDatabase::create(Backend::Sqlite);
    ASSERT_TRUE(database.ok()) << database.error().toStdString();
    Server server;
    ListenAddress any;
    any.port = 0;
    auto listening = server.listen(any);
    ASSERT_TRUE(listening.ok()) << listening.error().toStdString();
    m_context.database = &(*database)->database();
    m_context.server = &server;

    MainWindow window(m_context);
    const QString databaseText = window.findChild<QLabel *>(u"databaseStatus"_s)->text();
    const QString serverText = window.findChild<QLabel *>(u"serverStatus"_s)->text();
    EXPECT_TRUE(databaseText.contains((*database)->location().displayName())) << databaseText.toStdString();
    EXPECT_TRUE(serverText.contains(listening->toString())) << serverText.toStdString();
    EXPECT_NE(listening->port, 0);
}

TEST_F(MainWindowTest, StatusBarSaysWhyTheServerIsNotRunning)
{
    Server server; // never listened
    m_context.server = &server;
    m_context.serverError = u"cannot listen on 127.0.0.1:8069: the address is already in use"_s;
    MainWindow window(m_context);
    const QString serverText = window.findChild<QLabel *>(u"serverStatus"_s)->text();
    EXPECT_TRUE(serverText.contains(m_context.serverError)) << serverText.toStdString();
}

TEST_F(MainWindowTest, RemembersTheLastPageAndGeometry)
{
    QSettings state(m_dir.filePath(u"window.ini"_s), QSettings::IniFormat);
    m_context.windowState = &state;
    {
        MainWindow window(m_context);
        EXPECT_EQ(window.currentPage(), MainWindow::Page::Dashboard);
        window.show();
        window.resize(1000, 640);
        window.showPage(MainWindow::Page::Scheduler);
        window.close();
    }
    MainWindow again(m_context);
    EXPECT_EQ(again.currentPage(), MainWindow::Page::Scheduler);
    EXPECT_EQ(again.size(), QSize(1000, 640));

    state.setValue(u"window/lastPage"_s, 42); // a page a later version may have had
    MainWindow fallback(m_context);
    EXPECT_EQ(fallback.currentPage(), MainWindow::Page::Dashboard);
}

TEST_F(MainWindowTest, StartsOnTheDashboardOrOnThePageLastOpen)
{
    {
        MainWindow fresh(m_context); // nothing remembered
        EXPECT_EQ(fresh.currentPage(), MainWindow::Page::Dashboard);
        EXPECT_TRUE(qobject_cast<DashboardPage *>(fresh.pages()->currentWidget()));
    }
    QSettings state(m_dir.filePath(u"window.ini"_s), QSettings::IniFormat);
    m_context.windowState = &state;
    for (int page = 0; page < MainWindow::PageCount; ++page) {
        state.setValue(u"window/lastPage"_s, page);
        MainWindow window(m_context);
        EXPECT_EQ(window.currentPage(), MainWindow::Page(page)) << page;
    }
    state.setValue(u"window/lastPage"_s, u"orders"_s); // not a number
    MainWindow garbled(m_context);
    EXPECT_EQ(garbled.currentPage(), MainWindow::Page::Dashboard);
}

TEST_F(MainWindowTest, TheStatusBarListsRunningTasksWithProgressAndCancelsACancellableOne)
{
    QThread worker;
    QObject workerContext;
    workerContext.moveToThread(&worker);
    worker.start();
    {
        BackgroundTasks tasks([&workerContext](std::function<void()> work) {
            QMetaObject::invokeMethod(&workerContext, std::move(work), Qt::QueuedConnection);
        });
        tasks.setProgressIntervalMs(10);
        m_context.tasks = &tasks;
        MainWindow window(m_context);
        window.show();
        auto *label = window.findChild<QLabel *>(u"taskStatus"_s);
        auto *cancel = window.findChild<QToolButton *>(u"cancelTask"_s);
        ASSERT_NE(label, nullptr);
        ASSERT_NE(cancel, nullptr);
        EXPECT_FALSE(label->isVisible());
        EXPECT_FALSE(cancel->isVisible());

        tasks.start(
                u"Importing products"_s,
                [](TaskProgress &progress) -> Result<QString> {
                    progress.setTotal(5000);
                    progress.setDone(1200);
                    while (!progress.cancelRequested())
                        std::this_thread::sleep_for(std::chrono::milliseconds(2));
                    return makeError(u"cancelled"_s);
                },
                true);

        const QString expected = u"Importing products: %1 of %2"_s.arg(window.locale().toString(qint64(1200)),
                                                                         window.locale().toString(qint64(5000)));
        ASSERT_TRUE(waitUntil([&] { return label->text() == expected; })) << qPrintable(label->text());
        EXPECT_TRUE(label->isVisible());
        EXPECT_TRUE(cancel->isVisible());
        QTest::mouseClick(cancel, Qt::LeftButton);
        ASSERT_TRUE(waitUntil([&] { return tasks.running().isEmpty(); }));
        EXPECT_FALSE(label->isVisible());
        EXPECT_FALSE(cancel->isVisible());
        m_context.tasks = nullptr;
    }
    worker.quit();
    worker.wait();
}

} // namespace
} // namespace Bottega::Test
