// BatchTableModel: the Poleepo product batches (BATCH-4) as a table, newest first, filtered and paged
// in SQL through ProductBatchRepository: rows arrive a page at a time through fetchMore().
#pragma once

#include "core/domain/ProductBatch.h"
#include "core/store/ProductBatchRepository.h"
#include "ui/models/PagedTableModel.h"
#include "ui/widgets/StateBadgeDelegate.h"

namespace Bottega {

class BatchTableModel final : public PagedTableModel<ProductBatchRepository, ProductBatch>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchTableModel)

public:
    enum Column {
        IdColumn,
        StateColumn,
        TotalColumn,
        ProcessedColumn,
        ErrorsColumn,
        CreatedColumn,
        SubmittedColumn,
        PolledColumn,
        PoleepoIdColumn,
        ErrorColumn
    };
    static constexpr int ColumnCount = ErrorColumn + 1;

    enum Role {
        RawRole = Qt::UserRole, // the typed value of the cell
        IdRole, // the batch's id, in every column
    };

    // The database is not owned; null gives an empty table.
    explicit BatchTableModel(Database *database, QObject *parent = nullptr);
    ~BatchTableModel() override;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    ProductBatch batchAt(int row) const { return rowAt(row); }

    // "Not submitted", "Pending", "Processing", "Completed", "Failed"; other states as they are.
    static QString stateDisplayName(const QString &status);
    // The badge colour of the state cell at index (StateBadgeDelegate): a completed batch with
    // errors is a warning.
    static StateBadgeDelegate::Tone stateTone(const QModelIndex &index);

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    void readFailed(const QString &message) override { Q_EMIT errorOccurred(message); }
};

} // namespace Bottega
