// Product: a local product (template) with the fields Gelato and Poleepo need (PROD-1), and, when
// read whole, its attributes, variants, print placements and images.
#pragma once

#include "core/domain/PrintImage.h"
#include "core/domain/ProductAttribute.h"
#include "core/domain/ProductImage.h"
#include "core/domain/Variant.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace Bottega {

struct Product
{
    qint64 id = 0; // 0 until stored
    QString name;
    QString sku; // the Poleepo SKU; internalCode is used when empty
    QString internalCode;
    QString ean, upc, isbn, mpn;
    QString categoryPath;
    double listPrice = 0;
    double vatRate = 0; // percent
    qint64 quantity = 0;
    double weight = 0, width = 0, height = 0, depth = 0;
    QString shortDescription, longDescription;
    QString imageUrl; // preview shown in lists
    QString gelatoTemplateId;
    QString gelatoProductUid; // only when the template has a single variant
    QString gelatoPreviewUrl;
    bool publishedPoleepo = false;
    bool needsUpdate = false;
    QString poleepoProductId;
    QDateTime poleepoLastSentAt;
    bool archived = false;
    QDateTime createdAt, updatedAt;

    // Filled by ProductRepository::get, written by ProductRepository::create.
    QList<ProductAttribute> attributes;
    QList<Variant> variants;
    QStringList placements; // print areas from the template, "default" first
    QList<PrintImage> printImages;
    QList<ProductImage> images;

    // The SKU a variant is known by (read whole): its own, or the product's when it is the one
    // variant sold; empty when neither applies (never the parent's SKU for several variants).
    QString skuOf(const Variant &variant) const
    {
        if (!variant.sku.isEmpty())
            return variant.sku;
        qsizetype selling = 0;
        for (const Variant &other : variants)
            selling += other.archived ? 0 : 1;
        if (selling != 1)
            return {};
        return !sku.isEmpty() ? sku : internalCode;
    }
};

} // namespace Bottega
