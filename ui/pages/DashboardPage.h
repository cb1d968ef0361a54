// DashboardPage: the dashboard (APP-1): orders by state, webhook calls by state over the last 14 days,
// product batches by state, API errors per service per day, each with its number; a click on a bar
// or a number asks the window for the page behind it with the matching filter. The figures are
// counted by DashboardQueries; they are read again when the page is shown after something changed,
// when the window says data changed, or when a cheap change marker (read every few seconds while
// the page is shown) moved, never by re-counting on a timer. With BackgroundTasks the counting runs
// on the worker thread (tens of ms over a long webhook queue) and the page shows it when it comes.
// Lives on the window's thread.
#pragma once

#include "core/store/DashboardQueries.h"

#include <QWidget>
#include <optional>

class QTimer;

namespace Bottega {

class BackgroundTasks;
class ChartCard;
class Database;
class InlineMessage;

class DashboardPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardPage)

public:
    enum class Card { Orders, Webhooks, Batches, ApiErrors };
    static constexpr int DayCount = 14;
    // How often the change marker is read while the page is shown.
    static constexpr int ChangeCheckMs = 5000;

    // The database is not owned; without one the page says the figures are unavailable.
    explicit DashboardPage(Database *database, QWidget *parent = nullptr);
    ~DashboardPage() override;

    // Counting then runs on the worker through tasks (not owned); without, on this thread.
    void setTasks(BackgroundTasks *tasks) { m_tasks = tasks; }
    // A count is running on the worker; its figures are not shown yet.
    bool isCounting() const { return m_counting; }
    ChartCard *card(Card card) const;
    // The days the daily charts show, as last counted.
    const DayRange &days() const { return m_range; }
    // How many times the figures were counted (tests check that nothing re-counts needlessly).
    int countCount() const { return m_countCount; }

    // Counts every figure now (on the worker with tasks: shown when counted).
    void refresh();
    // Something changed: counts again shortly when shown, otherwise when next shown.
    void dataChanged();
    // Reads the change marker; counts again when it moved or a new day began.
    void checkForChanges();

Q_SIGNALS:
    // The Orders page with the orders in `state` (empty: every order).
    void ordersRequested(const QString &state);
    // The Webhooks page with the calls in `state` ("Failed", ...; empty: every call) received in
    // [from, to).
    void webhooksRequested(const QString &state, const QDateTime &from, const QDateTime &to);
    // The Batches page with the batches in `status` (empty: any), only those with errors if asked.
    void batchesRequested(const QString &status, bool withErrorsOnly);
    // The API log with the calls of `service` (empty: any) that failed or were answered 4xx/5xx,
    // made in [from, to).
    void apiErrorsRequested(const QString &service, const QDateTime &from, const QDateTime &to);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    // Every figure as read at one time, with the errors met reading them.
    struct Figures
    {
        std::optional<DashboardQueries::ChangeMarker> marker;
        DayRange range;
        std::optional<QMap<QString, qint64>> orders;
        std::optional<DailyCounts> webhooks;
        std::optional<QMap<QString, qint64>> batches;
        qint64 batchErrors = 0;
        std::optional<DailyCounts> apiErrors;
        QStringList errors;
    };
    static Figures count(Database &database); // any thread, with its connection
    void showFigures(const Figures &figures);
    void showOrders(const QMap<QString, qint64> &counts);
    void showWebhooks(const DailyCounts &counts);
    void showBatches(const QMap<QString, qint64> &counts, qint64 withErrors);
    void showApiErrors(const DailyCounts &counts);
    void showUnavailable();

    Database *m_database;
    BackgroundTasks *m_tasks = nullptr;
    bool m_counting = false;
    bool m_countAgain = false; // asked for while counting: once more when it is shown
    InlineMessage *m_message;
    ChartCard *m_orders;
    ChartCard *m_webhooks;
    ChartCard *m_batches;
    ChartCard *m_apiErrors;
    QTimer *m_changeCheck;
    QTimer *m_refreshSoon;
    DayRange m_range;
    std::optional<DashboardQueries::ChangeMarker> m_marker;
    bool m_stale = true;
    int m_countCount = 0;
};

} // namespace Bottega
