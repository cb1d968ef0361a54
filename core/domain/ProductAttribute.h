// ProductAttribute: an attribute of a product ("Size", "Color") with its values, in the order of
// their first appearance in the Gelato template (PROD-2).
#pragma once

#include "core/domain/ProductAttributeValue.h"

#include <QList>
#include <QString>

namespace Bottega {

struct ProductAttribute
{
    qint64 id = 0; // 0 until stored
    qint64 productId = 0;
    QString name;
    int position = 0;
    QList<ProductAttributeValue> values;
};

} // namespace Bottega
