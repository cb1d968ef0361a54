// OrderTableModel: the sales order list (ORD-1) as a table, filtered, sorted and paged in SQL through
// SalesOrderRepository: rows arrive a page at a time through canFetchMore()/fetchMore().
#pragma once

#include "core/domain/SalesOrder.h"
#include "core/store/SalesOrderRepository.h"

#include <QAbstractTableModel>
#include <QList>

namespace Bottega {

class Database;

class OrderTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderTableModel)

public:
    enum Column {
        ReferenceColumn,
        CustomerColumn,
        SourceColumn,
        StateColumn,
        GelatoStatusColumn,
        TotalColumn,
        CreatedColumn
    };
    static constexpr int ColumnCount = CreatedColumn + 1;

    enum Role {
        RawRole = Qt::UserRole, // the typed value of the cell (double, QDateTime, state name)
        IdRole, // the order's id, in every column
    };

    // The database is not owned; null gives an empty table.
    explicit OrderTableModel(Database *database, QObject *parent = nullptr);
    ~OrderTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Sorting happens in SQL, on every column.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Filters and search (limit and offset are the model's own); reloads from the first page.
    void setQuery(const SalesOrderRepository::Query &query);
    SalesOrderRepository::Query query() const { return m_query; }
    // Reads the first page again (after an edit, an import or a Gelato answer).
    void refresh();

    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }
    qint64 totalCount() const { return m_total; } // matching orders, loaded or not
    SalesOrder orderAt(int row) const;
    int rowOf(qint64 orderId) const; // -1 if not loaded

    // "Manual", "CSV", "Poleepo": how a source reads in the list and its filter.
    static QString sourceDisplayName(SalesOrder::Source source);

Q_SIGNALS:
    // Reading the orders failed; the message names what went wrong.
    void errorOccurred(const QString &message);

private:
    QVariant displayData(const SalesOrder &order, int column) const;
    QVariant rawData(const SalesOrder &order, int column) const;

    Database *m_database;
    SalesOrderRepository::Query m_query;
    QList<SalesOrder> m_rows;
    qint64 m_total = 0;
    int m_pageSize = 200;
    bool m_fetching = false;
};

} // namespace Bottega
