// SchedulerPage: the background jobs (SCHED-2): see when each ran and will run and how it went;
// run one now, enable or disable it, change its interval.
#pragma once

#include <QWidget>

class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace Bottega {

class InlineMessage;
class IntervalDialog;
class JobTableModel;
class Scheduler;

class SchedulerPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchedulerPage)

public:
    // The scheduler is not owned and may be null (the page then says it is not available).
    explicit SchedulerPage(Scheduler *scheduler, QWidget *parent = nullptr);
    ~SchedulerPage() override;

    JobTableModel *model() const;
    QTableView *view() const;
    InlineMessage *message() const;

    // The selected job's name, empty if none.
    QString selectedJob() const;
    void selectJob(const QString &name);

    void runSelected();
    void toggleSelected();
    // Opens the (window-modal, not blocking) interval dialog for the selected job.
    IntervalDialog *changeIntervalOfSelected();

private:
    void fitColumns();
    void updateActions();

    Scheduler *m_scheduler;
    JobTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    InlineMessage *m_message;
    QPushButton *m_runButton;
    QPushButton *m_toggleButton;
    QPushButton *m_intervalButton;
};

} // namespace Bottega
