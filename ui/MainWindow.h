// MainWindow: the sidebar of areas and the page of the chosen one, plus a status bar with the
// database and the built-in server. It only presents; every action is a core use case.
#pragma once

#include "ui/AppContext.h"

#include <QMainWindow>

class QLabel;
class QListWidget;
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

    AppContext m_context;
    QListWidget *m_sidebar;
    QStackedWidget *m_pages;
    QLabel *m_databaseLabel;
    QLabel *m_serverLabel;
    bool m_painted = false;
};

} // namespace Bottega
