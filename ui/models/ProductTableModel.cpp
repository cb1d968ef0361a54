#include "ui/models/ProductTableModel.h"

#include "core/store/Database.h"
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

ProductTableModel::ProductTableModel(Database *database, QObject *parent)
    : QAbstractTableModel(parent), m_database(database)
{
    refresh();
}

ProductTableModel::~ProductTableModel() = default;

int ProductTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

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

bool ProductTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_rows.size() < m_total;
}

void ProductTableModel::fetchMore(const QModelIndex &parent)
{
    // Views and testers may ask again from inside rowsAboutToBeInserted: that page is on its way.
    if (!canFetchMore(parent) || !m_database || m_fetching)
        return;
    ProductRepository::Query page = m_query;
    page.limit = m_pageSize;
    page.offset = int(m_rows.size());
    auto products = ProductRepository(*m_database).list(page);
    if (!products) {
        // Stop asking: the view would call again at once and repeat the error.
        m_total = m_rows.size();
        Q_EMIT errorOccurred(products.error());
        return;
    }
    if (products.value().isEmpty()) {
        m_total = m_rows.size(); // rows went away since the count
        return;
    }
    m_fetching = true;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + products.value().size() - 1));
    m_rows.append(products.value());
    endInsertRows();
    m_fetching = false;
}

bool ProductTableModel::isSortable(int column)
{
    return sortFor(column).has_value();
}

void ProductTableModel::sort(int column, Qt::SortOrder order)
{
    const auto sort = sortFor(column);
    if (!sort)
        return;
    m_query.sort = *sort;
    m_query.descending = order == Qt::DescendingOrder;
    refresh();
}

void ProductTableModel::setQuery(const ProductRepository::Query &query)
{
    m_query = query;
    refresh();
}

void ProductTableModel::setPageSize(int rows)
{
    m_pageSize = qMax(1, rows);
}

void ProductTableModel::refresh()
{
    // The count and the first page inside the reset: a view only asks for more once it has shown
    // something, and rows inserted while a reset is being announced would confuse it.
    beginResetModel();
    m_rows.clear();
    m_total = 0;
    QString error;
    if (m_database) {
        ProductRepository repository(*m_database);
        ProductRepository::Query page = m_query;
        page.limit = m_pageSize;
        page.offset = 0;
        auto count = repository.count(m_query);
        auto products = count ? repository.list(page) : Result<QList<Product>>(makeError(count.error()));
        if (products) {
            m_rows = products.value();
            m_total = std::max<qint64>(count.value(), m_rows.size());
        } else {
            error = products.error();
        }
    }
    endResetModel();
    if (!error.isEmpty())
        Q_EMIT errorOccurred(error);
}

Product ProductTableModel::productAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : Product {};
}

int ProductTableModel::rowOf(qint64 productId) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).id == productId)
            return row;
    return -1;
}

} // namespace Bottega
