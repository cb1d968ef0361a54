// ApiLogPage: the API log (LOG-2): every call Bottega made or received, newest first, filtered by
// service, direction, status class, endpoint text and time range, paged by key in SQL so that a
// million rows open and scroll at once (PERF-5). The selected call is shown with its request and
// response headers and bodies (JSON indented, huge bodies cut), can be copied as a curl command
// (redacted, as logged) and opens the order it is about when the log knows it. Lives on the
// window's thread; reads go through ApiLogRepository.
#pragma once

#include "core/domain/ApiLogEntry.h"
#include "core/store/ApiLogRepository.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace Bottega {

class ApiLogTableModel;
class Database;
class InlineMessage;
class TimeRangeFilter;

class ApiLogPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiLogPage)

public:
    // The database is not owned; without one the page says the log is unavailable.
    explicit ApiLogPage(Database *database, QWidget *parent = nullptr);
    ~ApiLogPage() override;

    ApiLogTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QComboBox *serviceFilter() const { return m_service; }
    QComboBox *directionFilter() const { return m_direction; }
    QComboBox *statusFilter() const { return m_status; }
    QLineEdit *endpointFilter() const { return m_endpoint; }
    QCheckBox *fromEnabled() const;
    QDateTimeEdit *fromEdit() const;
    QCheckBox *toEnabled() const;
    QDateTimeEdit *toEdit() const;
    QLabel *emptyLabel() const { return m_empty; }
    InlineMessage *message() const { return m_message; }
    QLabel *summaryLabel() const { return m_summary; }
    QPlainTextEdit *requestHeadersView() const { return m_requestHeaders; }
    QPlainTextEdit *requestBodyView() const { return m_requestBody; }
    QLabel *requestBodyLabel() const { return m_requestBodyLabel; }
    QPlainTextEdit *responseHeadersView() const { return m_responseHeaders; }
    QPlainTextEdit *responseBodyView() const { return m_responseBody; }
    QLabel *responseBodyLabel() const { return m_responseBodyLabel; }
    QPushButton *curlButton() const { return m_copyCurl; }
    QPushButton *relatedButton() const { return m_related; }

    // Applies the filters now (typing waits a moment before it asks the database). A time range
    // that ends before it starts is refused with a message and the list stays as it was; returns
    // whether the filters were applied.
    bool applyFilters();
    // The calls that failed (no answer, 4xx or 5xx) of one service ("" for all) in [from, to)
    // (an invalid time leaves that end open), the other filters cleared: the dashboard's errors.
    void showErrors(const QString &service, const QDateTime &from, const QDateTime &to);
    void showNewest();
    void showOldest(); // the end of the log
    // Shows the call with this id in the detail view (selecting it when it is in the list).
    void showEntry(qint64 id);
    qint64 shownEntryId() const { return m_shown.id; }
    // The shown call as a curl command (redacted); empty when none is shown.
    QString curlCommand() const;
    // Puts curlCommand() on the clipboard.
    void copyCurl();

Q_SIGNALS:
    void openOrderRequested(qint64 orderId);
    void openWebhookRequested(qint64 queueId);

private:
    void showSelected();
    void clearDetail();
    void updateEmptyState();
    void openRelated();
    void fetchNewerAtTop();

    Database *m_database;
    ApiLogTableModel *m_model;
    InlineMessage *m_message;
    QComboBox *m_service;
    QComboBox *m_direction;
    QComboBox *m_status;
    QLineEdit *m_endpoint;
    TimeRangeFilter *m_range;
    QPushButton *m_newest;
    QPushButton *m_oldest;
    QLabel *m_empty;
    QTableView *m_view;
    QLabel *m_summary;
    QPushButton *m_copyCurl;
    QPushButton *m_related;
    QPlainTextEdit *m_requestHeaders;
    QLabel *m_requestBodyLabel;
    QPlainTextEdit *m_requestBody;
    QPlainTextEdit *m_responseHeaders;
    QLabel *m_responseBodyLabel;
    QPlainTextEdit *m_responseBody;
    QTimer *m_filterDelay;
    ApiLogEntry m_shown;
    ApiLogRepository::Related m_shownRelated;
};

} // namespace Bottega
