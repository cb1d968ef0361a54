// VariantTableModel: a product's variants (PROD-1, PROD-4, PROD-5) as a table for the product
// editor's Variants tab: options, Gelato productUid, codes, price extra, stock, whether every print
// placement has an image, and Poleepo's side: published, needs update, Poleepo's product id, and
// why a variant cannot be published. Reads the product whole (ProductRepository::get).
#pragma once

#include "core/domain/Product.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace Bottega {

class VariantTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VariantTableModel)

public:
    enum Column {
        OptionsColumn,
        ProductUidColumn,
        SkuColumn,
        EanColumn,
        PriceExtraColumn,
        QuantityColumn,
        PrintImagesColumn,
        PublishedColumn,
        NeedsUpdateColumn,
        PoleepoIdColumn,
        ArchivedColumn
    };
    static constexpr int ColumnCount = ArchivedColumn + 1;

    enum Role {
        RawRole = Qt::UserRole, // the typed value of the cell
        IdRole, // the variant's id, in every column
        MissingPlacementsRole, // QStringList, in every column
        PublishRefusalRole, // QString, in every column: why it cannot be published (Publishing)
    };

    explicit VariantTableModel(QObject *parent = nullptr);
    ~VariantTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setProduct(const Product &product);
    Variant variantAt(int row) const;
    int rowOf(qint64 variantId) const; // -1 if unknown

    // "Size M, Color Orange".
    static QString optionsText(const Variant &variant);
    // Placements of the product that the variant has no image for, neither its own override nor
    // the product's default (the rule of PROD-3).
    static QStringList missingPlacements(const Product &product, qint64 variantId);

private:
    QVariant displayData(int row, int column) const;
    QVariant rawData(int row, int column) const;

    Product m_product;
    QList<QStringList> m_missing; // per row
    QStringList m_refusals; // per row, Publishing::refusal
};

} // namespace Bottega
