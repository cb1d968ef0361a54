// JobTableModel: the scheduler's jobs as a table (SCHED-2). Display text is for people; RawRole
// carries the typed value (seconds, QDateTime, bool) so that sorting never parses display text.
// It follows the scheduler: refreshed when a job starts or finishes and every few seconds.
#pragma once

#include "core/domain/Result.h"
#include "core/scheduler/Scheduler.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>
#include <QTimer>

namespace Bottega {

class JobTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobTableModel)

public:
    enum Column {
        TitleColumn,
        EnabledColumn,
        IntervalColumn,
        LastRunColumn,
        NextRunColumn,
        LastResultColumn
    };
    static constexpr int ColumnCount = LastResultColumn + 1;

    enum Role {
        RawRole = Qt::UserRole, // the typed value of the cell
        NameRole, // the job's name ("process-webhooks"), in every column
        LastOkRole, // bool: did the last run succeed
        RunningRole, // bool: running now, here or in another process
    };

    // The scheduler is not owned; null gives an empty table.
    explicit JobTableModel(Scheduler *scheduler, QObject *parent = nullptr);
    ~JobTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // The Enabled column's check box enables or disables the job.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    // Reads the jobs again from the scheduler (the database).
    void refresh();
    // 0 stops the periodic refresh. Default 5 s.
    void setRefreshIntervalMs(int ms);

    JobState jobAt(int row) const;
    int rowOf(const QString &name) const; // -1 if unknown

    // Through the scheduler, then refreshed; the error is the scheduler's own. setEnabled() also
    // emits it as errorOccurred(), since a check box click has no other way to report it;
    // setInterval()'s caller (the interval dialog) shows it next to the value.
    Result<void> setEnabled(const QString &name, bool enabled);
    Result<void> setInterval(const QString &name, int seconds);

Q_SIGNALS:
    // Reading or changing the jobs failed; the message names what went wrong.
    void errorOccurred(const QString &message);

private:
    QVariant displayData(const JobState &job, int column) const;
    QVariant rawData(const JobState &job, int column) const;

    QPointer<Scheduler> m_scheduler;
    QList<JobState> m_jobs;
    QTimer m_refreshTimer;
};

} // namespace Bottega
