#include "core/publishing/BatchPayload.h"

#include "core/poleepo/PoleepoApi.h"

#include <QJsonArray>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace Api = PoleepoApi;

namespace {

double roundTo(double value, double unit)
{
    return std::round(value / unit) * unit;
}

QString orProduct(const QString &own, const QString &product, bool single)
{
    return !own.isEmpty() || !single ? own : product;
}

double orProduct(double own, double product, bool single)
{
    return own > 0 || !single ? own : product;
}

} // namespace

QString BatchPayload::parentSku(const Product &product)
{
    if (!product.sku.isEmpty())
        return product.sku;
    if (!product.internalCode.isEmpty())
        return product.internalCode;
    return QString::number(product.id);
}

QString BatchPayload::variantSku(const Product &product, const Variant &variant)
{
    return product.skuOf(variant);
}

double BatchPayload::priceWithTax(double price, double vatRatePercent)
{
    return roundTo(price * (1.0 + vatRatePercent / 100.0), 0.01);
}

BatchPayload::Built BatchPayload::build(const QList<Product> &products, const QSet<qint64> &variantIds,
                                        const ImageUrl &imageUrl)
{
    Built built;
    for (const Product &product : products) {
        qsizetype selling = 0;
        for (const Variant &variant : product.variants)
            selling += variant.archived ? 0 : 1;
        const bool single = selling <= 1;
        const QString parent = single ? QString() : parentSku(product);
        bool parentAdded = false;

        QJsonArray productImages;
        for (const ProductImage &image : product.images) {
            if (image.variantId != 0)
                continue;
            if (const QUrl url = imageUrl ? imageUrl(image) : QUrl(); url.isValid())
                productImages.append(url.toString(QUrl::FullyEncoded));
        }

        for (const Variant &variant : product.variants) {
            if (!variantIds.contains(variant.id))
                continue;
            const QString sku = variantSku(product, variant);
            const double price = roundTo(product.listPrice + variant.priceExtra, 0.0001); // NUMERIC(18,4)
            QStringList reasons;
            if (sku.isEmpty())
                reasons.append(tr("no SKU"));
            if (price <= 0)
                reasons.append(tr("no price"));
            if (product.vatRate <= 0)
                reasons.append(tr("no VAT rate"));
            if (!reasons.isEmpty()) {
                const QString name = !variant.sku.isEmpty() ? variant.sku
                        : !variant.title.isEmpty()          ? variant.title
                                                            : QString::number(variant.id);
                built.leftOut.append({product.id, variant.id, name, reasons.join(u", "_s)});
                continue;
            }
            if (!single && !parentAdded) {
                QJsonObject parentEntry {{Api::skuField, parent},
                                         {Api::titleField, product.name},
                                         {Api::categoryPathField, product.categoryPath},
                                         {Api::priceField, roundTo(product.listPrice, 0.0001)}};
                built.entries.append({product.id, 0, parent, parentEntry});
                parentAdded = true;
            }

            QJsonArray images = productImages;
            for (const ProductImage &image : product.images) {
                if (image.variantId != variant.id)
                    continue;
                if (const QUrl url = imageUrl ? imageUrl(image) : QUrl(); url.isValid())
                    images.append(url.toString(QUrl::FullyEncoded));
            }
            QJsonArray attributes;
            for (const VariantOption &option : variant.options)
                attributes.append(
                        QJsonObject {{Api::nameField, option.name}, {Api::valueField, option.value}});

            QJsonObject entry {
                    {Api::productIdField, variant.poleepoProductId},
                    {Api::skuField, sku},
                    {Api::eanField, orProduct(variant.ean, product.ean, single)},
                    {Api::upcField, orProduct(variant.upc, product.upc, single)},
                    {Api::isbnField, orProduct(variant.isbn, product.isbn, single)},
                    {Api::mpnField, orProduct(variant.mpn, product.mpn, single)},
                    {Api::titleField, variant.title.isEmpty() ? product.name : variant.title},
                    {Api::shortDescriptionField, product.shortDescription},
                    {Api::longDescriptionField, product.longDescription},
                    {Api::categoryPathField, product.categoryPath},
                    {Api::weightField, orProduct(variant.weight, product.weight, single)},
                    {Api::widthField, orProduct(variant.width, product.width, single)},
                    {Api::heightField, orProduct(variant.height, product.height, single)},
                    {Api::depthField, orProduct(variant.depth, product.depth, single)},
                    {Api::priceField, price},
                    {Api::priceWithTaxField, priceWithTax(price, product.vatRate)},
                    {Api::vatRateField, product.vatRate},
                    {Api::quantityField, double(variant.quantity)},
                    {Api::imagesField, images},
                    {Api::attributesField, attributes},
            };
            if (!single)
                entry.insert(Api::parentSkuField, parent);
            built.entries.append({product.id, variant.id, sku, entry});
        }
    }
    return built;
}

QList<QList<BatchPayload::Entry>> BatchPayload::split(const QList<Entry> &entries, int size)
{
    QList<QList<Entry>> batches;
    size = std::max(1, size);
    for (qsizetype i = 0; i < entries.size(); i += size)
        batches.append(entries.mid(i, size));
    return batches;
}

} // namespace Bottega
