#include "ui/pages/BatchesPage.h"

#include "core/messages/MessageText.h"
#include "core/publishing/BatchGeneration.h"
#include "core/store/ProductBatchRepository.h"
#include "ui/models/BatchItemTableModel.h"
#include "ui/models/BatchTableModel.h"
#include "ui/widgets/InlineMessage.h"
#include "ui/widgets/PageHeader.h"
#include "ui/widgets/StateBadgeDelegate.h"
#include "ui/widgets/RecordTable.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

BatchesPage::BatchesPage(Database *database, BatchGeneration *generation, QWidget *parent)
    : QWidget(parent), m_database(database), m_generation(generation),
      m_model(new BatchTableModel(database, this)), m_items(new BatchItemTableModel(this)),
      m_state(new QComboBox(this)), m_errorsOnly(new QCheckBox(tr("With errors only"), this)),
      m_summary(new QLabel(this)), m_refresh(new QPushButton(tr("Refresh"), this)),
      m_resubmit(new QPushButton(tr("Resubmit failed items"), this)), m_table(new QTableView(this)),
      m_itemTable(new QTableView(this)), m_itemsTitle(new QLabel(this)), m_message(new InlineMessage(this)),
      m_timer(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PageHeader(
            tr("Batches"),
            tr("Product batches sent to Poleepo, each product's outcome, and the failed ones sent again."),
            this));
    m_message->setCloseButtonVisible(true);
    layout->addWidget(m_message);

    m_state->setObjectName(u"batchStateFilter"_s);
    m_state->addItem(tr("Any state"), QString());
    for (const QString &status : {u"new"_s, u"PENDING"_s, u"PROCESSING"_s, u"COMPLETED"_s, u"FAILED"_s})
        m_state->addItem(BatchTableModel::stateDisplayName(status), status);
    m_errorsOnly->setObjectName(u"errorsOnly"_s);
    m_summary->setObjectName(u"errorSummary"_s);
    m_refresh->setObjectName(u"refreshButton"_s);
    m_resubmit->setObjectName(u"resubmitButton"_s);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_state);
    filters->addWidget(m_errorsOnly);
    filters->addWidget(m_summary, 1);
    filters->addWidget(m_refresh);
    filters->addWidget(m_resubmit);
    layout->addLayout(filters);

    m_table->setObjectName(u"batchTable"_s);
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(BatchTableModel::StateColumn,
                                      new StateBadgeDelegate(&BatchTableModel::stateTone, m_table));
    RecordTable::setUp(m_table, BatchTableModel::ErrorColumn,
                       {{BatchTableModel::IdColumn, 50},
                        {BatchTableModel::StateColumn, 150},
                        {BatchTableModel::CreatedColumn, 130},
                        {BatchTableModel::SubmittedColumn, 130},
                        {BatchTableModel::PolledColumn, 130},
                        {BatchTableModel::PoleepoIdColumn, 110}});
    m_itemTable->setObjectName(u"itemTable"_s);
    m_itemTable->setModel(m_items);
    RecordTable::setUp(m_itemTable, BatchItemTableModel::MessageColumn,
                       {{BatchItemTableModel::SkuColumn, 140},
                        {BatchItemTableModel::KindColumn, 110},
                        {BatchItemTableModel::OutcomeColumn, 80},
                        {BatchItemTableModel::CodeColumn, 140},
                        {BatchItemTableModel::PoleepoProductColumn, 110}});
    m_itemsTitle->setObjectName(u"itemsTitle"_s);

    auto *itemsPane = new QWidget(this);
    auto *itemsLayout = new QVBoxLayout(itemsPane);
    itemsLayout->setContentsMargins(0, 0, 0, 0);
    itemsLayout->addWidget(m_itemsTitle);
    itemsLayout->addWidget(m_itemTable, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(itemsPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    connect(m_errorsOnly, &QCheckBox::toggled, this, &BatchesPage::setErrorsOnly);
    connect(m_state, &QComboBox::currentIndexChanged, this,
            [this] { showBatches(m_state->currentData().toString(), m_errorsOnly->isChecked()); });
    connect(m_refresh, &QPushButton::clicked, this, &BatchesPage::refresh);
    connect(m_resubmit, &QPushButton::clicked, this, &BatchesPage::resubmitSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &BatchesPage::showSelectedBatch);
    connect(m_model, &QAbstractItemModel::modelReset, this, &BatchesPage::showSelectedBatch);
    connect(m_model, &BatchTableModel::errorOccurred, this,
            [this](const QString &error) { m_message->showMessage(InlineMessage::Type::Error, error); });
    connect(m_timer, &QTimer::timeout, this, [this] { updateErrorCount(true); });

    showSelectedBatch();
    if (!m_database) {
        m_message->showMessage(InlineMessage::Type::Warning, tr("The batches are unavailable: no database."));
        m_errorsOnly->setEnabled(false);
        m_state->setEnabled(false);
        m_refresh->setEnabled(false);
        return;
    }
    // Polling runs in the background: the count follows it.
    m_timer->start(10000);
    updateErrorCount(false);
}

BatchesPage::~BatchesPage() = default;

void BatchesPage::refresh()
{
    updateErrorCount(false);
    reloadBatches();
}

void BatchesPage::reloadBatches()
{
    const qint64 selected = selectedBatchId();
    m_model->refresh();
    if (selected != 0)
        selectBatch(selected);
}

void BatchesPage::setErrorsOnly(bool errorsOnly)
{
    if (m_errorsOnly->isChecked() != errorsOnly) {
        m_errorsOnly->setChecked(errorsOnly); // comes back here through toggled
        return;
    }
    ProductBatchRepository::Query query = m_model->query();
    query.withErrors = errorsOnly;
    m_model->setQuery(query);
}

void BatchesPage::showBatches(const QString &status, bool errorsOnly)
{
    {
        const QSignalBlocker blockState(m_state), blockErrors(m_errorsOnly);
        m_state->setCurrentIndex(status.isEmpty() ? 0 : std::max(0, m_state->findData(status)));
        m_errorsOnly->setChecked(errorsOnly);
    }
    ProductBatchRepository::Query query = m_model->query();
    query.statuses = status.isEmpty() ? QStringList() : QStringList {status};
    query.withErrors = errorsOnly;
    m_model->setQuery(query);
}

bool BatchesPage::selectBatch(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return false;
    m_table->selectRow(row);
    return true;
}

qint64 BatchesPage::selectedBatchId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : m_model->batchAt(rows.first().row()).id;
}

void BatchesPage::showSelectedBatch()
{
    const qint64 id = selectedBatchId();
    QString whyNot;
    if (id == 0 || !m_database) {
        m_items->setItems({});
        m_itemsTitle->setText(tr("Select a batch to see its products."));
        whyNot = tr("Select a batch first.");
    } else if (auto batch = ProductBatchRepository(*m_database).get(id); !batch) {
        m_items->setItems({});
        m_itemsTitle->clear();
        m_message->showMessage(InlineMessage::Type::Error, batch.error());
        whyNot = batch.error();
    } else {
        m_items->setItems(batch->items);
        QString title = tr("Batch %1: %n product entry(ies), %2 with errors", "", int(batch->items.size()))
                                .arg(batch->id)
                                .arg(batch->errors);
        if (!batch->error.isEmpty())
            title += u" — "_s + MessageText::renderStored(batch->error);
        m_itemsTitle->setText(title);
        if (BatchGeneration::failedItems(*batch).isEmpty())
            whyNot = tr("Batch %1 has no failed items to send again.").arg(batch->id);
    }
    if (whyNot.isEmpty() && !m_generation)
        whyNot = tr("Sending to Poleepo is not available here.");
    if (whyNot.isEmpty() && m_resubmitting)
        whyNot = tr("A resubmission is on its way.");
    m_resubmit->setEnabled(whyNot.isEmpty());
    m_resubmit->setToolTip(whyNot.isEmpty() ? tr("Sends the failed items of this batch again, in a new batch")
                                            : whyNot);
}

void BatchesPage::updateErrorCount(bool reloadWhenChanged)
{
    if (!m_database)
        return;
    ProductBatchRepository::Query query;
    query.withErrors = true;
    const auto count = ProductBatchRepository(*m_database).count(query);
    if (!count)
        return;
    const int errors = int(*count);
    m_summary->setText(errors > 0 ? tr("%n batch(es) with failed items not sent again.", "", errors)
                                  : tr("No batch has failed items."));
    if (errors != m_errorCount) {
        const bool first = m_errorCount < 0;
        m_errorCount = errors;
        if (!first && reloadWhenChanged)
            reloadBatches();
        Q_EMIT errorBatchCountChanged(errors);
    }
}

void BatchesPage::resubmitSelected()
{
    const qint64 id = selectedBatchId();
    if (id == 0 || !m_generation || m_resubmitting)
        return;
    m_resubmitting = true;
    showSelectedBatch();
    m_message->showMessage(InlineMessage::Type::Information,
                           tr("Sending the failed items of batch %1 again…").arg(id));
    m_generation->resubmit(id, this, [this, id](Result<qint64> sent) {
        m_resubmitting = false;
        if (!sent)
            m_message->showMessage(InlineMessage::Type::Error, sent.error());
        else
            m_message->showMessage(
                    InlineMessage::Type::Positive,
                    tr("The failed items of batch %1 were sent again in batch %2.").arg(id).arg(*sent));
        refresh();
        showSelectedBatch();
        Q_EMIT resubmitFinished(sent ? *sent : 0);
    });
}

} // namespace Bottega
