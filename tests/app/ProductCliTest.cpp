// `bottega product list|show|set|set-print-image|import-csv|export-csv` through the real executable,
// on a product stored in the data dir's SQLite database through the repositories.
#include "core/store/Database.h"
#include "core/store/ProductRepository.h"
#include "core/store/VariantRepository.h"
#include "tests/app/BottegaProcess.h"
#include "tests/core/products/PrintImagesTestProduct.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace Bottega;
using namespace Bottega::Test;

namespace {

QJsonDocument parseJson(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << qPrintable(text);
    return document;
}

class ProductCli : public testing::Test
{
protected:
    void SetUp() override
    {
        // The first command creates and migrates the database.
        const auto created = bottega.run({u"product"_s, u"list"_s});
        ASSERT_EQ(created.exitCode, 0) << qPrintable(created.err);
        DatabaseLocation location;
        location.sqlitePath = bottega.dataDir() + u"/bottega.sqlite"_s;
        auto database = Database::open(location);
        ASSERT_TRUE(database.ok()) << qPrintable(database.error());
        auto id = ProductRepository(**database).create(makeTestProduct());
        ASSERT_TRUE(id.ok()) << qPrintable(id.error());
        productId = QString::number(*id);
        auto variants = VariantRepository(**database).listForProduct(*id);
        ASSERT_TRUE(variants.ok());
        for (const Variant &variant : *variants)
            variantIds.append(QString::number(variant.id));
    }

    QString writeFile(const QString &name, const QByteArray &data)
    {
        const QString path = bottega.dataDir() + u"/in/"_s + name;
        QDir().mkpath(bottega.dataDir() + u"/in"_s);
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(data);
        return path;
    }

    QJsonObject showJson()
    {
        const auto shown = bottega.run({u"product"_s, u"show"_s, productId, u"--json"_s});
        EXPECT_EQ(shown.exitCode, 0) << qPrintable(shown.err);
        return parseJson(shown.out).object();
    }

    BottegaProcess bottega;
    QString productId;
    QStringList variantIds;
};

TEST_F(ProductCli, ListShowsProductsWithCompletenessAndFlags)
{
    const auto text = bottega.run({u"product"_s, u"list"_s});
    EXPECT_EQ(text.exitCode, 0) << qPrintable(text.err);
    EXPECT_TRUE(text.out.contains(u"PRINT IMAGES"_s)) << qPrintable(text.out);
    EXPECT_TRUE(text.out.contains(u"T-shirt"_s));
    EXPECT_TRUE(text.out.contains(u"tmpl-TS"_s));
    EXPECT_TRUE(text.out.contains(u"missing"_s));

    const auto json = bottega.run({u"product"_s, u"list"_s, u"--json"_s});
    ASSERT_EQ(json.exitCode, 0);
    const QJsonArray rows = parseJson(json.out).array();
    ASSERT_EQ(rows.size(), 1);
    const QJsonObject row = rows.at(0).toObject();
    EXPECT_EQ(row.value(u"id"_s).toInteger(), productId.toLongLong());
    EXPECT_EQ(row.value(u"templateId"_s).toString(), u"tmpl-TS"_s);
    EXPECT_EQ(row.value(u"variants"_s).toInt(), 3);
    EXPECT_FALSE(row.value(u"printImagesComplete"_s).toBool());
    EXPECT_TRUE(row.value(u"published"_s).toBool());
    EXPECT_TRUE(row.value(u"needsUpdate"_s).isBool());
}

TEST_F(ProductCli, ShowJsonHasTheDocumentedShape)
{
    const QJsonObject product = showJson();
    EXPECT_EQ(product.value(u"id"_s).toInteger(), productId.toLongLong());
    EXPECT_EQ(product.value(u"name"_s).toString(), u"T-shirt"_s);
    EXPECT_EQ(product.value(u"templateId"_s).toString(), u"tmpl-TS"_s);
    EXPECT_EQ(product.value(u"attributes"_s).toArray(), QJsonArray({u"Size"_s, u"Color"_s}));
    EXPECT_EQ(product.value(u"placements"_s).toArray(), QJsonArray({u"default"_s, u"back"_s}));
    EXPECT_TRUE(product.value(u"printImages"_s).toArray().isEmpty());
    const QJsonArray variants = product.value(u"variants"_s).toArray();
    ASSERT_EQ(variants.size(), 3);
    const QJsonObject first = variants.at(0).toObject();
    EXPECT_EQ(first.value(u"id"_s).toInteger(), variantIds[0].toLongLong());
    EXPECT_EQ(first.value(u"productUid"_s).toString(), u"apparel_tshirt_m_orange"_s);
    EXPECT_EQ(first.value(u"sku"_s).toString(), u"TS-M-O"_s);
    EXPECT_EQ(first.value(u"options"_s).toArray().at(1).toObject().value(u"value"_s).toString(), u"Orange"_s);
    EXPECT_FALSE(first.value(u"printImagesComplete"_s).toBool());
    EXPECT_EQ(first.value(u"missingPlacements"_s).toArray(), QJsonArray({u"default"_s, u"back"_s}));

    const auto text = bottega.run({u"product"_s, u"show"_s, productId});
    EXPECT_EQ(text.exitCode, 0);
    EXPECT_TRUE(text.out.contains(u"TS-L-R"_s)) << qPrintable(text.out);
    EXPECT_TRUE(text.out.contains(u"missing: default, back"_s)) << qPrintable(text.out);
}

TEST_F(ProductCli, ShowOfAnUnknownOrBadIdFails)
{
    const auto unknown = bottega.run({u"product"_s, u"show"_s, u"999"_s});
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_TRUE(unknown.err.contains(u"999"_s)) << qPrintable(unknown.err);
    const auto bad = bottega.run({u"product"_s, u"show"_s, u"abc"_s});
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_TRUE(bad.err.contains(u"\"abc\""_s)) << qPrintable(bad.err);
    EXPECT_EQ(bottega.run({u"product"_s, u"frobnicate"_s}).exitCode, 2);
    EXPECT_EQ(bottega.run({u"product"_s, u"list"_s, u"--dry-run"_s}).exitCode, 2);
}

TEST_F(ProductCli, SetChangesProductAndVariantFields)
{
    const auto price = bottega.run({u"product"_s, u"set"_s, productId, u"price"_s, u"24.90"_s});
    EXPECT_EQ(price.exitCode, 0) << qPrintable(price.err);
    const auto sku = bottega.run(
            {u"product"_s, u"set"_s, productId, u"sku"_s, u"TS-M-O-2"_s, u"--variant"_s, variantIds[0]});
    EXPECT_EQ(sku.exitCode, 0) << qPrintable(sku.err);
    const QJsonObject product = showJson();
    EXPECT_DOUBLE_EQ(product.value(u"price"_s).toDouble(), 24.9);
    EXPECT_TRUE(product.value(u"needsUpdate"_s).toBool());
    EXPECT_EQ(product.value(u"variants"_s).toArray().at(0).toObject().value(u"sku"_s).toString(),
              u"TS-M-O-2"_s);
}

TEST_F(ProductCli, SetRefusesBadInputWithAOneLineReason)
{
    const auto field = bottega.run({u"product"_s, u"set"_s, productId, u"colour"_s, u"red"_s});
    EXPECT_EQ(field.exitCode, 1);
    EXPECT_TRUE(field.err.contains(u"unknown field \"colour\""_s)) << qPrintable(field.err);
    EXPECT_EQ(field.err.trimmed().count(u'\n'), 0);
    const auto number = bottega.run({u"product"_s, u"set"_s, productId, u"price"_s, u"12,5"_s});
    EXPECT_EQ(number.exitCode, 1);
    EXPECT_TRUE(number.err.contains(u"12,5"_s));
    const auto variant
            = bottega.run({u"product"_s, u"set"_s, productId, u"name"_s, u"X"_s, u"--variant"_s, u"nope"_s});
    EXPECT_EQ(variant.exitCode, 2);
    EXPECT_DOUBLE_EQ(showJson().value(u"price"_s).toDouble(), 20);
}

TEST_F(ProductCli, SetPrintImageFromUrlAndFileMakesTheProductComplete)
{
    const auto front = bottega.run({u"product"_s, u"set-print-image"_s, productId, u"front"_s,
                                    u"https://cdn.example.com/front.pdf"_s});
    EXPECT_EQ(front.exitCode, 0) << qPrintable(front.err);
    const QString png = writeFile(u"back.png"_s, QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    const auto back
            = bottega.run({u"product"_s, u"set-print-image"_s, productId, u"back"_s, png, u"--json"_s});
    ASSERT_EQ(back.exitCode, 0) << qPrintable(back.err);
    const QJsonObject image = parseJson(back.out).object();
    EXPECT_EQ(image.value(u"sourceKind"_s).toString(), u"file"_s);
    EXPECT_EQ(image.value(u"contentType"_s).toString(), u"image/png"_s);
    EXPECT_TRUE(image.value(u"printImagesComplete"_s).toBool());
    EXPECT_TRUE(QFile::exists(bottega.dataDir() + u"/files/"_s + image.value(u"fileId"_s).toString()));

    const QJsonObject product = showJson();
    EXPECT_TRUE(product.value(u"printImagesComplete"_s).toBool());
    const QJsonArray images = product.value(u"printImages"_s).toArray();
    ASSERT_EQ(images.size(), 2);
    // Product defaults, each by placement.
    const QJsonObject defaultImage = images.at(1).toObject();
    EXPECT_EQ(defaultImage.value(u"placement"_s).toString(), u"default"_s);
    EXPECT_TRUE(defaultImage.value(u"variantId"_s).isNull());
    EXPECT_EQ(defaultImage.value(u"source"_s).toString(), u"https://cdn.example.com/front.pdf"_s);
    EXPECT_EQ(images.at(0).toObject().value(u"source"_s).toString(), u"back.png"_s);

    const auto overrideImage
            = bottega.run({u"product"_s, u"set-print-image"_s, productId, u"back"_s,
                           u"https://cdn.example.com/b.pdf"_s, u"--variant"_s, variantIds[1]});
    EXPECT_EQ(overrideImage.exitCode, 0) << qPrintable(overrideImage.err);
    const QJsonArray after = showJson().value(u"printImages"_s).toArray();
    ASSERT_EQ(after.size(), 3);
    EXPECT_EQ(after.at(2).toObject().value(u"variantId"_s).toInteger(), variantIds[1].toLongLong());
}

TEST_F(ProductCli, SetPrintImageRefusesBadSources)
{
    const auto ftp = bottega.run(
            {u"product"_s, u"set-print-image"_s, productId, u"default"_s, u"ftp://cdn.example.com/a.pdf"_s});
    EXPECT_EQ(ftp.exitCode, 1);
    EXPECT_TRUE(ftp.err.contains(u"ftp://cdn.example.com/a.pdf"_s)) << qPrintable(ftp.err);
    const QString gif = writeFile(u"fake.png"_s, "GIF89a....");
    const auto type = bottega.run({u"product"_s, u"set-print-image"_s, productId, u"default"_s, gif});
    EXPECT_EQ(type.exitCode, 1);
    EXPECT_TRUE(type.err.contains(u"GIF"_s)) << qPrintable(type.err);
    const auto placement = bottega.run(
            {u"product"_s, u"set-print-image"_s, productId, u"sleeve"_s, u"https://cdn.example.com/a.pdf"_s});
    EXPECT_EQ(placement.exitCode, 1);
    EXPECT_TRUE(placement.err.contains(u"\"sleeve\""_s)) << qPrintable(placement.err);
    EXPECT_TRUE(showJson().value(u"printImages"_s).toArray().isEmpty());
}

TEST_F(ProductCli, ExportThenImportCsvWithDryRunAndErrors)
{
    const QString exported = bottega.dataDir() + u"/products.csv"_s;
    const auto exportRun = bottega.run({u"product"_s, u"export-csv"_s, exported});
    ASSERT_EQ(exportRun.exitCode, 0) << qPrintable(exportRun.err);
    QFile file(exported);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    EXPECT_TRUE(text.startsWith(u"Product ID,Product Name,"_s));
    EXPECT_TRUE(text.contains(u"TS-L-R"_s));

    const QString good = writeFile(
            u"good.csv"_s,
            "SKU,Product UID,Design File URL\r\nTS-L-R,new_uid,https://cdn.example.com/d.pdf\r\n");
    const auto dry = bottega.run({u"product"_s, u"import-csv"_s, good, u"--dry-run"_s, u"--json"_s});
    ASSERT_EQ(dry.exitCode, 0) << qPrintable(dry.err);
    const QJsonObject report = parseJson(dry.out).object();
    EXPECT_FALSE(report.value(u"applied"_s).toBool());
    EXPECT_EQ(report.value(u"changes"_s).toArray().size(), 2);
    EXPECT_EQ(showJson().value(u"variants"_s).toArray().at(2).toObject().value(u"productUid"_s).toString(),
              u"apparel_tshirt_l_red"_s);

    const QString bad = writeFile(u"bad.csv"_s,
                                  "SKU,Product UID,Design File URL\r\nTS-M-O,uid_ok,\r\nNOPE,uid,\r\n"
                                  "TS-L-O,,mailto:x@example.com\r\n");
    const auto failed = bottega.run({u"product"_s, u"import-csv"_s, bad});
    EXPECT_EQ(failed.exitCode, 1);
    EXPECT_TRUE(failed.out.contains(u"row 3: unknown SKU \"NOPE\""_s)) << qPrintable(failed.out);
    EXPECT_TRUE(failed.out.contains(u"row 4:"_s)) << qPrintable(failed.out);
    EXPECT_TRUE(failed.err.contains(u"nothing changed"_s)) << qPrintable(failed.err);
    EXPECT_EQ(showJson().value(u"variants"_s).toArray().at(0).toObject().value(u"productUid"_s).toString(),
              u"apparel_tshirt_m_orange"_s);

    const auto applied = bottega.run({u"product"_s, u"import-csv"_s, good});
    EXPECT_EQ(applied.exitCode, 0) << qPrintable(applied.err);
    EXPECT_TRUE(applied.out.contains(u"2 changes applied"_s)) << qPrintable(applied.out);
    const QJsonObject product = showJson();
    EXPECT_EQ(product.value(u"variants"_s).toArray().at(2).toObject().value(u"productUid"_s).toString(),
              u"new_uid"_s);
    EXPECT_EQ(product.value(u"printImages"_s).toArray().size(), 1);
}

} // namespace
