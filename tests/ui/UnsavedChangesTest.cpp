// No lost edits (issue 13): the product, variant and order editors mark unsaved changes in their
// title (Qt's windowModified with "[*]") and ask Save / Discard / Cancel before Close, Esc or the
// window's close button would throw them away; each answer is tested, and nothing is asked when
// nothing changed.
#include "core/store/ProductRepository.h"
#include "core/store/SalesOrderRepository.h"
#include "core/store/VariantRepository.h"
#include "tests/ui/ConfirmAnswerer.h"
#include "tests/ui/OrderFixture.h"
#include "ui/pages/OrderEditorDialog.h"
#include "ui/pages/ProductEditorDialog.h"
#include "ui/pages/VariantEditorDialog.h"

#include <QApplication>
#include <QLineEdit>
#include <QSpinBox>
#include <QTest>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class UnsavedChangesTest : public OrderFixture
{
protected:
    static void typeInto(QLineEdit *edit, const QString &text)
    {
        ASSERT_TRUE(edit);
        edit->setFocus();
        QTest::keyClicks(edit, text);
    }

    static void pressEscape(QDialog &dialog)
    {
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QApplication::processEvents();
    }
};

TEST_F(UnsavedChangesTest, TheProductEditorAsksBeforeThrowingAwayATypedName)
{
    const qint64 id = store(tShirt());
    ProductEditorDialog editor(&db(), nullptr, id);
    editor.show();
    EXPECT_TRUE(editor.windowTitle().endsWith(u"[*]"_s)) << editor.windowTitle().toStdString();
    EXPECT_FALSE(editor.isWindowModified()) << "loading is not an edit";

    auto *name = editor.findChild<QLineEdit *>(u"nameField"_s);
    typeInto(name, u" Deluxe"_s);
    EXPECT_TRUE(editor.isWindowModified());

    {
        ConfirmAnswerer cancel(Confirm::Answer::Cancel);
        pressEscape(editor);
        ASSERT_EQ(cancel.questions().size(), 1);
        EXPECT_TRUE(cancel.questions().at(0).unsavedChanges);
        EXPECT_TRUE(editor.isVisible()) << "Cancel keeps the editor open";
        EXPECT_EQ(name->text(), u"T-shirt Deluxe"_s) << "with what was typed";
    }
    {
        ConfirmAnswerer save(Confirm::Answer::Yes);
        editor.close(); // the window's close button
        EXPECT_EQ(save.questions().size(), 1);
        EXPECT_FALSE(editor.isVisible());
    }
    EXPECT_EQ(ProductRepository(db()).get(id)->name, u"T-shirt Deluxe"_s);
    EXPECT_FALSE(editor.isWindowModified());
}

TEST_F(UnsavedChangesTest, DiscardClosesTheProductEditorAndStoresNothing)
{
    const qint64 id = store(tShirt());
    ProductEditorDialog editor(&db(), nullptr, id);
    editor.show();
    typeInto(editor.findChild<QLineEdit *>(u"nameField"_s), u" Deluxe"_s);

    ConfirmAnswerer discard(Confirm::Answer::No);
    pressEscape(editor);

    EXPECT_EQ(discard.questions().size(), 1);
    EXPECT_FALSE(editor.isVisible());
    EXPECT_EQ(ProductRepository(db()).get(id)->name, u"T-shirt"_s);
}

TEST_F(UnsavedChangesTest, NothingIsAskedWhenNothingChangedOrAfterSaving)
{
    const qint64 id = store(tShirt());
    {
        // UnexpectedQuestions fails the test if a question comes.
        ProductEditorDialog editor(&db(), nullptr, id);
        editor.show();
        pressEscape(editor);
        EXPECT_FALSE(editor.isVisible());
    }
    ProductEditorDialog editor(&db(), nullptr, id);
    editor.show();
    typeInto(editor.findChild<QLineEdit *>(u"nameField"_s), u" Deluxe"_s);
    ASSERT_TRUE(editor.save());
    EXPECT_FALSE(editor.isWindowModified());
    pressEscape(editor);
    EXPECT_FALSE(editor.isVisible());
}

TEST_F(UnsavedChangesTest, ASaveThatIsRefusedKeepsTheProductEditorOpen)
{
    const qint64 id = store(tShirt());
    ProductEditorDialog editor(&db(), nullptr, id);
    editor.show();
    auto *name = editor.findChild<QLineEdit *>(u"nameField"_s);
    name->selectAll();
    QTest::keyClick(name, Qt::Key_Backspace); // an empty name is refused

    ConfirmAnswerer save(Confirm::Answer::Yes);
    pressEscape(editor);

    EXPECT_EQ(save.questions().size(), 1);
    EXPECT_TRUE(editor.isVisible()) << "the refusal is shown, nothing is lost";
    EXPECT_TRUE(editor.isWindowModified());
    EXPECT_EQ(ProductRepository(db()).get(id)->name, u"T-shirt"_s);
}

TEST_F(UnsavedChangesTest, TheVariantEditorAsksAndSaves)
{
    const qint64 id = store(tShirt());
    const Product product = *ProductRepository(db()).get(id);
    const qint64 variantId = product.variants.at(0).id;
    VariantEditorDialog dialog(&db(), product, variantId);
    dialog.show();
    EXPECT_FALSE(dialog.isWindowModified());
    typeInto(dialog.eanField(), u"96385074"_s);
    EXPECT_TRUE(dialog.isWindowModified());

    ConfirmAnswerer save(Confirm::Answer::Yes);
    pressEscape(dialog);

    EXPECT_EQ(save.questions().size(), 1);
    EXPECT_FALSE(dialog.isVisible());
    EXPECT_EQ(VariantRepository(db()).get(variantId)->ean, u"96385074"_s);
}

TEST_F(UnsavedChangesTest, TheOrderEditorAsksBeforeLosingTypedFields)
{
    const qint64 id = create(readyOrder(u"WEB-UNSAVED"_s));
    OrderEditorDialog editor(&db(), &service(), id);
    editor.show();
    EXPECT_FALSE(editor.isWindowModified());
    typeInto(editor.referenceEdit(), u"-2"_s);
    EXPECT_TRUE(editor.isWindowModified());
    EXPECT_TRUE(editor.windowTitle().endsWith(u"[*]"_s));

    {
        ConfirmAnswerer cancel(Confirm::Answer::Cancel);
        pressEscape(editor);
        EXPECT_EQ(cancel.questions().size(), 1);
        EXPECT_TRUE(editor.isVisible());
    }
    ConfirmAnswerer discard(Confirm::Answer::No);
    pressEscape(editor);
    EXPECT_EQ(discard.questions().size(), 1);
    EXPECT_FALSE(editor.isVisible());
    EXPECT_EQ(SalesOrderRepository(db()).get(id)->reference, u"WEB-UNSAVED"_s);

    // A new order nobody typed into closes without a question.
    OrderEditorDialog empty(&db(), &service(), 0);
    empty.show();
    pressEscape(empty);
    EXPECT_FALSE(empty.isVisible());
}

} // namespace
} // namespace Bottega::Test
