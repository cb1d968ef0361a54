// PrintImages: the print-image rules of PROD-3. Sets a placement's image (product default or one
// variant's override) from an http(s) URL or a local file checked by content and copied into the
// FileStore, and answers whether variants and products are complete enough to be ordered.
#pragma once

#include "core/domain/PrintImage.h"
#include "core/domain/Product.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QStringList>
#include <QUrl>

namespace Bottega {

class Database;
class FileStore;

class PrintImages final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::PrintImages)

public:
    // files: where local files are copied; without one, local files are refused.
    PrintImages(const Database &database, FileStore *files);

    // Sets the image of `placement` ("front" and "1" mean "default") on the product (variantId 0)
    // or as an override of one of its variants. Returns the stored image.
    Result<PrintImage> set(qint64 productId, const QString &placement, const QString &urlOrFile,
                           qint64 variantId = 0);

    // Placements of the variant covered neither by an override nor by the product default.
    Result<QStringList> missingPlacements(qint64 variantId);
    // Every placement of every variant (not archived) covered; a product without variants needs
    // its defaults.
    Result<bool> isProductComplete(qint64 productId);

    // What the order flow calls before ordering a variant:
    // "variant TS-M-O: no print image for placement \"back\"".
    Result<void> checkOrderable(qint64 variantId);

    // The URL Gelato downloads the image from: the URL itself, or the file's signed URL.
    Result<QUrl> signedUrlFor(const PrintImage &image, const QUrl &publicBase) const;

    // The same rules on a product read whole (ProductRepository::get), for lists and `product show`.
    static QStringList missingPlacements(const Product &product, qint64 variantId);
    static bool isComplete(const Product &product);
    // PROD-5: why the variant of `product` (read whole) cannot be published on Poleepo — its print
    // images are incomplete, the rule Odoo's Gelato shop applies before publishing — naming the
    // missing placements; empty when it can be.
    static QString publishingRefusal(const Product &product, const Variant &variant);
    // "front" and "1" are Gelato's names of the default placement; the rest lower-cased.
    static QString normalizedPlacement(const QString &placement);

private:
    Result<PrintImage> fromSource(const QString &urlOrFile);

    const Database &m_database;
    FileStore *m_files;
};

} // namespace Bottega
