// Publishing: "Published on Poleepo" (PROD-5), the one use case the window (variants table, product
// list, variant editor) and `product set … published` call. Publishes or unpublishes a selection of
// variants, or whole products with their variants. A variant whose print images are incomplete, or
// that is archived, cannot be published, and a product without variants cannot be: the error names
// every refused variant with its missing placements, and nothing of the selection changes. A
// product counts as published while one of its variants is. Removing a print image that leaves a
// published variant incomplete unpublishes that variant: wouldUnpublish() tells the window whom to
// ask about first. Used on the thread that owns the database connection.
#pragma once

#include "core/domain/Product.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Bottega {

class Database;

class Publishing final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::Publishing)

public:
    explicit Publishing(const Database &database);

    // Variants by id; returns how many changed. A newly published variant needs sending.
    Result<int> setVariantsPublished(const QList<qint64> &variantIds, bool published);
    // Whole products: the product's own flag and every variant that is not archived.
    Result<int> setProductsPublished(const QList<qint64> &productIds, bool published);
    // What setVariantsPublished(variantIds, true) would refuse, checked without writing: one line
    // per refused variant.
    Result<void> checkPublishable(const QList<qint64> &variantIds);

    // Why `variant` of `product` (read whole) cannot be published: archived, or print images
    // missing (naming the placements); empty when it can be. The window's tooltips use it too.
    static QString refusal(const Product &product, const Variant &variant);
    // Why `product` (read whole) cannot be published as a whole: no variant to sell, or the
    // refusals of its variants, one a line; empty when it can be.
    static QString refusal(const Product &product);

    // The published variants (ids) that removing the print image of `placement` (the product's
    // default when variantId is 0, else that variant's override) would leave incomplete.
    Result<QList<qint64>> wouldUnpublish(qint64 productId, const QString &placement, qint64 variantId = 0);
    // Removes that print image and unpublishes the variants it leaves incomplete, in one
    // transaction; returns their ids.
    Result<QList<qint64>> removePrintImage(qint64 productId, const QString &placement, qint64 variantId = 0);

private:
    // The variants by id with their products read whole, or the first read error.
    Result<QList<std::pair<Product, Variant>>> read(const QList<qint64> &variantIds);
    // Sets each product's own flag to whether one of its variants is published.
    Result<void> followVariants(const QList<qint64> &productIds);

    const Database &m_database;
};

} // namespace Bottega
