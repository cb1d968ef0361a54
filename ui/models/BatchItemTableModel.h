// BatchItemTableModel: the entries of one Poleepo product batch (BATCH-4): which product or variant,
// its outcome, and Poleepo's code and message for a refused one.
#pragma once

#include "core/domain/ProductBatchItem.h"

#include <QAbstractTableModel>
#include <QList>

namespace Bottega {

class BatchItemTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchItemTableModel)

public:
    enum Column {
        SkuColumn,
        KindColumn,
        OutcomeColumn,
        CodeColumn,
        MessageColumn,
        PoleepoProductColumn,
        ResubmittedColumn
    };
    static constexpr int ColumnCount = ResubmittedColumn + 1;

    explicit BatchItemTableModel(QObject *parent = nullptr);
    ~BatchItemTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setItems(const QList<ProductBatchItem> &items);
    ProductBatchItem itemAt(int row) const { return m_items.value(row); }

    // "Waiting", "Error", "Done".
    static QString outcomeName(ProductBatchItem::Status status);

private:
    QList<ProductBatchItem> m_items;
};

} // namespace Bottega
