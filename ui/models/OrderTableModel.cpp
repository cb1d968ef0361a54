#include "ui/models/OrderTableModel.h"

#include "core/orders/OrderState.h"
#include "core/store/Database.h"
#include "ui/DisplayFormat.h"

#include <QLocale>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

SalesOrderRepository::Query::Sort sortFor(int column)
{
    using Sort = SalesOrderRepository::Query::Sort;
    switch (column) {
    case OrderTableModel::ReferenceColumn:
        return Sort::Reference;
    case OrderTableModel::CustomerColumn:
        return Sort::Customer;
    case OrderTableModel::SourceColumn:
        return Sort::Source;
    case OrderTableModel::StateColumn:
        return Sort::State;
    case OrderTableModel::GelatoStatusColumn:
        return Sort::GelatoStatus;
    case OrderTableModel::TotalColumn:
        return Sort::Total;
    default:
        return Sort::CreatedAt;
    }
}

QString customerName(const SalesOrder &order)
{
    const QString name = QStringList {order.customerFirstName, order.customerLastName}.join(u' ').trimmed();
    return name.isEmpty() ? order.customerEmail : name;
}

} // namespace

OrderTableModel::OrderTableModel(Database *database, QObject *parent)
    : QAbstractTableModel(parent), m_database(database)
{
    refresh();
}

OrderTableModel::~OrderTableModel() = default;

int OrderTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OrderTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OrderTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SalesOrder &order = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(order, index.column());
    case Qt::ToolTipRole:
        // Long names and channels are cut in the list: the tooltip has them whole.
        if (index.column() == CustomerColumn)
            return order.customerEmail.isEmpty()
                    ? customerName(order)
                    : tr("%1 <%2>").arg(customerName(order), order.customerEmail);
        if (index.column() == SourceColumn)
            return displayData(order, index.column());
        if (index.column() == GelatoStatusColumn && !order.gelatoOrderId.isEmpty())
            return tr("Gelato order %1").arg(order.gelatoOrderId);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == TotalColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RawRole:
        return rawData(order, index.column());
    case IdRole:
        return order.id;
    default:
        return {};
    }
}

QString OrderTableModel::sourceDisplayName(SalesOrder::Source source)
{
    switch (source) {
    case SalesOrder::Source::Manual:
        return tr("Manual");
    case SalesOrder::Source::Csv:
        return tr("CSV");
    case SalesOrder::Source::Poleepo:
        return tr("Poleepo");
    }
    return {};
}

QVariant OrderTableModel::displayData(const SalesOrder &order, int column) const
{
    switch (column) {
    case ReferenceColumn:
        return order.reference;
    case CustomerColumn:
        return customerName(order);
    case SourceColumn:
        // The channel (marketplace) says more than "Poleepo" when there is one.
        return order.channel.isEmpty() ? sourceDisplayName(order.source)
                                       : tr("%1 · %2").arg(sourceDisplayName(order.source), order.channel);
    case StateColumn:
        return OrderState::displayName(order.state);
    case GelatoStatusColumn:
        return order.gelatoFulfillmentStatus;
    case TotalColumn:
        return tr("%1 %2").arg(QLocale().toString(order.amountTotal, 'f', 2), order.currency);
    case CreatedColumn:
        return DisplayFormat::dateTime(order.createdAt);
    default:
        return {};
    }
}

QVariant OrderTableModel::rawData(const SalesOrder &order, int column) const
{
    switch (column) {
    case ReferenceColumn:
        return order.reference;
    case CustomerColumn:
        return customerName(order);
    case SourceColumn:
        return SalesOrder::sourceName(order.source);
    case StateColumn:
        return order.state;
    case GelatoStatusColumn:
        return order.gelatoFulfillmentStatus;
    case TotalColumn:
        return order.amountTotal;
    case CreatedColumn:
        return order.createdAt;
    default:
        return {};
    }
}

QVariant OrderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ReferenceColumn:
        return tr("Reference");
    case CustomerColumn:
        return tr("Customer");
    case SourceColumn:
        return tr("Source");
    case StateColumn:
        return tr("State");
    case GelatoStatusColumn:
        return tr("Gelato status");
    case TotalColumn:
        return tr("Total");
    case CreatedColumn:
        return tr("Created");
    default:
        return {};
    }
}

bool OrderTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_rows.size() < m_total;
}

void OrderTableModel::fetchMore(const QModelIndex &parent)
{
    // Views and testers may ask again from inside rowsAboutToBeInserted: that page is on its way.
    if (!canFetchMore(parent) || !m_database || m_fetching)
        return;
    SalesOrderRepository::Query page = m_query;
    page.limit = m_pageSize;
    page.offset = int(m_rows.size());
    auto orders = SalesOrderRepository(*m_database).list(page);
    if (!orders) {
        // Stop asking: the view would call again at once and repeat the error.
        m_total = m_rows.size();
        Q_EMIT errorOccurred(orders.error());
        return;
    }
    if (orders.value().isEmpty()) {
        m_total = m_rows.size(); // rows went away since the count
        return;
    }
    m_fetching = true;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + orders.value().size() - 1));
    m_rows.append(orders.value());
    endInsertRows();
    m_fetching = false;
}

void OrderTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_query.sort = sortFor(column);
    m_query.descending = order == Qt::DescendingOrder;
    refresh();
}

void OrderTableModel::setQuery(const SalesOrderRepository::Query &query)
{
    m_query = query;
    refresh();
}

void OrderTableModel::setPageSize(int rows)
{
    m_pageSize = qMax(1, rows);
}

void OrderTableModel::refresh()
{
    // The count and the first page inside the reset: a view only asks for more once it has shown
    // something, and rows inserted while a reset is being announced would confuse it.
    beginResetModel();
    m_rows.clear();
    m_total = 0;
    QString error;
    if (m_database) {
        SalesOrderRepository repository(*m_database);
        SalesOrderRepository::Query page = m_query;
        page.limit = m_pageSize;
        page.offset = 0;
        auto count = repository.count(m_query);
        auto orders = count ? repository.list(page) : Result<QList<SalesOrder>>(makeError(count.error()));
        if (orders) {
            m_rows = orders.value();
            m_total = std::max<qint64>(count.value(), m_rows.size());
        } else {
            error = orders.error();
        }
    }
    endResetModel();
    if (!error.isEmpty())
        Q_EMIT errorOccurred(error);
}

SalesOrder OrderTableModel::orderAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : SalesOrder {};
}

int OrderTableModel::rowOf(qint64 orderId) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).id == orderId)
            return row;
    return -1;
}

} // namespace Bottega
