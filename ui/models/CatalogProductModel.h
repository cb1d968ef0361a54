// CatalogProductModel: the products a Gelato catalog search found (PROD-7), one row each: the product
// UID, its attributes in short, its weight and how many countries it ships to.
#pragma once

#include "core/gelato/GelatoProduct.h"

#include <QAbstractTableModel>
#include <QList>

namespace Bottega {

class CatalogProductModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CatalogProductModel)

public:
    enum Column { UidColumn, AttributesColumn, WeightColumn, CountriesColumn };
    static constexpr int ColumnCount = CountriesColumn + 1;

    enum Role {
        RawRole = Qt::UserRole, // the typed value of the cell
        UidRole, // the product's UID, in every column
    };

    explicit CatalogProductModel(QObject *parent = nullptr);
    ~CatalogProductModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setProducts(const QList<GelatoProduct> &products);
    GelatoProduct productAt(int row) const;

    // "PaperFormat DL, Orientation ver": the attributes that tell products apart, without the
    // ones every product carries the same way (status).
    static QString attributesText(const GelatoProduct &product);

private:
    QList<GelatoProduct> m_products;
};

} // namespace Bottega
