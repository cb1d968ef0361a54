#include "core/store/ProductRepository.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/PrintImageRepository.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqlValues.h"
#include "core/store/VariantRepository.h"

#include <QSet>
#include <QVariantList>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

constexpr auto columns
        = "id, name, sku, internal_code, ean, upc, isbn, mpn, category_path, list_price, vat_rate, "
          "quantity, weight, width, height, depth, short_description, long_description, image_url, "
          "gelato_template_id, gelato_product_uid, gelato_preview_url, published_poleepo, "
          "needs_update, poleepo_product_id, poleepo_last_sent_at, archived, created_at, updated_at"_L1;

// Written by both INSERT and UPDATE, bound by bindFields in this order.
constexpr auto writableColumns = "name, sku, internal_code, ean, upc, isbn, mpn, category_path, list_price, "
                                 "vat_rate, quantity, weight, width, height, depth, short_description, "
                                 "long_description, image_url, gelato_template_id, gelato_product_uid, "
                                 "gelato_preview_url, published_poleepo, poleepo_product_id, "
                                 "poleepo_last_sent_at, archived"_L1;
constexpr int writableCount = 25;

Product readProduct(const SqlStatement &row)
{
    Product product;
    product.id = row.integer(u"id"_s);
    product.name = row.text(u"name"_s);
    product.sku = row.text(u"sku"_s);
    product.internalCode = row.text(u"internal_code"_s);
    product.ean = row.text(u"ean"_s);
    product.upc = row.text(u"upc"_s);
    product.isbn = row.text(u"isbn"_s);
    product.mpn = row.text(u"mpn"_s);
    product.categoryPath = row.text(u"category_path"_s);
    product.listPrice = row.number(u"list_price"_s);
    product.vatRate = row.number(u"vat_rate"_s);
    product.quantity = row.integer(u"quantity"_s);
    product.weight = row.number(u"weight"_s);
    product.width = row.number(u"width"_s);
    product.height = row.number(u"height"_s);
    product.depth = row.number(u"depth"_s);
    product.shortDescription = row.text(u"short_description"_s);
    product.longDescription = row.text(u"long_description"_s);
    product.imageUrl = row.text(u"image_url"_s);
    product.gelatoTemplateId = row.text(u"gelato_template_id"_s);
    product.gelatoProductUid = row.text(u"gelato_product_uid"_s);
    product.gelatoPreviewUrl = row.text(u"gelato_preview_url"_s);
    product.publishedPoleepo = row.flag(u"published_poleepo"_s);
    product.needsUpdate = row.flag(u"needs_update"_s);
    product.poleepoProductId = row.text(u"poleepo_product_id"_s);
    product.poleepoLastSentAt = row.time(u"poleepo_last_sent_at"_s);
    product.archived = row.flag(u"archived"_s);
    product.createdAt = row.time(u"created_at"_s);
    product.updatedAt = row.time(u"updated_at"_s);
    return product;
}

void bindFields(SqlStatement &statement, const Product &product)
{
    statement.bind(Sql::text(product.name))
            .bind(Sql::text(product.sku))
            .bind(Sql::text(product.internalCode))
            .bind(Sql::text(product.ean))
            .bind(Sql::text(product.upc))
            .bind(Sql::text(product.isbn))
            .bind(Sql::text(product.mpn))
            .bind(Sql::text(product.categoryPath))
            .bind(product.listPrice)
            .bind(product.vatRate)
            .bind(product.quantity)
            .bind(product.weight)
            .bind(product.width)
            .bind(product.height)
            .bind(product.depth)
            .bind(Sql::text(product.shortDescription))
            .bind(Sql::text(product.longDescription))
            .bind(Sql::text(product.imageUrl))
            .bind(Sql::text(product.gelatoTemplateId))
            .bind(Sql::text(product.gelatoProductUid))
            .bind(Sql::text(product.gelatoPreviewUrl))
            .bind(Sql::flag(product.publishedPoleepo))
            .bind(Sql::text(product.poleepoProductId))
            .bind(Sql::timeOrNull(product.poleepoLastSentAt))
            .bind(Sql::flag(product.archived));
}

QString sortColumn(ProductRepository::Query::Sort sort)
{
    using Sort = ProductRepository::Query::Sort;
    switch (sort) {
    case Sort::Name:
        return u"LOWER(name)"_s;
    case Sort::Sku:
        return u"sku"_s;
    case Sort::ListPrice:
        return u"list_price"_s;
    case Sort::Quantity:
        return u"quantity"_s;
    case Sort::CreatedAt:
        return u"created_at"_s;
    case Sort::UpdatedAt:
        return u"updated_at"_s;
    case Sort::Id:
        return u"id"_s;
    }
    return u"id"_s;
}

QString whereClause(const ProductRepository::Query &query, QVariantList &values)
{
    QStringList conditions;
    if (!query.includeArchived)
        conditions.append(u"archived = 0"_s);
    if (query.publishedPoleepo) {
        conditions.append(u"published_poleepo = ?"_s);
        values.append(*query.publishedPoleepo ? 1 : 0);
    }
    if (query.needsUpdate) {
        conditions.append(u"needs_update = ?"_s);
        values.append(*query.needsUpdate ? 1 : 0);
    }
    if (!query.gelatoTemplateId.isEmpty()) {
        conditions.append(u"gelato_template_id = ?"_s);
        values.append(query.gelatoTemplateId);
    }
    if (query.linkedToGelato)
        conditions.append(*query.linkedToGelato ? u"gelato_template_id <> ''"_s
                                                : u"gelato_template_id = ''"_s);
    if (query.printImagesMissing) {
        const QString missing
                = uR"(EXISTS (SELECT 1 FROM print_placements pp WHERE pp.product_id = products.id
            AND NOT EXISTS (SELECT 1 FROM print_images d WHERE d.product_id = products.id
                AND d.variant_id IS NULL AND d.placement = pp.name)
            AND (NOT EXISTS (SELECT 1 FROM variants v WHERE v.product_id = products.id AND v.archived = 0)
                OR EXISTS (SELECT 1 FROM variants v WHERE v.product_id = products.id AND v.archived = 0
                    AND NOT EXISTS (SELECT 1 FROM print_images o WHERE o.variant_id = v.id
                        AND o.placement = pp.name)))))"_s;
        conditions.append(*query.printImagesMissing ? missing : u"NOT "_s + missing);
    }
    if (!query.text.isEmpty()) {
        QStringList anyColumn;
        for (const auto column :
             {"name"_L1, "sku"_L1, "internal_code"_L1, "ean"_L1, "gelato_template_id"_L1}) {
            anyColumn.append(u"LOWER("_s + column + u") LIKE ? ESCAPE '\\'"_s);
            values.append(Sql::containsPattern(query.text));
        }
        conditions.append(u'(' + anyColumn.join(" OR "_L1) + u')');
    }
    return conditions.isEmpty() ? QString() : u" WHERE "_s + conditions.join(" AND "_L1);
}

} // namespace

ProductRepository::ProductRepository(const Database &database) : m_database(database) { }

Result<qint64> ProductRepository::create(const Product &product)
{
    qint64 productId = 0;
    auto stored = m_database.transaction([&](QSqlDatabase &db) -> Result<void> {
        SqlStatement insert(db,
                            u"INSERT INTO products ("_s + writableColumns
                                    + u", needs_update, created_at, updated_at) VALUES ("_s + SqlStatement::placeholders(writableCount + 3)
                                    + u") RETURNING id"_s);
        bindFields(insert, product);
        const qint64 now = m_database.clock().nowMs();
        insert.bind(Sql::flag(product.needsUpdate))
                .bind(product.createdAt.isValid() ? product.createdAt.toMSecsSinceEpoch() : now)
                .bind(now);
        if (auto r = insert.exec(tr("cannot save product \"%1\"").arg(product.name)); !r)
            return r;
        if (!insert.next())
            return makeError(tr("cannot save product \"%1\": no id returned").arg(product.name));
        productId = insert.integer(u"id"_s);

        if (auto r = saveAttributes(productId, product.attributes); !r)
            return makeError(r.error());
        VariantRepository variants(m_database);
        for (Variant variant : product.variants) {
            variant.productId = productId;
            if (auto r = variants.create(variant); !r)
                return makeError(r.error());
        }
        PrintImageRepository images(m_database);
        if (auto r = images.setPlacements(productId, product.placements); !r)
            return r;
        for (PrintImage image : product.printImages) {
            if (image.variantId != 0)
                return makeError(tr("product \"%1\": a variant's print image can only be set once the "
                                    "variant is stored")
                                         .arg(product.name));
            image.productId = productId;
            if (auto r = images.set(image); !r)
                return makeError(r.error());
        }
        for (ProductImage image : product.images) {
            image.productId = productId;
            if (auto r = images.addImage(image); !r)
                return makeError(r.error());
        }
        return {};
    });
    if (!stored)
        return makeError(stored.error());
    return productId;
}

Result<Product> ProductRepository::get(qint64 id)
{
    SqlStatement select(m_database.connection(), u"SELECT "_s + columns + u" FROM products WHERE id = ?"_s);
    select.bind(id);
    if (auto r = select.exec(tr("cannot read product %1").arg(id)); !r)
        return makeError(r.error());
    if (!select.next())
        return makeError(tr("no product with id %1").arg(id));
    Product product = readProduct(select);

    auto attributes = readAttributes(id);
    if (!attributes)
        return makeError(attributes.error());
    product.attributes = *attributes;
    auto variants = VariantRepository(m_database).listForProduct(id);
    if (!variants)
        return makeError(variants.error());
    product.variants = *variants;
    PrintImageRepository images(m_database);
    auto placements = images.placements(id);
    if (!placements)
        return makeError(placements.error());
    product.placements = *placements;
    auto printImages = images.listForProduct(id);
    if (!printImages)
        return makeError(printImages.error());
    product.printImages = *printImages;
    auto pictures = images.images(id);
    if (!pictures)
        return makeError(pictures.error());
    product.images = *pictures;
    return product;
}

Result<QList<Product>> ProductRepository::list(const Query &query)
{
    QVariantList values;
    QString sql = u"SELECT "_s + columns + u" FROM products"_s + whereClause(query, values) + u" ORDER BY "_s
            + sortColumn(query.sort) + (query.descending ? u" DESC"_s : u" ASC"_s) + u", id"_s
            + (query.descending ? u" DESC"_s : u" ASC"_s);
    SqlStatement::appendPage(sql, values, query.limit, query.offset);
    SqlStatement select(m_database.connection(), sql);
    select.bindAll(values);
    if (auto r = select.exec(tr("cannot read the products")); !r)
        return makeError(r.error());
    QList<Product> products;
    while (select.next())
        products.append(readProduct(select));
    return products;
}

Result<qint64> ProductRepository::count(const Query &query)
{
    QVariantList values;
    const QString where = whereClause(query, values);
    return SqlStatement::count(m_database.connection(), u"products"_s, where, values,
                               tr("cannot count the products"));
}

Result<std::optional<qint64>> ProductRepository::findByGelatoTemplate(const QString &templateId)
{
    SqlStatement select(
            m_database.connection(),
            u"SELECT id FROM products WHERE gelato_template_id = ? ORDER BY archived, id LIMIT 1"_s);
    select.bind(Sql::text(templateId));
    if (auto r = select.exec(tr("cannot look up Gelato template %1").arg(templateId)); !r)
        return makeError(r.error());
    if (!select.next())
        return std::optional<qint64>();
    return std::optional<qint64>(select.integer(u"id"_s));
}

Result<void> ProductRepository::update(const Product &product)
{
    return m_database.transaction([&](QSqlDatabase &db) -> Result<void> {
        SqlStatement before(db,
                            u"SELECT name, sku, internal_code, ean, upc, isbn, mpn, category_path, "
                            "list_price, vat_rate, quantity, weight, width, height, depth, "
                            "short_description, long_description FROM products WHERE id = ?"_s);
        before.bind(product.id);
        if (auto r = before.exec(tr("cannot save product \"%1\"").arg(product.name)); !r)
            return r;
        if (!before.next())
            return makeError(tr("no product with id %1").arg(product.id));
        // PROD-5: a field Poleepo receives (BATCH-2) changed, so the product and its variants must
        // be sent again.
        const auto differs = [&before](const char *column, double value) {
            return qAbs(before.number(QString::fromLatin1(column)) - value) >= 0.00005; // NUMERIC(18,4)
        };
        const bool changed = before.text(u"name"_s) != product.name || before.text(u"sku"_s) != product.sku
                || before.text(u"internal_code"_s) != product.internalCode
                || before.text(u"ean"_s) != product.ean || before.text(u"upc"_s) != product.upc
                || before.text(u"isbn"_s) != product.isbn || before.text(u"mpn"_s) != product.mpn
                || before.text(u"category_path"_s) != product.categoryPath
                || before.text(u"short_description"_s) != product.shortDescription
                || before.text(u"long_description"_s) != product.longDescription
                || differs("list_price", product.listPrice) || differs("vat_rate", product.vatRate)
                || differs("weight", product.weight) || differs("width", product.width)
                || differs("height", product.height) || differs("depth", product.depth)
                || before.integer(u"quantity"_s) != product.quantity;

        QString assignments = QString(writableColumns).replace(u","_s, u" = ?,"_s) + u" = ?"_s;
        SqlStatement update(db,
                            u"UPDATE products SET "_s + assignments
                                    + u", needs_update = ?, updated_at = ? WHERE id = ?"_s);
        bindFields(update, product);
        update.bind(Sql::flag(changed || product.needsUpdate))
                .bind(m_database.clock().nowMs())
                .bind(product.id);
        if (auto r = update.exec(tr("cannot save product \"%1\"").arg(product.name)); !r)
            return r;
        if (changed) {
            SqlStatement variants(db, u"UPDATE variants SET needs_update = 1 WHERE product_id = ?"_s);
            variants.bind(product.id);
            if (auto r = variants.exec(tr("cannot mark the variants of \"%1\" for update").arg(product.name));
                !r)
                return r;
        }
        return {};
    });
}

Result<QList<ProductAttribute>> ProductRepository::readAttributes(qint64 productId)
{
    SqlStatement select(
            m_database.connection(),
            u"SELECT a.id AS attribute_id, a.name, a.position AS attribute_position, v.id AS value_id, "
            "v.value, v.position AS value_position FROM product_attributes a LEFT JOIN "
            "product_attribute_values v ON v.attribute_id = a.id WHERE a.product_id = ? "
            "ORDER BY a.position, a.id, v.position, v.id"_s);
    select.bind(productId);
    if (auto r = select.exec(tr("cannot read the attributes of product %1").arg(productId)); !r)
        return makeError(r.error());
    QList<ProductAttribute> attributes;
    while (select.next()) {
        const qint64 attributeId = select.integer(u"attribute_id"_s);
        if (attributes.isEmpty() || attributes.constLast().id != attributeId) {
            attributes.append({attributeId,
                               productId,
                               select.text(u"name"_s),
                               int(select.integer(u"attribute_position"_s)),
                               {}});
        }
        if (!select.value(u"value_id"_s).isNull()) {
            attributes.last().values.append({select.integer(u"value_id"_s), attributeId,
                                             select.text(u"value"_s),
                                             int(select.integer(u"value_position"_s))});
        }
    }
    return attributes;
}

Result<QList<ProductAttribute>> ProductRepository::saveAttributes(qint64 productId,
                                                                  const QList<ProductAttribute> &attributes)
{
    auto stored = m_database.transaction([&](QSqlDatabase &db) -> Result<void> {
        auto existing = readAttributes(productId);
        if (!existing)
            return makeError(existing.error());
        QSet<qint64> keptAttributes;
        for (qsizetype i = 0; i < attributes.size(); ++i) {
            const ProductAttribute &wanted = attributes.at(i);
            const auto found = std::find_if(existing->cbegin(), existing->cend(),
                                            [&](const ProductAttribute &a) { return a.name == wanted.name; });
            qint64 attributeId = 0;
            if (found != existing->cend()) {
                attributeId = found->id;
                SqlStatement move(db, u"UPDATE product_attributes SET position = ? WHERE id = ?"_s);
                move.bind(int(i)).bind(attributeId);
                if (auto r = move.exec(tr("cannot save attribute \"%1\"").arg(wanted.name)); !r)
                    return r;
            } else {
                SqlStatement insert(db,
                                    u"INSERT INTO product_attributes (product_id, name, position) "
                                    "VALUES (?, ?, ?) RETURNING id"_s);
                insert.bind(productId).bind(Sql::text(wanted.name)).bind(int(i));
                if (auto r = insert.exec(tr("cannot save attribute \"%1\"").arg(wanted.name)); !r)
                    return r;
                if (!insert.next())
                    return makeError(tr("cannot save attribute \"%1\": no id returned").arg(wanted.name));
                attributeId = insert.integer(u"id"_s);
            }
            keptAttributes.insert(attributeId);

            const QList<ProductAttributeValue> oldValues
                    = found != existing->cend() ? found->values : QList<ProductAttributeValue>();
            QSet<qint64> keptValues;
            for (qsizetype j = 0; j < wanted.values.size(); ++j) {
                const QString &value = wanted.values.at(j).value;
                const auto old
                        = std::find_if(oldValues.cbegin(), oldValues.cend(),
                                       [&](const ProductAttributeValue &v) { return v.value == value; });
                SqlStatement write(
                        db,
                        old != oldValues.cend()
                                ? u"UPDATE product_attribute_values SET position = ? WHERE id = ?"_s
                                : u"INSERT INTO product_attribute_values (position, attribute_id, "
                                  "value) VALUES (?, ?, ?)"_s);
                write.bind(int(j));
                if (old != oldValues.cend()) {
                    write.bind(old->id);
                    keptValues.insert(old->id);
                } else {
                    write.bind(attributeId).bind(Sql::text(value));
                }
                if (auto r
                    = write.exec(tr("cannot save value \"%1\" of attribute \"%2\"").arg(value, wanted.name));
                    !r)
                    return r;
            }
            for (const ProductAttributeValue &old : oldValues) {
                if (keptValues.contains(old.id))
                    continue;
                SqlStatement remove(db, u"DELETE FROM product_attribute_values WHERE id = ?"_s);
                remove.bind(old.id);
                if (auto r = remove.exec(tr("cannot remove value \"%1\"").arg(old.value)); !r)
                    return r;
            }
        }
        for (const ProductAttribute &old : std::as_const(*existing)) {
            if (keptAttributes.contains(old.id))
                continue;
            SqlStatement remove(db, u"DELETE FROM product_attributes WHERE id = ?"_s);
            remove.bind(old.id);
            if (auto r = remove.exec(tr("cannot remove attribute \"%1\"").arg(old.name)); !r)
                return r;
        }
        return {};
    });
    if (!stored)
        return makeError(stored.error());
    return readAttributes(productId);
}

Result<void> ProductRepository::setArchived(qint64 id, bool archived)
{
    SqlStatement update(m_database.connection(),
                        u"UPDATE products SET archived = ?, updated_at = ? WHERE id = ?"_s);
    update.bind(Sql::flag(archived)).bind(m_database.clock().nowMs()).bind(id);
    return update.execOne(tr("cannot archive product %1").arg(id), tr("no product with id %1").arg(id));
}

Result<void> ProductRepository::remove(qint64 id)
{
    SqlStatement used(m_database.connection(),
                      u"SELECT COUNT(*) AS n FROM order_lines l JOIN variants v ON v.id = l.variant_id "
                      "WHERE v.product_id = ?"_s);
    used.bind(id);
    if (auto r = used.exec(tr("cannot delete product %1").arg(id)); !r)
        return r;
    if (used.next() && used.integer(u"n"_s) > 0)
        return makeError(
                tr("product %1 has variants on orders and cannot be deleted; archive it instead").arg(id));
    SqlStatement remove(m_database.connection(), u"DELETE FROM products WHERE id = ?"_s);
    remove.bind(id);
    return remove.execOne(tr("cannot delete product %1").arg(id), tr("no product with id %1").arg(id));
}

} // namespace Bottega
