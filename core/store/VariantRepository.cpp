#include "core/store/VariantRepository.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqlValues.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

constexpr auto columns
        = "id, product_id, gelato_product_uid, gelato_variant_id, title, sku, ean, upc, isbn, mpn, "
          "price_extra, quantity, weight, width, height, depth, published_poleepo, needs_update, "
          "poleepo_product_id, poleepo_last_sent_at, archived, position, created_at, updated_at"_L1;

Variant readVariant(const SqlStatement &row)
{
    Variant variant;
    variant.id = row.integer(u"id"_s);
    variant.productId = row.integer(u"product_id"_s);
    variant.gelatoProductUid = row.text(u"gelato_product_uid"_s);
    variant.gelatoVariantId = row.text(u"gelato_variant_id"_s);
    variant.title = row.text(u"title"_s);
    variant.sku = row.text(u"sku"_s);
    variant.ean = row.text(u"ean"_s);
    variant.upc = row.text(u"upc"_s);
    variant.isbn = row.text(u"isbn"_s);
    variant.mpn = row.text(u"mpn"_s);
    variant.priceExtra = row.number(u"price_extra"_s);
    variant.quantity = row.integer(u"quantity"_s);
    variant.weight = row.number(u"weight"_s);
    variant.width = row.number(u"width"_s);
    variant.height = row.number(u"height"_s);
    variant.depth = row.number(u"depth"_s);
    variant.publishedPoleepo = row.flag(u"published_poleepo"_s);
    variant.needsUpdate = row.flag(u"needs_update"_s);
    variant.poleepoProductId = row.text(u"poleepo_product_id"_s);
    variant.poleepoLastSentAt = row.time(u"poleepo_last_sent_at"_s);
    variant.archived = row.flag(u"archived"_s);
    variant.position = int(row.integer(u"position"_s));
    variant.createdAt = row.time(u"created_at"_s);
    variant.updatedAt = row.time(u"updated_at"_s);
    return variant;
}

// The values shared by INSERT and UPDATE, in the order of writableColumns.
void bindFields(SqlStatement &statement, const Variant &variant)
{
    statement.bind(Sql::text(variant.gelatoProductUid))
            .bind(Sql::text(variant.gelatoVariantId))
            .bind(Sql::text(variant.title))
            .bind(Sql::text(variant.sku))
            .bind(Sql::text(variant.ean))
            .bind(Sql::text(variant.upc))
            .bind(Sql::text(variant.isbn))
            .bind(Sql::text(variant.mpn))
            .bind(variant.priceExtra)
            .bind(variant.quantity)
            .bind(variant.weight)
            .bind(variant.width)
            .bind(variant.height)
            .bind(variant.depth)
            .bind(Sql::flag(variant.publishedPoleepo))
            .bind(Sql::text(variant.poleepoProductId))
            .bind(Sql::timeOrNull(variant.poleepoLastSentAt))
            .bind(Sql::flag(variant.archived))
            .bind(variant.position);
}

QString variantName(const Variant &variant)
{
    return variant.sku.isEmpty() ? variant.title : variant.sku;
}

} // namespace

VariantRepository::VariantRepository(const Database &database) : m_database(database) { }

Result<qint64> VariantRepository::create(const Variant &variant)
{
    qint64 id = 0;
    auto stored = m_database.transaction([&](QSqlDatabase &db) -> Result<void> {
        SqlStatement insert(
                db,
                u"INSERT INTO variants (gelato_product_uid, gelato_variant_id, title, sku, ean, upc, isbn, "
                "mpn, price_extra, quantity, weight, width, height, depth, published_poleepo, "
                "poleepo_product_id, poleepo_last_sent_at, archived, position, product_id, needs_update, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, ?, ?) RETURNING id"_s);
        bindFields(insert, variant);
        const qint64 now = m_database.clock().nowMs();
        insert.bind(variant.productId)
                .bind(Sql::flag(variant.needsUpdate))
                .bind(variant.createdAt.isValid() ? variant.createdAt.toMSecsSinceEpoch() : now)
                .bind(now);
        if (auto r = insert.exec(tr("cannot save variant %1").arg(variantName(variant))); !r)
            return r;
        if (!insert.next())
            return makeError(tr("cannot save variant %1: no id returned").arg(variantName(variant)));
        id = insert.integer(u"id"_s);
        return writeOptions(db, variant, id);
    });
    if (!stored)
        return makeError(stored.error());
    return id;
}

Result<void> VariantRepository::writeOptions(QSqlDatabase &db, const Variant &variant, qint64 variantId)
{
    SqlStatement clear(db, u"DELETE FROM variant_option_values WHERE variant_id = ?"_s);
    clear.bind(variantId);
    if (auto r = clear.exec(tr("cannot save the options of variant %1").arg(variantName(variant))); !r)
        return r;
    for (const VariantOption &option : variant.options) {
        qint64 valueId = option.valueId;
        if (valueId == 0) {
            SqlStatement find(
                    db,
                    u"SELECT v.id FROM product_attribute_values v JOIN product_attributes a ON "
                    "a.id = v.attribute_id WHERE a.product_id = ? AND a.name = ? AND v.value = ?"_s);
            find.bind(variant.productId).bind(Sql::text(option.name)).bind(Sql::text(option.value));
            if (auto r = find.exec(tr("cannot save the options of variant %1").arg(variantName(variant))); !r)
                return r;
            if (!find.next())
                return makeError(tr("variant %1: the product has no value \"%2\" for attribute \"%3\"")
                                         .arg(variantName(variant), option.value, option.name));
            valueId = find.integer(u"id"_s);
        }
        SqlStatement link(db, u"INSERT INTO variant_option_values (variant_id, value_id) VALUES (?, ?)"_s);
        link.bind(variantId).bind(valueId);
        if (auto r
            = link.exec(tr("cannot save option %1 of variant %2").arg(option.name, variantName(variant)));
            !r)
            return r;
    }
    return {};
}

Result<void> VariantRepository::readOptions(QList<Variant> &variants)
{
    if (variants.isEmpty())
        return {};
    QHash<qint64, qsizetype> indexById;
    for (qsizetype i = 0; i < variants.size(); ++i)
        indexById.insert(variants[i].id, i);
    SqlStatement select(
            m_database.connection(),
            u"SELECT o.variant_id, a.name, v.value, v.id AS value_id FROM variant_option_values o "
            "JOIN product_attribute_values v ON v.id = o.value_id "
            "JOIN product_attributes a ON a.id = v.attribute_id WHERE o.variant_id IN ("_s
                    + SqlStatement::placeholders(variants.size()) + u") ORDER BY o.variant_id, a.position, a.id"_s);
    for (const Variant &variant : std::as_const(variants))
        select.bind(variant.id);
    if (auto r = select.exec(tr("cannot read variant options")); !r)
        return r;
    while (select.next()) {
        const qsizetype index = indexById.value(select.integer(u"variant_id"_s), -1);
        if (index >= 0)
            variants[index].options.append(
                    {select.text(u"name"_s), select.text(u"value"_s), select.integer(u"value_id"_s)});
    }
    return {};
}

Result<Variant> VariantRepository::get(qint64 id)
{
    SqlStatement select(m_database.connection(), u"SELECT "_s + columns + u" FROM variants WHERE id = ?"_s);
    select.bind(id);
    if (auto r = select.exec(tr("cannot read variant %1").arg(id)); !r)
        return makeError(r.error());
    if (!select.next())
        return makeError(tr("no variant with id %1").arg(id));
    QList<Variant> variants {readVariant(select)};
    if (auto r = readOptions(variants); !r)
        return makeError(r.error());
    return variants.constFirst();
}

Result<QList<Variant>> VariantRepository::listForProduct(qint64 productId, bool includeArchived)
{
    SqlStatement select(m_database.connection(),
                        u"SELECT "_s + columns + u" FROM variants WHERE product_id = ?"_s
                                + (includeArchived ? QString() : u" AND archived = 0"_s)
                                + u" ORDER BY position, id"_s);
    select.bind(productId);
    if (auto r = select.exec(tr("cannot read the variants of product %1").arg(productId)); !r)
        return makeError(r.error());
    QList<Variant> variants;
    while (select.next())
        variants.append(readVariant(select));
    if (auto r = readOptions(variants); !r)
        return makeError(r.error());
    return variants;
}

Result<std::optional<Variant>> VariantRepository::findBySku(const QString &sku)
{
    SqlStatement select(m_database.connection(),
                        u"SELECT "_s + columns
                                + u" FROM variants WHERE sku = ? ORDER BY archived, id LIMIT 1"_s);
    select.bind(Sql::text(sku));
    if (auto r = select.exec(tr("cannot look up SKU %1").arg(sku)); !r)
        return makeError(r.error());
    if (!select.next())
        return std::optional<Variant>();
    QList<Variant> variants {readVariant(select)};
    if (auto r = readOptions(variants); !r)
        return makeError(r.error());
    return std::optional<Variant>(variants.constFirst());
}

Result<void> VariantRepository::update(const Variant &variant)
{
    return m_database.transaction([&](QSqlDatabase &db) -> Result<void> {
        // PROD-5: a field Poleepo receives (BATCH-2) changed, so the variant must be sent again.
        SqlStatement update(
                db,
                u"UPDATE variants SET needs_update = CASE WHEN title <> ? OR sku <> ? OR ean <> ? OR "
                "upc <> ? OR isbn <> ? OR mpn <> ? OR price_extra <> ? OR quantity <> ? OR weight <> ? "
                "OR width <> ? OR height <> ? OR depth <> ? THEN 1 ELSE ? END, gelato_product_uid = ?, "
                "gelato_variant_id = ?, "
                "title = ?, sku = ?, ean = ?, upc = ?, isbn = ?, mpn = ?, price_extra = ?, quantity = ?, "
                "weight = ?, width = ?, height = ?, depth = ?, published_poleepo = ?, "
                "poleepo_product_id = ?, poleepo_last_sent_at = ?, archived = ?, position = ?, "
                "updated_at = ? WHERE id = ?"_s);
        update.bind(Sql::text(variant.title))
                .bind(Sql::text(variant.sku))
                .bind(Sql::text(variant.ean))
                .bind(Sql::text(variant.upc))
                .bind(Sql::text(variant.isbn))
                .bind(Sql::text(variant.mpn))
                .bind(variant.priceExtra)
                .bind(variant.quantity)
                .bind(variant.weight)
                .bind(variant.width)
                .bind(variant.height)
                .bind(variant.depth)
                .bind(Sql::flag(variant.needsUpdate));
        bindFields(update, variant);
        update.bind(m_database.clock().nowMs()).bind(variant.id);
        if (auto r = update.execOne(tr("cannot save variant %1").arg(variantName(variant)),
                                    tr("no variant with id %1").arg(variant.id));
            !r)
            return r;
        return writeOptions(db, variant, variant.id);
    });
}

Result<int> VariantRepository::setPublished(const QList<qint64> &ids, bool published)
{
    if (ids.isEmpty())
        return 0;
    SqlStatement update(
            m_database.connection(),
            u"UPDATE variants SET needs_update = CASE WHEN published_poleepo = 0 AND ? = 1 THEN 1 "
            "ELSE needs_update END, published_poleepo = ?, updated_at = ? WHERE id IN ("_s
                    + SqlStatement::placeholders(ids.size()) + u')');
    update.bind(Sql::flag(published)).bind(Sql::flag(published)).bind(m_database.clock().nowMs());
    for (qint64 id : ids)
        update.bind(id);
    if (auto r = update.exec(tr("cannot change \"Published on Poleepo\"")); !r)
        return makeError(r.error());
    return update.rowsAffected();
}

Result<void> VariantRepository::setArchived(qint64 id, bool archived)
{
    SqlStatement update(m_database.connection(),
                        u"UPDATE variants SET archived = ?, updated_at = ? WHERE id = ?"_s);
    update.bind(Sql::flag(archived)).bind(m_database.clock().nowMs()).bind(id);
    return update.execOne(tr("cannot archive variant %1").arg(id), tr("no variant with id %1").arg(id));
}

Result<bool> VariantRepository::isOnOrder(qint64 id)
{
    SqlStatement used(m_database.connection(),
                      u"SELECT COUNT(*) AS n FROM order_lines WHERE variant_id = ?"_s);
    used.bind(id);
    if (auto r = used.exec(tr("cannot look up the orders of variant %1").arg(id)); !r)
        return makeError(r.error());
    return used.next() && used.integer(u"n"_s) > 0;
}

Result<void> VariantRepository::remove(qint64 id)
{
    SqlStatement used(m_database.connection(),
                      u"SELECT COUNT(*) AS n FROM order_lines WHERE variant_id = ?"_s);
    used.bind(id);
    if (auto r = used.exec(tr("cannot delete variant %1").arg(id)); !r)
        return r;
    if (used.next() && used.integer(u"n"_s) > 0)
        return makeError(tr("variant %1 is on an order and cannot be deleted; archive it instead").arg(id));
    SqlStatement remove(m_database.connection(), u"DELETE FROM variants WHERE id = ?"_s);
    remove.bind(id);
    return remove.execOne(tr("cannot delete variant %1").arg(id), tr("no variant with id %1").arg(id));
}

} // namespace Bottega
