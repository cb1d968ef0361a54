// PERF-4: the Poleepo batch payload of a 10,000-variant catalog (2,000 templates × 5 variants, with
// prices, VAT, attributes and signed image URLs of the built-in file route), built by BatchPayload
// and split into batches. Prints the median of several runs next to the target; never fails on time.
#include "core/publishing/BatchPayload.h"
#include "core/server/FileStore.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

constexpr int templates = 2000;
constexpr int variantsPerTemplate = 5;

QList<Product> makeCatalog(QSet<qint64> &variantIds)
{
    static const QStringList sizes {u"XS"_s, u"S"_s, u"M"_s, u"L"_s, u"XL"_s};
    static const QStringList colors {u"Orange"_s, u"Red"_s, u"Black"_s, u"White"_s, u"Navy"_s};
    QList<Product> products;
    products.reserve(templates);
    qint64 nextVariantId = 1;
    qint64 nextImageId = 1;
    for (int t = 0; t < templates; ++t) {
        Product product;
        product.id = t + 1;
        product.name = u"T-shirt %1"_s.arg(t);
        product.sku = u"TS%1"_s.arg(t, 5, 10, QLatin1Char('0'));
        product.categoryPath = u"Abbigliamento/T-shirt"_s;
        product.listPrice = 19.9 + t % 10;
        product.vatRate = 22;
        product.shortDescription = u"Cotton t-shirt"_s;
        product.longDescription = u"A cotton t-shirt printed on demand, design number %1."_s.arg(t);
        product.weight = 0.2;
        product.images.append({nextImageId++, product.id, 0, QString(),
                               u"%1.png"_s.arg(QString::number(t).repeated(8).left(64)), 0});
        for (int v = 0; v < variantsPerTemplate; ++v) {
            Variant variant;
            variant.id = nextVariantId++;
            variant.productId = product.id;
            variant.title = u"%1 %2 %3"_s.arg(product.name, sizes.at(v), colors.at((t + v) % 5));
            variant.sku = u"%1-%2-%3"_s.arg(product.sku, sizes.at(v), colors.at((t + v) % 5).left(1));
            variant.ean = u"400638133%1"_s.arg(variant.id % 10000, 4, 10, QLatin1Char('0'));
            variant.priceExtra = v * 1.5;
            variant.quantity = 10 + v;
            variant.position = v;
            variant.options = {{u"Size"_s, sizes.at(v)}, {u"Color"_s, colors.at((t + v) % 5)}};
            product.images.append({nextImageId++, product.id, variant.id,
                                   u"https://cdn.example.com/mockups/%1.jpg"_s.arg(variant.sku), QString(),
                                   v + 1});
            variantIds.insert(variant.id);
            product.variants.append(std::move(variant));
        }
        products.append(std::move(product));
    }
    return products;
}

TEST(Perf4, BatchPayloadOf10000Variants)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const FileStore files(dir.path(), QByteArray(32, 'k'));
    const QUrl publicBase(u"https://bottega.example.com"_s);
    const BatchPayload::ImageUrl imageUrl = [&files, &publicBase](const ProductImage &image) {
        return image.url.isEmpty() ? files.signedUrl(publicBase, image.fileId) : QUrl(image.url);
    };
    QSet<qint64> variantIds;
    const QList<Product> products = makeCatalog(variantIds);
    ASSERT_EQ(variantIds.size(), templates * variantsPerTemplate);

    constexpr int runs = 7;
    QList<qint64> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const BatchPayload::Built built = BatchPayload::build(products, variantIds, imageUrl);
        const QList<QList<BatchPayload::Entry>> batches = BatchPayload::split(built.entries, 100);
        times.append(timer.elapsed());
        // The payload is whole: a parent per template before its five children, nothing left out.
        ASSERT_EQ(built.entries.size(), templates * (variantsPerTemplate + 1));
        ASSERT_TRUE(built.leftOut.isEmpty());
        ASSERT_EQ(batches.size(), (templates * (variantsPerTemplate + 1) + 99) / 100);
        const QJsonObject child = built.entries.at(1).json;
        ASSERT_EQ(built.entries.at(0).variantId, 0);
        ASSERT_EQ(child.value(u"parent_sku"_s).toString(), u"TS00000"_s);
        ASSERT_EQ(child.value(u"images"_s).toArray().size(), 2);
        ASSERT_TRUE(child.value(u"images"_s).toArray().at(0).toString().contains(u"&sig="_s));
        ASSERT_EQ(child.value(u"attributes"_s).toArray().size(), 2);
        ASSERT_DOUBLE_EQ(child.value(u"price_with_tax"_s).toDouble(), 24.28); // 19.9 × 1.22
    }
    std::sort(times.begin(), times.end());
    const qint64 median = times.at(runs / 2);
    std::printf("PERF-4 batch payload (10,000 variants, 2,000 templates): %lld ms (target ≤ 500 ms)\n",
                static_cast<long long>(median));
    std::printf("  runs (sorted, ms):");
    for (qint64 t : times)
        std::printf(" %lld", static_cast<long long>(t));
    std::printf("\n");
}

} // namespace
} // namespace Bottega::Test
