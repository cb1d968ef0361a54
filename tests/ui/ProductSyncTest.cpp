// The Gelato parts of the products pages against the Gelato fake over loopback: Synchronize in the
// product editor (progress, result message, errors), "New from Gelato template…" on the list, and
// the Settings page's "Test connection" (CONF-6).
#include "core/connections/ConnectionTest.h"
#include "core/store/ProductRepository.h"
#include "tests/support/TestUtil.h"
#include "tests/support/fakes/GelatoTestRig.h"
#include "tests/ui/ProductFixture.h"
#include "ui/AppContext.h"
#include "ui/models/ProductTableModel.h"
#include "ui/models/VariantTableModel.h"
#include "ui/pages/PrintImagesPanel.h"
#include "ui/pages/ProductEditorDialog.h"
#include "ui/pages/ProductListPage.h"
#include "ui/pages/SettingsPage.h"
#include "ui/widgets/InlineMessage.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class ProductSyncTest : public ProductFixture
{
protected:
    void SetUp() override
    {
        ProductFixture::SetUp();
        ASSERT_TRUE(rig.started);
    }

    qint64 plainProduct(const QString &templateId = {})
    {
        Product product;
        product.name = u"Tee to link"_s;
        product.gelatoTemplateId = templateId;
        return store(product);
    }

    GelatoTestRig rig;
};

TEST_F(ProductSyncTest, SynchronizeFillsVariantsAndPlacementsAndSaysWhatChanged)
{
    const qint64 id = plainProduct();
    ProductEditorDialog editor(&db(), &rig.gelato, id);
    auto *reference = editor.findChild<QLineEdit *>(u"templateReference"_s);
    auto *button = editor.findChild<QPushButton *>(u"synchronizeButton"_s);
    ASSERT_TRUE(button->isEnabled());
    reference->setText(QString::fromLatin1(GelatoFake::threeId));

    QTest::mouseClick(button, Qt::LeftButton);
    EXPECT_TRUE(editor.isSynchronizing());
    ASSERT_TRUE(waitUntil([&] { return !editor.isSynchronizing(); }));

    // "3 variant(s) created." until the English plural forms are loaded, "3 variants created." then.
    EXPECT_TRUE(editor.syncResultText().startsWith(u"3 variant"_s)) << editor.syncResultText().toStdString();
    EXPECT_TRUE(editor.syncResultText().endsWith(u" created."_s)) << editor.syncResultText().toStdString();
    EXPECT_EQ(editor.variantModel()->rowCount(), 3);
    EXPECT_EQ(editor.product().gelatoTemplateId, QString::fromLatin1(GelatoFake::threeId));
    EXPECT_EQ(editor.printImages()->table()->rowCount(), 2);
    EXPECT_EQ(editor.printImages()->missingPlacements(), (QStringList {u"default"_s, u"back"_s}));
    EXPECT_TRUE(editor.changed());

    // Twice: nothing changes the second time.
    editor.synchronize();
    ASSERT_TRUE(waitUntil([&] { return !editor.isSynchronizing(); }));
    EXPECT_EQ(editor.syncResultText(), u"Already up to date: nothing changed."_s);
    EXPECT_EQ(ProductRepository(db()).get(id)->variants.size(), 3);
}

TEST_F(ProductSyncTest, SynchronizeShowsGelatosRefusalAndStoresNothing)
{
    const qint64 id = plainProduct();
    ProductEditorDialog editor(&db(), &rig.gelato, id);
    editor.findChild<QLineEdit *>(u"templateReference"_s)->setText(u"no-such-template"_s);
    editor.synchronize();
    ASSERT_TRUE(waitUntil([&] { return !editor.isSynchronizing(); }));

    EXPECT_TRUE(editor.syncResultText().contains(u"no-such-template"_s))
            << editor.syncResultText().toStdString();
    EXPECT_EQ(editor.variantModel()->rowCount(), 0);
    EXPECT_TRUE(ProductRepository(db()).get(id)->variants.isEmpty());
    EXPECT_TRUE(editor.findChild<QPushButton *>(u"synchronizeButton"_s)->isEnabled());
}

TEST_F(ProductSyncTest, WithoutAGelatoClientSynchronizeIsDisabledAndSaysWhy)
{
    ProductEditorDialog editor(&db(), nullptr, plainProduct(u"tpl"_s));
    auto *button = editor.findChild<QPushButton *>(u"synchronizeButton"_s);
    EXPECT_FALSE(button->isEnabled());
    EXPECT_FALSE(button->toolTip().isEmpty());
    ProductListPage page(&db());
    EXPECT_FALSE(page.findChild<QPushButton *>(u"newFromTemplateButton"_s)->isEnabled());
}

TEST_F(ProductSyncTest, NewFromTemplateCreatesTheProductAndListsIt)
{
    ProductListPage page(&db(), &rig.gelato);
    EXPECT_EQ(page.model()->totalCount(), 0);
    QSignalSpy created(&page, &ProductListPage::productCreated);
    page.createFromTemplate(QString::fromLatin1(GelatoFake::threeId));
    ASSERT_TRUE(waitUntil([&] { return created.count() == 1; }));

    const qint64 id = created.first().first().toLongLong();
    EXPECT_EQ(page.model()->totalCount(), 1);
    EXPECT_EQ(page.model()->productAt(0).id, id);
    EXPECT_EQ(ProductRepository(db()).get(id)->variants.size(), 3);
    EXPECT_EQ(page.findChild<InlineMessage *>(u"pageMessage"_s)->type(), InlineMessage::Type::Positive);
}

TEST_F(ProductSyncTest, SettingsTestConnectionShowsGelatosAnswerInline)
{
    AppContext context;
    context.settings = &rig.settings;
    context.secrets = &rig.secrets;
    {
        SettingsPage without(context); // no ConnectionTest: nothing to ask with
        EXPECT_FALSE(without.findChild<QPushButton *>(u"gelatoTestButton"_s)->isEnabled());
    }
    ConnectionTest connections(&rig.gelato); // the use case of `bottega test-connection`
    context.connections = &connections;
    SettingsPage page(context);
    auto *button = page.findChild<QPushButton *>(u"gelatoTestButton"_s);
    auto *result = page.findChild<QLabel *>(u"gelatoTestResult"_s);
    ASSERT_TRUE(button && result);
    QTest::mouseClick(button, Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return button->isEnabled(); }));
    EXPECT_EQ(result->text(), u"Connected: Gelato accepted the API key."_s);
}

TEST_F(ProductSyncTest, SettingsTestConnectionNamesARefusedKey)
{
    rig.fake.setApiKey("another-key");
    ConnectionTest connections(&rig.gelato);
    AppContext context;
    context.settings = &rig.settings;
    context.connections = &connections;
    SettingsPage page(context);
    auto *button = page.findChild<QPushButton *>(u"gelatoTestButton"_s);
    auto *result = page.findChild<QLabel *>(u"gelatoTestResult"_s);
    QTest::mouseClick(button, Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return button->isEnabled(); }));
    EXPECT_TRUE(result->text().contains(u"Gelato refused the API key"_s)) << result->text().toStdString();
}

} // namespace
} // namespace Bottega::Test
