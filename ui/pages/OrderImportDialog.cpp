#include "ui/pages/OrderImportDialog.h"

#include "core/scheduler/BackgroundTasks.h"
#include "ui/widgets/InlineMessage.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bottega {

OrderImportDialog::OrderImportDialog(OrderService *orders, const QString &path, QWidget *parent)
    : QDialog(parent), m_orders(orders), m_path(path), m_summary(new QLabel(this)),
      m_errors(new QTableWidget(0, ProblemColumn + 1, this)), m_message(new InlineMessage(this)),
      m_import(new QPushButton(tr("Import"), this))
{
    setUp();
    preview();
}

OrderImportDialog::OrderImportDialog(OrderService *orders, const QString &path, BackgroundTasks *tasks,
                                     QWidget *parent)
    : QDialog(parent), m_orders(orders), m_path(path), m_summary(new QLabel(this)),
      m_errors(new QTableWidget(0, ProblemColumn + 1, this)), m_message(new InlineMessage(this)),
      m_import(new QPushButton(tr("Import"), this))
{
    setUp();
    setTasks(tasks);
    if (m_tasks && m_orders)
        startCheck();
    else
        preview();
}

void OrderImportDialog::setUp()
{
    setObjectName(u"orderImportDialog"_s);
    setWindowTitle(tr("Import orders from %1").arg(QFileInfo(m_path).fileName()));
    m_summary->setObjectName(u"importSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setObjectName(u"importMessage"_s);
    m_import->setObjectName(u"importButton"_s);
    m_errors->setObjectName(u"importErrors"_s);
    m_errors->setHorizontalHeaderLabels({tr("Row"), tr("Column"), tr("Problem")});
    m_errors->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_errors->verticalHeader()->setVisible(false);
    m_errors->setWordWrap(false);
    m_errors->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_errors->horizontalHeader()->setSectionResizeMode(ProblemColumn, QHeaderView::Stretch);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_import, QDialogButtonBox::AcceptRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_message);
    layout->addWidget(m_errors, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_import, &QPushButton::clicked, this, [this] {
        if (m_tasks)
            startImport();
        else if (apply())
            accept();
    });
    resize(720, 420);
}


void OrderImportDialog::setTasks(BackgroundTasks *tasks)
{
    if (m_tasks == tasks)
        return;
    if (m_tasks)
        disconnect(m_tasks, nullptr, this, nullptr);
    m_tasks = tasks;
    if (!m_tasks)
        return;
    connect(m_tasks, &BackgroundTasks::progressed, this, &OrderImportDialog::taskProgressed);
    connect(m_tasks, &BackgroundTasks::finished, this, &OrderImportDialog::taskFinished);
}

OrderImportDialog::~OrderImportDialog() = default;

void OrderImportDialog::preview()
{
    m_import->setEnabled(false);
    if (!m_orders) {
        m_message->showMessage(InlineMessage::Type::Error, tr("Orders are unavailable: no database."));
        return;
    }
    const auto report = m_orders->importCsv(m_path, true);
    if (!report) {
        showUnreadable(report.error());
        return;
    }
    m_report = report.value();
    showReport();
}

void OrderImportDialog::showReport()
{
    m_errors->setRowCount(int(m_report.errors.size()));
    for (int row = 0; row < m_report.errors.size(); ++row) {
        const auto &error = m_report.errors.at(row);
        auto *number = new QTableWidgetItem(QString::number(error.row));
        number->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_errors->setItem(row, RowColumn, number);
        m_errors->setItem(row, FieldColumn, new QTableWidgetItem(error.field));
        auto *problem = new QTableWidgetItem(error.message);
        problem->setToolTip(error.message);
        m_errors->setItem(row, ProblemColumn, problem);
    }
    m_errors->setVisible(!m_report.errors.isEmpty());
    const int count = int(m_report.references.size());
    if (!m_report.errors.isEmpty()) {
        m_summary->setText(tr("Nothing can be imported until these rows are fixed (%n problem(s)):", nullptr,
                              int(m_report.errors.size())));
        m_import->setEnabled(false);
    } else if (count == 0) {
        m_summary->setText(tr("The file holds no orders."));
        m_import->setEnabled(false);
    } else {
        // The first references only: a label wrapping thousands of them takes the window's thread
        // for a tenth of a second (PERF-7).
        constexpr int shown = 20;
        QString references = m_report.references.mid(0, shown).join(u", "_s);
        if (count > shown)
            references += u' ' + tr("…and %n more.", nullptr, count - shown);
        m_summary->setText(tr("%n order(s) will be created: %1", nullptr, count).arg(references));
        m_import->setEnabled(true);
    }
}

bool OrderImportDialog::apply()
{
    if (!m_orders || !m_report.errors.isEmpty())
        return false;
    const auto report = m_orders->importCsv(m_path, false);
    if (!report) {
        m_message->showMessage(InlineMessage::Type::Error, report.error());
        return false;
    }
    m_report = report.value();
    showReport();
    m_applied = m_report.applied;
    if (m_applied)
        m_message->showMessage(InlineMessage::Type::Positive,
                               tr("%n order(s) imported.", nullptr, int(m_report.references.size())));
    return m_applied;
}

void OrderImportDialog::startImport()
{
    if (!m_orders || !m_report.errors.isEmpty() || m_taskId != 0)
        return;
    m_summary->setText(tr("Importing orders…"));
    startTask(TaskKind::Import, tr("Importing orders from %1").arg(QFileInfo(m_path).fileName()),
              [](const OrderImportReport &imported) -> Result<QString> {
                  if (imported.cancelled)
                      return makeError(tr("cancelled: nothing was imported"));
                  if (!imported.applied)
                      return makeError(tr("nothing was imported"));
                  return tr("%n order(s) imported", nullptr, int(imported.references.size()));
              });
}

void OrderImportDialog::startCheck()
{
    m_summary->setText(tr("Checking %1…").arg(QDir::toNativeSeparators(m_path)));
    startTask(TaskKind::Check, tr("Checking %1").arg(QFileInfo(m_path).fileName()),
              [](const OrderImportReport &checked) -> Result<QString> {
                  if (checked.cancelled)
                      return makeError(tr("cancelled"));
                  return tr("%n row problem(s)", nullptr, int(checked.errors.size()));
              });
}

void OrderImportDialog::startTask(TaskKind kind, const QString &title,
                                  std::function<Result<QString>(const OrderImportReport &)> result)
{
    m_import->setEnabled(false);
    m_message->clearMessage();
    m_taskKind = kind;
    m_taskReport = std::make_shared<OrderImportReport>();
    // The work runs on the worker thread with its own database connection; it shares nothing with
    // this dialog but the report it fills, read here only after finished().
    OrderService *orders = m_orders;
    const QString path = m_path;
    const bool dryRun = kind == TaskKind::Check;
    const std::shared_ptr<OrderImportReport> report = m_taskReport;
    m_taskId = m_tasks->start(
            title,
            [orders, path, dryRun, report, result = std::move(result)](TaskProgress &progress) -> Result<QString> {
                auto read = orders->importCsv(path, dryRun, [&progress](qint64 done, qint64 total) {
                    progress.setTotal(total);
                    progress.setDone(done);
                    return !progress.cancelRequested();
                });
                if (!read)
                    return makeError(read.error());
                *report = *read;
                return result(*read);
            },
            true);
}

void OrderImportDialog::taskProgressed(int id, qint64 done, qint64 total)
{
    if (id == 0 || id != m_taskId)
        return;
    const QString counts = total > 0 ? tr("%1 of %2").arg(QLocale().toString(done), QLocale().toString(total))
                                     : QLocale().toString(done);
    m_summary->setText(m_taskKind == TaskKind::Check ? tr("Checking rows: %1").arg(counts)
                                                     : tr("Importing orders: %1").arg(counts));
}

void OrderImportDialog::taskFinished(int id, bool ok, const QString &result)
{
    if (id == 0 || id != m_taskId)
        return;
    m_taskId = 0;
    if (m_taskKind == TaskKind::Check)
        checkFinished(ok, result);
    else
        importFinished(ok, result);
}

void OrderImportDialog::showUnreadable(const QString &error)
{
    m_message->showMessage(InlineMessage::Type::Error, error);
    m_summary->setText(tr("%1 cannot be imported.").arg(QDir::toNativeSeparators(m_path)));
    m_errors->setVisible(false);
    m_import->setEnabled(false);
}

void OrderImportDialog::checkFinished(bool ok, const QString &result)
{
    const OrderImportReport report = *m_taskReport;
    if (report.cancelled) { // Cancel while checking: nothing to import, the dialog goes
        QDialog::reject();
        return;
    }
    if (!ok) {
        showUnreadable(result);
        return;
    }
    m_report = report;
    showReport();
}

void OrderImportDialog::importFinished(bool ok, const QString &result)
{
    const OrderImportReport report = *m_taskReport;
    if (!ok && report.references.isEmpty() && report.errors.isEmpty() && !report.cancelled) {
        m_message->showMessage(InlineMessage::Type::Error, result); // the file could not be read
        m_import->setEnabled(true);
        return;
    }
    m_report = report;
    showReport();
    m_applied = m_report.applied;
    if (m_applied) {
        accept();
    } else if (m_report.cancelled) {
        m_message->showMessage(InlineMessage::Type::Warning, tr("Import cancelled: no order was imported."));
        m_import->setEnabled(true);
    }
}

void OrderImportDialog::reject()
{
    // A running import is stopped first (it removes what it created); the dialog stays to say so. A
    // running check is stopped too, and the dialog closes once it has.
    if (m_taskId != 0) {
        m_tasks->cancel(m_taskId);
        m_summary->setText(m_taskKind == TaskKind::Check ? tr("Cancelling the check…")
                                                         : tr("Cancelling the import…"));
        return;
    }
    QDialog::reject();
}

} // namespace Bottega
