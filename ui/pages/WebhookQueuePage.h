// WebhookQueuePage: the webhook queue (HOOK-5): filter by state, source, event, text and the time
// received (a range given backwards is refused with a message; no match says so), read a
// call's payload pretty-printed, retry one or many, clean up processed rows. It counts the failed
// calls for the sidebar and, when a new one fails, notifies: in the system tray when there is one,
// otherwise with a banner in the window.
#pragma once

#include <QDateTime>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSystemTrayIcon;
class QTableView;
class QTimer;

namespace Bottega {

class Database;
class InlineMessage;
class Settings;
class TimeRangeFilter;
class WebhookTableModel;

class WebhookQueuePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookQueuePage)

public:
    // Neither is owned; without a database the page says the queue is unavailable. Settings give
    // the retention of "Clean up" (webhook.retention-days); without them 30 days.
    explicit WebhookQueuePage(Database *database, Settings *settings = nullptr, QWidget *parent = nullptr);
    ~WebhookQueuePage() override;

    WebhookTableModel *model() const { return m_model; }
    int failedCount() const { return m_failedCount; }

    // Reads the queue and the failed count again (also every few seconds while shown).
    void refresh();
    // False (and the list unchanged, the reason shown) when the time range ends before it starts.
    bool applyFilters();
    // The calls in one state ("Failed"; empty: all) received in [from, to) (invalid: open), the other
    // filters cleared (the dashboard's bars: one state on one day).
    void showState(const QString &state, const QDateTime &from = {}, const QDateTime &to = {});
    // Back to Pending: the selected rows (WebhookQueueActions::retry, as `webhook retry`).
    void retrySelected();
    // Asks (Confirm), then removes processed rows older than the retention
    // (WebhookQueueActions::cleanup, as `webhook cleanup`).
    void cleanUp();

Q_SIGNALS:
    void failedCountChanged(int count);
    // A newly failed call was announced, in the tray or (inTray false) in the page's banner.
    void failureNotified(const QString &text, bool inTray);

private:
    void showSelectedPayload();
    void updateFailedCount();
    void notifyFailures(int newlyFailed, int failed);
    void updateEmptyState();

    Database *m_database;
    Settings *m_settings;
    WebhookTableModel *m_model;
    QComboBox *m_state;
    QComboBox *m_source;
    QLineEdit *m_event;
    QLineEdit *m_text;
    TimeRangeFilter *m_range;
    QLabel *m_empty;
    QTableView *m_table;
    QPlainTextEdit *m_payload;
    QPushButton *m_retry;
    QPushButton *m_cleanUp;
    InlineMessage *m_message;
    QTimer *m_timer;
    QSystemTrayIcon *m_tray = nullptr; // created at the first failure, when there is a tray
    int m_failedCount = -1; // -1: not counted yet
};

} // namespace Bottega
