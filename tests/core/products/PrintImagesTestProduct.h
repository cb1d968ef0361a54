// A T-shirt product with placements "default" and "back" and three variants, stored through the
// repositories, for the print-image, editing and CSV suites.
#pragma once

#include "core/domain/Product.h"
#include "core/store/ProductRepository.h"

#include <QStringList>

namespace Bottega::Test {

inline Variant makeTestVariant(const QString &sku, const QString &size, const QString &color, int position)
{
    using namespace Qt::StringLiterals;
    Variant variant;
    variant.sku = sku;
    variant.title = u"T-shirt "_s + size + u' ' + color;
    variant.gelatoProductUid = u"apparel_tshirt_"_s + size.toLower() + u'_' + color.toLower();
    variant.priceExtra = 1.5;
    variant.quantity = 4;
    variant.position = position;
    variant.options = {{u"Size"_s, size}, {u"Color"_s, color}};
    return variant;
}

// name and skuPrefix keep several products apart.
inline Product makeTestProduct(const QString &name = QStringLiteral("T-shirt"),
                               const QString &skuPrefix = QStringLiteral("TS"))
{
    using namespace Qt::StringLiterals;
    Product product;
    product.name = name;
    product.sku = skuPrefix;
    product.listPrice = 20;
    product.quantity = 10;
    product.gelatoTemplateId = u"tmpl-"_s + skuPrefix;
    product.publishedPoleepo = true;
    product.attributes = {{0, 0, u"Size"_s, 0, {{0, 0, u"M"_s, 0}, {0, 0, u"L"_s, 1}}},
                          {0, 0, u"Color"_s, 1, {{0, 0, u"Orange"_s, 0}, {0, 0, u"Red"_s, 1}}}};
    product.variants = {makeTestVariant(skuPrefix + u"-M-O"_s, u"M"_s, u"Orange"_s, 0),
                        makeTestVariant(skuPrefix + u"-L-O"_s, u"L"_s, u"Orange"_s, 1),
                        makeTestVariant(skuPrefix + u"-L-R"_s, u"L"_s, u"Red"_s, 2)};
    product.placements = {u"default"_s, u"back"_s};
    return product;
}

} // namespace Bottega::Test
