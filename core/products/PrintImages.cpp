#include "core/products/PrintImages.h"

#include "core/products/ContentSniffer.h"
#include "core/server/FileStore.h"
#include "core/store/PrintImageRepository.h"
#include "core/store/ProductRepository.h"
#include "core/store/VariantRepository.h"

#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// "scheme:" with a scheme of two letters or more: one letter is a Windows drive ("C:\...").
bool looksLikeUrl(const QString &text)
{
    static const QRegularExpression scheme(u"^[A-Za-z][A-Za-z0-9+.-]+:"_s);
    return scheme.match(text).hasMatch();
}

QString quotedList(const QStringList &items)
{
    QStringList quoted;
    for (const QString &item : items)
        quoted.append(u'"' + item + u'"');
    return quoted.join(u", "_s);
}

QString variantName(const Variant &variant)
{
    if (!variant.sku.isEmpty())
        return variant.sku;
    if (!variant.title.isEmpty())
        return variant.title;
    return QString::number(variant.id);
}

} // namespace

PrintImages::PrintImages(const Database &database, FileStore *files)
    : m_database(database), m_files(files) { }

QString PrintImages::normalizedPlacement(const QString &placement)
{
    const QString name = placement.trimmed().toLower();
    if (name == "front"_L1 || name == "1"_L1)
        return u"default"_s;
    return name;
}

Result<PrintImage> PrintImages::fromSource(const QString &urlOrFile)
{
    PrintImage image;
    if (urlOrFile.trimmed().isEmpty())
        return makeError(tr("print image: no URL or file given"));
    if (looksLikeUrl(urlOrFile)) {
        const QUrl url(urlOrFile, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (scheme != "http"_L1 && scheme != "https"_L1)
            return makeError(tr("print image: \"%1\" is not an http(s) URL").arg(urlOrFile));
        if (!url.isValid() || url.host().isEmpty())
            return makeError(tr("print image: \"%1\" is not a valid URL").arg(urlOrFile));
        image.sourceKind = PrintImage::SourceKind::Url;
        image.source = url.toString(QUrl::FullyEncoded);
        return image;
    }
    const QFileInfo info(urlOrFile);
    if (!info.isFile())
        return makeError(tr("print image: file \"%1\" not found").arg(urlOrFile));
    auto detection = ContentSniffer::detectFile(info.absoluteFilePath());
    if (!detection)
        return makeError(tr("print image: %1").arg(detection.error()));
    if (detection->type == ContentSniffer::Type::Other)
        return makeError(tr("print image: \"%1\" is %2, not PDF, PNG, TIFF, SVG or JPEG")
                                 .arg(urlOrFile, detection->description));
    if (!m_files)
        return makeError(tr("print image: no file store to copy \"%1\" into").arg(urlOrFile));
    auto fileId = m_files->add(info.absoluteFilePath());
    if (!fileId)
        return makeError(tr("print image: %1").arg(fileId.error()));
    image.sourceKind = PrintImage::SourceKind::File;
    image.source = info.fileName();
    image.fileId = *fileId;
    image.contentType = detection->contentType;
    return image;
}

Result<PrintImage> PrintImages::set(qint64 productId, const QString &placement, const QString &urlOrFile,
                                    qint64 variantId)
{
    PrintImageRepository images(m_database);
    auto placements = images.placements(productId);
    if (!placements)
        return makeError(placements.error());
    ProductRepository products(m_database);
    if (placements->isEmpty()) {
        // An unknown product has no placements either: say which it is.
        if (auto product = products.get(productId); !product)
            return makeError(product.error());
        return makeError(tr("product %1 has no print placements: synchronize its Gelato template first")
                                 .arg(productId));
    }
    const QString name = normalizedPlacement(placement);
    if (!placements->contains(name))
        return makeError(tr("product %1 has no placement \"%2\" (placements: %3)")
                                 .arg(QString::number(productId), placement, placements->join(u", "_s)));
    if (variantId > 0) {
        auto variant = VariantRepository(m_database).get(variantId);
        if (!variant)
            return makeError(variant.error());
        if (variant->productId != productId)
            return makeError(tr("variant %1 is not a variant of product %2").arg(variantId).arg(productId));
    }
    auto image = fromSource(urlOrFile);
    if (!image)
        return image;
    image->productId = productId;
    image->variantId = variantId;
    image->placement = name;
    auto id = images.set(*image);
    if (!id)
        return makeError(id.error());
    image->id = *id;
    return image;
}

QStringList PrintImages::missingPlacements(const Product &product, qint64 variantId)
{
    QStringList missing;
    for (const QString &placement : product.placements) {
        bool covered = false;
        for (const PrintImage &image : product.printImages) {
            if (image.placement == placement && (image.variantId == 0 || image.variantId == variantId)) {
                covered = true;
                break;
            }
        }
        if (!covered)
            missing.append(placement);
    }
    return missing;
}

QString PrintImages::publishingRefusal(const Product &product, const Variant &variant)
{
    const QStringList missing = missingPlacements(product, variant.id);
    if (missing.size() == 1)
        return tr("variant %1 cannot be published on Poleepo: no print image for placement \"%2\"")
                .arg(variantName(variant), missing.constFirst());
    if (!missing.isEmpty())
        return tr("variant %1 cannot be published on Poleepo: no print image for placements %2")
                .arg(variantName(variant), quotedList(missing));
    return {};
}

bool PrintImages::isComplete(const Product &product)
{
    bool anyVariant = false;
    for (const Variant &variant : product.variants) {
        if (variant.archived)
            continue;
        anyVariant = true;
        if (!missingPlacements(product, variant.id).isEmpty())
            return false;
    }
    return anyVariant || missingPlacements(product, 0).isEmpty();
}

Result<QStringList> PrintImages::missingPlacements(qint64 variantId)
{
    auto variant = VariantRepository(m_database).get(variantId);
    if (!variant)
        return makeError(variant.error());
    auto product = ProductRepository(m_database).get(variant->productId);
    if (!product)
        return makeError(product.error());
    return missingPlacements(*product, variantId);
}

Result<bool> PrintImages::isProductComplete(qint64 productId)
{
    auto product = ProductRepository(m_database).get(productId);
    if (!product)
        return makeError(product.error());
    return isComplete(*product);
}

Result<void> PrintImages::checkOrderable(qint64 variantId)
{
    auto variant = VariantRepository(m_database).get(variantId);
    if (!variant)
        return makeError(variant.error());
    auto missing = missingPlacements(variantId);
    if (!missing)
        return makeError(missing.error());
    if (missing->size() == 1)
        return makeError(tr("variant %1: no print image for placement \"%2\"")
                                 .arg(variantName(*variant), missing->constFirst()));
    if (!missing->isEmpty())
        return makeError(tr("variant %1: no print image for placements %2")
                                 .arg(variantName(*variant), quotedList(*missing)));
    return {};
}

Result<QUrl> PrintImages::signedUrlFor(const PrintImage &image, const QUrl &publicBase) const
{
    if (image.sourceKind == PrintImage::SourceKind::Url)
        return QUrl(image.source, QUrl::StrictMode);
    if (!m_files || !m_files->contains(image.fileId))
        return makeError(tr("print image \"%1\" (%2): the stored file %3 is missing")
                                 .arg(image.placement, image.source, image.fileId));
    if (!publicBase.isValid() || publicBase.host().isEmpty())
        return makeError(tr("print image \"%1\": no public URL of the built-in server to publish it at")
                                 .arg(image.placement));
    return m_files->signedUrl(publicBase, image.fileId);
}

} // namespace Bottega
