// ProductTableModel: the product list (PROD-1) as a table, filtered, sorted and paged in SQL through
// ProductRepository so that a catalogue of 100,000 products opens at once: rows arrive a page at a
// time through canFetchMore()/fetchMore() as the view scrolls.
#pragma once

#include "core/domain/Product.h"
#include "core/store/ProductRepository.h"
#include "ui/models/PagedTableModel.h"

namespace Bottega {

class ProductTableModel final : public PagedTableModel<ProductRepository, Product>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductTableModel)

public:
    enum Column {
        NameColumn,
        SkuColumn,
        PriceColumn,
        QuantityColumn,
        TemplateColumn,
        PublishedColumn,
        NeedsUpdateColumn,
        UpdatedColumn
    };
    static constexpr int ColumnCount = UpdatedColumn + 1;

    enum Role {
        RawRole = Qt::UserRole, // the typed value of the cell (double, qint64, bool, QDateTime)
        IdRole, // the product's id, in every column
    };

    // The database is not owned; null gives an empty table.
    explicit ProductTableModel(Database *database, QObject *parent = nullptr);
    ~ProductTableModel() override;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // Sorting happens in SQL; columns the store cannot sort by keep the current order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    static bool isSortable(int column);

    Product productAt(int row) const { return rowAt(row); }

Q_SIGNALS:
    // Reading the products failed; the message names what went wrong.
    void errorOccurred(const QString &message);

private:
    void readFailed(const QString &message) override { Q_EMIT errorOccurred(message); }
    QVariant displayData(const Product &product, int column) const;
    QVariant rawData(const Product &product, int column) const;
};

} // namespace Bottega
