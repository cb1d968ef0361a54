#include "core/store/PrintImageRepository.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqlValues.h"

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// "variant_id IS NULL" cannot be written as "variant_id = ?" with a NULL value.
QString variantCondition(qint64 variantId)
{
    return variantId > 0 ? u"variant_id = ?"_s : u"variant_id IS NULL"_s;
}

} // namespace

PrintImageRepository::PrintImageRepository(const Database &database) : m_database(database) { }

Result<void> PrintImageRepository::setPlacements(qint64 productId, const QStringList &placements)
{
    return m_database.transaction([&](QSqlDatabase &db) -> Result<void> {
        SqlStatement clear(db, u"DELETE FROM print_placements WHERE product_id = ?"_s);
        clear.bind(productId);
        if (auto r = clear.exec(tr("cannot save the placements of product %1").arg(productId)); !r)
            return r;
        int position = 0;
        for (const QString &name : placements) {
            SqlStatement insert(
                    db, u"INSERT INTO print_placements (product_id, name, position) VALUES (?, ?, ?)"_s);
            insert.bind(productId).bind(Sql::text(name)).bind(position++);
            if (auto r
                = insert.exec(tr("cannot save placement \"%1\" of product %2").arg(name).arg(productId));
                !r)
                return r;
        }
        return {};
    });
}

Result<QStringList> PrintImageRepository::placements(qint64 productId)
{
    SqlStatement select(m_database.connection(),
                        u"SELECT name FROM print_placements WHERE product_id = ? ORDER BY position, id"_s);
    select.bind(productId);
    if (auto r = select.exec(tr("cannot read the placements of product %1").arg(productId)); !r)
        return makeError(r.error());
    QStringList names;
    while (select.next())
        names.append(select.text(u"name"_s));
    return names;
}

Result<qint64> PrintImageRepository::set(const PrintImage &image)
{
    qint64 id = 0;
    auto stored = m_database.transaction([&](QSqlDatabase &db) -> Result<void> {
        SqlStatement clear(db,
                           u"DELETE FROM print_images WHERE product_id = ? AND placement = ? AND "_s
                                   + variantCondition(image.variantId));
        clear.bind(image.productId).bind(Sql::text(image.placement));
        if (image.variantId > 0)
            clear.bind(image.variantId);
        if (auto r = clear.exec(tr("cannot set the print image for \"%1\"").arg(image.placement)); !r)
            return r;
        SqlStatement insert(
                db,
                u"INSERT INTO print_images (product_id, variant_id, placement, source_kind, source, "
                "file_id, content_type, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s);
        const QDateTime created = image.createdAt.isValid() ? image.createdAt : m_database.clock().now();
        insert.bind(image.productId)
                .bind(Sql::idOrNull(image.variantId))
                .bind(Sql::text(image.placement))
                .bind(PrintImage::sourceKindName(image.sourceKind))
                .bind(Sql::text(image.source))
                .bind(Sql::text(image.fileId))
                .bind(Sql::text(image.contentType))
                .bind(created.toMSecsSinceEpoch());
        if (auto r = insert.exec(tr("cannot set the print image for \"%1\"").arg(image.placement)); !r)
            return r;
        if (!insert.next())
            return makeError(
                    tr("cannot set the print image for \"%1\": no id returned").arg(image.placement));
        id = insert.integer(u"id"_s);
        return {};
    });
    if (!stored)
        return makeError(stored.error());
    return id;
}

Result<QList<PrintImage>> PrintImageRepository::listForProduct(qint64 productId)
{
    SqlStatement select(
            m_database.connection(),
            u"SELECT id, product_id, variant_id, placement, source_kind, source, file_id, content_type, "
            "created_at FROM print_images WHERE product_id = ? "
            "ORDER BY CASE WHEN variant_id IS NULL THEN 0 ELSE 1 END, variant_id, placement"_s);
    select.bind(productId);
    if (auto r = select.exec(tr("cannot read the print images of product %1").arg(productId)); !r)
        return makeError(r.error());
    QList<PrintImage> images;
    while (select.next()) {
        PrintImage image;
        image.id = select.integer(u"id"_s);
        image.productId = select.integer(u"product_id"_s);
        image.variantId = select.integer(u"variant_id"_s);
        image.placement = select.text(u"placement"_s);
        image.sourceKind = PrintImage::sourceKindFromName(select.text(u"source_kind"_s))
                                   .value_or(PrintImage::SourceKind::Url);
        image.source = select.text(u"source"_s);
        image.fileId = select.text(u"file_id"_s);
        image.contentType = select.text(u"content_type"_s);
        image.createdAt = select.time(u"created_at"_s);
        images.append(image);
    }
    return images;
}

Result<void> PrintImageRepository::remove(qint64 productId, qint64 variantId, const QString &placement)
{
    SqlStatement remove(m_database.connection(),
                        u"DELETE FROM print_images WHERE product_id = ? AND placement = ? AND "_s
                                + variantCondition(variantId));
    remove.bind(productId).bind(Sql::text(placement));
    if (variantId > 0)
        remove.bind(variantId);
    return remove.exec(tr("cannot remove the print image for \"%1\"").arg(placement));
}

Result<qint64> PrintImageRepository::addImage(const ProductImage &image)
{
    SqlStatement insert(m_database.connection(),
                        u"INSERT INTO product_images (product_id, variant_id, url, file_id, position) "
                        "VALUES (?, ?, ?, ?, ?) RETURNING id"_s);
    insert.bind(image.productId)
            .bind(Sql::idOrNull(image.variantId))
            .bind(Sql::text(image.url))
            .bind(Sql::text(image.fileId))
            .bind(image.position);
    if (auto r = insert.exec(tr("cannot add an image to product %1").arg(image.productId)); !r)
        return makeError(r.error());
    if (!insert.next())
        return makeError(tr("cannot add an image to product %1: no id returned").arg(image.productId));
    return insert.integer(u"id"_s);
}

Result<QList<ProductImage>> PrintImageRepository::images(qint64 productId)
{
    SqlStatement select(m_database.connection(),
                        u"SELECT id, product_id, variant_id, url, file_id, position FROM product_images "
                        "WHERE product_id = ? ORDER BY position, id"_s);
    select.bind(productId);
    if (auto r = select.exec(tr("cannot read the images of product %1").arg(productId)); !r)
        return makeError(r.error());
    QList<ProductImage> images;
    while (select.next()) {
        ProductImage image;
        image.id = select.integer(u"id"_s);
        image.productId = select.integer(u"product_id"_s);
        image.variantId = select.integer(u"variant_id"_s);
        image.url = select.text(u"url"_s);
        image.fileId = select.text(u"file_id"_s);
        image.position = int(select.integer(u"position"_s));
        images.append(image);
    }
    return images;
}

Result<void> PrintImageRepository::removeImage(qint64 id)
{
    SqlStatement remove(m_database.connection(), u"DELETE FROM product_images WHERE id = ?"_s);
    remove.bind(id);
    return remove.execOne(tr("cannot remove image %1").arg(id), tr("no product image with id %1").arg(id));
}

} // namespace Bottega
