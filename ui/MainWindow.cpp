#include "ui/MainWindow.h"

#include "core/orders/OrderService.h"
#include "core/scheduler/Scheduler.h"
#include "core/scheduler/BackgroundTasks.h"
#include "core/server/Server.h"
#include "core/store/Database.h"
#include "ui/pages/ApiLogPage.h"
#include "ui/pages/BatchesPage.h"
#include "ui/pages/DashboardPage.h"
#include "ui/pages/OrderListPage.h"
#include "ui/pages/ProductListPage.h"
#include "ui/pages/SchedulerPage.h"
#include "ui/pages/SettingsPage.h"
#include "ui/pages/WebhookQueuePage.h"

#include <QCloseEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QLoggingCategory>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

Q_LOGGING_CATEGORY(lcWindow, "bottega.window", QtWarningMsg)

namespace {

const QString lastPageKey = u"window/lastPage"_s;
const QString geometryKey = u"window/geometry"_s;

} // namespace

MainWindow::MainWindow(const AppContext &context, QWidget *parent)
    : QMainWindow(parent), m_context(context), m_sidebar(new QListWidget(this)),
      m_pages(new QStackedWidget(this)), m_databaseLabel(new QLabel(this)), m_serverLabel(new QLabel(this)),
      m_tasksLabel(new QLabel(this)), m_cancelTask(new QToolButton(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Bottega"));

    m_sidebar->setObjectName(u"sidebar"_s);
    m_sidebar->setSelectionMode(QAbstractItemView::SingleSelection);
    m_sidebar->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sidebar->setIconSize(QSize(22, 22));
    m_sidebar->setSpacing(2);
    m_sidebar->setUniformItemSizes(true);
    m_sidebar->setFrameShape(QFrame::NoFrame);
    // The sidebar has the window colour so the page reads as the content.
    m_sidebar->setBackgroundRole(QPalette::Window);
    m_sidebar->viewport()->setBackgroundRole(QPalette::Window);
    m_pages->setObjectName(u"pages"_s);

    auto *dashboard = new DashboardPage(m_context.database);
    dashboard->setTasks(m_context.tasks); // counted on the worker thread
    addPage(Page::Dashboard, tr("Dashboard"), u"view-grid"_s, QStyle::SP_ComputerIcon, dashboard);
    auto *products = new ProductListPage(m_context.database, m_context.gelato);
    products->setFileStore(m_context.files);
    products->setCatalogBrowsing(m_context.catalog);
    products->setTasks(m_context.tasks); // template syncs store on the worker thread
    addPage(Page::Products, tr("Products"), u"package-x-generic"_s, QStyle::SP_FileDialogContentsView,
            products);
    auto *orders = new OrderListPage(m_context.database, m_context.orders);
    orders->setShipping(m_context.shipWithPoleepo, m_context.packageTypes);
    orders->setTasks(m_context.tasks); // CSV imports on the worker thread
    addPage(Page::Orders, tr("Orders"), u"x-office-document"_s, QStyle::SP_FileDialogDetailedView, orders);
    auto *webhooks = new WebhookQueuePage(m_context.database, m_context.settings);
    addPage(Page::Webhooks, tr("Webhooks"), u"network-receive"_s, QStyle::SP_DriveNetIcon, webhooks);
    // HOOK-5: the failed calls are counted on the sidebar entry.
    const auto showFailed = [this](int failed) {
        m_sidebar->item(int(Page::Webhooks))
                ->setText(failed > 0 ? tr("Webhooks (%1)").arg(failed) : tr("Webhooks"));
    };
    connect(webhooks, &WebhookQueuePage::failedCountChanged, this, showFailed);
    showFailed(webhooks->failedCount());
    auto *batches = new BatchesPage(m_context.database, m_context.batchGeneration);
    addPage(Page::Batches, tr("Batches"), u"mail-send"_s, QStyle::SP_ArrowUp, batches);
    // BATCH-4: the batches with failed items are counted on the sidebar entry.
    const auto showBatchErrors = [this](int withErrors) {
        m_sidebar->item(int(Page::Batches))
                ->setText(withErrors > 0 ? tr("Batches (%1)").arg(withErrors) : tr("Batches"));
    };
    connect(batches, &BatchesPage::errorBatchCountChanged, this, showBatchErrors);
    showBatchErrors(batches->errorBatchCount());
    auto *apiLog = new ApiLogPage(m_context.database);
    addPage(Page::ApiLog, tr("API log"), u"text-x-generic"_s, QStyle::SP_FileDialogInfoView, apiLog);
    connect(apiLog, &ApiLogPage::openOrderRequested, orders, [this, orders](qint64 orderId) {
        showPage(Page::Orders);
        orders->openEditor(orderId);
    });
    addPage(Page::Scheduler, tr("Scheduler"), u"chronometer"_s, QStyle::SP_BrowserReload,
            new SchedulerPage(m_context.scheduler));
    addPage(Page::Settings, tr("Settings"), u"preferences-system"_s, QStyle::SP_FileDialogListView,
            new SettingsPage(m_context));

    connectDashboard(dashboard, orders, webhooks, batches);

    // Wide enough for the longest (Italian) entry, never wider than it needs. The items' size hints
    // only fix the height, so the width comes from the texts themselves.
    int widestText = 0;
    for (int row = 0; row < m_sidebar->count(); ++row)
        widestText = std::max(widestText,
                              m_sidebar->fontMetrics().horizontalAdvance(m_sidebar->item(row)->text()));
    const int padding = 4 * style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_sidebar) + 24;
    m_sidebar->setFixedWidth(widestText + m_sidebar->iconSize().width() + padding
                             + 2 * m_sidebar->frameWidth());

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->setSpacing(6);
    layout->addWidget(m_sidebar);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    connect(m_sidebar, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    m_databaseLabel->setObjectName(u"databaseStatus"_s);
    m_serverLabel->setObjectName(u"serverStatus"_s);
    m_databaseLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_serverLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_databaseLabel, 1);
    statusBar()->addPermanentWidget(m_serverLabel);
    // The background tasks (one progress mechanism for all long work): shown while some run.
    m_tasksLabel->setObjectName(u"taskStatus"_s);
    m_cancelTask->setObjectName(u"cancelTask"_s);
    m_cancelTask->setText(tr("Cancel"));
    statusBar()->addPermanentWidget(m_tasksLabel);
    statusBar()->addPermanentWidget(m_cancelTask);
    if (m_context.tasks) {
        connect(m_context.tasks, &BackgroundTasks::started, this, &MainWindow::updateTasks);
        connect(m_context.tasks, &BackgroundTasks::progressed, this, &MainWindow::updateTasks);
        connect(m_context.tasks, &BackgroundTasks::finished, this, &MainWindow::updateTasks);
        connect(m_cancelTask, &QToolButton::clicked, this, [this] {
            for (const BackgroundTasks::Task &task : m_context.tasks->running()) {
                if (task.cancellable && m_context.tasks->cancel(task.id))
                    break;
            }
        });
    }
    updateTasks();
    updateStatus();

    resize(1100, 700);
    restoreState();
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(Page page, const QString &title, const QString &iconName, int fallbackIcon,
                         QWidget *widget)
{
    const QIcon fallback = style()->standardIcon(QStyle::StandardPixmap(fallbackIcon));
    auto *item = new QListWidgetItem(QIcon::fromTheme(iconName, fallback), title, m_sidebar);
    item->setData(Qt::UserRole, int(page));
    // Room around each entry: it is clicked all day.
    item->setSizeHint(QSize(0, 36));
    widget->setParent(m_pages);
    m_pages->addWidget(widget);
}

// APP-1: the dashboard's clicks open the page behind a figure, filtered; what changes data tells it.
void MainWindow::connectDashboard(DashboardPage *dashboard, OrderListPage *orders, WebhookQueuePage *webhooks,
                                  BatchesPage *batches)
{
    connect(dashboard, &DashboardPage::ordersRequested, this, [this, orders](const QString &state) {
        orders->showState(state);
        showPage(Page::Orders);
    });
    connect(dashboard, &DashboardPage::webhooksRequested, this,
            [this, webhooks](const QString &state, const QDateTime &from, const QDateTime &to) {
                webhooks->showState(state, from, to);
                showPage(Page::Webhooks);
            });
    connect(dashboard, &DashboardPage::batchesRequested, this,
            [this, batches](const QString &status, bool withErrorsOnly) {
                batches->showBatches(status, withErrorsOnly);
                showPage(Page::Batches);
            });
    // The API log page applies the request's filter itself (connected where that page is built).
    connect(dashboard, &DashboardPage::apiErrorsRequested, this,
            [this](const QString &service, const QDateTime &from, const QDateTime &to) {
                if (auto *apiLog = qobject_cast<ApiLogPage *>(page(Page::ApiLog)))
                    apiLog->showErrors(service, from, to);
                showPage(Page::ApiLog);
            });
    if (m_context.orders)
        connect(m_context.orders, &OrderService::orderChanged, dashboard, &DashboardPage::dataChanged);
    if (m_context.scheduler)
        connect(m_context.scheduler, &Scheduler::jobFinished, dashboard, &DashboardPage::dataChanged);
    connect(webhooks, &WebhookQueuePage::failedCountChanged, dashboard, &DashboardPage::dataChanged);
    connect(batches, &BatchesPage::errorBatchCountChanged, dashboard, &DashboardPage::dataChanged);
}

void MainWindow::showPage(Page page)
{
    m_sidebar->setCurrentRow(int(page));
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(m_pages->currentIndex());
}

QWidget *MainWindow::page(Page page) const
{
    return m_pages->widget(int(page));
}

QListWidget *MainWindow::sidebar() const
{
    return m_sidebar;
}

QStackedWidget *MainWindow::pages() const
{
    return m_pages;
}

QString MainWindow::databaseStatus() const
{
    if (!m_context.database)
        return tr("No database");
    return tr("Database: %1").arg(m_context.database->location().displayName());
}

QString MainWindow::serverStatus() const
{
    if (m_context.server && m_context.server->isListening())
        return tr("Server: listening on %1").arg(m_context.server->address().toString());
    if (!m_context.serverError.isEmpty())
        return tr("Server: not running (%1)").arg(m_context.serverError);
    return tr("Server: not running");
}

QString MainWindow::tasksStatus() const
{
    if (!m_context.tasks)
        return {};
    QStringList parts;
    for (const BackgroundTasks::Task &task : m_context.tasks->running()) {
        parts.append(task.total > 0 ? tr("%1: %2 of %3")
                                              .arg(task.title, locale().toString(task.done),
                                                   locale().toString(task.total))
                                    : tr("%1…").arg(task.title));
    }
    return parts.join(u" · "_s);
}

void MainWindow::updateTasks()
{
    const QString text = tasksStatus();
    m_tasksLabel->setText(text);
    m_tasksLabel->setVisible(!text.isEmpty());
    bool cancellable = false;
    if (m_context.tasks) {
        for (const BackgroundTasks::Task &task : m_context.tasks->running())
            cancellable = cancellable || task.cancellable;
    }
    m_cancelTask->setVisible(cancellable);
}

void MainWindow::updateStatus()
{
    m_databaseLabel->setText(databaseStatus());
    m_serverLabel->setText(serverStatus());
    m_serverLabel->setToolTip(m_context.serverError);
}

void MainWindow::restoreState()
{
    // The start page: the one open when the window was last closed, unless that is not a page of
    // this version (a later version may have had more); then the Dashboard.
    const auto hasContent = [](int index) { return index >= 0 && index < PageCount; };
    int start = int(Page::Dashboard);
    if (m_context.windowState) {
        restoreGeometry(m_context.windowState->value(geometryKey).toByteArray());
        bool ok = false;
        const int last = m_context.windowState->value(lastPageKey).toInt(&ok);
        if (ok && hasContent(last))
            start = last;
    }
    showPage(Page(start));
}

void MainWindow::saveState() const
{
    if (!m_context.windowState)
        return;
    m_context.windowState->setValue(geometryKey, saveGeometry());
    m_context.windowState->setValue(lastPageKey, int(currentPage()));
}

bool MainWindow::event(QEvent *event)
{
    if (event->type() == QEvent::Paint && !m_painted) {
        m_painted = true;
        // The window's first frame is painted and flushed before the event loop runs this.
        QTimer::singleShot(0, this, [] { qCInfo(lcWindow, "first window painted"); });
    }
    return QMainWindow::event(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveState();
    QMainWindow::closeEvent(event);
}

} // namespace Bottega
