// PrintImages and ContentSniffer: URL and local-file sources (checked by content), placements,
// completeness per variant and product, and the order flow's check; on SQLite and PostgreSQL.
#include "core/products/PrintImages.h"

#include "core/server/FileStore.h"
#include "core/store/PrintImageRepository.h"
#include "core/store/ProductRepository.h"
#include "core/store/VariantRepository.h"
#include "core/products/ContentSniffer.h"
#include "tests/core/products/PrintImagesTestProduct.h"
#include "tests/support/database/TestDatabase.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

namespace {

const QByteArray pngBytes = QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
const QByteArray gifBytes = QByteArray("GIF89a\x01\0\x01\0\0\0\0", 13);
const QByteArray svgText = "<?xml version=\"1.0\"?>\n<!-- drawn by hand -->\n"
                           "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>\n";

class PrintImagesTest : public DatabaseTest
{
protected:
    void SetUp() override
    {
        DatabaseTest::SetUp();
        ASSERT_TRUE(dir.isValid());
        auto key = FileStore::loadOrCreateSigningKey(dir.path());
        ASSERT_TRUE(key.ok()) << key.error().toStdString();
        files = std::make_unique<FileStore>(dir.path(), *key);
        auto id = ProductRepository(db()).create(makeTestProduct());
        ASSERT_TRUE(id.ok()) << id.error().toStdString();
        productId = *id;
        auto variants = VariantRepository(db()).listForProduct(productId);
        ASSERT_TRUE(variants.ok());
        ASSERT_EQ(variants->size(), 3);
        for (const Variant &variant : *variants)
            variantIds.append(variant.id);
    }

    QString writeFile(const QString &name, const QByteArray &data)
    {
        const QString path = dir.filePath(u"in/"_s + name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(data);
        return path;
    }

    PrintImages printImages() { return PrintImages(db(), files.get()); }

    QTemporaryDir dir;
    std::unique_ptr<FileStore> files;
    qint64 productId = 0;
    QList<qint64> variantIds;
};

TEST(ContentSnifferTest, RecognisesTheAcceptedTypesByTheirFirstBytes)
{
    EXPECT_EQ(ContentSniffer::detect("%PDF-1.7\n").type, ContentSniffer::Type::Pdf);
    EXPECT_EQ(ContentSniffer::detect(pngBytes).type, ContentSniffer::Type::Png);
    EXPECT_EQ(ContentSniffer::detect(QByteArray("II*\0\x08\0", 6)).type, ContentSniffer::Type::Tiff);
    EXPECT_EQ(ContentSniffer::detect(QByteArray("MM\0*\0\0", 6)).type, ContentSniffer::Type::Tiff);
    EXPECT_EQ(ContentSniffer::detect(QByteArray("\xFF\xD8\xFF\xE0\0\x10JFIF", 10)).type,
              ContentSniffer::Type::Jpeg);
    EXPECT_EQ(ContentSniffer::detect(svgText).type, ContentSniffer::Type::Svg);
    EXPECT_EQ(ContentSniffer::detect("\xEF\xBB\xBF<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>").type,
              ContentSniffer::Type::Svg);
    EXPECT_EQ(ContentSniffer::detect(svgText).contentType, u"image/svg+xml"_s);
    EXPECT_EQ(ContentSniffer::detect(pngBytes).contentType, u"image/png"_s);
}

TEST(ContentSnifferTest, DescribesWhatElseAFileIs)
{
    EXPECT_EQ(ContentSniffer::detect(gifBytes).type, ContentSniffer::Type::Other);
    EXPECT_TRUE(ContentSniffer::detect(gifBytes).description.contains(u"GIF"_s));
    const auto xml = ContentSniffer::detect("<?xml version=\"1.0\"?><html><svg/></html>");
    EXPECT_EQ(xml.type, ContentSniffer::Type::Other);
    EXPECT_TRUE(xml.description.contains(u"<html>"_s)) << xml.description.toStdString();
    EXPECT_EQ(ContentSniffer::detect("just some words, mentioning <svg").type, ContentSniffer::Type::Other);
    EXPECT_EQ(ContentSniffer::detect("PK\x03\x04rest").description, u"a ZIP archive"_s);
    EXPECT_EQ(ContentSniffer::detect({}).type, ContentSniffer::Type::Other);
    // Almost PNG: one byte wrong.
    QByteArray broken = pngBytes;
    broken[1] = 'Q';
    EXPECT_EQ(ContentSniffer::detect(broken).type, ContentSniffer::Type::Other);
}

TEST_P(PrintImagesTest, HttpsUrlBecomesTheProductDefault)
{
    auto image = printImages().set(productId, u"default"_s, u"https://cdn.example.com/design.pdf"_s);
    ASSERT_TRUE(image.ok()) << image.error().toStdString();
    EXPECT_GT(image->id, 0);
    auto stored = PrintImageRepository(db()).listForProduct(productId);
    ASSERT_TRUE(stored.ok());
    ASSERT_EQ(stored->size(), 1);
    EXPECT_EQ(stored->at(0).variantId, 0);
    EXPECT_EQ(stored->at(0).placement, u"default"_s);
    EXPECT_EQ(stored->at(0).sourceKind, PrintImage::SourceKind::Url);
    EXPECT_EQ(stored->at(0).source, u"https://cdn.example.com/design.pdf"_s);
    auto url = printImages().signedUrlFor(stored->at(0), QUrl(u"https://shop.example.com"_s));
    ASSERT_TRUE(url.ok());
    EXPECT_EQ(url->toString(), u"https://cdn.example.com/design.pdf"_s);
}

TEST_P(PrintImagesTest, UrlsThatAreNotHttpAreRefusedNamingThem)
{
    for (const QString &source : {u"ftp://cdn.example.com/a.pdf"_s, u"file:///tmp/a.pdf"_s,
                                  u"mailto:someone@example.com"_s, u"javascript:alert(1)"_s}) {
        auto image = printImages().set(productId, u"default"_s, source);
        ASSERT_FALSE(image.ok()) << source.toStdString();
        EXPECT_TRUE(image.error().contains(source)) << image.error().toStdString();
        EXPECT_TRUE(image.error().contains(u"http(s)"_s)) << image.error().toStdString();
    }
    EXPECT_FALSE(printImages().set(productId, u"default"_s, u"https://"_s).ok());
    EXPECT_TRUE(PrintImageRepository(db()).listForProduct(productId)->isEmpty());
}

TEST_P(PrintImagesTest, LocalFileOfEachAcceptedTypeIsCopiedAndServedSigned)
{
    const QList<std::pair<QString, QByteArray>> inputs {{u"a.pdf"_s, "%PDF-1.4\nrest"},
                                                        {u"b.bin"_s, pngBytes},
                                                        {u"c.tif"_s, QByteArray("MM\0*\0\0\0\x08", 8)},
                                                        {u"d"_s, QByteArray("\xFF\xD8\xFF\xDB\0\x43", 6)},
                                                        {u"e.svg"_s, svgText}};
    const QStringList types {u"application/pdf"_s, u"image/png"_s, u"image/tiff"_s, u"image/jpeg"_s,
                             u"image/svg+xml"_s};
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        const QString path = writeFile(inputs[i].first, inputs[i].second);
        auto image = printImages().set(productId, u"back"_s, path, variantIds[int(i % 3)]);
        ASSERT_TRUE(image.ok()) << image.error().toStdString();
        EXPECT_EQ(image->sourceKind, PrintImage::SourceKind::File);
        EXPECT_EQ(image->source, inputs[i].first);
        EXPECT_EQ(image->contentType, types[i]);
        ASSERT_TRUE(files->contains(image->fileId));
        QFile copy(files->pathOf(image->fileId));
        ASSERT_TRUE(copy.open(QIODevice::ReadOnly));
        EXPECT_EQ(copy.readAll(), inputs[i].second);
        auto url = printImages().signedUrlFor(*image, QUrl(u"https://shop.example.com"_s));
        ASSERT_TRUE(url.ok()) << url.error().toStdString();
        EXPECT_TRUE(url->toString().startsWith(u"https://shop.example.com/files/"_s + image->fileId))
                << url->toString().toStdString();
        EXPECT_TRUE(url->query().contains(u"sig="_s));
    }
}

TEST_P(PrintImagesTest, LocalFileOfAnotherTypeIsRefusedByContentEvenWithAPngName)
{
    const QString gif = writeFile(u"design.png"_s, gifBytes);
    auto image = printImages().set(productId, u"default"_s, gif);
    ASSERT_FALSE(image.ok());
    EXPECT_TRUE(image.error().contains(gif)) << image.error().toStdString();
    EXPECT_TRUE(image.error().contains(u"GIF"_s)) << image.error().toStdString();

    const QString html = writeFile(u"page.svg"_s, "<?xml version=\"1.0\"?><html/>");
    auto xml = printImages().set(productId, u"default"_s, html);
    ASSERT_FALSE(xml.ok());
    EXPECT_TRUE(xml.error().contains(u"<html>"_s)) << xml.error().toStdString();

    const QString empty = writeFile(u"empty.pdf"_s, {});
    EXPECT_FALSE(printImages().set(productId, u"default"_s, empty).ok());
    EXPECT_TRUE(PrintImageRepository(db()).listForProduct(productId)->isEmpty());
    EXPECT_TRUE(QDir(dir.filePath(u"files"_s)).entryList(QDir::Files).isEmpty());
}

TEST_P(PrintImagesTest, MissingFileIsRefusedNamingIt)
{
    const QString path = dir.filePath(u"nowhere/design.pdf"_s);
    auto image = printImages().set(productId, u"default"_s, path);
    ASSERT_FALSE(image.ok());
    EXPECT_TRUE(image.error().contains(path)) << image.error().toStdString();
    EXPECT_TRUE(image.error().contains(u"not found"_s)) << image.error().toStdString();
}

TEST_P(PrintImagesTest, LocalFilesAreRefusedWithoutAFileStore)
{
    const QString path = writeFile(u"a.pdf"_s, "%PDF-1.4");
    auto image = PrintImages(db(), nullptr).set(productId, u"default"_s, path);
    ASSERT_FALSE(image.ok());
    EXPECT_TRUE(image.error().contains(path)) << image.error().toStdString();
}

TEST_P(PrintImagesTest, UnknownPlacementIsRefusedNamingItAndTheValidOnes)
{
    auto image = printImages().set(productId, u"sleeve"_s, u"https://cdn.example.com/a.pdf"_s);
    ASSERT_FALSE(image.ok());
    EXPECT_TRUE(image.error().contains(u"\"sleeve\""_s)) << image.error().toStdString();
    EXPECT_TRUE(image.error().contains(u"default, back"_s)) << image.error().toStdString();
    EXPECT_TRUE(PrintImageRepository(db()).listForProduct(productId)->isEmpty());
}

TEST_P(PrintImagesTest, FrontAndOneMeanTheDefaultPlacement)
{
    auto front = printImages().set(productId, u"Front"_s, u"https://cdn.example.com/a.pdf"_s);
    ASSERT_TRUE(front.ok()) << front.error().toStdString();
    EXPECT_EQ(front->placement, u"default"_s);
    auto one = printImages().set(productId, u"1"_s, u"https://cdn.example.com/b.pdf"_s, variantIds[0]);
    ASSERT_TRUE(one.ok()) << one.error().toStdString();
    EXPECT_EQ(one->placement, u"default"_s);
}

TEST_P(PrintImagesTest, VariantOfAnotherProductOrUnknownProductIsRefused)
{
    auto other = ProductRepository(db()).create(makeTestProduct(u"Mug"_s, u"MUG"_s));
    ASSERT_TRUE(other.ok());
    auto otherVariants = VariantRepository(db()).listForProduct(*other);
    auto image = printImages().set(productId, u"back"_s, u"https://cdn.example.com/a.pdf"_s,
                                   otherVariants->at(0).id);
    ASSERT_FALSE(image.ok());
    EXPECT_TRUE(image.error().contains(QString::number(otherVariants->at(0).id)));
    EXPECT_FALSE(printImages().set(999999, u"default"_s, u"https://cdn.example.com/a.pdf"_s).ok());
}

TEST_P(PrintImagesTest, ProductWithoutPlacementsSaysToSynchronizeFirst)
{
    Product product = makeTestProduct(u"Plain"_s, u"PL"_s);
    product.placements.clear();
    auto id = ProductRepository(db()).create(product);
    ASSERT_TRUE(id.ok());
    auto image = printImages().set(*id, u"default"_s, u"https://cdn.example.com/a.pdf"_s);
    ASSERT_FALSE(image.ok());
    EXPECT_TRUE(image.error().contains(u"no print placements"_s)) << image.error().toStdString();
}

TEST_P(PrintImagesTest, CompletenessFollowsDefaultsAndOverrides)
{
    PrintImages images = printImages();
    EXPECT_EQ(*images.missingPlacements(variantIds[0]), QStringList({u"default"_s, u"back"_s}));
    EXPECT_FALSE(*images.isProductComplete(productId));

    ASSERT_TRUE(images.set(productId, u"default"_s, u"https://cdn.example.com/front.pdf"_s).ok());
    for (qint64 id : std::as_const(variantIds))
        EXPECT_EQ(*images.missingPlacements(id), QStringList({u"back"_s}));

    ASSERT_TRUE(images.set(productId, u"back"_s, u"https://cdn.example.com/b0.pdf"_s, variantIds[0]).ok());
    EXPECT_TRUE(images.missingPlacements(variantIds[0])->isEmpty());
    EXPECT_EQ(*images.missingPlacements(variantIds[1]), QStringList({u"back"_s}));
    EXPECT_FALSE(*images.isProductComplete(productId));

    ASSERT_TRUE(images.set(productId, u"back"_s, u"https://cdn.example.com/back.pdf"_s).ok());
    EXPECT_TRUE(images.missingPlacements(variantIds[2])->isEmpty());
    EXPECT_TRUE(*images.isProductComplete(productId));
}

TEST_P(PrintImagesTest, CheckOrderableNamesTheVariantAndTheMissingPlacement)
{
    PrintImages images = printImages();
    auto none = images.checkOrderable(variantIds[0]);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error(), u"variant TS-M-O: no print image for placements \"default\", \"back\""_s);

    ASSERT_TRUE(images.set(productId, u"default"_s, u"https://cdn.example.com/front.pdf"_s).ok());
    auto back = images.checkOrderable(variantIds[0]);
    ASSERT_FALSE(back.ok());
    EXPECT_EQ(back.error(), u"variant TS-M-O: no print image for placement \"back\""_s);

    ASSERT_TRUE(images.set(productId, u"back"_s, u"https://cdn.example.com/b.pdf"_s, variantIds[0]).ok());
    EXPECT_TRUE(images.checkOrderable(variantIds[0]).ok());
    EXPECT_FALSE(images.checkOrderable(variantIds[1]).ok());
    EXPECT_FALSE(images.checkOrderable(999999).ok());
}

TEST_P(PrintImagesTest, ArchivedVariantsDoNotMakeTheProductIncomplete)
{
    PrintImages images = printImages();
    ASSERT_TRUE(images.set(productId, u"default"_s, u"https://cdn.example.com/front.pdf"_s).ok());
    ASSERT_TRUE(images.set(productId, u"back"_s, u"https://cdn.example.com/b0.pdf"_s, variantIds[0]).ok());
    ASSERT_TRUE(VariantRepository(db()).setArchived(variantIds[1], true).ok());
    ASSERT_TRUE(VariantRepository(db()).setArchived(variantIds[2], true).ok());
    EXPECT_TRUE(*images.isProductComplete(productId));
}

TEST_P(PrintImagesTest, SignedUrlOfAFileNeedsThePublicBaseAndTheFile)
{
    const QString path = writeFile(u"a.pdf"_s, "%PDF-1.4");
    auto image = printImages().set(productId, u"default"_s, path);
    ASSERT_TRUE(image.ok()) << image.error().toStdString();
    EXPECT_FALSE(printImages().signedUrlFor(*image, QUrl()).ok());
    PrintImage lost = *image;
    lost.fileId = u"0000.pdf"_s;
    auto missing = printImages().signedUrlFor(lost, QUrl(u"https://shop.example.com"_s));
    ASSERT_FALSE(missing.ok());
    EXPECT_TRUE(missing.error().contains(u"0000.pdf"_s));
}

} // namespace

BOTTEGA_INSTANTIATE_BACKEND_TESTS(PrintImagesTest);
