// Order entry that helps (issue 13, point 3), in the real editor offscreen: nothing marked on an
// untouched new form, problems shown per touched field and all of them after Save; "same as
// customer" for the shipping address; the country chosen by its name in the reader's language and
// stored as its ISO code; an Italian "2O1" refused at the post code; an order without customer is
// not saved; the line picker marks variants with incomplete print images (not addable) and shows
// each variant's own SKU; banners appear without moving the fields or the buttons.
#include "core/store/SalesOrderRepository.h"
#include "core/store/VariantRepository.h"
#include "tests/ui/OrderFixture.h"
#include "ui/pages/OrderEditorDialog.h"
#include "ui/pages/OrderLinesPanel.h"
#include "ui/widgets/AddressForm.h"
#include "ui/widgets/CountryBox.h"
#include "ui/widgets/InlineMessage.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class OrderEntryTest : public OrderFixture
{
protected:
    void TearDown() override
    {
        QLocale::setDefault(QLocale::c());
        OrderFixture::TearDown();
    }

    static void retype(QLineEdit *edit, const QString &text)
    {
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }
};

TEST_F(OrderEntryTest, ProblemsShowForTouchedFieldsThenAllAfterSave)
{
    OrderEditorDialog editor(&db(), &service(), 0);
    AddressForm *form = editor.shippingAddress();
    ASSERT_FALSE(form->problems().isEmpty());
    for (const QString &field : AddressForm::fieldNames())
        EXPECT_TRUE(form->fieldError(field).isEmpty()) << field.toStdString();

    retype(form->field(u"city"_s), u"Milano"_s);
    retype(form->field(u"city"_s), QString()); // touched, then emptied
    EXPECT_TRUE(form->fieldError(u"city"_s).contains(u"required"_s)) << form->fieldError(u"city"_s).toStdString();
    EXPECT_TRUE(form->fieldError(u"addressLine1"_s).isEmpty()); // not touched yet
    EXPECT_FALSE(editor.problemsMessage()->hasMessage());

    EXPECT_FALSE(editor.save());
    EXPECT_TRUE(form->fieldError(u"addressLine1"_s).contains(u"required"_s));
    EXPECT_TRUE(editor.problemsMessage()->hasMessage());
    EXPECT_EQ(SalesOrderRepository(db()).count({}).value(), 0); // an empty order is never stored
}

TEST_F(OrderEntryTest, TheShippingAddressCanBeTheCustomersOwn)
{
    OrderEditorDialog editor(&db(), &service(), 0);
    ASSERT_TRUE(editor.sameAsCustomer()->isChecked()); // a new order starts so
    AddressForm *form = editor.shippingAddress();
    QTest::keyClicks(editor.customerField(u"firstName"_s), u"Anna"_s);
    QTest::keyClicks(editor.customerField(u"lastName"_s), u"Rossi"_s);
    QTest::keyClicks(editor.customerField(u"email"_s), u"anna@example.com"_s);
    EXPECT_EQ(form->field(u"firstName"_s)->text(), u"Anna"_s);
    EXPECT_EQ(form->field(u"lastName"_s)->text(), u"Rossi"_s);
    EXPECT_EQ(form->field(u"email"_s)->text(), u"anna@example.com"_s);
    EXPECT_TRUE(form->field(u"firstName"_s)->isReadOnly());
    EXPECT_FALSE(form->field(u"city"_s)->isReadOnly());

    retype(form->field(u"addressLine1"_s), u"Via Roma 1"_s);
    retype(form->field(u"city"_s), u"Milano"_s);
    retype(form->field(u"postCode"_s), u"20121"_s);
    form->countryBox()->setCode(u"IT"_s);
    ASSERT_TRUE(editor.lines()->pickVariant(variantIds().at(0)));
    ASSERT_TRUE(editor.lines()->addPickedLine());
    ASSERT_TRUE(editor.save()) << editor.message()->text().toStdString();
    const auto stored = SalesOrderRepository(db()).get(editor.order().id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->shippingAddress.firstName, u"Anna"_s);
    EXPECT_EQ(stored->shippingAddress.email, u"anna@example.com"_s);
    EXPECT_EQ(stored->shippingAddress.country, u"IT"_s);
    EXPECT_TRUE(editor.sameAsCustomer()->isChecked()); // read back as the same

    editor.sameAsCustomer()->setChecked(false);
    EXPECT_FALSE(form->field(u"firstName"_s)->isReadOnly());
    retype(form->field(u"firstName"_s), u"Marco"_s);
    EXPECT_EQ(editor.orderFromForm().shippingAddress.firstName, u"Marco"_s);
    EXPECT_EQ(editor.orderFromForm().customerFirstName, u"Anna"_s);
}

TEST_F(OrderEntryTest, TheCountryIsChosenByItsNameInTheReadersLanguageAndStoredAsItsCode)
{
    EXPECT_EQ(CountryBox::countryName(u"DE"_s), u"Germany"_s);
    QLocale::setDefault(QLocale(QLocale::Italian, QLocale::Italy));
    EXPECT_EQ(CountryBox::countryName(u"DE"_s), u"Germania"_s);
    EXPECT_EQ(CountryBox::countryName(u"it"_s), u"Italia"_s);

    OrderEditorDialog editor(&db(), &service(), 0);
    CountryBox *country = editor.shippingAddress()->countryBox();
    const int germany = country->findData(u"DE"_s);
    ASSERT_GE(germany, 0);
    EXPECT_EQ(country->itemText(germany), u"Germania (DE)"_s);
    // In alphabetical order of the Italian names: Germania before Italia.
    EXPECT_LT(germany, country->findData(u"IT"_s));
    country->setCurrentIndex(germany);
    Q_EMIT country->activated(germany);
    EXPECT_EQ(editor.shippingAddress()->address().country, u"DE"_s);
    EXPECT_TRUE(editor.isWindowModified());
    // A code it does not know (an old row) is kept, not lost, and named by the check.
    country->setCode(u"XX"_s);
    EXPECT_EQ(editor.shippingAddress()->address().country, u"XX"_s);
}

TEST_F(OrderEntryTest, AnItalianPostCodeWithALetterIsRefusedAtTheField)
{
    const qint64 id = create(readyOrder(u"WEB-PC"_s));
    OrderEditorDialog editor(&db(), &service(), id);
    ASSERT_TRUE(editor.confirmButton()->isEnabled());
    retype(editor.shippingAddress()->field(u"postCode"_s), u"2O1"_s);
    const QString error = editor.shippingAddress()->fieldError(u"postCode"_s);
    EXPECT_EQ(error, u"post code \"2O1\" does not fit the format used in IT (for example 00184)"_s);
    EXPECT_FALSE(editor.confirmButton()->isEnabled());
    EXPECT_TRUE(editor.confirmButton()->toolTip().contains(u"2O1"_s));
}

TEST_F(OrderEntryTest, ThePickerMarksIncompleteVariantsAndShowsEachOwnSku)
{
    // A poster of two variants without SKUs of their own and a print area nobody has filled.
    Product poster;
    poster.name = u"Poster"_s;
    poster.sku = u"POSTER"_s;
    poster.placements = {u"default"_s};
    Variant small, large;
    small.title = u"Small"_s;
    small.gelatoProductUid = u"poster_s"_s;
    large.title = u"Large"_s;
    large.gelatoProductUid = u"poster_l"_s;
    poster.variants = {small, large};
    const qint64 posterId = store(poster);
    const auto variants = VariantRepository(db()).listForProduct(posterId);
    ASSERT_TRUE(variants.ok() && variants->size() == 2);

    OrderEditorDialog editor(&db(), &service(), 0);
    OrderLinesPanel *lines = editor.lines();
    QComboBox *picker = lines->picker();
    ASSERT_TRUE(lines->pickVariant(variants->at(0).id));
    const QString text = picker->currentText();
    EXPECT_FALSE(text.contains(u"POSTER"_s)) << text.toStdString(); // never the parent's SKU
    EXPECT_TRUE(text.contains(u"print images incomplete"_s)) << text.toStdString();
    auto *add = lines->findChild<QPushButton *>(u"addLineButton"_s);
    ASSERT_TRUE(add);
    EXPECT_FALSE(add->isEnabled());
    EXPECT_TRUE(add->toolTip().contains(u"print images"_s)) << add->toolTip().toStdString();
    EXPECT_FALSE(lines->addPickedLine());
    EXPECT_EQ(lines->table()->rowCount(), 0);
    EXPECT_TRUE(lines->message()->text().contains(u"print images are complete"_s))
            << lines->message()->text().toStdString();

    // The T-shirt's variants each show their own SKU, and can be added.
    ASSERT_TRUE(lines->pickVariant(variantIds().at(2)));
    const auto shirt = VariantRepository(db()).get(variantIds().at(2));
    EXPECT_TRUE(picker->currentText().contains(u"(%1)"_s.arg(shirt->sku))) << picker->currentText().toStdString();
    EXPECT_TRUE(add->isEnabled());
    EXPECT_TRUE(lines->addPickedLine());
}

TEST_F(OrderEntryTest, BannersAppearWithoutMovingFieldsOrButtons)
{
    OrderEditorDialog editor(&db(), &service(), 0);
    editor.resize(960, 680);
    editor.show();
    QApplication::processEvents();
    QWidget *save = editor.findChild<QPushButton *>(u"saveButton"_s);
    ASSERT_TRUE(save);
    const QPoint saveAt = save->mapTo(&editor, QPoint());
    const QPoint confirmAt = editor.confirmButton()->mapTo(&editor, QPoint());
    const QPoint tabsAt = editor.tabs()->mapTo(&editor, QPoint());
    editor.tabs()->setCurrentIndex(OrderEditorDialog::AddressesTab);
    QApplication::processEvents();
    QLineEdit *country = editor.shippingAddress()->field(u"phone"_s);
    const QPoint phoneAt = country->mapTo(&editor, QPoint());

    EXPECT_FALSE(editor.save()); // the problems banner and the refusal appear
    editor.tabs()->setCurrentIndex(OrderEditorDialog::AddressesTab);
    QApplication::processEvents();
    ASSERT_TRUE(editor.problemsMessage()->isVisible());
    ASSERT_TRUE(editor.message()->isVisible());
    EXPECT_EQ(save->mapTo(&editor, QPoint()), saveAt);
    EXPECT_EQ(editor.confirmButton()->mapTo(&editor, QPoint()), confirmAt);
    EXPECT_EQ(editor.tabs()->mapTo(&editor, QPoint()), tabsAt);
    // Every field's problem line was there, empty: the fields under them stay put.
    EXPECT_FALSE(editor.shippingAddress()->fieldError(u"city"_s).isEmpty());
    EXPECT_EQ(country->mapTo(&editor, QPoint()), phoneAt);

    // With BOTTEGA_UI_SCREENSHOT_DIR set, the form after Save is saved there, to look at.
    if (const QString dir = qEnvironmentVariable("BOTTEGA_UI_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QDir().mkpath(dir);
        for (int tab : {int(OrderEditorDialog::OrderTab), int(OrderEditorDialog::AddressesTab)}) {
            editor.tabs()->setCurrentIndex(tab);
            QApplication::processEvents();
            editor.grab().save(QDir(dir).filePath(u"en-new-order-after-save-%1.png"_s.arg(tab)));
        }
    }
}

} // namespace
} // namespace Bottega::Test
