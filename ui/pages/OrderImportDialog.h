// OrderImportDialog: "Import CSV…" (ORD-1): the file is read as a dry run first, the report shows
// the orders it would create or each bad row with its column and problem; Import applies it (all or
// nothing). With BackgroundTasks, both the check and the import run on the worker thread (progress
// in counts here and in the status bar, cancellable) and the dialog stays usable meanwhile.
// Thread: the main (window) thread.
#pragma once

#include "core/orders/OrderService.h"

#include <QDialog>
#include <functional>
#include <memory>

class QLabel;
class QPushButton;
class QTableWidget;

namespace Bottega {

class BackgroundTasks;
class InlineMessage;

class OrderImportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderImportDialog)

public:
    enum Column { RowColumn, FieldColumn, ProblemColumn };

    // Reads the file at once (dry run), on this thread. The service is not owned.
    OrderImportDialog(OrderService *orders, const QString &path, QWidget *parent = nullptr);
    // Checks the file (dry run) on the worker thread through tasks (not owned): "Checking rows: n of
    // m" until the report is shown; Cancel stops the check and closes the dialog.
    OrderImportDialog(OrderService *orders, const QString &path, BackgroundTasks *tasks,
                      QWidget *parent = nullptr);
    ~OrderImportDialog() override;

    // Imports for real; false (with the error or the rows shown) when nothing was applied.
    bool apply();
    // With tasks, Import runs on the worker thread (progress here and in the status bar; Cancel
    // stops it and keeps nothing) and the dialog closes once it is done. Not owned.
    void setTasks(BackgroundTasks *tasks);
    bool isChecking() const { return m_taskId != 0 && m_taskKind == TaskKind::Check; }
    bool isImporting() const { return m_taskId != 0 && m_taskKind == TaskKind::Import; }
    void reject() override;
    bool applied() const { return m_applied; }
    const OrderImportReport &report() const { return m_report; }

    QTableWidget *errorTable() const { return m_errors; }
    QLabel *summary() const { return m_summary; }
    QPushButton *importButton() const { return m_import; }
    InlineMessage *message() const { return m_message; }

private:
    enum class TaskKind { Check, Import };
    void setUp();
    void startImport();
    void startCheck();
    // Runs the import (or, for Check, its dry run) on the worker; result() turns its report into the
    // task's result there.
    void startTask(TaskKind kind, const QString &title,
                   std::function<Result<QString>(const OrderImportReport &)> result);
    void taskProgressed(int id, qint64 done, qint64 total);
    void taskFinished(int id, bool ok, const QString &result);
    void checkFinished(bool ok, const QString &result);
    void importFinished(bool ok, const QString &result);
    void preview();
    void showReport();
    void showUnreadable(const QString &error);

    OrderService *m_orders;
    BackgroundTasks *m_tasks = nullptr;
    int m_taskId = 0; // the running check's or import's task, 0 when none
    TaskKind m_taskKind = TaskKind::Check;
    std::shared_ptr<OrderImportReport> m_taskReport; // written by the task, read once it finished
    QString m_path;
    OrderImportReport m_report;
    bool m_applied = false;
    QLabel *m_summary;
    QTableWidget *m_errors;
    InlineMessage *m_message;
    QPushButton *m_import;
};

} // namespace Bottega
