// Variant: one sellable version of a product (PROD-1), with its Gelato product UID, codes, extra
// price, stock and Poleepo publication state.
#pragma once

#include "core/domain/VariantOption.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace Bottega {

struct Variant
{
    qint64 id = 0; // 0 until stored
    qint64 productId = 0;
    QString gelatoProductUid;
    QString gelatoVariantId; // the template variant's id
    QString title;
    QString sku, ean, upc, isbn, mpn;
    double priceExtra = 0;
    qint64 quantity = 0;
    double weight = 0, width = 0, height = 0, depth = 0;
    bool publishedPoleepo = false;
    bool needsUpdate = false;
    QString poleepoProductId;
    QDateTime poleepoLastSentAt;
    bool archived = false; // kept because an order refers to it, but no longer sold
    int position = 0;
    QDateTime createdAt, updatedAt;
    QList<VariantOption> options; // in the order of the product's attributes
};

} // namespace Bottega
