// VariantOption: which value of which attribute a variant has ("Size" = "M"). When writing, the
// names are enough: the store resolves them to the product's attribute values.
#pragma once

#include <QString>

namespace Bottega {

struct VariantOption
{
    QString name; // attribute name
    QString value;
    qint64 valueId = 0; // the attribute value's id; filled when read from the store
    friend bool operator==(const VariantOption &, const VariantOption &) = default;
};

} // namespace Bottega
