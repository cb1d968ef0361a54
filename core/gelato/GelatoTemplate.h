// GelatoTemplate: a Gelato e-commerce template as `GET ecommerce/v1/templates/{id}` returns it,
// reduced to what Bottega uses (PROD-2, PROD-3). Parsed by GelatoParsers; unknown fields ignored.
#pragma once

#include <QList>
#include <QString>

namespace Bottega {

struct GelatoVariantOption
{
    QString name; // "Size"
    QString value; // "M"
};

struct GelatoImagePlaceholder
{
    QString name; // "ImageFront"
    QString printArea; // "front", "back", "1", … (as Gelato sends it)
    double width = 0; // mm
    double height = 0;
};

struct GelatoTemplateVariant
{
    QString id;
    QString title;
    QString productUid;
    QList<GelatoVariantOption> options; // in Gelato's order
    QList<GelatoImagePlaceholder> placeholders;
};

struct GelatoTemplate
{
    QString id;
    QString title;
    QString description;
    QString previewUrl;
    QList<GelatoTemplateVariant> variants;
};

} // namespace Bottega
