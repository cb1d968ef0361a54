// PrintImageRepository: a product's print placements, its print images (product defaults and
// variant overrides, PROD-3) and its pictures (part of the product aggregate).
#pragma once

#include "core/domain/PrintImage.h"
#include "core/domain/ProductImage.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace Bottega {

class Database;

class PrintImageRepository final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::PrintImageRepository)

public:
    explicit PrintImageRepository(const Database &database);

    // Replaces the product's placements with these, in this order.
    Result<void> setPlacements(qint64 productId, const QStringList &placements);
    Result<QStringList> placements(qint64 productId);

    // Sets the image of one placement (of the product, or of image.variantId), replacing the one
    // there was. Returns the new image's id.
    Result<qint64> set(const PrintImage &image);
    // Product defaults first, then overrides by variant; each by placement.
    Result<QList<PrintImage>> listForProduct(qint64 productId);
    // Removes the image of one placement; variantId 0 for the product default. Missing: no error.
    Result<void> remove(qint64 productId, qint64 variantId, const QString &placement);

    Result<qint64> addImage(const ProductImage &image);
    Result<QList<ProductImage>> images(qint64 productId); // in position order
    Result<void> removeImage(qint64 id);

private:
    const Database &m_database;
};

} // namespace Bottega
