#include "core/store/PublishingRepository.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/ProductBatchRepository.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqlValues.h"

using namespace Qt::StringLiterals;

namespace Bottega {

PublishingRepository::PublishingRepository(const Database &database) : m_database(database) { }

Result<QList<PublishingRepository::DueVariant>> PublishingRepository::dueVariants()
{
    // A variant already in a batch Bottega is submitting, or Poleepo is processing (or whose
    // answer was inconsistent), waits for its outcome or a resubmit: sending it again could make a
    // second product for the same SKU. Only a batch that never reached Poleepo frees its variants.
    // A variant Poleepo refused waits for a resubmit (BATCH-4) or for an edit made after the refusal,
    // so that a failing entry is not sent every two minutes.
    SqlStatement select(m_database.connection(),
                        u"SELECT v.product_id, v.id FROM variants v JOIN products p ON p.id = v.product_id "
                        "WHERE v.published_poleepo = 1 AND v.archived = 0 AND p.archived = 0 "
                        "AND (v.needs_update = 1 OR v.poleepo_last_sent_at IS NULL) "
                        "AND NOT EXISTS (SELECT 1 FROM product_batch_items i JOIN product_batches b "
                        "ON b.id = i.batch_id WHERE i.variant_id = v.id AND i.resubmitted_in IS NULL AND "
                        "((i.status = 'draft' AND b.status IN ('new', 'PENDING', 'PROCESSING') "
                        "AND NOT (b.poleepo_batch_id = '' AND b.error <> '')) "
                        "OR (i.status = 'error' AND b.submitted_at >= v.updated_at))) "
                        "ORDER BY v.product_id, v.position, v.id"_s);
    if (auto r = select.exec(tr("cannot read the variants to send to Poleepo")); !r)
        return makeError(r.error());
    QList<DueVariant> due;
    while (select.next())
        due.append({select.integer(u"product_id"_s), select.integer(u"id"_s)});
    return due;
}

Result<int> PublishingRepository::statusRequestsSince(qint64 batchId, const QDateTime &since)
{
    SqlStatement select(m_database.connection(),
                        u"SELECT COUNT(*) AS n FROM product_batch_status_requests "
                        "WHERE batch_id = ? AND requested_at > ?"_s);
    select.bind(batchId).bind(since.toMSecsSinceEpoch());
    if (auto r = select.exec(tr("cannot count the status requests of batch %1").arg(batchId)); !r)
        return makeError(r.error());
    return select.next() ? int(select.integer(u"n"_s)) : 0;
}

Result<void> PublishingRepository::recordStatusRequest(qint64 batchId, const QDateTime &at)
{
    SqlStatement insert(
            m_database.connection(),
            u"INSERT INTO product_batch_status_requests (batch_id, requested_at) VALUES (?, ?)"_s);
    insert.bind(batchId).bind(at.toMSecsSinceEpoch());
    return insert.exec(tr("cannot record a status request of batch %1").arg(batchId));
}

Result<void> PublishingRepository::applyOutcome(const ProductBatch &batch,
                                                const QList<ProductBatchItem> &items)
{
    return m_database.transaction([&](QSqlDatabase &db) -> Result<void> {
        ProductBatchRepository batches(m_database);
        if (auto r = batches.update(batch); !r)
            return r;
        const qint64 sentAt = (batch.submittedAt.isValid() ? batch.submittedAt : m_database.clock().now())
                                      .toMSecsSinceEpoch();
        for (const ProductBatchItem &item : items) {
            if (auto r = batches.updateItem(item); !r)
                return r;
            if (item.status != ProductBatchItem::Status::Done)
                continue;
            // PROD-5: Poleepo confirmed what was sent; a change made after sending still needs it.
            const QString table = item.variantId > 0 ? u"variants"_s : u"products"_s;
            SqlStatement update(db,
                                u"UPDATE "_s + table
                                        + u" SET poleepo_product_id = ?, poleepo_last_sent_at = ?, "
                                          "needs_update = CASE WHEN updated_at > ? THEN needs_update "
                                          "ELSE 0 END WHERE id = ?"_s);
            update.bind(Sql::text(item.poleepoProductId))
                    .bind(sentAt)
                    .bind(sentAt)
                    .bind(item.variantId > 0 ? item.variantId : item.productId);
            if (auto r = update.exec(tr("cannot store the Poleepo product id of %1").arg(item.sku)); !r)
                return r;
        }
        return {};
    });
}

Result<void> PublishingRepository::markResubmitted(const QList<qint64> &itemIds, qint64 resubmittedIn)
{
    return m_database.transaction([&](QSqlDatabase &db) -> Result<void> {
        for (qint64 id : itemIds) {
            SqlStatement update(db, u"UPDATE product_batch_items SET resubmitted_in = ? WHERE id = ?"_s);
            update.bind(resubmittedIn).bind(id);
            if (auto r = update.exec(tr("cannot mark batch item %1 as sent again").arg(id)); !r)
                return r;
        }
        return {};
    });
}

} // namespace Bottega
