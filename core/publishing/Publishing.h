// Publishing: "Published on Poleepo" (PROD-5), the one use case the window and `product set …
// published` call. Publishes or unpublishes a selection of variants, or whole products with their
// variants; a variant whose print images are incomplete cannot be published (the error names the
// missing placements, and nothing of the selection changes). Removing a print image that leaves a
// published variant incomplete unpublishes that variant: wouldUnpublish() tells the window whom
// to ask about first. Used on the thread that owns the database connection.
#pragma once

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

    // The published variants (ids) that removing the print image of `placement` (the product's
    // default when variantId is 0, else that variant's override) would leave incomplete.
    Result<QList<qint64>> wouldUnpublish(qint64 productId, const QString &placement, qint64 variantId = 0);
    // Removes that print image and unpublishes the variants it leaves incomplete, in one
    // transaction; returns their ids.
    Result<QList<qint64>> removePrintImage(qint64 productId, const QString &placement, qint64 variantId = 0);

private:
    const Database &m_database;
};

} // namespace Bottega
