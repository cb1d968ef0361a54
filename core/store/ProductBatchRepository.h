// ProductBatchRepository: Poleepo product batches and their items (BATCH-1..4): created with their
// items in one transaction, updated as polling learns the outcome.
#pragma once

#include "core/domain/ProductBatch.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace Bottega {

class Database;

class ProductBatchRepository final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::ProductBatchRepository)

public:
    struct Query
    {
        QStringList statuses; // empty: any
        // Only batches with failed items not sent again yet (the items resubmit would send):
        // refused by Poleepo, or left waiting when the batch itself failed (BATCH-4).
        bool withErrors = false;
        int limit = 100; // 0: no limit
        int offset = 0;
    };

    explicit ProductBatchRepository(const Database &database);

    // Stores the batch and its items; returns the batch id.
    Result<qint64> create(const ProductBatch &batch);
    // The batch with its items, in insertion order (parents before their variants).
    Result<ProductBatch> get(qint64 id);
    // Newest first, without items (errors counted).
    Result<QList<ProductBatch>> list(const Query &query);
    // The batches matching `query`, ignoring its limit and offset.
    Result<qint64> count(const Query &query);
    // Writes the batch's own fields (not its items).
    Result<void> update(const ProductBatch &batch);
    // Writes an item's outcome: status, code, message, Poleepo product id.
    Result<void> updateItem(const ProductBatchItem &item);
    // Items of one product or variant across batches, newest first (the product page's history).
    Result<QList<ProductBatchItem>> itemsForProduct(qint64 productId);
    Result<void> remove(qint64 id);

private:
    const Database &m_database;
};

} // namespace Bottega
