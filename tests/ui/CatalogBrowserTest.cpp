// CatalogBrowserDialog against the Gelato fake over loopback: catalogs listed, the selected one's
// attributes and values shown and filtered, a refused key shown inline; rendered for a person to see.
#include "tests/support/TestUtil.h"
#include "tests/support/fakes/GelatoTestRig.h"
#include "ui/pages/CatalogBrowserDialog.h"
#include "ui/widgets/InlineMessage.h"

#include <QApplication>
#include <QDir>
#include <QListWidget>
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
    CatalogBrowserDialog browser(&rig.gelato);
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

TEST(CatalogBrowserTest, ShowsARefusedKeyInline)
{
    GelatoTestRig rig;
    ASSERT_TRUE(rig.started);
    rig.fake.setApiKey("another-key");
    CatalogBrowserDialog browser(&rig.gelato);
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
