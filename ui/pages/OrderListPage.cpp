#include "ui/pages/OrderListPage.h"

#include "core/messages/MessageText.h"
#include "core/orders/OrderService.h"
#include "core/orders/OrderState.h"
#include "ui/models/OrderTableModel.h"
#include "ui/pages/OrderEditorDialog.h"
#include "ui/pages/OrderImportDialog.h"
#include "ui/widgets/InlineMessage.h"
#include "ui/widgets/PageHeader.h"
#include "ui/widgets/RecordTable.h"
#include "ui/widgets/StateBadgeDelegate.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

OrderListPage::OrderListPage(Database *database, OrderService *orders, QWidget *parent)
    : QWidget(parent), m_database(database), m_orders(orders), m_model(new OrderTableModel(database, this)),
      m_search(new QLineEdit(this)), m_state(new QComboBox(this)), m_source(new QComboBox(this)),
      m_gelatoStatus(new QComboBox(this)), m_channel(new QComboBox(this)),
      m_new(new QPushButton(tr("New order"), this)), m_import(new QPushButton(tr("Import CSV…"), this)),
      m_view(new QTableView(this)), m_count(new QLabel(this)), m_message(new InlineMessage(this)),
      m_searchDelay(new QTimer(this)), m_refreshDelay(new QTimer(this))
{
    setObjectName(u"orderListPage"_s);
    m_search->setObjectName(u"orderSearch"_s);
    m_search->setPlaceholderText(tr("Search reference, customer, email or Gelato id…"));
    m_search->setClearButtonEnabled(true);

    m_state->setObjectName(u"orderStateFilter"_s);
    m_state->addItem(tr("Any state"), QString());
    for (const QString &state :
         {OrderState::Draft, OrderState::Sending, OrderState::GelatoDraft, OrderState::Sent,
          OrderState::InProduction, OrderState::Shipped, OrderState::Delivered, OrderState::Cancelled,
          OrderState::Failed, OrderState::Returned})
        m_state->addItem(OrderState::displayName(state), state);
    // ORD-11: marketplace orders waiting for review before Gelato, and those a person must decide.
    m_state->addItem(tr("Ready to send to Gelato"), u"ready-to-send"_s);
    m_state->addItem(tr("Needs attention"), u"needs-attention"_s);
    m_state->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_source->setObjectName(u"orderSourceFilter"_s);
    m_source->addItem(tr("Any source"), -1);
    for (auto source : {SalesOrder::Source::Manual, SalesOrder::Source::Csv, SalesOrder::Source::Poleepo})
        m_source->addItem(OrderTableModel::sourceDisplayName(source), int(source));
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    // Gelato's fulfilment statuses (seed 003, plus what its webhooks report later).
    m_gelatoStatus->setObjectName(u"gelatoStatusFilter"_s);
    m_gelatoStatus->addItem(tr("Any Gelato status"), QVariant());
    m_gelatoStatus->addItem(tr("Not sent to Gelato"), QString(u""_s));
    for (const auto status :
         {"created"_L1, "draft"_L1, "passed"_L1, "pending_approval"_L1, "on_hold"_L1, "printed"_L1,
          "shipped"_L1, "delivered"_L1, "failed"_L1, "canceled"_L1, "returned"_L1, "not_connected"_L1})
        m_gelatoStatus->addItem(MessageText::gelatoStatus(QString(status)),
                                QString(status)); // words, not codes
    m_gelatoStatus->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_channel->setObjectName(u"orderChannelFilter"_s);
    m_channel->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_channel->setToolTip(tr("The marketplace an order came from through Poleepo"));

    m_new->setObjectName(u"newOrderButton"_s);
    m_import->setObjectName(u"importCsvButton"_s);
    if (!m_orders || !m_database) {
        for (QPushButton *button : {m_new, m_import}) {
            button->setEnabled(false);
            button->setToolTip(tr("Orders are unavailable: no database."));
        }
    }
    m_message->setObjectName(u"pageMessage"_s);
    m_message->setCloseButtonVisible(true);
    m_count->setObjectName(u"orderCount"_s);

    m_view->setObjectName(u"orderTable"_s);
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(OrderTableModel::StateColumn,
                                     new StateBadgeDelegate(&OrderTableModel::stateTone, m_view));
    m_view->horizontalHeader()->setSortIndicator(OrderTableModel::CreatedColumn, Qt::DescendingOrder);
    m_view->setSortingEnabled(true);
    RecordTable::setUp(m_view, OrderTableModel::CustomerColumn,
                       {{OrderTableModel::ReferenceColumn, 130},
                        {OrderTableModel::SourceColumn, 130},
                        {OrderTableModel::StateColumn, 110},
                        {OrderTableModel::GelatoStatusColumn, 160},
                        {OrderTableModel::TotalColumn, 100},
                        {OrderTableModel::CreatedColumn, 130}});

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    // Gelato answers and webhooks may change many orders in a burst: one re-read for all of them.
    m_refreshDelay->setSingleShot(true);
    m_refreshDelay->setInterval(200);

    auto *tools = new QHBoxLayout;
    tools->addWidget(m_search, 1);
    tools->addWidget(m_state);
    tools->addWidget(m_source);
    tools->addWidget(m_gelatoStatus);
    tools->addWidget(m_channel);
    tools->addWidget(m_new);
    tools->addWidget(m_import);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PageHeader(
            tr("Orders"),
            tr("Sales orders entered here, imported or from Poleepo; double-click one to open it."), this));
    layout->addLayout(tools);
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_count);

    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &OrderListPage::applyFilters);
    for (QComboBox *filter : {m_state, m_source, m_gelatoStatus, m_channel})
        connect(filter, &QComboBox::currentIndexChanged, this, &OrderListPage::applyFilters);
    connect(m_new, &QPushButton::clicked, this, [this] { openEditor(0); });
    connect(m_import, &QPushButton::clicked, this, &OrderListPage::importCsv);
    connect(m_model, &OrderTableModel::errorOccurred, this,
            [this](const QString &error) { m_message->showMessage(InlineMessage::Type::Error, error); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &OrderListPage::updateCount);
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        openEditor(index.data(OrderTableModel::IdRole).toLongLong());
    });
    connect(m_refreshDelay, &QTimer::timeout, m_model, &OrderTableModel::refresh);
    connect(m_refreshDelay, &QTimer::timeout, this, &OrderListPage::updateChannels); // a new marketplace
    if (m_orders)
        connect(m_orders, &OrderService::orderChanged, m_refreshDelay, qOverload<>(&QTimer::start));

    updateChannels();
    if (!m_database)
        m_message->showMessage(InlineMessage::Type::Warning, tr("No database: orders are unavailable."));
    updateCount();
}

OrderListPage::~OrderListPage() = default;

void OrderListPage::setShipping(ShipWithPoleepo *shipping, PackageTypes *packageTypes)
{
    m_shipping = shipping;
    m_packageTypes = packageTypes;
}

void OrderListPage::applyFilters()
{
    m_searchDelay->stop();
    SalesOrderRepository::Query query = m_model->query();
    query.text = m_search->text().trimmed();
    query.states.clear();
    const QString state = m_state->currentData().toString();
    query.readyToSend = state == "ready-to-send"_L1;
    query.needsAttention = state == "needs-attention"_L1;
    if (!state.isEmpty() && !query.readyToSend && !query.needsAttention)
        query.states = {state};
    query.source.reset();
    if (const int source = m_source->currentData().toInt(); source >= 0)
        query.source = SalesOrder::Source(source);
    query.gelatoStatuses.clear();
    if (const QVariant status = m_gelatoStatus->currentData(); status.isValid())
        query.gelatoStatuses = {status.toString()};
    query.channel = m_channel->currentData().toString();
    m_model->setQuery(query);
}

void OrderListPage::updateChannels()
{
    const QString chosen = m_channel->currentData().toString();
    QStringList channels;
    if (m_database) {
        if (auto read = SalesOrderRepository(*m_database).channels())
            channels = *read;
    }
    const QSignalBlocker block(m_channel);
    m_channel->clear();
    m_channel->addItem(tr("Any channel"), QString());
    for (const QString &channel : std::as_const(channels))
        m_channel->addItem(channel, channel); // the marketplace's own name
    m_channel->setCurrentIndex(std::max(0, m_channel->findData(chosen)));
    m_channel->setVisible(!channels.isEmpty());
}

void OrderListPage::showState(const QString &state)
{
    {
        const QSignalBlocker blockSearch(m_search), blockState(m_state), blockSource(m_source),
                blockGelato(m_gelatoStatus), blockChannel(m_channel);
        m_search->clear();
        m_state->setCurrentIndex(state.isEmpty() ? 0 : std::max(0, m_state->findData(state)));
        m_source->setCurrentIndex(0);
        m_gelatoStatus->setCurrentIndex(0);
        m_channel->setCurrentIndex(0);
    }
    applyFilters();
}

void OrderListPage::openEditor(qint64 orderId)
{
    if (!m_database || !m_orders)
        return;
    OrderEditorDialog editor(m_database, m_orders, orderId, this);
    editor.setShipWithPoleepo(m_shipping, m_packageTypes);
    editor.exec();
    if (editor.changed()) {
        m_model->refresh();
        updateChannels();
    }
}

void OrderListPage::importCsv()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import orders from CSV"), QString(),
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        importCsvFile(path);
}

void OrderListPage::importCsvFile(const QString &path)
{
    // With the worker, the check runs there too: the dialog opens at once with its progress.
    OrderImportDialog preview(m_orders, path, m_tasks, this);
    if (preview.exec() == QDialog::Accepted && preview.applied()) {
        m_message->showMessage(InlineMessage::Type::Positive,
                               tr("%n order(s) imported.", nullptr, int(preview.report().references.size())));
        m_model->refresh();
        updateChannels();
    }
}

void OrderListPage::updateCount()
{
    m_count->setText(tr("%n order(s)", nullptr, int(m_model->totalCount())));
}

} // namespace Bottega
