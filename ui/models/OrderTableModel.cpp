#include "ui/models/OrderTableModel.h"

#include "core/messages/MessageText.h"
#include "core/orders/OrderState.h"
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

OrderTableModel::OrderTableModel(Database *database, QObject *parent) : PagedTableModel(database, parent)
{
    refresh();
}

OrderTableModel::~OrderTableModel() = default;

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
        return MessageText::gelatoStatus(order.gelatoFulfillmentStatus); // words, never the code
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

StateBadgeDelegate::Tone OrderTableModel::stateTone(const QModelIndex &index)
{
    using Tone = StateBadgeDelegate::Tone;
    const QString state = index.data(RawRole).toString();
    if (state == OrderState::Sending || state == OrderState::InProduction)
        return Tone::Progress;
    if (state == OrderState::GelatoDraft || state == OrderState::Sent)
        return Tone::Information;
    if (state == OrderState::Shipped || state == OrderState::Delivered)
        return Tone::Positive;
    if (state == OrderState::Cancelled || state == OrderState::Returned)
        return Tone::Warning;
    if (state == OrderState::Failed)
        return Tone::Negative;
    return Tone::Neutral;
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

void OrderTableModel::sort(int column, Qt::SortOrder order)
{
    if (column >= 0 && column < ColumnCount)
        setSort(sortFor(column), order == Qt::DescendingOrder);
}

} // namespace Bottega
