// PublishingRepository: the SQL of publishing the catalog to Poleepo (PROD-5, BATCH-1..3) beyond
// the batches themselves: which variants are due for sending, the status requests made for each
// batch (Poleepo allows 5 per batch within 10 minutes: every process sharing the database counts
// the same rows), an answer's outcome applied to items, variants and products in one transaction,
// and failed items marked as sent again. Used on the thread that owns the database connection.
#pragma once

#include "core/domain/ProductBatch.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>

namespace Bottega {

class Database;

class PublishingRepository final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::PublishingRepository)

public:
    struct DueVariant
    {
        qint64 productId = 0;
        qint64 variantId = 0;
    };

    explicit PublishingRepository(const Database &database);

    // BATCH-1: published variants (not archived) that need an update or were never sent, and are
    // not already waiting in a batch that is being submitted or processed; by product, then
    // position.
    Result<QList<DueVariant>> dueVariants();

    // BATCH-3: the status requests made for a batch since `since`, and one more made at `at`.
    Result<int> statusRequestsSince(qint64 batchId, const QDateTime &since);
    Result<void> recordStatusRequest(qint64 batchId, const QDateTime &at);

    // Writes the batch's own fields and the items' outcomes; a done variant item stores Poleepo's
    // product id on the variant and clears its Needs update unless it changed after `batch` was
    // submitted; a done parent item does the same on the product. One transaction.
    Result<void> applyOutcome(const ProductBatch &batch, const QList<ProductBatchItem> &items);

    // The items were sent again in batch `resubmittedIn`.
    Result<void> markResubmitted(const QList<qint64> &itemIds, qint64 resubmittedIn);

private:
    const Database &m_database;
};

} // namespace Bottega
