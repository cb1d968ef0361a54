#include "ui/pages/SchedulerPage.h"

#include "core/messages/MessageText.h"
#include "core/scheduler/Scheduler.h"
#include "ui/models/JobTableModel.h"
#include "ui/pages/IntervalDialog.h"
#include "ui/widgets/InlineMessage.h"
#include "ui/widgets/PageHeader.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QItemSelectionModel>
#include <QPointer>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

SchedulerPage::SchedulerPage(Scheduler *scheduler, QWidget *parent)
    : QWidget(parent), m_scheduler(scheduler), m_model(new JobTableModel(scheduler, this)),
      m_proxy(new QSortFilterProxyModel(this)), m_view(new QTableView(this)),
      m_message(new InlineMessage(this)), m_runButton(new QPushButton(tr("Run now"), this)),
      m_toggleButton(new QPushButton(tr("Disable"), this)),
      m_intervalButton(new QPushButton(tr("Change interval…"), this))
{
    setObjectName(u"schedulerPage"_s);
    m_message->setObjectName(u"pageMessage"_s);
    m_message->setCloseButtonVisible(true);
    m_runButton->setObjectName(u"runButton"_s);
    m_toggleButton->setObjectName(u"toggleButton"_s);
    m_intervalButton->setObjectName(u"intervalButton"_s);
    // As wide as its longer text, so the row of buttons does not move when the text changes.
    m_toggleButton->setText(tr("Enable"));
    const int enableWidth = m_toggleButton->sizeHint().width();
    m_toggleButton->setText(tr("Disable"));
    m_toggleButton->setMinimumWidth(std::max(enableWidth, m_toggleButton->sizeHint().width()));
    m_runButton->setIcon(
            QIcon::fromTheme(u"media-playback-start"_s, style()->standardIcon(QStyle::SP_MediaPlay)));

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(JobTableModel::RawRole);
    m_view->setObjectName(u"jobTable"_s);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // registration order until the user sorts
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setVisible(false);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    fitColumns();

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_runButton);
    actions->addWidget(m_toggleButton);
    actions->addWidget(m_intervalButton);
    actions->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PageHeader(
            tr("Scheduler"),
            tr("Jobs that run by themselves in the background, here and in \"bottega serve\". Two "
               "programs sharing the database never run the same job at once."),
            this));
    layout->addLayout(actions);
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);

    connect(m_runButton, &QPushButton::clicked, this, &SchedulerPage::runSelected);
    connect(m_toggleButton, &QPushButton::clicked, this, &SchedulerPage::toggleSelected);
    connect(m_intervalButton, &QPushButton::clicked, this, &SchedulerPage::changeIntervalOfSelected);
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.column() == JobTableModel::IntervalColumn)
            changeIntervalOfSelected();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SchedulerPage::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &SchedulerPage::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        fitColumns();
        updateActions();
    });
    connect(m_model, &JobTableModel::errorOccurred, this,
            [this](const QString &error) { m_message->showMessage(InlineMessage::Type::Error, error); });

    if (!m_scheduler) {
        m_message->showMessage(InlineMessage::Type::Warning,
                               tr("The scheduler is not running in this window."));
        m_message->setCloseButtonVisible(false);
    } else if (m_model->rowCount() > 0) {
        m_view->selectRow(0);
    }
    updateActions();
}

SchedulerPage::~SchedulerPage() = default;

JobTableModel *SchedulerPage::model() const
{
    return m_model;
}

QTableView *SchedulerPage::view() const
{
    return m_view;
}

InlineMessage *SchedulerPage::message() const
{
    return m_message;
}

QString SchedulerPage::selectedJob() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.first().data(JobTableModel::NameRole).toString();
}

void SchedulerPage::selectJob(const QString &name)
{
    const int sourceRow = m_model->rowOf(name);
    if (sourceRow < 0)
        return;
    m_view->selectRow(m_proxy->mapFromSource(m_model->index(sourceRow, 0)).row());
}

void SchedulerPage::runSelected()
{
    const QString name = selectedJob();
    if (name.isEmpty() || !m_scheduler)
        return;
    const QString title = m_model->jobAt(m_model->rowOf(name)).title;
    m_message->showMessage(InlineMessage::Type::Information, tr("Running \"%1\"…").arg(title));
    QPointer<SchedulerPage> self(this);
    m_scheduler->runNow(name, [self, title](const JobResult &result) {
        if (!self)
            return;
        if (result.ok) {
            self->m_message->showMessage(
                    InlineMessage::Type::Positive,
                    result.message.isEmpty()
                            ? tr("\"%1\" finished.").arg(title)
                            : tr("\"%1\" finished: %2").arg(title, MessageText::render(result.message)));
        } else if (result.cancelled) {
            // Stopped on request (the task list's Cancel): what it did, not an error.
            self->m_message->showMessage(InlineMessage::Type::Information,
                                         tr("\"%1\": %2").arg(title, MessageText::render(result.message)));
        } else {
            self->m_message->showMessage(
                    InlineMessage::Type::Error,
                    tr("\"%1\" failed: %2").arg(title, MessageText::render(result.message)));
        }
        self->m_model->refresh();
    });
    updateActions();
}

void SchedulerPage::toggleSelected()
{
    const QString name = selectedJob();
    if (name.isEmpty())
        return;
    const JobState job = m_model->jobAt(m_model->rowOf(name));
    if (m_model->setEnabled(name, !job.enabled))
        m_message->clearMessage();
    updateActions();
}

IntervalDialog *SchedulerPage::changeIntervalOfSelected()
{
    const QString name = selectedJob();
    if (name.isEmpty() || !m_scheduler)
        return nullptr;
    const JobState job = m_model->jobAt(m_model->rowOf(name));
    QPointer<JobTableModel> model(m_model);
    auto *dialog = new IntervalDialog(
            job.title, job.intervalSeconds, job.minIntervalSeconds,
            [model, name](int seconds) -> Result<void> {
                if (!model)
                    return makeError(tr("the scheduler page is closed"));
                return model->setInterval(name, seconds);
            },
            this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // open(), not exec(): no nested event loop while the scheduler keeps running jobs.
    dialog->open();
    return dialog;
}

void SchedulerPage::fitColumns()
{
    m_view->resizeColumnsToContents();
    // Some air between the columns: the contents' width alone makes them run into each other.
    for (int column = 0; column < JobTableModel::LastResultColumn; ++column)
        m_view->setColumnWidth(column, m_view->columnWidth(column) + 16);
}

void SchedulerPage::updateActions()
{
    const QString name = selectedJob();
    const JobState job = m_model->jobAt(m_model->rowOf(name));
    const bool selected = !name.isEmpty() && m_scheduler;
    m_runButton->setEnabled(selected && !job.running);
    m_toggleButton->setEnabled(selected);
    m_toggleButton->setText(selected && !job.enabled ? tr("Enable") : tr("Disable"));
    m_intervalButton->setEnabled(selected);
}

} // namespace Bottega
