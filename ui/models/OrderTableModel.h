// OrderTableModel: the sales order list (ORD-1) as a table, filtered, sorted and paged in SQL through
// SalesOrderRepository: rows arrive a page at a time through canFetchMore()/fetchMore().
#pragma once

#include "core/domain/SalesOrder.h"
#include "core/store/SalesOrderRepository.h"
#include "ui/models/PagedTableModel.h"
#include "ui/widgets/StateBadgeDelegate.h"

namespace Bottega {

class OrderTableModel final : public PagedTableModel<SalesOrderRepository, SalesOrder>
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

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // Sorting happens in SQL, on every column.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    SalesOrder orderAt(int row) const { return rowAt(row); }

    // "Manual", "CSV", "Poleepo": how a source reads in the list and its filter.
    static QString sourceDisplayName(SalesOrder::Source source);
    // The badge colour of the state cell at index (StateBadgeDelegate).
    static StateBadgeDelegate::Tone stateTone(const QModelIndex &index);

Q_SIGNALS:
    // Reading the orders failed; the message names what went wrong.
    void errorOccurred(const QString &message);

private:
    void readFailed(const QString &message) override { Q_EMIT errorOccurred(message); }
    QVariant displayData(const SalesOrder &order, int column) const;
    QVariant rawData(const SalesOrder &order, int column) const;
};

} // namespace Bottega
