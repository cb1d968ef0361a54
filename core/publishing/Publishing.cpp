#include "core/publishing/Publishing.h"

#include "core/products/PrintImages.h"
#include "core/store/Database.h"
#include "core/store/PrintImageRepository.h"
#include "core/store/ProductRepository.h"
#include "core/store/VariantRepository.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace Bottega {

Publishing::Publishing(const Database &database) : m_database(database) { }

Result<int> Publishing::setVariantsPublished(const QList<qint64> &variantIds, bool published)
{
    if (variantIds.isEmpty())
        return makeError(tr("no variant selected"));
    VariantRepository variants(m_database);
    if (published) {
        QHash<qint64, Product> products; // read once per product
        for (qint64 id : variantIds) {
            auto variant = variants.get(id);
            if (!variant)
                return makeError(variant.error());
            if (!products.contains(variant->productId)) {
                auto product = ProductRepository(m_database).get(variant->productId);
                if (!product)
                    return makeError(product.error());
                products.insert(variant->productId, *product);
            }
            if (const QString refusal
                = PrintImages::publishingRefusal(products.value(variant->productId), *variant);
                !refusal.isEmpty())
                return makeError(refusal);
        }
    }
    return variants.setPublished(variantIds, published);
}

Result<int> Publishing::setProductsPublished(const QList<qint64> &productIds, bool published)
{
    if (productIds.isEmpty())
        return makeError(tr("no product selected"));
    QList<Product> products;
    QList<qint64> variantIds;
    ProductRepository repository(m_database);
    for (qint64 id : productIds) {
        auto product = repository.get(id);
        if (!product)
            return makeError(product.error());
        for (const Variant &variant : product->variants) {
            if (variant.archived)
                continue;
            if (published) {
                if (const QString refusal = PrintImages::publishingRefusal(*product, variant);
                    !refusal.isEmpty())
                    return makeError(refusal);
            }
            variantIds.append(variant.id);
        }
        products.append(*product);
    }
    int changed = 0;
    auto stored = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        for (Product &product : products) {
            if (product.publishedPoleepo == published)
                continue;
            product.needsUpdate = product.needsUpdate || published;
            product.publishedPoleepo = published;
            if (auto r = repository.update(product); !r)
                return r;
        }
        if (variantIds.isEmpty())
            return {};
        auto variants = VariantRepository(m_database).setPublished(variantIds, published);
        if (!variants)
            return makeError(variants.error());
        changed = *variants;
        return {};
    });
    if (!stored)
        return makeError(stored.error());
    return changed;
}

Result<QList<qint64>> Publishing::wouldUnpublish(qint64 productId, const QString &placement, qint64 variantId)
{
    auto product = ProductRepository(m_database).get(productId);
    if (!product)
        return makeError(product.error());
    const QString normalized = PrintImages::normalizedPlacement(placement);
    Product after = *product;
    const auto removed = after.printImages.removeIf([&](const PrintImage &image) {
        return image.placement == normalized && image.variantId == variantId;
    });
    if (removed == 0)
        return makeError(
                tr("product %1 has no print image for placement \"%2\"%3")
                        .arg(productId)
                        .arg(normalized, variantId > 0 ? tr(" on variant %1").arg(variantId) : QString()));
    QList<qint64> unpublished;
    for (const Variant &variant : after.variants) {
        if (variant.publishedPoleepo && !variant.archived
            && !PrintImages::publishingRefusal(after, variant).isEmpty())
            unpublished.append(variant.id);
    }
    return unpublished;
}

Result<QList<qint64>> Publishing::removePrintImage(qint64 productId, const QString &placement,
                                                   qint64 variantId)
{
    auto unpublished = wouldUnpublish(productId, placement, variantId);
    if (!unpublished)
        return unpublished;
    auto done = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        if (auto r = PrintImageRepository(m_database)
                             .remove(productId, variantId, PrintImages::normalizedPlacement(placement));
            !r)
            return r;
        if (unpublished->isEmpty())
            return {};
        auto changed = VariantRepository(m_database).setPublished(*unpublished, false);
        return changed ? Result<void>() : Result<void>(makeError(changed.error()));
    });
    if (!done)
        return makeError(done.error());
    return unpublished;
}

} // namespace Bottega
