// ProductEditing (`product set`): every field of a product and a variant, strict parsing, clear
// errors, and "needs update" on name, price and quantity changes (PROD-5); on SQLite and PostgreSQL.
#include "core/products/ProductEditing.h"

#include "core/store/Database.h"
#include "core/store/ProductRepository.h"
#include "core/store/VariantRepository.h"
#include "tests/core/products/PrintImagesTestProduct.h"
#include "tests/support/database/TestDatabase.h"

#include <QSqlQuery>
#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

namespace {

class ProductEditingTest : public DatabaseTest
{
protected:
    void SetUp() override
    {
        DatabaseTest::SetUp();
        auto id = ProductRepository(db()).create(makeTestProduct());
        ASSERT_TRUE(id.ok()) << id.error().toStdString();
        productId = *id;
        auto variants = VariantRepository(db()).listForProduct(productId);
        ASSERT_TRUE(variants.ok());
        variantId = variants->at(0).id;
        clearNeedsUpdate();
    }

    // As after a successful send to Poleepo.
    void clearNeedsUpdate()
    {
        QSqlQuery query(db().connection());
        ASSERT_TRUE(query.exec(u"UPDATE products SET needs_update = 0"_s));
        ASSERT_TRUE(query.exec(u"UPDATE variants SET needs_update = 0"_s));
    }

    // PROD-5: only a variant with complete print images can be published.
    void addPrintImages()
    {
        QSqlQuery query(db().connection());
        for (const QString &placement : {u"default"_s, u"back"_s})
            ASSERT_TRUE(query.exec(
                    u"INSERT INTO print_images (product_id, placement, source_kind, source, "
                    "created_at) VALUES (%1, '%2', 'url', 'https://example.com/p.png', 0)"_s.arg(productId)
                            .arg(placement)));
    }

    Product product() { return *ProductRepository(db()).get(productId); }
    Variant variant() { return *VariantRepository(db()).get(variantId); }

    void expectRefused(const QString &field, const QString &value, const QString &fragment,
                       qint64 variant = 0)
    {
        const Product before = product();
        auto set = ProductEditing(db()).set(productId, field, value, variant);
        ASSERT_FALSE(set.ok()) << field.toStdString() << '=' << value.toStdString();
        EXPECT_TRUE(set.error().contains(fragment))
                << set.error().toStdString() << " lacks " << fragment.toStdString();
        const Product after = product();
        EXPECT_EQ(after.updatedAt, before.updatedAt);
    }

    qint64 productId = 0;
    qint64 variantId = 0;
};

TEST_P(ProductEditingTest, SetsEveryProductField)
{
    ProductEditing editing(db());
    const QList<std::pair<QString, QString>> values {{u"name"_s, u"  Organic T-shirt "_s},
                                                     {u"price"_s, u"24.90"_s},
                                                     {u"sku"_s, u"TS-ORG"_s},
                                                     {u"ean"_s, u"4006381333931"_s},
                                                     {u"upc"_s, u"036000291452"_s},
                                                     {u"isbn"_s, u"978-88-04-12345-3"_s},
                                                     {u"mpn"_s, u"MPN/7"_s},
                                                     {u"vat-rate"_s, u"22"_s},
                                                     {u"quantity"_s, u"42"_s},
                                                     {u"weight"_s, u"0.25"_s},
                                                     {u"width"_s, u"30"_s},
                                                     {u"height"_s, u"40.5"_s},
                                                     {u"depth"_s, u"1"_s},
                                                     {u"category"_s, u"Apparel/T-shirts"_s},
                                                     {u"short-description"_s, u"Soft"_s},
                                                     {u"long-description"_s, u"Line one\nline two"_s}};
    for (const auto &[field, value] : values) {
        auto set = editing.set(productId, field, value);
        ASSERT_TRUE(set.ok()) << field.toStdString() << ": " << set.error().toStdString();
    }
    const Product p = product();
    EXPECT_EQ(p.name, u"Organic T-shirt"_s);
    EXPECT_DOUBLE_EQ(p.listPrice, 24.9);
    EXPECT_EQ(p.sku, u"TS-ORG"_s);
    EXPECT_EQ(p.ean, u"4006381333931"_s);
    EXPECT_EQ(p.upc, u"036000291452"_s);
    EXPECT_EQ(p.isbn, u"9788804123453"_s);
    EXPECT_EQ(p.mpn, u"MPN/7"_s);
    EXPECT_DOUBLE_EQ(p.vatRate, 22);
    EXPECT_EQ(p.quantity, 42);
    EXPECT_DOUBLE_EQ(p.weight, 0.25);
    EXPECT_DOUBLE_EQ(p.width, 30);
    EXPECT_DOUBLE_EQ(p.height, 40.5);
    EXPECT_DOUBLE_EQ(p.depth, 1);
    EXPECT_EQ(p.categoryPath, u"Apparel/T-shirts"_s);
    EXPECT_EQ(p.shortDescription, u"Soft"_s);
    EXPECT_EQ(p.longDescription, u"Line one\nline two"_s);
}

TEST_P(ProductEditingTest, SetsEveryVariantField)
{
    ProductEditing editing(db());
    const QList<std::pair<QString, QString>> values {{u"name"_s, u"Medium orange"_s},
                                                     {u"price-extra"_s, u"3.5"_s},
                                                     {u"sku"_s, u"TS-MO-2"_s},
                                                     {u"ean"_s, u"96385074"_s},
                                                     {u"upc"_s, u"036000291452"_s},
                                                     {u"isbn"_s, u"880412345X"_s},
                                                     {u"mpn"_s, u"V-1"_s},
                                                     {u"quantity"_s, u"0"_s},
                                                     {u"weight"_s, u"0.3"_s},
                                                     {u"width"_s, u"31"_s},
                                                     {u"height"_s, u"41"_s},
                                                     {u"depth"_s, u"2"_s}};
    for (const auto &[field, value] : values) {
        auto set = editing.set(productId, field, value, variantId);
        ASSERT_TRUE(set.ok()) << field.toStdString() << ": " << set.error().toStdString();
    }
    const Variant v = variant();
    EXPECT_EQ(v.title, u"Medium orange"_s);
    EXPECT_DOUBLE_EQ(v.priceExtra, 3.5);
    EXPECT_EQ(v.sku, u"TS-MO-2"_s);
    EXPECT_EQ(v.ean, u"96385074"_s);
    EXPECT_EQ(v.isbn, u"880412345X"_s);
    EXPECT_EQ(v.mpn, u"V-1"_s);
    EXPECT_EQ(v.quantity, 0);
    EXPECT_DOUBLE_EQ(v.weight, 0.3);
    EXPECT_DOUBLE_EQ(v.depth, 2);
    ASSERT_EQ(v.options.size(), 2); // options survive the update
    EXPECT_EQ(v.options[0].value, u"M"_s);
    EXPECT_EQ(product().name, u"T-shirt"_s); // the product's own fields untouched
}

TEST_P(ProductEditingTest, UnknownFieldListsTheValidOnes)
{
    expectRefused(u"colour"_s, u"red"_s, u"unknown field \"colour\""_s);
    expectRefused(u"colour"_s, u"red"_s, u"name, price, price-extra"_s);
}

TEST_P(ProductEditingTest, ProductOnlyFieldsAreRefusedOnAVariantAndTheOtherWayRound)
{
    expectRefused(u"price"_s, u"3"_s, u"not a variant field"_s, variantId);
    expectRefused(u"vat-rate"_s, u"3"_s, u"variant fields: name, price-extra"_s, variantId);
    expectRefused(u"price-extra"_s, u"3"_s, u"--variant"_s);
}

TEST_P(ProductEditingTest, NumbersAreParsedStrictly)
{
    for (const QString &bad : {u"abc"_s, u"12,50"_s, u"-1"_s, u" 12"_s, u"1e3"_s, u"inf"_s, u"nan"_s, u""_s,
                               u"12."_s, u"0x10"_s}) {
        expectRefused(u"price"_s, bad, u"price: \""_s + bad + u'"');
    }
    expectRefused(u"vat-rate"_s, u"101"_s, u"out of range"_s);
    expectRefused(u"quantity"_s, u"1.5"_s, u"not a whole number"_s);
    expectRefused(u"quantity"_s, u"-3"_s, u"not a whole number"_s);
    expectRefused(u"weight"_s, u"heavy"_s, u"weight"_s, variantId);
    EXPECT_DOUBLE_EQ(product().listPrice, 20);
}

TEST_P(ProductEditingTest, CodesAreChecked)
{
    expectRefused(u"ean"_s, u"80012345678A"_s, u"digits only"_s);
    expectRefused(u"ean"_s, u"123456789"_s, u"8 or 13 digits"_s);
    expectRefused(u"ean"_s, u"4006381333932"_s, u"check digit"_s);
    expectRefused(u"upc"_s, u"03600029145"_s, u"12 digits"_s);
    expectRefused(u"upc"_s, u"036000291453"_s, u"check digit"_s);
    expectRefused(u"isbn"_s, u"12345"_s, u"isbn"_s);
    expectRefused(u"ean"_s, u"12"_s, u"ean"_s, variantId);
    // Empty clears a code.
    ASSERT_TRUE(ProductEditing(db()).set(productId, u"ean"_s, u"4006381333931"_s).ok());
    ASSERT_TRUE(ProductEditing(db()).set(productId, u"ean"_s, u""_s).ok());
    EXPECT_TRUE(product().ean.isEmpty());
}

TEST_P(ProductEditingTest, OtherBadValuesAreRefused)
{
    expectRefused(u"name"_s, u"   "_s, u"name: must not be empty"_s);
    // PROD-5: publishing has one way, Publishing, with the print-image rule; not a plain field.
    expectRefused(u"published"_s, u"true"_s, u"print images"_s);
    expectRefused(u"published"_s, u"true"_s, u"print images"_s, variantId);
}

TEST_P(ProductEditingTest, UnknownProductOrForeignVariantIsRefused)
{
    EXPECT_FALSE(ProductEditing(db()).set(999999, u"name"_s, u"X"_s).ok());
    auto other = ProductRepository(db()).create(makeTestProduct(u"Mug"_s, u"MUG"_s));
    ASSERT_TRUE(other.ok());
    auto set = ProductEditing(db()).set(*other, u"name"_s, u"X"_s, variantId);
    ASSERT_FALSE(set.ok());
    EXPECT_TRUE(set.error().contains(QString::number(variantId))) << set.error().toStdString();
    EXPECT_FALSE(ProductEditing(db()).set(productId, u"name"_s, u"X"_s, 999999).ok());
}

TEST_P(ProductEditingTest, NamePriceAndQuantityOfAPublishedProductNeedAnUpdate)
{
    for (const auto &[field, value] : {std::pair {u"name"_s, u"New name"_s}, std::pair {u"price"_s, u"21"_s},
                                       std::pair {u"quantity"_s, u"11"_s}}) {
        clearNeedsUpdate();
        ASSERT_FALSE(product().needsUpdate);
        ASSERT_TRUE(ProductEditing(db()).set(productId, field, value).ok());
        EXPECT_TRUE(product().needsUpdate) << field.toStdString();
    }
    clearNeedsUpdate();
    ASSERT_TRUE(ProductEditing(db()).set(productId, u"template-id"_s, u"tmpl-other"_s).ok());
    EXPECT_FALSE(product().needsUpdate); // not sent to Poleepo
    ASSERT_TRUE(ProductEditing(db()).set(productId, u"mpn"_s, u"M-1"_s).ok());
    EXPECT_TRUE(product().needsUpdate); // sent to Poleepo (BATCH-2)
}

TEST_P(ProductEditingTest, NameAndQuantityOfAPublishedVariantNeedAnUpdate)
{
    addPrintImages();
    QSqlQuery publish(db().connection());
    ASSERT_TRUE(publish.exec(u"UPDATE variants SET published_poleepo = 1"_s));
    EXPECT_TRUE(variant().publishedPoleepo);
    for (const auto &[field, value] : {std::pair {u"name"_s, u"Renamed"_s}, std::pair {u"quantity"_s, u"9"_s},
                                       std::pair {u"price-extra"_s, u"4"_s}}) {
        clearNeedsUpdate();
        ASSERT_TRUE(ProductEditing(db()).set(productId, field, value, variantId).ok());
        EXPECT_TRUE(variant().needsUpdate) << field.toStdString();
    }
    clearNeedsUpdate();
    ASSERT_TRUE(ProductEditing(db()).set(productId, u"product-uid"_s, u"apparel_x"_s, variantId).ok());
    EXPECT_FALSE(variant().needsUpdate); // not sent to Poleepo
    ASSERT_TRUE(ProductEditing(db()).set(productId, u"mpn"_s, u"X"_s, variantId).ok());
    EXPECT_TRUE(variant().needsUpdate); // sent to Poleepo (BATCH-2)
}

// The editors' Save: several fields at once, all or nothing, the refused one named.
TEST_P(ProductEditingTest, SetFieldsWritesAllOrNothingAndNamesTheRefusedField)
{
    ProductEditing editing(db());
    const Product before = product();
    QString refused;
    auto set = editing.setFields(
            productId, {{u"name"_s, u"Renamed"_s}, {u"ean"_s, u"4006381333932"_s}, {u"sku"_s, u"S"_s}}, 0,
            &refused);
    ASSERT_FALSE(set.ok());
    EXPECT_EQ(refused, u"ean"_s);
    EXPECT_EQ(set.error(), editing.set(productId, u"ean"_s, u"4006381333932"_s).error());
    EXPECT_EQ(product().name, before.name);

    set = editing.setFields(productId,
                            {{u"name"_s, u"Renamed"_s},
                             {u"internal-code"_s, u" IC-7 "_s},
                             {u"template-id"_s, u"tpl-1"_s},
                             {u"ean"_s, u"4006381333931"_s}},
                            0, &refused);
    ASSERT_TRUE(set.ok()) << set.error().toStdString();
    EXPECT_EQ(product().name, u"Renamed"_s);
    EXPECT_EQ(product().internalCode, u"IC-7"_s);
    EXPECT_EQ(product().gelatoTemplateId, u"tpl-1"_s);
    EXPECT_EQ(product().ean, u"4006381333931"_s);

    set = editing.setFields(productId, {{u"product-uid"_s, u"x"_s}}, 0, &refused);
    ASSERT_FALSE(set.ok());
    EXPECT_EQ(refused, u"product-uid"_s);
}

TEST_P(ProductEditingTest, SetFieldsOnAVariantRefusesPublishedAndWritesNothing)
{
    addPrintImages();
    clearNeedsUpdate();
    QString refused;
    const auto set = ProductEditing(db()).setFields(
            productId, {{u"product-uid"_s, u"apparel_uid_1"_s}, {u"published"_s, u"true"_s}}, variantId,
            &refused);
    ASSERT_FALSE(set.ok());
    EXPECT_EQ(refused, u"published"_s);
    EXPECT_NE(variant().gelatoProductUid, u"apparel_uid_1"_s);
    EXPECT_FALSE(variant().publishedPoleepo);

    const auto negative = ProductEditing(db()).setFields(productId, {{u"price-extra"_s, u"-3.00"_s}},
                                                         variantId, &refused);
    ASSERT_FALSE(negative.ok());
    EXPECT_EQ(refused, u"price-extra"_s);
}

} // namespace

BOTTEGA_INSTANTIATE_BACKEND_TESTS(ProductEditingTest);
