// ProductAttributeValue: one value of a product attribute ("M" of "Size"), in Gelato's order.
#pragma once

#include <QString>

namespace Bottega {

struct ProductAttributeValue
{
    qint64 id = 0; // 0 until stored
    qint64 attributeId = 0;
    QString value;
    int position = 0;
};

} // namespace Bottega
