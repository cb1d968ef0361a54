// MainWindow: the sidebar of areas and the page of the chosen one, plus a status bar with the
// database, the built-in server and the background tasks running (with their progress and, where
// safe, a Cancel button). It only presents; every action is a core use case.
// Thread: the main (window) thread; the server and the tasks report to it by queued signals.
#pragma once

#include "ui/AppContext.h"

#include <QMainWindow>

class QLabel;
class QListWidget;
class QToolButton;
class QStackedWidget;

namespace Bottega {

class BatchesPage;
class DashboardPage;
class OrderListPage;
class WebhookQueuePage;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // The sidebar's entries, in order.
    enum class Page { Dashboard, Products, Orders, Webhooks, Batches, ApiLog, Scheduler, Settings };
    Q_ENUM(Page)
    static constexpr int PageCount = int(Page::Settings) + 1;

    explicit MainWindow(const AppContext &context, QWidget *parent = nullptr);
    ~MainWindow() override;

    void showPage(Page page);
    Page currentPage() const;
    QWidget *page(Page page) const;

    QListWidget *sidebar() const;
    QStackedWidget *pages() const;
    // Updates the status bar from the server's current state.
    void updateStatus();
    QString databaseStatus() const;
    QString serverStatus() const;
    // "Importing products: 1,200 of 5,000"; empty when no task runs.
    QString tasksStatus() const;

protected:
    void closeEvent(QCloseEvent *event) override;
    // The first paint is logged (category "bottega.window", info): PERF-6 measures start-up by it.
    bool event(QEvent *event) override;

private:
    void addPage(Page page, const QString &title, const QString &iconName, int fallbackIcon, QWidget *widget);
    void connectDashboard(DashboardPage *dashboard, OrderListPage *orders, WebhookQueuePage *webhooks,
                          BatchesPage *batches);
    void restoreState();
    void saveState() const;
    void updateTasks();

    AppContext m_context;
    QListWidget *m_sidebar;
    QStackedWidget *m_pages;
    QLabel *m_databaseLabel;
    QLabel *m_serverLabel;
    bool m_painted = false;
    QLabel *m_tasksLabel;
    QToolButton *m_cancelTask;
};

} // namespace Bottega
