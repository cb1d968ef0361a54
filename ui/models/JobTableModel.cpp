#include "ui/models/JobTableModel.h"

#include "core/messages/MessageText.h"
#include "ui/DisplayFormat.h"

#include <QApplication>
#include <QIcon>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

bool sameJobs(const QList<JobState> &a, const QList<JobState> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a.at(i).name != b.at(i).name)
            return false;
    }
    return true;
}

} // namespace

JobTableModel::JobTableModel(Scheduler *scheduler, QObject *parent)
    : QAbstractTableModel(parent), m_scheduler(scheduler)
{
    if (m_scheduler) {
        connect(m_scheduler, &Scheduler::jobStarted, this, &JobTableModel::refresh);
        connect(m_scheduler, &Scheduler::jobFinished, this, &JobTableModel::refresh);
    }
    // The database may change under us (another process, the `job set` command); a slow poll
    // keeps "next run" and the running state honest without a notification channel.
    m_refreshTimer.setInterval(5000);
    connect(&m_refreshTimer, &QTimer::timeout, this, &JobTableModel::refresh);
    m_refreshTimer.start();
    refresh();
}

JobTableModel::~JobTableModel() = default;

int JobTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int JobTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const JobState &job = m_jobs.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(job, column);
    case RawRole:
        return rawData(job, column);
    case NameRole:
        return job.name;
    case LastOkRole:
        return job.lastOk;
    case RunningRole:
        return job.running;
    case Qt::CheckStateRole:
        if (column == EnabledColumn)
            return job.enabled ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::DecorationRole:
        if (column == LastResultColumn && job.lastRun.isValid() && !job.running) {
            // A run stopped on request (the task list's Cancel) is not an error.
            const bool cancelled = Message::fromStored(job.lastResult).code == QLatin1String("job.cancelled");
            return QApplication::style()->standardIcon(job.lastOk    ? QStyle::SP_DialogApplyButton
                                                       : cancelled ? QStyle::SP_MessageBoxWarning
                                                                   : QStyle::SP_MessageBoxCritical);
        }
        return {};
    case Qt::ToolTipRole:
        if (column == TitleColumn)
            return tr("Job name for the command line: %1").arg(job.name);
        if (column == IntervalColumn && job.minIntervalSeconds > 0)
            return tr("Minimum: %1").arg(DisplayFormat::duration(job.minIntervalSeconds));
        if (column == LastResultColumn && !job.lastResult.isEmpty())
            return MessageText::renderStored(job.lastResult);
        if (column == LastRunColumn || column == NextRunColumn)
            return DisplayFormat::dateTime(rawData(job, column).toDateTime());
        return {};
    case Qt::TextAlignmentRole:
        if (column == EnabledColumn)
            return int(Qt::AlignCenter);
        return {};
    default:
        return {};
    }
}

QVariant JobTableModel::displayData(const JobState &job, int column) const
{
    switch (column) {
    case TitleColumn:
        return job.title;
    case EnabledColumn:
        return {}; // the check box says it
    case IntervalColumn:
        return DisplayFormat::interval(job.intervalSeconds);
    case LastRunColumn:
        return DisplayFormat::dateTime(job.lastRun, tr("Never"));
    case NextRunColumn:
        if (job.running)
            return tr("Running now");
        if (!job.enabled)
            return tr("Disabled");
        return DisplayFormat::dateTime(job.nextRun, tr("Not scheduled"));
    case LastResultColumn:
        if (job.running)
            return tr("Running…");
        if (!job.lastRun.isValid())
            return QString();
        if (job.lastResult.isEmpty())
            return job.lastOk ? tr("Done") : tr("Failed");
        // One line in the table; the tool tip has it all.
        return MessageText::renderStored(job.lastResult).section(u'\n', 0, 0);
    }
    return {};
}

QVariant JobTableModel::rawData(const JobState &job, int column) const
{
    switch (column) {
    case TitleColumn:
        return job.title;
    case EnabledColumn:
        return job.enabled;
    case IntervalColumn:
        return job.intervalSeconds;
    case LastRunColumn:
        return job.lastRun;
    case NextRunColumn:
        return job.nextRun;
    case LastResultColumn:
        return MessageText::renderStored(job.lastResult);
    }
    return {};
}

QVariant JobTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TitleColumn:
        return tr("Job");
    case EnabledColumn:
        return tr("Enabled");
    case IntervalColumn:
        return tr("Interval");
    case LastRunColumn:
        return tr("Last run");
    case NextRunColumn:
        return tr("Next run");
    case LastResultColumn:
        return tr("Last result");
    }
    return {};
}

Qt::ItemFlags JobTableModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == EnabledColumn && m_scheduler)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

bool JobTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || index.column() != EnabledColumn || role != Qt::CheckStateRole) {
        return false;
    }
    const bool enabled = value.value<Qt::CheckState>() == Qt::Checked;
    return setEnabled(m_jobs.at(index.row()).name, enabled).ok();
}

void JobTableModel::refresh()
{
    if (!m_scheduler) {
        if (!m_jobs.isEmpty()) {
            beginResetModel();
            m_jobs.clear();
            endResetModel();
        }
        return;
    }
    auto jobs = m_scheduler->jobs();
    if (!jobs) {
        Q_EMIT errorOccurred(jobs.error());
        return;
    }
    if (sameJobs(m_jobs, *jobs)) {
        // Same rows: update in place so that selection and scroll position stay.
        m_jobs = std::move(jobs).value();
        if (!m_jobs.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_jobs = std::move(jobs).value();
    endResetModel();
}

void JobTableModel::setRefreshIntervalMs(int ms)
{
    if (ms <= 0) {
        m_refreshTimer.stop();
        return;
    }
    m_refreshTimer.start(ms);
}

JobState JobTableModel::jobAt(int row) const
{
    return row >= 0 && row < m_jobs.size() ? m_jobs.at(row) : JobState {};
}

int JobTableModel::rowOf(const QString &name) const
{
    for (qsizetype i = 0; i < m_jobs.size(); ++i) {
        if (m_jobs.at(i).name == name)
            return int(i);
    }
    return -1;
}

Result<void> JobTableModel::setEnabled(const QString &name, bool enabled)
{
    if (!m_scheduler)
        return makeError(tr("the scheduler is not running in this window"));
    Result<void> result = m_scheduler->setEnabled(name, enabled);
    if (!result)
        Q_EMIT errorOccurred(result.error());
    refresh();
    return result;
}

Result<void> JobTableModel::setInterval(const QString &name, int seconds)
{
    if (!m_scheduler)
        return makeError(tr("the scheduler is not running in this window"));
    Result<void> result = m_scheduler->setInterval(name, seconds);
    refresh();
    return result;
}

} // namespace Bottega
