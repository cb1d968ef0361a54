#include "ui/models/VariantTableModel.h"

#include "core/products/PrintImages.h"
#include "core/publishing/Publishing.h"
#include "ui/DisplayFormat.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace Bottega {

VariantTableModel::VariantTableModel(QObject *parent) : QAbstractTableModel(parent) { }

VariantTableModel::~VariantTableModel() = default;

int VariantTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_product.variants.size());
}

int VariantTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant VariantTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == PrintImagesColumn && !m_missing.at(row).isEmpty())
            return tr("No print image for: %1").arg(m_missing.at(row).join(u", "_s));
        if (index.column() == OptionsColumn)
            return displayData(row, index.column());
        if (index.column() == SkuColumn)
            return tr("The SKU Poleepo knows this variant by.");
        if (index.column() == PublishedColumn && !m_product.variants.at(row).publishedPoleepo
            && !m_refusals.at(row).isEmpty())
            return m_refusals.at(row);
        if (index.column() == PoleepoIdColumn) {
            const Variant &variant = m_product.variants.at(row);
            if (variant.poleepoLastSentAt.isValid())
                return tr("Last sent to Poleepo: %1").arg(DisplayFormat::dateTime(variant.poleepoLastSentAt));
            return variant.publishedPoleepo ? tr("Not sent to Poleepo yet.") : QString();
        }
        return {};
    case Qt::ForegroundRole:
        // A missing print image stops the order: it must stand out.
        if (index.column() == PrintImagesColumn && !m_missing.at(row).isEmpty())
            return QBrush(QColor(0xc0, 0x1c, 0x28));
        if (m_product.variants.at(row).archived)
            return QBrush(QColor(0x88, 0x88, 0x88));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == PriceExtraColumn || index.column() == QuantityColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RawRole:
        return rawData(row, index.column());
    case IdRole:
        return m_product.variants.at(row).id;
    case MissingPlacementsRole:
        return m_missing.at(row);
    case PublishRefusalRole:
        return m_refusals.at(row);
    default:
        return {};
    }
}

QVariant VariantTableModel::displayData(int row, int column) const
{
    const Variant &variant = m_product.variants.at(row);
    const QLocale locale;
    switch (column) {
    case OptionsColumn: {
        const QString options = optionsText(variant);
        return options.isEmpty() ? variant.title : options;
    }
    case ProductUidColumn:
        return variant.gelatoProductUid;
    case SkuColumn:
        return variant.sku;
    case EanColumn:
        return variant.ean;
    case PriceExtraColumn:
        return locale.toString(variant.priceExtra, 'f', 2);
    case QuantityColumn:
        return locale.toString(variant.quantity);
    case PrintImagesColumn:
        return m_missing.at(row).isEmpty() ? tr("Complete")
                                           : tr("Missing: %1").arg(m_missing.at(row).join(u", "_s));
    case PublishedColumn:
        return variant.publishedPoleepo ? tr("Yes") : tr("No");
    case NeedsUpdateColumn:
        return variant.needsUpdate ? tr("Yes") : QString();
    case PoleepoIdColumn:
        return variant.poleepoProductId;
    case ArchivedColumn:
        return variant.archived ? tr("Archived") : QString();
    default:
        return {};
    }
}

QVariant VariantTableModel::rawData(int row, int column) const
{
    const Variant &variant = m_product.variants.at(row);
    switch (column) {
    case OptionsColumn:
        return optionsText(variant);
    case ProductUidColumn:
        return variant.gelatoProductUid;
    case SkuColumn:
        return variant.sku;
    case EanColumn:
        return variant.ean;
    case PriceExtraColumn:
        return variant.priceExtra;
    case QuantityColumn:
        return variant.quantity;
    case PrintImagesColumn:
        return m_missing.at(row).isEmpty();
    case PublishedColumn:
        return variant.publishedPoleepo;
    case NeedsUpdateColumn:
        return variant.needsUpdate;
    case PoleepoIdColumn:
        return variant.poleepoProductId;
    case ArchivedColumn:
        return variant.archived;
    default:
        return {};
    }
}

QVariant VariantTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case OptionsColumn:
        return tr("Options");
    case ProductUidColumn:
        return tr("Product UID");
    case SkuColumn:
        return tr("SKU");
    case EanColumn:
        return tr("EAN");
    case PriceExtraColumn:
        return tr("Price extra");
    case QuantityColumn:
        return tr("Quantity");
    case PrintImagesColumn:
        return tr("Print images");
    case PublishedColumn:
        return tr("On Poleepo");
    case NeedsUpdateColumn:
        return tr("Needs update");
    case PoleepoIdColumn:
        return tr("Poleepo product id");
    case ArchivedColumn:
        return tr("Archived");
    default:
        return {};
    }
}

void VariantTableModel::setProduct(const Product &product)
{
    beginResetModel();
    m_product = product;
    m_missing.clear();
    m_refusals.clear();
    for (const Variant &variant : std::as_const(m_product.variants)) {
        m_missing.append(missingPlacements(m_product, variant.id));
        m_refusals.append(Publishing::refusal(m_product, variant));
    }
    endResetModel();
}

Variant VariantTableModel::variantAt(int row) const
{
    return row >= 0 && row < m_product.variants.size() ? m_product.variants.at(row) : Variant {};
}

int VariantTableModel::rowOf(qint64 variantId) const
{
    for (int row = 0; row < m_product.variants.size(); ++row)
        if (m_product.variants.at(row).id == variantId)
            return row;
    return -1;
}

QString VariantTableModel::optionsText(const Variant &variant)
{
    QStringList parts;
    for (const VariantOption &option : variant.options)
        parts.append(u"%1 %2"_s.arg(option.name, option.value));
    return parts.join(u", "_s);
}

QStringList VariantTableModel::missingPlacements(const Product &product, qint64 variantId)
{
    return PrintImages::missingPlacements(product, variantId); // the one rule of PROD-3
}

} // namespace Bottega
