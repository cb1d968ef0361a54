#include "core/publishing/Publishing.h"

#include "core/products/PrintImages.h"
#include "core/store/Database.h"
#include "core/store/PrintImageRepository.h"
#include "core/store/ProductRepository.h"
#include "core/store/VariantRepository.h"

#include <QHash>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace Bottega {

Publishing::Publishing(const Database &database) : m_database(database) { }

QString Publishing::refusal(const Product &product, const Variant &variant)
{
    if (variant.archived)
        return tr("variant %1 is archived (no longer sold): it cannot be published on Poleepo")
                .arg(variant.sku.isEmpty() ? QString::number(variant.id) : variant.sku);
    return PrintImages::publishingRefusal(product, variant);
}

QString Publishing::refusal(const Product &product)
{
    QStringList refusals;
    bool onSale = false;
    for (const Variant &variant : product.variants) {
        if (variant.archived)
            continue;
        onSale = true;
        if (const QString why = refusal(product, variant); !why.isEmpty())
            refusals.append(why);
    }
    if (!onSale)
        return product.variants.isEmpty()
                ? tr("product %1 \"%2\" has no variants, and a product without variants cannot be published "
                     "on Poleepo: synchronize it with its Gelato template first")
                          .arg(product.id)
                          .arg(product.name)
                : tr("product %1 \"%2\" cannot be published on Poleepo: all its variants are archived")
                          .arg(product.id)
                          .arg(product.name);
    return refusals.join(u'\n');
}

Result<QList<std::pair<Product, Variant>>> Publishing::read(const QList<qint64> &variantIds)
{
    VariantRepository variants(m_database);
    QHash<qint64, Product> products; // read once per product
    QList<std::pair<Product, Variant>> read;
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
        read.append({products.value(variant->productId), *variant});
    }
    return read;
}

Result<void> Publishing::checkPublishable(const QList<qint64> &variantIds)
{
    if (variantIds.isEmpty())
        return makeError(tr("no variant selected"));
    auto variants = read(variantIds);
    if (!variants)
        return makeError(variants.error());
    QStringList refusals;
    for (const auto &[product, variant] : *variants)
        if (const QString why = refusal(product, variant); !why.isEmpty())
            refusals.append(why);
    if (!refusals.isEmpty())
        return makeError(refusals.join(u'\n'));
    return {};
}

Result<void> Publishing::followVariants(const QList<qint64> &productIds)
{
    ProductRepository repository(m_database);
    for (qint64 id : productIds) {
        auto product = repository.get(id);
        if (!product)
            return makeError(product.error());
        bool anyPublished = false;
        for (const Variant &variant : std::as_const(product->variants))
            anyPublished = anyPublished || (variant.publishedPoleepo && !variant.archived);
        if (product->publishedPoleepo == anyPublished)
            continue;
        product->publishedPoleepo = anyPublished;
        if (auto updated = repository.update(*product); !updated)
            return updated;
    }
    return {};
}

Result<int> Publishing::setVariantsPublished(const QList<qint64> &variantIds, bool published)
{
    if (variantIds.isEmpty())
        return makeError(tr("no variant selected"));
    if (published) {
        if (auto publishable = checkPublishable(variantIds); !publishable)
            return makeError(publishable.error());
    }
    auto variants = read(variantIds);
    if (!variants)
        return makeError(variants.error());
    QList<qint64> productIds;
    for (const auto &[product, variant] : *variants)
        if (!productIds.contains(product.id))
            productIds.append(product.id);
    int changed = 0;
    auto stored = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        auto set = VariantRepository(m_database).setPublished(variantIds, published);
        if (!set)
            return makeError(set.error());
        changed = *set;
        return followVariants(productIds);
    });
    if (!stored)
        return makeError(stored.error());
    return changed;
}

Result<int> Publishing::setProductsPublished(const QList<qint64> &productIds, bool published)
{
    if (productIds.isEmpty())
        return makeError(tr("no product selected"));
    QList<Product> products;
    QList<qint64> variantIds;
    QStringList refusals;
    ProductRepository repository(m_database);
    for (qint64 id : productIds) {
        auto product = repository.get(id);
        if (!product)
            return makeError(product.error());
        if (published) {
            if (const QString why = refusal(*product); !why.isEmpty()) {
                refusals.append(why);
                continue;
            }
        }
        for (const Variant &variant : product->variants)
            if (!variant.archived)
                variantIds.append(variant.id);
        products.append(*product);
    }
    if (!refusals.isEmpty())
        return makeError(refusals.join(u'\n'));
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
        if (!changed)
            return makeError(changed.error());
        return followVariants({productId});
    });
    if (!done)
        return makeError(done.error());
    return unpublished;
}

} // namespace Bottega
