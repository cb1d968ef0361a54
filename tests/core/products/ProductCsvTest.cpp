// ProductCsv (PROD-6) and CsvFormat: export one row per variant with RFC 4180 quoting; import of
// Product UID and Design File URL by Variant ID or SKU, dry run, per-row errors and all-or-nothing;
// on SQLite and PostgreSQL.
#include "core/products/ProductCsv.h"

#include "core/store/PrintImageRepository.h"
#include "core/store/ProductRepository.h"
#include "core/store/VariantRepository.h"
#include "core/csv/CsvFormat.h"
#include "tests/core/products/PrintImagesTestProduct.h"
#include "tests/support/database/TestDatabase.h"

#include <QFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

namespace {

const QString header = u"Variant ID,SKU,Product UID,Design File URL\r\n"_s;

class ProductCsvTest : public DatabaseTest
{
protected:
    void SetUp() override
    {
        DatabaseTest::SetUp();
        Product product = makeTestProduct(u"T-shirt \"Classic\", cotton"_s, u"TS"_s);
        PrintImage front;
        front.placement = u"default"_s;
        front.source = u"https://cdn.example.com/front.pdf"_s;
        product.printImages = {front};
        auto id = ProductRepository(db()).create(product);
        ASSERT_TRUE(id.ok()) << id.error().toStdString();
        productId = *id;
        auto variants = VariantRepository(db()).listForProduct(productId);
        ASSERT_TRUE(variants.ok());
        for (const Variant &variant : *variants)
            variantIds.append(variant.id);
    }

    QString uidOf(qint64 variantId) { return VariantRepository(db()).get(variantId)->gelatoProductUid; }
    int printImageCount() { return int(PrintImageRepository(db()).listForProduct(productId)->size()); }
    QString id(int index) { return QString::number(variantIds[index]); }

    qint64 productId = 0;
    QList<qint64> variantIds;
};

TEST(CsvFormatTest, ParsesQuotedFieldsWithCommasQuotesAndLineBreaks)
{
    auto records = CsvFormat::parse(u"\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\n1,,3\n"_s);
    ASSERT_TRUE(records.ok()) << records.error().toStdString();
    ASSERT_EQ(records->size(), 3);
    EXPECT_EQ(records->at(0), QStringList({u"a"_s, u"b"_s, u"c"_s}));
    EXPECT_EQ(records->at(1), QStringList({u"x, y"_s, u"say \"hi\""_s, u"two\nlines"_s}));
    EXPECT_EQ(records->at(2), QStringList({u"1"_s, u""_s, u"3"_s}));
}

TEST(CsvFormatTest, UnclosedQuoteIsAnErrorNamingTheRow)
{
    auto records = CsvFormat::parse(u"a,b\n1,\"open\n"_s);
    ASSERT_FALSE(records.ok());
    EXPECT_TRUE(records.error().contains(u"row 2"_s)) << records.error().toStdString();
}

TEST(CsvFormatTest, WritesWhatItReads)
{
    const QStringList fields {u"plain"_s, u"with, comma"_s, u"with \"quote\""_s, u"line\nbreak"_s, u""_s};
    EXPECT_EQ(CsvFormat::line(fields),
              u"plain,\"with, comma\",\"with \"\"quote\"\"\",\"line\nbreak\",\r\n"_s);
    auto back = CsvFormat::parse(CsvFormat::line(fields));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->constFirst(), fields);
}

TEST_P(ProductCsvTest, ExportsOneRowPerVariantWithQuoting)
{
    auto text = ProductCsv(db()).exportText();
    ASSERT_TRUE(text.ok()) << text.error().toStdString();
    auto records = CsvFormat::parse(*text);
    ASSERT_TRUE(records.ok());
    ASSERT_EQ(records->size(), 4);
    EXPECT_EQ(records->at(0), ProductCsv::exportColumns());
    const QStringList &first = records->at(1);
    EXPECT_EQ(first.at(0), QString::number(productId));
    EXPECT_EQ(first.at(1), u"T-shirt \"Classic\", cotton"_s);
    EXPECT_EQ(first.at(2), u"tmpl-TS"_s);
    EXPECT_EQ(first.at(3), id(0));
    EXPECT_EQ(first.at(5), u"TS-M-O"_s);
    EXPECT_EQ(first.at(6), u"Size: M; Color: Orange"_s);
    EXPECT_EQ(first.at(7), u"apparel_tshirt_m_orange"_s);
    EXPECT_EQ(first.at(8), u"https://cdn.example.com/front.pdf"_s);
    EXPECT_TRUE(text->contains(u"\"T-shirt \"\"Classic\"\", cotton\""_s));
    EXPECT_EQ(records->at(3).at(5), u"TS-L-R"_s);
}

TEST_P(ProductCsvTest, ExportWritesTheFile)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"products.csv"_s);
    ASSERT_TRUE(ProductCsv(db()).exportFile(path).ok());
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_TRUE(file.readAll().startsWith("Product ID,Product Name,"));
}

TEST_P(ProductCsvTest, ImportMapsByVariantIdAndBySkuInOneGo)
{
    const QString csv = header + id(0) + u",,gelato_uid_one,https://cdn.example.com/one.png\r\n"_s
            + u",TS-L-O,gelato_uid_two,\r\n"_s + u",TS-L-R,,\r\n"_s;
    auto report = ProductCsv(db()).importText(csv, false);
    ASSERT_TRUE(report.ok()) << report.error().toStdString();
    EXPECT_TRUE(report->errors.isEmpty());
    EXPECT_TRUE(report->applied);
    ASSERT_EQ(report->changes.size(), 3);
    EXPECT_EQ(report->changes[0].row, 2);
    EXPECT_EQ(report->changes[0].column, u"Product UID"_s);
    EXPECT_EQ(report->changes[0].oldValue, u"apparel_tshirt_m_orange"_s);
    EXPECT_EQ(report->changes[0].newValue, u"gelato_uid_one"_s);
    EXPECT_EQ(report->changes[1].column, u"Design File URL"_s);
    EXPECT_EQ(report->changes[1].oldValue, u"https://cdn.example.com/front.pdf"_s);
    EXPECT_EQ(report->changes[2].row, 3);
    EXPECT_EQ(report->changes[2].sku, u"TS-L-O"_s);

    EXPECT_EQ(uidOf(variantIds[0]), u"gelato_uid_one"_s);
    EXPECT_EQ(uidOf(variantIds[1]), u"gelato_uid_two"_s);
    EXPECT_EQ(uidOf(variantIds[2]), u"apparel_tshirt_l_red"_s);
    auto images = PrintImageRepository(db()).listForProduct(productId);
    ASSERT_EQ(images->size(), 2);
    EXPECT_EQ(images->at(1).variantId, variantIds[0]);
    EXPECT_EQ(images->at(1).placement, u"default"_s);
    EXPECT_EQ(images->at(1).source, u"https://cdn.example.com/one.png"_s);

    // The same file again changes nothing.
    auto again = ProductCsv(db()).importText(csv, false);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->changes.isEmpty());
}

TEST_P(ProductCsvTest, ExportedFileWithTheColumnsFilledInImportsBack)
{
    auto text = ProductCsv(db()).exportText();
    ASSERT_TRUE(text.ok());
    auto records = *CsvFormat::parse(*text);
    QString edited = CsvFormat::line(records[0]);
    for (qsizetype i = 1; i < records.size(); ++i) {
        records[i][7] = u"uid_"_s + QString::number(i);
        edited += CsvFormat::line(records[i]);
    }
    auto report = ProductCsv(db()).importText(edited, false);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->errors.isEmpty()) << report->errors.value(0).message.toStdString();
    EXPECT_EQ(report->changes.size(), 3); // the URL column came back unchanged
    EXPECT_EQ(uidOf(variantIds[2]), u"uid_3"_s);
}

TEST_P(ProductCsvTest, DryRunReportsChangesAndWritesNothing)
{
    const QString csv = header + id(0) + u",,gelato_uid_one,https://cdn.example.com/one.png\r\n"_s;
    auto report = ProductCsv(db()).importText(csv, true);
    ASSERT_TRUE(report.ok());
    EXPECT_FALSE(report->applied);
    EXPECT_EQ(report->changes.size(), 2);
    EXPECT_EQ(uidOf(variantIds[0]), u"apparel_tshirt_m_orange"_s);
    EXPECT_EQ(printImageCount(), 1);
}

TEST_P(ProductCsvTest, WrongHeaderIsOneErrorNamingTheMissingColumn)
{
    auto report = ProductCsv(db()).importText(u"SKU,Product UID,Design URL\r\nTS-M-O,x,https://a.b/c\r\n"_s,
                                              false);
    ASSERT_TRUE(report.ok());
    ASSERT_EQ(report->errors.size(), 1);
    EXPECT_EQ(report->errors[0].row, 1);
    EXPECT_TRUE(report->errors[0].message.contains(u"\"Design File URL\""_s))
            << report->errors[0].message.toStdString();
    EXPECT_FALSE(report->applied);

    auto noKey = ProductCsv(db()).importText(u"Name,Product UID,Design File URL\r\n"_s, false);
    ASSERT_EQ(noKey->errors.size(), 1);
    EXPECT_TRUE(noKey->errors[0].message.contains(u"\"Variant ID\" or \"SKU\""_s));
    EXPECT_EQ(ProductCsv(db()).importText(QString(), false)->errors.size(), 1);
}

TEST_P(ProductCsvTest, BadRowsAreReportedWithTheirNumbersAndNothingIsApplied)
{
    const QString csv = header + id(0) + u",,good_uid,https://cdn.example.com/ok.pdf\r\n"_s // row 2: fine
            + u",NOPE-1,some_uid,\r\n"_s // 3: unknown SKU
            + u",TS-L-O,,ftp://cdn.example.com/x.pdf\r\n"_s // 4: bad URL
            + u",TS-L-R,bad uid!,\r\n"_s // 5: bad UID
            + u"999999,,uid_x,\r\n"_s // 6: unknown variant id
            + u"abc,,uid_y,\r\n"_s // 7: not a number
            + id(0) + u",TS-L-R,uid_z,\r\n"_s // 8: id and SKU disagree
            + u",,uid_w,\r\n"_s // 9: nothing to find the variant by
            + u",TS-M-O,uid_v,\r\n"_s; // 10: the variant of row 2 again
    auto report = ProductCsv(db()).importText(csv, false);
    ASSERT_TRUE(report.ok()) << report.error().toStdString();
    EXPECT_FALSE(report->applied);
    QList<int> rows;
    for (const ProductCsvRowError &error : report->errors)
        rows.append(error.row);
    EXPECT_EQ(rows, QList<int>({3, 4, 5, 6, 7, 8, 9, 10}));
    ASSERT_EQ(report->errors.size(), 8);
    EXPECT_TRUE(report->errors[0].message.contains(u"unknown SKU \"NOPE-1\""_s));
    EXPECT_TRUE(report->errors[1].message.contains(u"ftp://cdn.example.com/x.pdf"_s));
    EXPECT_TRUE(report->errors[2].message.contains(u"\"bad uid!\""_s));
    EXPECT_TRUE(report->errors[3].message.contains(u"999999"_s));
    EXPECT_TRUE(report->errors[4].message.contains(u"\"abc\""_s));
    EXPECT_TRUE(report->errors[5].message.contains(u"TS-L-R"_s));
    EXPECT_TRUE(report->errors[7].message.contains(u"row 2"_s));

    EXPECT_EQ(uidOf(variantIds[0]), u"apparel_tshirt_m_orange"_s);
    EXPECT_EQ(printImageCount(), 1);
}

TEST_P(ProductCsvTest, DesignUrlNeedsAPlacement)
{
    Product plain = makeTestProduct(u"Plain"_s, u"PL"_s);
    plain.placements.clear();
    ASSERT_TRUE(ProductRepository(db()).create(plain).ok());
    auto report
            = ProductCsv(db()).importText(header + u",PL-M-O,,https://cdn.example.com/a.pdf\r\n"_s, false);
    ASSERT_TRUE(report.ok());
    ASSERT_EQ(report->errors.size(), 1);
    EXPECT_EQ(report->errors[0].row, 2);
    EXPECT_TRUE(report->errors[0].message.contains(u"no print placements"_s));
}

TEST_P(ProductCsvTest, ImportFileReadsAFileAndNamesAMissingOne)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"map.csv"_s);
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write((header + u",TS-L-R,from_file,\n"_s).toUtf8());
    file.close();
    auto report = ProductCsv(db()).importFile(path, false);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->applied);
    EXPECT_EQ(uidOf(variantIds[2]), u"from_file"_s);
    auto missing = ProductCsv(db()).importFile(dir.filePath(u"none.csv"_s), false);
    ASSERT_FALSE(missing.ok());
    EXPECT_TRUE(missing.error().contains(u"none.csv"_s));
}

} // namespace

BOTTEGA_INSTANTIATE_BACKEND_TESTS(ProductCsvTest);
