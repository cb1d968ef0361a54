#include "ui/models/CatalogProductModel.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Bottega {

CatalogProductModel::CatalogProductModel(QObject *parent) : QAbstractTableModel(parent) { }

CatalogProductModel::~CatalogProductModel() = default;

int CatalogProductModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_products.size());
}

int CatalogProductModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CatalogProductModel::attributesText(const GelatoProduct &product)
{
    QStringList parts;
    for (auto it = product.attributes.cbegin(); it != product.attributes.cend(); ++it) {
        if (it.key() == u"ProductStatus"_s || it.value() == u"none"_s)
            continue;
        parts.append(it.key() + u' ' + it.value());
    }
    return parts.join(u", "_s);
}

QVariant CatalogProductModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const GelatoProduct &product = m_products.at(index.row());
    if (role == UidRole)
        return product.uid;
    if (role == Qt::ToolTipRole && index.column() == UidColumn)
        return product.uid;
    if (role == Qt::TextAlignmentRole && index.column() >= WeightColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != RawRole)
        return {};
    const bool raw = role == RawRole;
    switch (Column(index.column())) {
    case UidColumn:
        return product.uid;
    case AttributesColumn:
        return raw ? QVariant::fromValue(product.attributes) : QVariant(attributesText(product));
    case WeightColumn:
        if (raw)
            return product.weight;
        return product.weight > 0 ? QLocale().toString(product.weight, 'f', 1) + u' ' + product.weightUnit
                                  : QString();
    case CountriesColumn:
        return raw ? QVariant(product.supportedCountries) : QVariant(int(product.supportedCountries.size()));
    }
    return {};
}

QVariant CatalogProductModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case UidColumn:
        return tr("Product UID");
    case AttributesColumn:
        return tr("Attributes");
    case WeightColumn:
        return tr("Weight");
    case CountriesColumn:
        return tr("Countries");
    }
    return {};
}

void CatalogProductModel::setProducts(const QList<GelatoProduct> &products)
{
    beginResetModel();
    m_products = products;
    endResetModel();
}

GelatoProduct CatalogProductModel::productAt(int row) const
{
    return row >= 0 && row < m_products.size() ? m_products.at(row) : GelatoProduct();
}

} // namespace Bottega
