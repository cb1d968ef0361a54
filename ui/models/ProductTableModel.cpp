#include "ui/models/ProductTableModel.h"

#include "ui/DisplayFormat.h"

#include <QLocale>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

std::optional<ProductRepository::Query::Sort> sortFor(int column)
{
    using Sort = ProductRepository::Query::Sort;
    switch (column) {
    case ProductTableModel::NameColumn:
        return Sort::Name;
    case ProductTableModel::SkuColumn:
        return Sort::Sku;
    case ProductTableModel::PriceColumn:
        return Sort::ListPrice;
    case ProductTableModel::QuantityColumn:
        return Sort::Quantity;
    case ProductTableModel::UpdatedColumn:
        return Sort::UpdatedAt;
    default:
        return std::nullopt;
    }
}

} // namespace

ProductTableModel::ProductTableModel(Database *database, QObject *parent) : PagedTableModel(database, parent)
{
    refresh();
}

ProductTableModel::~ProductTableModel() = default;

int ProductTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProductTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Product &product = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(product, index.column());
    case Qt::ToolTipRole:
        if (index.column() == NameColumn || index.column() == TemplateColumn)
            return displayData(product, index.column());
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == PriceColumn || index.column() == QuantityColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RawRole:
        return rawData(product, index.column());
    case IdRole:
        return product.id;
    default:
        return {};
    }
}

QVariant ProductTableModel::displayData(const Product &product, int column) const
{
    const QLocale locale;
    switch (column) {
    case NameColumn:
        return product.name;
    case SkuColumn:
        return product.sku.isEmpty() ? product.internalCode : product.sku;
    case PriceColumn:
        return locale.toString(product.listPrice, 'f', 2);
    case QuantityColumn:
        return locale.toString(product.quantity);
    case TemplateColumn:
        return product.gelatoTemplateId;
    case PublishedColumn:
        return product.publishedPoleepo ? tr("Yes") : tr("No");
    case NeedsUpdateColumn:
        return product.needsUpdate ? tr("Yes") : QString();
    case UpdatedColumn:
        return DisplayFormat::dateTime(product.updatedAt);
    default:
        return {};
    }
}

QVariant ProductTableModel::rawData(const Product &product, int column) const
{
    switch (column) {
    case NameColumn:
        return product.name;
    case SkuColumn:
        return product.sku;
    case PriceColumn:
        return product.listPrice;
    case QuantityColumn:
        return product.quantity;
    case TemplateColumn:
        return product.gelatoTemplateId;
    case PublishedColumn:
        return product.publishedPoleepo;
    case NeedsUpdateColumn:
        return product.needsUpdate;
    case UpdatedColumn:
        return product.updatedAt;
    default:
        return {};
    }
}

QVariant ProductTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SkuColumn:
        return tr("SKU");
    case PriceColumn:
        return tr("Price");
    case QuantityColumn:
        return tr("Quantity");
    case TemplateColumn:
        return tr("Gelato template");
    case PublishedColumn:
        return tr("On Poleepo");
    case NeedsUpdateColumn:
        return tr("Needs update");
    case UpdatedColumn:
        return tr("Updated");
    default:
        return {};
    }
}

bool ProductTableModel::isSortable(int column)
{
    return sortFor(column).has_value();
}

void ProductTableModel::sort(int column, Qt::SortOrder order)
{
    const auto sort = sortFor(column);
    if (sort)
        setSort(*sort, order == Qt::DescendingOrder);
}

} // namespace Bottega
