// ProductTableModel: the product list (PROD-1) as a table, filtered, sorted and paged in SQL through
// ProductRepository so that a catalogue of 100,000 products opens at once: rows arrive a page at a
// time through canFetchMore()/fetchMore() as the view scrolls.
#pragma once

#include "core/domain/Product.h"
#include "core/store/ProductRepository.h"

#include <QAbstractTableModel>
#include <QList>

namespace Bottega {

class Database;

class ProductTableModel final : public QAbstractTableModel
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

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Sorting happens in SQL; columns the store cannot sort by keep the current order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    static bool isSortable(int column);

    // Filters and search (limit and offset are the model's own); reloads from the first page.
    void setQuery(const ProductRepository::Query &query);
    ProductRepository::Query query() const { return m_query; }
    // Reads the first page again (after an edit or a sync).
    void refresh();

    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }
    qint64 totalCount() const { return m_total; } // matching products, loaded or not
    Product productAt(int row) const;
    int rowOf(qint64 productId) const; // -1 if not loaded

Q_SIGNALS:
    // Reading the products failed; the message names what went wrong.
    void errorOccurred(const QString &message);

private:
    QVariant displayData(const Product &product, int column) const;
    QVariant rawData(const Product &product, int column) const;

    Database *m_database;
    ProductRepository::Query m_query;
    QList<Product> m_rows;
    qint64 m_total = 0;
    int m_pageSize = 200;
    bool m_fetching = false;
};

} // namespace Bottega
