// ProductImage: a picture of a product (or of one variant) shown in lists and sent to Poleepo as a
// signed URL; not a print file.
#pragma once

#include <QString>

namespace Bottega {

struct ProductImage
{
    qint64 id = 0; // 0 until stored
    qint64 productId = 0;
    qint64 variantId = 0; // 0: the whole product
    QString url; // a public URL, empty when the image is a stored file
    QString fileId;
    int position = 0;
};

} // namespace Bottega
