// CatalogBrowserDialog, through the CatalogBrowsing use case, against the Gelato fake over loopback:
// catalogs listed, the selected one's attributes and values shown and filtered, a product search with
// the checked values, a product's prices (by quantity), stock and shipment methods from the seed's
// payloads, a refused key shown inline; rendered.
#include "core/products/CatalogBrowsing.h"
#include "tests/support/TestUtil.h"
#include "tests/support/fakes/GelatoTestRig.h"
#include "ui/models/CatalogProductModel.h"
#include "ui/pages/CatalogBrowserDialog.h"
#include "ui/widgets/InlineMessage.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QListWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTreeWidget>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

int visibleValues(QTreeWidget *tree)
{
    int count = 0;
    for (int row = 0; row < tree->topLevelItemCount(); ++row)
        for (int child = 0; child < tree->topLevelItem(row)->childCount(); ++child)
            count += tree->topLevelItem(row)->child(child)->isHidden() ? 0 : 1;
    return count;
}

TEST(CatalogBrowserTest, ListsCatalogsAndShowsTheSelectedOnesAttributes)
{
    GelatoTestRig rig;
    ASSERT_TRUE(rig.started);
    CatalogBrowsing catalog(rig.gelato);
    CatalogBrowserDialog browser(&catalog);
    ASSERT_TRUE(waitUntil([&] { return !browser.isBusy() && browser.catalogList()->count() > 0; }));
    EXPECT_EQ(browser.catalogList()->count(), 3);
    EXPECT_EQ(browser.catalogList()->item(1)->text(), u"Posters"_s);

    browser.catalogList()->setCurrentRow(1);
    ASSERT_TRUE(
            waitUntil([&] { return !browser.isBusy() && browser.attributeTree()->topLevelItemCount() > 0; }));
    QTreeWidget *tree = browser.attributeTree();
    EXPECT_EQ(tree->topLevelItem(0)->text(1), u"Orientation"_s);
    EXPECT_EQ(tree->topLevelItem(0)->child(0)->text(0), u"Landscape"_s);
    EXPECT_EQ(tree->topLevelItem(0)->child(0)->text(1), u"hor"_s);

    const int all = visibleValues(tree);
    browser.setFilterText(u"portrait"_s);
    EXPECT_EQ(visibleValues(tree), 1);
    EXPECT_FALSE(tree->topLevelItem(0)->isHidden());
    browser.setFilterText(QString());
    EXPECT_EQ(visibleValues(tree), all);

    browser.resize(1100, 700);
    browser.show();
    QApplication::processEvents();
    const QPixmap shot = browser.grab();
    ASSERT_FALSE(shot.isNull());
    shot.save(QDir::temp().filePath(u"bottega-catalog-browser.png"_s));
}

TEST(CatalogBrowserTest, SearchesWithTheCheckedValuesAndShowsAProductsPricesStockAndShipping)
{
    GelatoTestRig rig;
    ASSERT_TRUE(rig.started);
    CatalogBrowsing catalog(rig.gelato);
    CatalogBrowserDialog browser(&catalog);
    // Fatal: a model that breaks Qt's rules aborts the suite rather than passing quietly.
    QAbstractItemModelTester tester(browser.productModel(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_TRUE(waitUntil([&] { return !browser.isBusy() && browser.catalogList()->count() > 0; }));
    browser.catalogList()->setCurrentRow(1);
    ASSERT_TRUE(
            waitUntil([&] { return !browser.isBusy() && browser.attributeTree()->topLevelItemCount() > 0; }));

    browser.setValueChecked(u"PaperFormat"_s, u"A2"_s, true);
    browser.setValueChecked(u"PaperFormat"_s, u"A1"_s, true);
    browser.setValueChecked(u"Orientation"_s, u"ver"_s, true);
    const QMap<QString, QStringList> filters = browser.attributeFilters();
    EXPECT_EQ(filters.value(u"PaperFormat"_s), (QStringList {u"A1"_s, u"A2"_s}));
    EXPECT_EQ(filters.value(u"Orientation"_s), QStringList {u"ver"_s});

    rig.fake.clearRequests();
    browser.search();
    ASSERT_TRUE(waitUntil([&] { return !browser.isBusy() && browser.productModel()->rowCount() > 0; }));
    const QList<RecordedRequest> searches
            = rig.fake.requests(u"/product/v3/catalogs/posters/products:search"_s);
    ASSERT_EQ(searches.size(), 1);
    const QJsonObject sent = searches.first().json().object().value(u"attributeFilters"_s).toObject();
    EXPECT_EQ(sent.value(u"Orientation"_s).toArray(), (QJsonArray {u"ver"_s}));
    EXPECT_EQ(sent.value(u"PaperFormat"_s).toArray().size(), 2);

    CatalogProductModel *products = browser.productModel();
    ASSERT_EQ(products->rowCount(), 1);
    const QString uid = products->index(0, CatalogProductModel::UidColumn).data().toString();
    EXPECT_TRUE(uid.startsWith(u"8pp-accordion-fold_pf_dl"_s)) << uid.toStdString();
    EXPECT_EQ(products->index(0, 0).data(CatalogProductModel::UidRole).toString(), uid);
    const QString attributes = products->index(0, CatalogProductModel::AttributesColumn).data().toString();
    EXPECT_TRUE(attributes.contains(u"PaperFormat DL"_s)) << attributes.toStdString();
    EXPECT_FALSE(attributes.contains(u"ProductStatus"_s));
    EXPECT_DOUBLE_EQ(products->index(0, CatalogProductModel::WeightColumn)
                             .data(CatalogProductModel::RawRole)
                             .toDouble(),
                     12.308);

    browser.setCountry(u"it"_s);
    browser.setCurrency(u"eur"_s);
    browser.productTable()->selectRow(0);
    ASSERT_TRUE(waitUntil([&] {
        return !browser.isBusy() && browser.priceTable()->rowCount() > 0
                && browser.stockTable()->rowCount() > 0 && browser.shipmentTable()->rowCount() > 0;
    }));
    const RecordedRequest prices
            = rig.fake.requests(u"/product/v3/products/"_s + uid + u"/prices"_s).value(0);
    EXPECT_EQ(prices.query.queryItemValue(u"country"_s), u"IT"_s);
    EXPECT_EQ(prices.query.queryItemValue(u"currency"_s), u"EUR"_s);
    const RecordedRequest shipping = rig.fake.requests(u"/shipment/v1/shipment-methods"_s).value(0);
    EXPECT_EQ(shipping.query.queryItemValue(u"country"_s), u"IT"_s);

    // Prices by quantity, smallest first (the seed sends 700, 20, 400).
    QTableWidget *priceTable = browser.priceTable();
    ASSERT_EQ(priceTable->rowCount(), 3);
    EXPECT_EQ(priceTable->item(0, 0)->text(), u"20"_s);
    EXPECT_EQ(priceTable->item(2, 0)->text(), u"700"_s);
    EXPECT_EQ(priceTable->item(0, 2)->text(), u"USD"_s);
    EXPECT_EQ(browser.stockTable()->rowCount(), 21);
    EXPECT_EQ(browser.stockTable()->item(0, 1)->text(), u"US-CA"_s);
    EXPECT_EQ(browser.stockTable()->item(1, 2)->text(), u"out-of-stock-replenishable"_s);
    EXPECT_EQ(browser.stockTable()->item(1, 3)->text(), u"2022-02-13"_s);
    ASSERT_EQ(browser.shipmentTable()->rowCount(), 4);
    EXPECT_EQ(browser.shipmentTable()->item(0, 0)->text(), u"DHL Global Parcel"_s);
    EXPECT_EQ(browser.shipmentTable()->item(0, 1)->text(), u"normal"_s);
    EXPECT_TRUE(browser.message()->text().isEmpty()) << browser.message()->text().toStdString();

    browser.resize(1100, 700);
    browser.show();
    QApplication::processEvents();
    const QPixmap shot = browser.grab();
    ASSERT_FALSE(shot.isNull());
    shot.save(QDir::temp().filePath(u"bottega-catalog-products.png"_s));
}

TEST(CatalogBrowserTest, ShowsAFailedSearchInline)
{
    GelatoTestRig rig;
    ASSERT_TRUE(rig.started);
    CatalogBrowsing catalog(rig.gelato);
    CatalogBrowserDialog browser(&catalog);
    ASSERT_TRUE(waitUntil([&] { return !browser.isBusy() && browser.catalogList()->count() > 0; }));
    browser.catalogList()->setCurrentRow(1);
    ASSERT_TRUE(
            waitUntil([&] { return !browser.isBusy() && browser.attributeTree()->topLevelItemCount() > 0; }));
    rig.fake.setApiKey("another-key");
    browser.search();
    ASSERT_TRUE(waitUntil([&] { return !browser.isBusy(); }));
    EXPECT_EQ(browser.productModel()->rowCount(), 0);
    EXPECT_EQ(browser.message()->type(), InlineMessage::Type::Error);
    EXPECT_TRUE(browser.message()->text().contains(u"Gelato refused the API key"_s))
            << browser.message()->text().toStdString();
}

TEST(CatalogBrowserTest, ShowsARefusedKeyInline)
{
    GelatoTestRig rig;
    ASSERT_TRUE(rig.started);
    rig.fake.setApiKey("another-key");
    CatalogBrowsing catalog(rig.gelato);
    CatalogBrowserDialog browser(&catalog);
    ASSERT_TRUE(waitUntil([&] { return !browser.isBusy(); }));
    EXPECT_EQ(browser.catalogList()->count(), 0);
    EXPECT_EQ(browser.message()->type(), InlineMessage::Type::Error);
    EXPECT_TRUE(browser.message()->text().contains(u"Gelato refused the API key"_s))
            << browser.message()->text().toStdString();
}

TEST(CatalogBrowserTest, WithoutGelatoSaysHowToSetItUp)
{
    CatalogBrowserDialog browser(nullptr);
    EXPECT_FALSE(browser.isBusy());
    EXPECT_TRUE(browser.message()->text().contains(u"Settings"_s));
}

} // namespace
} // namespace Bottega::Test
