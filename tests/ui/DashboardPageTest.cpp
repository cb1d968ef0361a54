// The dashboard (APP-1) on a real SQLite database filled through the repositories, under a test
// clock: each chart's bars and number against the data, the sentence of an empty chart, a click on
// a bar or a number that opens the page behind it with the matching filter (in the real window),
// counting again only when the data changed, and chart colours that follow a dark palette.
#include "ui/pages/DashboardPage.h"

#include "core/store/ApiLogRepository.h"
#include "core/store/ProductBatchRepository.h"
#include "core/store/SalesOrderRepository.h"
#include "core/store/WebhookQueueRepository.h"
#include "core/scheduler/BackgroundTasks.h"
#include "tests/support/TestClock.h"
#include "tests/support/WorkerThread.h"
#include "tests/support/database/TestDatabase.h"
#include "ui/AppContext.h"
#include "ui/MainWindow.h"
#include "ui/models/ApiLogTableModel.h"
#include "ui/models/BatchTableModel.h"
#include "ui/models/OrderTableModel.h"
#include "ui/models/WebhookTableModel.h"
#include "ui/pages/ApiLogPage.h"
#include "ui/pages/BatchesPage.h"
#include "ui/pages/OrderListPage.h"
#include "ui/pages/WebhookQueuePage.h"
#include "ui/widgets/ChartCard.h"

#include <QAbstractAxis>
#include <QAbstractBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <algorithm>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class DashboardPageTest : public testing::Test
{
protected:
    void SetUp() override
    {
        auto created = TestDatabase::create(Backend::Sqlite);
        ASSERT_TRUE(created.ok()) << created.error().toStdString();
        m_store = std::move(*created);
        // Local mid-afternoon, so that "today" is the same day whatever the machine's zone.
        m_clock.set(QDateTime(QDate(2026, 6, 3), QTime(15, 0)).toUTC());
        db().setClock(&m_clock);
    }

    Database &db() { return m_store->database(); }

    void addOrders(const QString &state, int count)
    {
        for (int i = 0; i < count; ++i) {
            SalesOrder order;
            order.reference = u"R-%1"_s.arg(++m_orders);
            order.state = state;
            ASSERT_TRUE(SalesOrderRepository(db()).create(order).ok());
        }
    }

    void addWebhooks(WebhookQueueItem::State state, int count, int daysAgo = 0)
    {
        WebhookQueueRepository queue(db());
        for (int i = 0; i < count; ++i) {
            WebhookQueueItem item;
            item.source = u"gelato"_s;
            item.event = u"order_status_updated"_s;
            item.eventId = u"e-%1"_s.arg(++m_webhooks);
            item.body = "{}";
            item.receivedAt = m_clock.now().addDays(-daysAgo);
            auto inserted = queue.insert(item);
            ASSERT_TRUE(inserted.ok());
            auto stored = queue.get(inserted->id);
            ASSERT_TRUE(stored.ok());
            stored->state = state;
            ASSERT_TRUE(queue.update(*stored).ok());
        }
    }

    void addCalls(const QString &service, int status, int count, int daysAgo = 0)
    {
        for (int i = 0; i < count; ++i) {
            ApiLogEntry entry;
            entry.time = m_clock.now().addDays(-daysAgo);
            entry.service = service;
            entry.method = "POST";
            entry.url = u"https://example.invalid/v4/orders"_s;
            entry.status = status;
            ASSERT_TRUE(ApiLogRepository(db()).insert(entry).ok());
        }
    }

    void addBatches(const QString &status, int count)
    {
        for (int i = 0; i < count; ++i) {
            ProductBatch batch;
            batch.status = status;
            ASSERT_TRUE(ProductBatchRepository(db()).create(batch).ok());
        }
    }

    void fill()
    {
        addOrders(u"draft"_s, 3);
        addOrders(u"sent"_s, 2);
        addOrders(u"delivered"_s, 4);
        addWebhooks(WebhookQueueItem::State::Done, 5);
        addWebhooks(WebhookQueueItem::State::Failed, 2);
        addWebhooks(WebhookQueueItem::State::Done, 3, 4);
        addWebhooks(WebhookQueueItem::State::Done, 7, 20); // before the 14 days: not counted
        addCalls(u"gelato"_s, 200, 6); // answered fine: not an error
        addCalls(u"gelato"_s, 500, 2);
        addCalls(u"gelato"_s, 0, 1);
        addCalls(u"poleepo"_s, 404, 3, 2);
        addBatches(u"COMPLETED"_s, 3);
        addBatches(u"FAILED"_s, 1);
    }

    // Clicks key's bar (its day, for daily charts) where the chart draws it.
    static void clickBar(ChartCard *card, const QString &key, int index = 0)
    {
        const QPoint at = card->barPosition(key, index);
        ASSERT_FALSE(at.isNull()) << key.toStdString();
        QTest::mouseClick(card->chartView()->viewport(), Qt::LeftButton, {}, at);
    }

    TestClock m_clock;
    std::unique_ptr<TestDatabase> m_store;
    int m_orders = 0;
    int m_webhooks = 0;
};

TEST_F(DashboardPageTest, NumbersAndBarsMatchTheData)
{
    fill();
    DashboardPage page(&db());
    page.resize(1100, 800);
    page.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&page));

    ChartCard *orders = page.card(DashboardPage::Card::Orders);
    EXPECT_TRUE(orders->isChartShown());
    EXPECT_EQ(orders->numberButton()->text(), u"9"_s);
    EXPECT_EQ(orders->count(u"draft"_s), 3);
    EXPECT_EQ(orders->count(u"sent"_s), 2);
    EXPECT_EQ(orders->count(u"delivered"_s), 4);
    EXPECT_EQ(orders->count(u"failed"_s), -1); // no bar for a state without orders
    // Top to bottom in the order of an order's life, each with its count.
    EXPECT_EQ(orders->categories(), (QStringList {u"Delivered (4)"_s, u"Sent (2)"_s, u"Draft (3)"_s}));

    ChartCard *webhooks = page.card(DashboardPage::Card::Webhooks);
    EXPECT_EQ(webhooks->numberButton()->text(), u"10"_s);
    EXPECT_TRUE(webhooks->caption().contains(u"2 failed"_s)) << webhooks->caption().toStdString();
    ASSERT_EQ(page.days().days.size(), DashboardPage::DayCount);
    EXPECT_EQ(page.days().days.last(), QDate(2026, 6, 3));
    EXPECT_EQ(webhooks->count(u"Done"_s, 13), 5);
    EXPECT_EQ(webhooks->count(u"Failed"_s, 13), 2);
    EXPECT_EQ(webhooks->count(u"Done"_s, 9), 3);
    EXPECT_EQ(webhooks->count(u"Done"_s, 0), 0);
    EXPECT_EQ(webhooks->categories().size(), DashboardPage::DayCount);
    EXPECT_EQ(webhooks->categories().last(), u"3"_s);

    ChartCard *batches = page.card(DashboardPage::Card::Batches);
    EXPECT_EQ(batches->numberButton()->text(), u"4"_s);
    EXPECT_EQ(batches->count(u"COMPLETED"_s), 3);
    EXPECT_EQ(batches->count(u"FAILED"_s), 1);

    ChartCard *errors = page.card(DashboardPage::Card::ApiErrors);
    EXPECT_EQ(errors->numberButton()->text(), u"6"_s);
    EXPECT_EQ(errors->count(u"gelato"_s, 13), 3);
    EXPECT_EQ(errors->count(u"poleepo"_s, 11), 3);
    EXPECT_EQ(errors->count(u"poleepo"_s, 13), 0);
}

// The API errors' series are named as the API log page's service filter names the same services.
TEST_F(DashboardPageTest, ApiErrorsNameTheServicesAsTheApiLogFilterDoes)
{
    for (const QString &service : {u"gelato"_s, u"poleepo"_s, u"webhook"_s, u"files"_s, u"server"_s})
        addCalls(service, 404, 1);
    DashboardPage page(&db());
    page.resize(1100, 800);
    page.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&page));
    ApiLogPage apiLog(&db());
    QMap<QString, QString> filterNames; // key -> the filter's words
    for (int i = 1; i < apiLog.serviceFilter()->count(); ++i)
        filterNames.insert(apiLog.serviceFilter()->itemData(i).toString(), apiLog.serviceFilter()->itemText(i));
    ASSERT_EQ(filterNames.size(), 5);
    EXPECT_EQ(filterNames.value(u"server"_s), u"Other received"_s);
    // The log's Service column too.
    ApiLogTableModel *rows = apiLog.model();
    ASSERT_EQ(rows->rowCount(), 5);
    for (int row = 0; row < rows->rowCount(); ++row) {
        EXPECT_EQ(rows->index(row, ApiLogTableModel::ServiceColumn).data().toString(),
                  filterNames.value(rows->entryAt(row).service));
    }

    QStringList seriesNames;
    for (QAbstractSeries *series : page.card(DashboardPage::Card::ApiErrors)->chartView()->chart()->series()) {
        if (auto *bars = qobject_cast<QAbstractBarSeries *>(series)) {
            for (QBarSet *set : bars->barSets())
                seriesNames.append(set->label());
        }
    }
    QStringList expected = filterNames.values();
    std::sort(seriesNames.begin(), seriesNames.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(seriesNames, expected);
}

TEST_F(DashboardPageTest, EmptyChartsSaySoInsteadOfDrawingNothing)
{
    addOrders(u"draft"_s, 1);
    DashboardPage page(&db());
    page.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&page));
    EXPECT_TRUE(page.card(DashboardPage::Card::Orders)->isChartShown());
    ChartCard *batches = page.card(DashboardPage::Card::Batches);
    EXPECT_FALSE(batches->isChartShown());
    EXPECT_EQ(batches->numberButton()->text(), u"0"_s);
    EXPECT_TRUE(batches->emptyText().startsWith(u"No product batches yet"_s))
            << batches->emptyText().toStdString();
    EXPECT_TRUE(page.card(DashboardPage::Card::Webhooks)->emptyText().contains(u"No webhook calls"_s));
    EXPECT_TRUE(page.card(DashboardPage::Card::ApiErrors)->emptyText().contains(u"No API errors"_s));

    DashboardPage without(nullptr);
    without.show();
    EXPECT_FALSE(without.card(DashboardPage::Card::Orders)->isChartShown());
    EXPECT_FALSE(without.card(DashboardPage::Card::Orders)->numberButton()->isEnabled());
}

TEST_F(DashboardPageTest, AClickOpensThePageBehindWithTheMatchingFilter)
{
    fill();
    addWebhooks(WebhookQueueItem::State::Failed, 4, 6); // failed too, but not today
    AppContext context;
    context.database = &db();
    MainWindow window(context);
    window.resize(1280, 900);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    ASSERT_EQ(window.currentPage(), MainWindow::Page::Dashboard);
    auto *dashboard = qobject_cast<DashboardPage *>(window.page(MainWindow::Page::Dashboard));
    ASSERT_TRUE(dashboard);

    // Orders: the bar of the sent ones.
    clickBar(dashboard->card(DashboardPage::Card::Orders), u"sent"_s);
    ASSERT_EQ(window.currentPage(), MainWindow::Page::Orders);
    auto *orders = qobject_cast<OrderListPage *>(window.page(MainWindow::Page::Orders));
    EXPECT_EQ(orders->stateFilter()->currentData().toString(), u"sent"_s);
    EXPECT_EQ(orders->model()->totalCount(), 2);
    // The number: every order, whatever filter the list had.
    window.showPage(MainWindow::Page::Dashboard);
    dashboard->card(DashboardPage::Card::Orders)->numberButton()->click();
    ASSERT_EQ(window.currentPage(), MainWindow::Page::Orders);
    EXPECT_EQ(orders->stateFilter()->currentIndex(), 0);
    EXPECT_EQ(orders->model()->totalCount(), 9);

    // Webhooks: today's failed calls, not the ones that failed six days ago; the range is that day.
    window.showPage(MainWindow::Page::Dashboard);
    QSignalSpy webhooksAsked(dashboard, &DashboardPage::webhooksRequested);
    clickBar(dashboard->card(DashboardPage::Card::Webhooks), u"Failed"_s, 13);
    ASSERT_EQ(window.currentPage(), MainWindow::Page::Webhooks);
    ASSERT_EQ(webhooksAsked.size(), 1);
    EXPECT_EQ(webhooksAsked.at(0).at(1).toDateTime(), QDate(2026, 6, 3).startOfDay());
    EXPECT_EQ(webhooksAsked.at(0).at(2).toDateTime(), QDate(2026, 6, 4).startOfDay());
    auto *webhooks = qobject_cast<WebhookQueuePage *>(window.page(MainWindow::Page::Webhooks));
    EXPECT_EQ(webhooks->findChild<QComboBox *>(u"stateFilter"_s)->currentData().toString(), u"Failed"_s);
    EXPECT_TRUE(webhooks->findChild<QCheckBox *>(u"fromEnabled"_s)->isChecked());
    EXPECT_TRUE(webhooks->findChild<QCheckBox *>(u"toEnabled"_s)->isChecked());
    EXPECT_EQ(webhooks->model()->rowCount(), 2);
    // The Done ones four days ago: the bar counted 3 (5 more today, 7 twenty days ago).
    window.showPage(MainWindow::Page::Dashboard);
    clickBar(dashboard->card(DashboardPage::Card::Webhooks), u"Done"_s, 9);
    ASSERT_EQ(window.currentPage(), MainWindow::Page::Webhooks);
    EXPECT_EQ(webhooks->findChild<QComboBox *>(u"stateFilter"_s)->currentData().toString(), u"Done"_s);
    EXPECT_EQ(webhooks->model()->rowCount(), 3);
    // The number: every state over the 14 days (not the 7 calls before them).
    window.showPage(MainWindow::Page::Dashboard);
    dashboard->card(DashboardPage::Card::Webhooks)->numberButton()->click();
    ASSERT_EQ(window.currentPage(), MainWindow::Page::Webhooks);
    EXPECT_EQ(webhooks->findChild<QComboBox *>(u"stateFilter"_s)->currentIndex(), 0);
    EXPECT_EQ(webhooks->model()->rowCount(), 5 + 2 + 3 + 4);

    // Batches: the completed ones.
    window.showPage(MainWindow::Page::Dashboard);
    clickBar(dashboard->card(DashboardPage::Card::Batches), u"COMPLETED"_s);
    ASSERT_EQ(window.currentPage(), MainWindow::Page::Batches);
    auto *batches = qobject_cast<BatchesPage *>(window.page(MainWindow::Page::Batches));
    EXPECT_EQ(batches->findChild<QComboBox *>(u"batchStateFilter"_s)->currentData().toString(),
              u"COMPLETED"_s);
    EXPECT_FALSE(batches->findChild<QCheckBox *>(u"errorsOnly"_s)->isChecked());
    EXPECT_EQ(batches->model()->rowCount(), 3);

    // API errors: Poleepo's, two days ago; the API log page is asked for them.
    window.showPage(MainWindow::Page::Dashboard);
    QSignalSpy asked(dashboard, &DashboardPage::apiErrorsRequested);
    clickBar(dashboard->card(DashboardPage::Card::ApiErrors), u"poleepo"_s, 11);
    ASSERT_EQ(asked.size(), 1);
    EXPECT_EQ(asked.at(0).at(0).toString(), u"poleepo"_s);
    EXPECT_EQ(asked.at(0).at(1).toDateTime(), QDate(2026, 6, 1).startOfDay());
    EXPECT_EQ(asked.at(0).at(2).toDateTime(), QDate(2026, 6, 2).startOfDay());
    EXPECT_EQ(window.currentPage(), MainWindow::Page::ApiLog);
    // The API log page lists exactly the calls that bar counted.
    auto *apiLog = qobject_cast<ApiLogPage *>(window.page(MainWindow::Page::ApiLog));
    ASSERT_TRUE(apiLog);
    EXPECT_EQ(apiLog->model()->rowCount(), 3);
    EXPECT_EQ(apiLog->serviceFilter()->currentData().toString(), u"poleepo"_s);
    // Its number: every service over the 14 days.
    window.showPage(MainWindow::Page::Dashboard);
    dashboard->card(DashboardPage::Card::ApiErrors)->numberButton()->click();
    ASSERT_EQ(asked.size(), 2);
    EXPECT_TRUE(asked.at(1).at(0).toString().isEmpty());
    EXPECT_EQ(asked.at(1).at(1).toDateTime(), QDate(2026, 5, 21).startOfDay());
    EXPECT_EQ(asked.at(1).at(2).toDateTime(), QDate(2026, 6, 4).startOfDay());
    EXPECT_EQ(apiLog->model()->rowCount(), 6);
}

TEST_F(DashboardPageTest, CountsAgainOnlyWhenTheDataChanged)
{
    fill();
    DashboardPage page(&db());
    page.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&page));
    EXPECT_EQ(page.countCount(), 1);
    page.checkForChanges(); // what the page does every few seconds while shown
    page.checkForChanges();
    EXPECT_EQ(page.countCount(), 1);

    addWebhooks(WebhookQueueItem::State::Failed, 1);
    page.checkForChanges();
    EXPECT_EQ(page.countCount(), 2);
    EXPECT_EQ(page.card(DashboardPage::Card::Webhooks)->numberButton()->text(), u"11"_s);

    // An order that changes state moves no marker: the window's signal says so, counted once a burst.
    ASSERT_TRUE(SalesOrderRepository(db()).updateState(1, u"sent"_s, OrderEvent::Source::User, {}).ok());
    page.dataChanged();
    page.dataChanged();
    EXPECT_EQ(page.countCount(), 2);
    QTRY_COMPARE(page.countCount(), 3);
    EXPECT_EQ(page.card(DashboardPage::Card::Orders)->count(u"sent"_s), 3);

    // Hidden, it only remembers; shown again, it counts once.
    page.hide();
    page.dataChanged();
    QTest::qWait(400);
    EXPECT_EQ(page.countCount(), 3);
    page.show();
    EXPECT_EQ(page.countCount(), 4);

    // A new day counts again even when nothing changed.
    m_clock.advance(24 * 3600);
    page.checkForChanges();
    EXPECT_EQ(page.countCount(), 5);
    EXPECT_EQ(page.days().days.last(), QDate(2026, 6, 4));
    EXPECT_EQ(page.card(DashboardPage::Card::Webhooks)->count(u"Failed"_s, 12), 3);
}

// In the window the figures are counted on the worker thread: the page shows them when they come,
// is not listed as a task, and a refresh asked for while counting counts once more afterwards.
TEST_F(DashboardPageTest, WithTheWorkerItCountsThereAndShowsTheFiguresWhenTheyCome)
{
    fill();
    WorkerThread worker;
    BackgroundTasks tasks(worker.post());
    QSignalSpy listed(&tasks, &BackgroundTasks::started);
    DashboardPage page(&db());
    page.setTasks(&tasks);
    page.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&page));
    QTRY_VERIFY(!page.isCounting());
    EXPECT_EQ(page.countCount(), 1);
    EXPECT_EQ(page.card(DashboardPage::Card::Orders)->numberButton()->text(), u"9"_s);
    EXPECT_EQ(page.card(DashboardPage::Card::Webhooks)->numberButton()->text(), u"10"_s);
    EXPECT_EQ(page.card(DashboardPage::Card::ApiErrors)->numberButton()->text(), u"6"_s);

    addWebhooks(WebhookQueueItem::State::Failed, 1);
    page.refresh();
    EXPECT_TRUE(page.isCounting());
    EXPECT_EQ(page.card(DashboardPage::Card::Webhooks)->numberButton()->text(), u"10"_s) << "not shown yet";
    page.refresh(); // while counting: once more afterwards, not twice more
    page.refresh();
    QTRY_VERIFY(page.countCount() == 3 && !page.isCounting());
    QTest::qWait(50);
    EXPECT_EQ(page.countCount(), 3);
    EXPECT_EQ(page.card(DashboardPage::Card::Webhooks)->numberButton()->text(), u"11"_s);
    EXPECT_EQ(listed.count(), 0);
}

TEST_F(DashboardPageTest, ChartsTakeTheirColoursFromADarkPalette)
{
    fill();
    DashboardPage page(&db());
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x23, 0x26, 0x29));
    dark.setColor(QPalette::WindowText, QColor(0xef, 0xf0, 0xf1));
    page.setPalette(dark);
    page.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&page));
    for (const auto which : {DashboardPage::Card::Orders, DashboardPage::Card::Webhooks,
                             DashboardPage::Card::Batches, DashboardPage::Card::ApiErrors}) {
        QChart *chart = page.card(which)->chart();
        EXPECT_EQ(chart->backgroundBrush().color(), QColor(0x23, 0x26, 0x29));
        ASSERT_FALSE(chart->axes().isEmpty());
        for (QAbstractAxis *axis : chart->axes())
            EXPECT_EQ(axis->labelsColor(), QColor(0xef, 0xf0, 0xf1));
    }
}

} // namespace
} // namespace Bottega::Test
