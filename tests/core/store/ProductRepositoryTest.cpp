// ProductRepository, VariantRepository and PrintImageRepository on SQLite and PostgreSQL.
#include "core/store/ProductRepository.h"

#include "core/store/PrintImageRepository.h"
#include "core/store/SalesOrderRepository.h"
#include "core/store/VariantRepository.h"
#include "tests/core/store/QtPrinters.h"
#include "tests/support/database/TestDatabase.h"

#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

namespace {

Variant makeVariant(const QString &sku, const QString &size, const QString &color, int position)
{
    Variant variant;
    variant.sku = sku;
    variant.title = u"T-shirt "_s + size + u' ' + color;
    variant.gelatoProductUid = u"apparel_tshirt_"_s + size.toLower() + u'_' + color.toLower();
    variant.gelatoVariantId = u"gv-"_s + sku;
    variant.priceExtra = 2.5;
    variant.quantity = 7;
    variant.position = position;
    variant.options = {{u"Size"_s, size}, {u"Color"_s, color}};
    return variant;
}

// The example of gelato-notes.md: (M, Orange), (L, Orange), (L, Red).
Product makeTShirt()
{
    Product product;
    product.name = u"T-shirt"_s;
    product.sku = u"TS"_s;
    product.internalCode = u"INT-1"_s;
    product.ean = u"8001234567890"_s;
    product.categoryPath = u"Apparel/T-shirts"_s;
    product.listPrice = 24.9;
    product.vatRate = 22;
    product.quantity = 12;
    product.weight = 0.25;
    product.shortDescription = u"Soft cotton"_s;
    product.longDescription = u"Long text with 'quotes' and \"double\" ones; DROP TABLE products; --"_s;
    product.gelatoTemplateId = u"tmpl-42"_s;
    product.gelatoPreviewUrl = u"https://cdn.example.com/preview.png"_s;
    product.publishedPoleepo = true;
    product.attributes = {{0, 0, u"Size"_s, 0, {{0, 0, u"M"_s, 0}, {0, 0, u"L"_s, 1}}},
                          {0, 0, u"Color"_s, 1, {{0, 0, u"Orange"_s, 0}, {0, 0, u"Red"_s, 1}}}};
    product.variants = {makeVariant(u"TS-M-O"_s, u"M"_s, u"Orange"_s, 0),
                        makeVariant(u"TS-L-O"_s, u"L"_s, u"Orange"_s, 1),
                        makeVariant(u"TS-L-R"_s, u"L"_s, u"Red"_s, 2)};
    product.placements = {u"default"_s, u"back"_s};
    PrintImage front;
    front.placement = u"default"_s;
    front.sourceKind = PrintImage::SourceKind::Url;
    front.source = u"https://cdn.example.com/front.pdf"_s;
    front.contentType = u"application/pdf"_s;
    product.printImages = {front};
    product.images = {{0, 0, 0, u"https://cdn.example.com/photo.jpg"_s, {}, 0}};
    return product;
}

QStringList names(const QList<Product> &products)
{
    QStringList result;
    for (const Product &product : products)
        result.append(product.name);
    return result;
}

} // namespace

class ProductRepositoryTest : public DatabaseTest
{
};

TEST_P(ProductRepositoryTest, CreateThenGetReturnsTheWholeProduct)
{
    ProductRepository products(db());
    const auto id = products.create(makeTShirt());
    ASSERT_TRUE(id.ok()) << id.error().toStdString();

    const auto product = products.get(*id);
    ASSERT_TRUE(product.ok()) << product.error().toStdString();
    EXPECT_EQ(product->name, u"T-shirt"_s);
    EXPECT_EQ(product->ean, u"8001234567890"_s);
    EXPECT_DOUBLE_EQ(product->listPrice, 24.9);
    EXPECT_DOUBLE_EQ(product->vatRate, 22);
    EXPECT_DOUBLE_EQ(product->weight, 0.25);
    EXPECT_EQ(product->quantity, 12);
    EXPECT_EQ(product->longDescription, makeTShirt().longDescription);
    EXPECT_TRUE(product->publishedPoleepo);
    EXPECT_FALSE(product->archived);
    EXPECT_TRUE(product->createdAt.isValid());
    EXPECT_FALSE(product->poleepoLastSentAt.isValid());

    ASSERT_EQ(product->attributes.size(), 2);
    EXPECT_EQ(product->attributes[0].name, u"Size"_s);
    EXPECT_EQ(product->attributes[1].name, u"Color"_s);
    ASSERT_EQ(product->attributes[1].values.size(), 2);
    EXPECT_EQ(product->attributes[1].values[0].value, u"Orange"_s);
    EXPECT_EQ(product->attributes[1].values[1].value, u"Red"_s);

    ASSERT_EQ(product->variants.size(), 3);
    EXPECT_EQ(product->variants[2].sku, u"TS-L-R"_s);
    EXPECT_EQ(product->variants[2].gelatoProductUid, u"apparel_tshirt_l_red"_s);
    EXPECT_DOUBLE_EQ(product->variants[2].priceExtra, 2.5);
    ASSERT_EQ(product->variants[2].options.size(), 2);
    EXPECT_EQ(product->variants[2].options[0].name, u"Size"_s);
    EXPECT_EQ(product->variants[2].options[0].value, u"L"_s);
    EXPECT_EQ(product->variants[2].options[1].value, u"Red"_s);
    EXPECT_GT(product->variants[2].options[1].valueId, 0);

    EXPECT_EQ(product->placements, QStringList({u"default"_s, u"back"_s}));
    ASSERT_EQ(product->printImages.size(), 1);
    EXPECT_EQ(product->printImages[0].variantId, 0);
    EXPECT_EQ(product->printImages[0].source, u"https://cdn.example.com/front.pdf"_s);
    ASSERT_EQ(product->images.size(), 1);
    EXPECT_EQ(product->images[0].url, u"https://cdn.example.com/photo.jpg"_s);
}

TEST_P(ProductRepositoryTest, VariantWithAnUnknownOptionIsRefusedAndNothingIsStored)
{
    Product product = makeTShirt();
    product.variants.append(makeVariant(u"TS-XL-B"_s, u"XL"_s, u"Blue"_s, 3));
    ProductRepository products(db());
    const auto id = products.create(product);
    ASSERT_FALSE(id.ok());
    EXPECT_TRUE(id.error().contains(u"TS-XL-B"_s)) << id.error().toStdString();
    EXPECT_TRUE(id.error().contains(u"\"XL\" for attribute \"Size\""_s)) << id.error().toStdString();
    EXPECT_EQ(*products.count({}), 0);
}

TEST_P(ProductRepositoryTest, UpdateOfNamePriceOrQuantityMarksProductAndVariantsForUpdate)
{
    ProductRepository products(db());
    const qint64 id = *products.create(makeTShirt());
    Product product = *products.get(id);
    EXPECT_FALSE(product.needsUpdate);
    EXPECT_FALSE(product.variants[0].needsUpdate);

    product.gelatoPreviewUrl = u"https://example.com/not-sent-to-poleepo.png"_s;
    ASSERT_TRUE(products.update(product).ok());
    product = *products.get(id);
    EXPECT_EQ(product.gelatoPreviewUrl, u"https://example.com/not-sent-to-poleepo.png"_s);
    EXPECT_FALSE(product.needsUpdate);

    product.listPrice = 29.9;
    ASSERT_TRUE(products.update(product).ok());
    product = *products.get(id);
    EXPECT_DOUBLE_EQ(product.listPrice, 29.9);
    EXPECT_TRUE(product.needsUpdate);
    for (const Variant &variant : product.variants)
        EXPECT_TRUE(variant.needsUpdate) << variant.sku.toStdString();
}

TEST_P(ProductRepositoryTest, VariantUpdateAndPublishing)
{
    ProductRepository products(db());
    VariantRepository variants(db());
    const qint64 id = *products.create(makeTShirt());
    Variant variant = products.get(id)->variants[1];

    variant.gelatoProductUid = u"apparel_not_sent_to_poleepo"_s;
    ASSERT_TRUE(variants.update(variant).ok());
    EXPECT_FALSE(variants.get(variant.id)->needsUpdate);
    variant.ean = u"123"_s; // sent to Poleepo (BATCH-2)
    ASSERT_TRUE(variants.update(variant).ok());
    EXPECT_TRUE(variants.get(variant.id)->needsUpdate);

    variant.quantity = 3;
    variant.options = {{u"Size"_s, u"M"_s}, {u"Color"_s, u"Red"_s}};
    ASSERT_TRUE(variants.update(variant).ok());
    const Variant stored = *variants.get(variant.id);
    EXPECT_TRUE(stored.needsUpdate);
    EXPECT_EQ(stored.quantity, 3);
    EXPECT_EQ(stored.ean, u"123"_s);
    ASSERT_EQ(stored.options.size(), 2);
    EXPECT_EQ(stored.options[0].value, u"M"_s);
    EXPECT_EQ(stored.options[1].value, u"Red"_s);

    const QList<Variant> all = *variants.listForProduct(id);
    const auto changed = variants.setPublished({all[0].id, all[2].id}, true);
    ASSERT_TRUE(changed.ok()) << changed.error().toStdString();
    EXPECT_EQ(*changed, 2);
    EXPECT_TRUE(variants.get(all[0].id)->publishedPoleepo);
    EXPECT_TRUE(variants.get(all[0].id)->needsUpdate); // newly published: must be sent
    EXPECT_FALSE(variants.get(all[1].id)->publishedPoleepo);

    const auto bySku = variants.findBySku(u"TS-L-R"_s);
    ASSERT_TRUE(bySku.ok());
    ASSERT_TRUE(bySku->has_value());
    EXPECT_EQ((*bySku)->id, all[2].id);
    EXPECT_FALSE(variants.findBySku(u"NOPE"_s)->has_value());
}

TEST_P(ProductRepositoryTest, SaveAttributesKeepsIdsAndDropsWhatVanished)
{
    ProductRepository products(db());
    VariantRepository variants(db());
    const qint64 id = *products.create(makeTShirt());
    const Product before = *products.get(id);
    const qint64 sizeId = before.attributes[0].id;
    const qint64 mediumId = before.attributes[0].values[0].id;
    // Gelato dropped the red variant: remove it, then the value no longer used.
    ASSERT_TRUE(variants.remove(before.variants[2].id).ok());

    const auto saved = products.saveAttributes(
            id,
            {{0, id, u"Size"_s, 0, {{0, 0, u"M"_s, 0}, {0, 0, u"L"_s, 1}, {0, 0, u"XL"_s, 2}}},
             {0, id, u"Color"_s, 1, {{0, 0, u"Orange"_s, 0}}}});
    ASSERT_TRUE(saved.ok()) << saved.error().toStdString();
    ASSERT_EQ(saved->size(), 2);
    EXPECT_EQ((*saved)[0].id, sizeId);
    EXPECT_EQ((*saved)[0].values[0].id, mediumId);
    ASSERT_EQ((*saved)[0].values.size(), 3);
    EXPECT_EQ((*saved)[0].values[2].value, u"XL"_s);
    ASSERT_EQ((*saved)[1].values.size(), 1);

    const Product after = *products.get(id);
    ASSERT_EQ(after.variants.size(), 2);
    EXPECT_EQ(after.variants[0].options.size(), 2); // links to kept values survive
}

TEST_P(ProductRepositoryTest, ListSearchesFiltersSortsAndPagesInSql)
{
    ProductRepository products(db());
    const QStringList productNames {u"Mug"_s, u"poster 50%"_s, u"Tote bag"_s, u"Hoodie"_s, u"Cap"_s};
    for (int i = 0; i < productNames.size(); ++i) {
        Product product;
        product.name = productNames[i];
        product.sku = u"SKU-%1"_s.arg(i);
        product.listPrice = 10 + i;
        product.publishedPoleepo = i % 2 == 0;
        ASSERT_TRUE(products.create(product).ok());
    }
    const Product first = products.list({})->constFirst(); // by name, case-insensitive
    ASSERT_EQ(first.name, u"Cap"_s);
    ASSERT_TRUE(products.setArchived(first.id, true).ok());

    EXPECT_EQ(names(*products.list({})),
              QStringList({u"Hoodie"_s, u"Mug"_s, u"poster 50%"_s, u"Tote bag"_s}));
    ProductRepository::Query all;
    all.includeArchived = true;
    EXPECT_EQ(*products.count(all), 5);

    ProductRepository::Query search;
    search.text = u"50%"_s; // % is taken literally
    EXPECT_EQ(names(*products.list(search)), QStringList {u"poster 50%"_s});
    search.text = u"TOTE"_s;
    EXPECT_EQ(names(*products.list(search)), QStringList {u"Tote bag"_s});
    search.text = u"sku-3"_s;
    EXPECT_EQ(names(*products.list(search)), QStringList {u"Hoodie"_s});

    ProductRepository::Query published;
    published.publishedPoleepo = true;
    EXPECT_EQ(names(*products.list(published)), QStringList({u"Mug"_s, u"Tote bag"_s}));

    ProductRepository::Query byPrice;
    byPrice.sort = ProductRepository::Query::Sort::ListPrice;
    byPrice.descending = true;
    byPrice.limit = 2;
    byPrice.offset = 1;
    EXPECT_EQ(names(*products.list(byPrice)), QStringList({u"Tote bag"_s, u"poster 50%"_s}));
    EXPECT_EQ(*products.count(byPrice), 4);
}

TEST_P(ProductRepositoryTest, PrintImagesPerPlacementWithVariantOverrides)
{
    ProductRepository products(db());
    PrintImageRepository images(db());
    const qint64 id = *products.create(makeTShirt());
    const Product product = *products.get(id);

    PrintImage back;
    back.productId = id;
    back.placement = u"back"_s;
    back.sourceKind = PrintImage::SourceKind::File;
    back.source = u"back.png"_s;
    back.fileId = u"abc123.png"_s;
    ASSERT_TRUE(images.set(back).ok());
    PrintImage override = back;
    override.variantId = product.variants[1].id;
    override.fileId = u"red-back.png"_s;
    ASSERT_TRUE(images.set(override).ok());
    // Setting the same placement again replaces, never duplicates.
    override.fileId = u"red-back-v2.png"_s;
    ASSERT_TRUE(images.set(override).ok());

    const QList<PrintImage> stored = *images.listForProduct(id);
    ASSERT_EQ(stored.size(), 3);
    EXPECT_EQ(stored[0].placement, u"back"_s);
    EXPECT_EQ(stored[0].variantId, 0);
    EXPECT_EQ(stored[0].sourceKind, PrintImage::SourceKind::File);
    EXPECT_EQ(stored[1].placement, u"default"_s);
    EXPECT_EQ(stored[2].variantId, product.variants[1].id);
    EXPECT_EQ(stored[2].fileId, u"red-back-v2.png"_s);

    ASSERT_TRUE(images.remove(id, product.variants[1].id, u"back"_s).ok());
    EXPECT_EQ(images.listForProduct(id)->size(), 2);
    ASSERT_TRUE(images.setPlacements(id, {u"default"_s}).ok());
    EXPECT_EQ(*images.placements(id), QStringList {u"default"_s});
}

TEST_P(ProductRepositoryTest, ProductOrVariantOnAnOrderIsArchivedNotDeleted)
{
    ProductRepository products(db());
    VariantRepository variants(db());
    const qint64 id = *products.create(makeTShirt());
    const Product product = *products.get(id);

    SalesOrder order;
    order.reference = u"WEB-1"_s;
    OrderLine line;
    line.variantId = product.variants[0].id;
    line.sku = product.variants[0].sku;
    order.lines = {line};
    ASSERT_TRUE(SalesOrderRepository(db()).create(order).ok());

    const auto removeVariant = variants.remove(product.variants[0].id);
    ASSERT_FALSE(removeVariant.ok());
    EXPECT_TRUE(removeVariant.error().contains(u"archive it instead"_s))
            << removeVariant.error().toStdString();
    const auto removeProduct = products.remove(id);
    ASSERT_FALSE(removeProduct.ok());
    EXPECT_TRUE(removeProduct.error().contains(u"archive it instead"_s));

    ASSERT_TRUE(variants.setArchived(product.variants[0].id, true).ok());
    EXPECT_EQ(variants.listForProduct(id, false)->size(), 2);
    EXPECT_EQ(variants.listForProduct(id, true)->size(), 3);

    // A product on no order goes, with everything in it.
    const qint64 other = *products.create(makeTShirt());
    ASSERT_TRUE(products.remove(other).ok());
    EXPECT_FALSE(products.get(other).ok());
    EXPECT_EQ(products.get(other).error(), u"no product with id %1"_s.arg(other));
    EXPECT_TRUE(variants.listForProduct(other)->isEmpty());
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(ProductRepositoryTest);
