#include "ui/models/BatchItemTableModel.h"

#include "core/messages/MessageText.h"
#include "ui/widgets/SemanticColors.h"

#include <QBrush>
#include <QColor>

namespace Bottega {

BatchItemTableModel::BatchItemTableModel(QObject *parent) : QAbstractTableModel(parent) { }

BatchItemTableModel::~BatchItemTableModel() = default;

int BatchItemTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int BatchItemTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString BatchItemTableModel::outcomeName(ProductBatchItem::Status status)
{
    switch (status) {
    case ProductBatchItem::Status::Draft:
        return tr("Waiting");
    case ProductBatchItem::Status::Error:
        return tr("Error");
    case ProductBatchItem::Status::Done:
        return tr("Done");
    }
    return {};
}

QVariant BatchItemTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case SkuColumn:
        return tr("SKU");
    case KindColumn:
        return tr("Entry");
    case OutcomeColumn:
        return tr("Outcome");
    case CodeColumn:
        return tr("Code");
    case MessageColumn:
        return tr("Message");
    case PoleepoProductColumn:
        return tr("Poleepo product");
    case ResubmittedColumn:
        return tr("Sent again in");
    }
    return {};
}

QVariant BatchItemTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size())
        return {};
    const ProductBatchItem &item = m_items.at(index.row());
    if (role == Qt::ForegroundRole && index.column() == OutcomeColumn
        && item.status == ProductBatchItem::Status::Error)
        return QBrush(SemanticColors::negative());
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (Column(index.column())) {
    case SkuColumn:
        return item.sku;
    case KindColumn:
        return item.variantId == 0 ? tr("Product (parent)") : tr("Variant");
    case OutcomeColumn:
        return outcomeName(item.status);
    case CodeColumn:
        return item.code;
    case MessageColumn:
        return MessageText::renderStored(item.message);
    case PoleepoProductColumn:
        return item.poleepoProductId;
    case ResubmittedColumn:
        return item.resubmittedIn == 0 ? QString() : tr("Batch %1").arg(item.resubmittedIn);
    }
    return {};
}

void BatchItemTableModel::setItems(const QList<ProductBatchItem> &items)
{
    beginResetModel();
    m_items = items;
    endResetModel();
}

} // namespace Bottega
