// BatchPayload: the entries of Poleepo product batches (BATCH-2, seed 002) built from products read
// whole: a parent entry for a template with more than one variant (sku, title, category_path,
// price), sent before its children, and one entry per variant. A variant without SKU, price or
// VAT rate is left out and listed with the reason. Pure: no database, no network (PERF-4 measures
// it); field names come from core/poleepo/PoleepoApi.h.
#pragma once

#include "core/domain/Product.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QUrl>
#include <functional>

namespace Bottega {

class BatchPayload final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::BatchPayload)

public:
    struct Entry
    {
        qint64 productId = 0;
        qint64 variantId = 0; // 0: the parent entry of a multi-variant product
        QString sku;
        QJsonObject json;
    };
    struct LeftOut
    {
        qint64 productId = 0;
        qint64 variantId = 0;
        QString name; // the variant as a user knows it (SKU, title or id)
        QString reason; // "no SKU", "no price", "no VAT rate", joined when several
    };
    struct Built
    {
        QList<Entry> entries; // parents right before their first child
        QList<LeftOut> leftOut;
    };
    // The URL Poleepo downloads a product image from (a stored file's signed URL); invalid: none.
    using ImageUrl = std::function<QUrl(const ProductImage &image)>;

    // Entries for the variants of `products` whose ids are in `variantIds`.
    static Built build(const QList<Product> &products, const QSet<qint64> &variantIds,
                       const ImageUrl &imageUrl);

    // The parent's SKU: the product's SKU, its internal code, or its id (seed 002: the template id).
    static QString parentSku(const Product &product);
    // The variant's SKU; a single-variant product lends its own SKU or internal code.
    static QString variantSku(const Product &product, const Variant &variant);
    // Price with VAT, rounded to cents.
    static double priceWithTax(double price, double vatRatePercent);
    // Splits entries into batches of at most `size`; entries keep their order, so that a parent is
    // always submitted no later than its children.
    static QList<QList<Entry>> split(const QList<Entry> &entries, int size);
};

} // namespace Bottega
