#include "core/store/ProductBatchRepository.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqlValues.h"

#include <QVariantList>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

constexpr auto batchColumns
        = "id, poleepo_batch_id, status, submitted_at, last_polled_at, poll_count, total, "
          "processed, error, created_at, not_before"_L1;
// The items counted as errors, and the batches still holding failed items not sent again.
constexpr auto errorCount = "(SELECT COUNT(*) FROM product_batch_items e WHERE e.batch_id = "
                            "product_batches.id AND e.status = 'error') AS errors"_L1;
constexpr auto withErrorsCondition
        = "EXISTS (SELECT 1 FROM product_batch_items f WHERE f.batch_id = product_batches.id AND "
          "f.resubmitted_in IS NULL AND (f.status = 'error' OR (f.status = 'draft' AND "
          "product_batches.error <> '')))"_L1;

// The WHERE clause of a query, its values appended to `values`.
QString whereClause(const ProductBatchRepository::Query &query, QVariantList &values)
{
    QStringList conditions;
    if (!query.statuses.isEmpty()) {
        for (const QString &status : query.statuses)
            values.append(status);
        conditions.append(u"status IN ("_s + SqlStatement::placeholders(query.statuses.size()) + u')');
    }
    if (query.withErrors)
        conditions.append(withErrorsCondition);
    return conditions.isEmpty() ? QString() : u" WHERE "_s + conditions.join(u" AND "_s);
}

constexpr auto itemColumns = "id, batch_id, product_id, variant_id, sku, payload, status, code, message, "
                             "poleepo_product_id, resubmitted_in"_L1;

ProductBatch readBatch(const SqlStatement &row)
{
    ProductBatch batch;
    batch.id = row.integer(u"id"_s);
    batch.poleepoBatchId = row.text(u"poleepo_batch_id"_s);
    batch.status = row.text(u"status"_s);
    batch.submittedAt = row.time(u"submitted_at"_s);
    batch.lastPolledAt = row.time(u"last_polled_at"_s);
    batch.pollCount = int(row.integer(u"poll_count"_s));
    batch.total = int(row.integer(u"total"_s));
    batch.processed = int(row.integer(u"processed"_s));
    batch.error = row.text(u"error"_s);
    batch.createdAt = row.time(u"created_at"_s);
    batch.notBefore = row.time(u"not_before"_s);
    batch.errors = int(row.integer(u"errors"_s));
    return batch;
}

ProductBatchItem readItem(const SqlStatement &row)
{
    ProductBatchItem item;
    item.id = row.integer(u"id"_s);
    item.batchId = row.integer(u"batch_id"_s);
    item.productId = row.integer(u"product_id"_s);
    item.variantId = row.integer(u"variant_id"_s);
    item.sku = row.text(u"sku"_s);
    item.payload = row.text(u"payload"_s);
    item.status = ProductBatchItem::statusFromName(row.text(u"status"_s))
                          .value_or(ProductBatchItem::Status::Draft);
    item.code = row.text(u"code"_s);
    item.message = row.text(u"message"_s);
    item.poleepoProductId = row.text(u"poleepo_product_id"_s);
    item.resubmittedIn = row.integer(u"resubmitted_in"_s);
    return item;
}

} // namespace

ProductBatchRepository::ProductBatchRepository(const Database &database) : m_database(database) { }

Result<qint64> ProductBatchRepository::create(const ProductBatch &batch)
{
    qint64 batchId = 0;
    auto stored = m_database.transaction([&](QSqlDatabase &db) -> Result<void> {
        SqlStatement insert(
                db,
                u"INSERT INTO product_batches (poleepo_batch_id, status, submitted_at, last_polled_at, "
                "poll_count, total, processed, error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "RETURNING id"_s);
        const QDateTime created = batch.createdAt.isValid() ? batch.createdAt : m_database.clock().now();
        insert.bind(Sql::text(batch.poleepoBatchId))
                .bind(Sql::text(batch.status))
                .bind(Sql::timeOrNull(batch.submittedAt))
                .bind(Sql::timeOrNull(batch.lastPolledAt))
                .bind(batch.pollCount)
                .bind(batch.total)
                .bind(batch.processed)
                .bind(Sql::text(batch.error))
                .bind(created.toMSecsSinceEpoch());
        if (auto r = insert.exec(tr("cannot save a product batch")); !r)
            return r;
        if (!insert.next())
            return makeError(tr("cannot save a product batch: no id returned"));
        batchId = insert.integer(u"id"_s);

        for (const ProductBatchItem &item : batch.items) {
            SqlStatement insertItem(
                    db,
                    u"INSERT INTO product_batch_items (batch_id, product_id, variant_id, sku, "
                    "payload, status, code, message, poleepo_product_id) VALUES (?, ?, ?, ?, ?, ?, "
                    "?, ?, ?)"_s);
            insertItem.bind(batchId)
                    .bind(Sql::idOrNull(item.productId))
                    .bind(Sql::idOrNull(item.variantId))
                    .bind(Sql::text(item.sku))
                    .bind(Sql::text(item.payload))
                    .bind(ProductBatchItem::statusName(item.status))
                    .bind(Sql::text(item.code))
                    .bind(Sql::text(item.message))
                    .bind(Sql::text(item.poleepoProductId));
            if (auto r = insertItem.exec(tr("cannot save batch item %1").arg(item.sku)); !r)
                return r;
        }
        return {};
    });
    if (!stored)
        return makeError(stored.error());
    return batchId;
}

Result<ProductBatch> ProductBatchRepository::get(qint64 id)
{
    const QSqlDatabase db = m_database.connection();
    SqlStatement select(
            db, u"SELECT "_s + batchColumns + u", "_s + errorCount + u" FROM product_batches WHERE id = ?"_s);
    select.bind(id);
    if (auto r = select.exec(tr("cannot read product batch %1").arg(id)); !r)
        return makeError(r.error());
    if (!select.next())
        return makeError(tr("no product batch with id %1").arg(id));
    ProductBatch batch = readBatch(select);

    SqlStatement items(
            db, u"SELECT "_s + itemColumns + u" FROM product_batch_items WHERE batch_id = ? ORDER BY id"_s);
    items.bind(id);
    if (auto r = items.exec(tr("cannot read the items of product batch %1").arg(id)); !r)
        return makeError(r.error());
    while (items.next())
        batch.items.append(readItem(items));
    return batch;
}

Result<QList<ProductBatch>> ProductBatchRepository::list(const Query &query)
{
    QVariantList values;
    QString sql = u"SELECT "_s + batchColumns + u", "_s + errorCount + u" FROM product_batches"_s;
    sql += whereClause(query, values);
    sql += u" ORDER BY id DESC"_s;
    SqlStatement::appendPage(sql, values, query.limit, query.offset);
    SqlStatement select(m_database.connection(), sql);
    select.bindAll(values);
    if (auto r = select.exec(tr("cannot read the product batches")); !r)
        return makeError(r.error());
    QList<ProductBatch> batches;
    while (select.next())
        batches.append(readBatch(select));
    return batches;
}

Result<qint64> ProductBatchRepository::count(const Query &query)
{
    QVariantList values;
    const QString sql = u"SELECT COUNT(*) AS n FROM product_batches"_s + whereClause(query, values);
    SqlStatement select(m_database.connection(), sql);
    select.bindAll(values);
    if (auto r = select.exec(tr("cannot count the product batches")); !r)
        return makeError(r.error());
    if (!select.next())
        return qint64(0);
    return select.integer(u"n"_s);
}

Result<void> ProductBatchRepository::update(const ProductBatch &batch)
{
    SqlStatement update(
            m_database.connection(),
            u"UPDATE product_batches SET poleepo_batch_id = ?, status = ?, submitted_at = ?, "
            "last_polled_at = ?, poll_count = ?, total = ?, processed = ?, error = ?, not_before = ? "
            "WHERE id = ?"_s);
    update.bind(Sql::text(batch.poleepoBatchId))
            .bind(Sql::text(batch.status))
            .bind(Sql::timeOrNull(batch.submittedAt))
            .bind(Sql::timeOrNull(batch.lastPolledAt))
            .bind(batch.pollCount)
            .bind(batch.total)
            .bind(batch.processed)
            .bind(Sql::text(batch.error))
            .bind(Sql::timeOrNull(batch.notBefore))
            .bind(batch.id);
    return update.execOne(tr("cannot save product batch %1").arg(batch.id),
                          tr("no product batch with id %1").arg(batch.id));
}

Result<void> ProductBatchRepository::updateItem(const ProductBatchItem &item)
{
    SqlStatement update(
            m_database.connection(),
            u"UPDATE product_batch_items SET status = ?, code = ?, message = ?, poleepo_product_id = ? "
            "WHERE id = ?"_s);
    update.bind(ProductBatchItem::statusName(item.status))
            .bind(Sql::text(item.code))
            .bind(Sql::text(item.message))
            .bind(Sql::text(item.poleepoProductId))
            .bind(item.id);
    return update.execOne(tr("cannot save batch item %1").arg(item.id),
                          tr("no batch item with id %1").arg(item.id));
}

Result<QList<ProductBatchItem>> ProductBatchRepository::itemsForProduct(qint64 productId)
{
    SqlStatement select(m_database.connection(),
                        u"SELECT "_s + itemColumns
                                + u" FROM product_batch_items WHERE product_id = ? ORDER BY id DESC"_s);
    select.bind(productId);
    if (auto r = select.exec(tr("cannot read the batch history of product %1").arg(productId)); !r)
        return makeError(r.error());
    QList<ProductBatchItem> items;
    while (select.next())
        items.append(readItem(select));
    return items;
}

Result<void> ProductBatchRepository::remove(qint64 id)
{
    SqlStatement remove(m_database.connection(), u"DELETE FROM product_batches WHERE id = ?"_s);
    remove.bind(id);
    return remove.execOne(tr("cannot delete product batch %1").arg(id),
                          tr("no product batch with id %1").arg(id));
}

} // namespace Bottega
