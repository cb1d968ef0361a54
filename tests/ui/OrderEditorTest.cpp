// OrderEditorDialog against the Gelato fake over loopback: live address validation naming each
// field, Confirm and Get rate blocked by the order's problems, Standard/Express rates, Confirm
// sending once, the Gelato tab's tracking links and costs, the timeline, ORD-2's refusal and
// Gelato's error shown verbatim.
#include "core/orders/OrderState.h"
#include "core/store/ProductRepository.h"
#include "core/store/SalesOrderRepository.h"
#include "core/store/VariantRepository.h"
#include "tests/support/TestUtil.h"
#include "tests/ui/ConfirmAnswerer.h"
#include "tests/ui/LengtheningTranslator.h"
#include "tests/ui/OrderFixture.h"
#include "ui/pages/OrderEditorDialog.h"
#include "ui/pages/OrderGelatoPanel.h"
#include "ui/pages/OrderLinesPanel.h"
#include "ui/pages/OrderListPage.h"
#include "ui/pages/OrderShippingPanel.h"
#include "ui/pages/OrderTimelinePanel.h"
#include "ui/widgets/AddressForm.h"
#include "ui/widgets/InlineMessage.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class OrderEditorTest : public OrderFixture
{
protected:
    // Types into a field of the shipping address as a user would (textEdited fires per key).
    static void type(AddressForm *form, const QString &field, const QString &text)
    {
        QLineEdit *edit = form->field(field);
        ASSERT_TRUE(edit) << field.toStdString();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }

    bool waitIdle(const OrderEditorDialog &editor)
    {
        return waitUntil([&] { return !editor.isBusy(); }, 8000);
    }
};

TEST_F(OrderEditorTest, TheAddressIsCheckedAsTheUserTypesNamingEachBadField)
{
    OrderEditorDialog editor(&db(), &service(), 0);
    editor.sameAsCustomer()->setChecked(false); // the names are typed into the address itself
    AddressForm *form = editor.shippingAddress();
    form->setAddress(address());
    EXPECT_TRUE(form->problems().isEmpty());
    EXPECT_TRUE(form->fieldError(u"postCode"_s).isEmpty());

    type(form, u"postCode"_s, u"1234567890123456"_s); // 16: Gelato's limit is 15
    EXPECT_TRUE(form->fieldError(u"postCode"_s).contains(u"15"_s))
            << form->fieldError(u"postCode"_s).toStdString();
    EXPECT_TRUE(form->fieldError(u"postCode"_s).contains(u"post code"_s, Qt::CaseInsensitive));
    EXPECT_FALSE(form->field(u"postCode"_s)->styleSheet().isEmpty()); // marked

    type(form, u"city"_s, QString());
    EXPECT_TRUE(form->fieldError(u"city"_s).contains(u"city"_s, Qt::CaseInsensitive))
            << form->fieldError(u"city"_s).toStdString();
    EXPECT_TRUE(form->fieldError(u"city"_s).contains(u"required"_s))
            << form->fieldError(u"city"_s).toStdString();
    EXPECT_TRUE(form->fieldError(u"firstName"_s).isEmpty());

    type(form, u"city"_s, u"Milano"_s);
    type(form, u"postCode"_s, u"20121"_s);
    EXPECT_TRUE(form->fieldError(u"city"_s).isEmpty());
    EXPECT_TRUE(form->fieldError(u"postCode"_s).isEmpty());
    EXPECT_TRUE(form->field(u"postCode"_s)->styleSheet().isEmpty());
    EXPECT_TRUE(form->problems().isEmpty());
}

TEST_F(OrderEditorTest, ProblemsBlockConfirmAndGetRateWithTheirMessages)
{
    SalesOrder order = readyOrder(u"WEB-1"_s);
    order.shippingAddress.city.clear();
    const qint64 id = create(order);
    OrderEditorDialog editor(&db(), &service(), id);

    ASSERT_FALSE(editor.problems().isEmpty());
    EXPECT_FALSE(editor.confirmButton()->isEnabled());
    EXPECT_FALSE(editor.draftButton()->isEnabled());
    EXPECT_FALSE(editor.shipping()->getRateButton()->isEnabled());
    EXPECT_TRUE(editor.problemsMessage()->hasMessage());
    EXPECT_TRUE(editor.problemsMessage()->text().contains(u"city"_s))
            << editor.problemsMessage()->text().toStdString();
    EXPECT_TRUE(editor.confirmButton()->toolTip().contains(u"city"_s));
    EXPECT_TRUE(editor.shipping()->getRateButton()->toolTip().contains(u"city"_s));

    type(editor.shippingAddress(), u"city"_s, u"Milano"_s); // fixed as typed: unblocked at once
    EXPECT_TRUE(editor.problems().isEmpty());
    EXPECT_FALSE(editor.problemsMessage()->hasMessage());
    EXPECT_TRUE(editor.confirmButton()->isEnabled());
    EXPECT_TRUE(editor.shipping()->getRateButton()->isEnabled());
    EXPECT_EQ(rig().fake.orders().orderCount(), 0);
}

TEST_F(OrderEditorTest, GetRateShowsStandardAndExpressAndTheChoiceIsKept)
{
    const qint64 id = create(readyOrder(u"WEB-2"_s));
    OrderEditorDialog editor(&db(), &service(), id);
    editor.getRate();
    EXPECT_TRUE(editor.isBusy());
    ASSERT_TRUE(waitIdle(editor));
    ASSERT_EQ(editor.shipping()->rates().size(), 2) << editor.message()->text().toStdString();
    QTableWidget *rates = editor.shipping()->rateTable();
    ASSERT_EQ(rates->rowCount(), 2);
    EXPECT_EQ(rates->item(0, OrderShippingPanel::TypeColumn)->text(), u"Standard"_s);
    EXPECT_EQ(rates->item(1, OrderShippingPanel::TypeColumn)->text(), u"Express"_s);
    EXPECT_EQ(rates->item(0, OrderShippingPanel::PriceColumn)->text(), u"5.00 EUR"_s);
    EXPECT_EQ(rates->item(1, OrderShippingPanel::PriceColumn)->text(), u"20.00 EUR"_s);
    EXPECT_FALSE(rates->item(0, OrderShippingPanel::DeliveryColumn)->text().isEmpty());
    editor.resize(960, 680);
    editor.show();
    QApplication::processEvents();
    editor.grab().save(QDir::temp().filePath(u"bottega-order-rates.png"_s));

    editor.shipping()->choose(1);
    const auto stored = SalesOrderRepository(db()).get(id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->shippingType, u"express"_s);
    EXPECT_EQ(stored->shipmentMethodUid, editor.shipping()->rates().at(1).shipmentMethodUid);
    EXPECT_FALSE(stored->shipmentMethodUid.isEmpty());
    EXPECT_TRUE(editor.shipping()->chosenLabel()->text().contains(stored->shipmentMethodUid));
}

TEST_F(OrderEditorTest, GelatosRefusalIsShownVerbatim)
{
    const qint64 id = create(readyOrder(u"WEB-3"_s));
    OrderEditorDialog editor(&db(), &service(), id);
    rig().fake.orders().refuseNext(rig().fake.orders().quotePath(), 400, u"Country IT is not served today"_s);
    editor.getRate();
    ASSERT_TRUE(waitIdle(editor));
    EXPECT_EQ(editor.shipping()->message()->type(), InlineMessage::Type::Error);
    EXPECT_TRUE(editor.shipping()->message()->text().contains(u"Country IT is not served today"_s))
            << editor.shipping()->message()->text().toStdString();
    EXPECT_FALSE(editor.message()->hasMessage()); // said once, where the rates go
    EXPECT_TRUE(editor.shipping()->rates().isEmpty());
}

TEST_F(OrderEditorTest, ConfirmSendsOnceThenShowsGelatoTrackingAndTheTimeline)
{
    const qint64 id = create(readyOrder(u"WEB-4"_s));
    OrderEditorDialog editor(&db(), &service(), id);
    ASSERT_TRUE(editor.confirmButton()->isEnabled()) << editor.problemsMessage()->text().toStdString();
    editor.confirm();
    EXPECT_FALSE(editor.confirmButton()->isEnabled()); // busy
    ASSERT_TRUE(waitIdle(editor));
    ASSERT_EQ(editor.message()->type(), InlineMessage::Type::Positive)
            << editor.message()->text().toStdString();
    ASSERT_EQ(rig().fake.orders().orderCount(), 1);
    const QString gelatoId = rig().fake.orders().orders().constFirst().value(u"id"_s).toString();
    EXPECT_EQ(editor.order().state, OrderState::Sent);
    EXPECT_EQ(editor.gelato()->gelatoOrderId(), gelatoId);
    EXPECT_FALSE(editor.confirmButton()->isEnabled()); // sent: not twice
    EXPECT_TRUE(editor.refreshButton()->isEnabled());
    EXPECT_TRUE(editor.cancelButton()->isEnabled());
    EXPECT_TRUE(editor.referenceEdit()->isReadOnly());

    ASSERT_TRUE(rig().fake.orders().setOrderStatus(gelatoId, u"shipped"_s));
    editor.refreshFromGelato();
    ASSERT_TRUE(waitIdle(editor));
    ASSERT_EQ(editor.message()->type(), InlineMessage::Type::Positive)
            << editor.message()->text().toStdString();
    EXPECT_EQ(editor.order().state, OrderState::Shipped);
    ASSERT_FALSE(editor.order().packages.isEmpty());
    const OrderPackage package = editor.order().packages.constFirst();
    QLabel *packages = editor.gelato()->packagesLabel();
    EXPECT_TRUE(packages->openExternalLinks());
    EXPECT_TRUE(packages->text().contains(u"<a href=\"%1\">"_s.arg(package.trackingUrl.toHtmlEscaped())))
            << packages->text().toStdString();
    EXPECT_TRUE(packages->text().contains(package.trackingCode));
    EXPECT_EQ(editor.gelato()->itemTable()->rowCount(), 1);
    // The estimate is days, as Gelato gives them: no time of day, no time-zone shift.
    auto *delivery = editor.gelato()->findChild<QLabel *>(u"deliveryEstimate"_s);
    ASSERT_TRUE(delivery);
    ASSERT_TRUE(editor.order().deliveryEstimateMin.isValid());
    EXPECT_EQ(delivery->text(),
              u"%1 to %2"_s.arg(
                      QLocale().toString(editor.order().deliveryEstimateMin.date(), QLocale::ShortFormat),
                      QLocale().toString(editor.order().deliveryEstimateMax.date(), QLocale::ShortFormat)));

    QTableWidget *timeline = editor.timeline()->table();
    ASSERT_GE(timeline->rowCount(), 3) << timeline->rowCount(); // created, sent, shipped at least
    QStringList changes, sources;
    for (int row = 0; row < timeline->rowCount(); ++row) {
        changes.append(timeline->item(row, OrderTimelinePanel::ChangeColumn)->text());
        sources.append(timeline->item(row, OrderTimelinePanel::SourceColumn)->text());
        EXPECT_FALSE(timeline->item(row, OrderTimelinePanel::TimeColumn)->text().isEmpty());
    }
    EXPECT_TRUE(changes.join(u'\n').contains(OrderState::displayName(OrderState::Shipped)))
            << changes.join(u'\n').toStdString();
    EXPECT_TRUE(sources.contains(u"User"_s)) << sources.join(u',').toStdString();

    editor.resize(960, 680);
    editor.show();
    editor.tabs()->setCurrentIndex(OrderEditorDialog::GelatoTab);
    QApplication::processEvents();
    editor.grab().save(QDir::temp().filePath(u"bottega-order-gelato.png"_s));
}

TEST_F(OrderEditorTest, ANewOrderIsStoredWhenItIsFirstSaved)
{
    OrderEditorDialog editor(&db(), &service(), 0);
    // Empty: everything is missing, but nothing is typed yet: no banner, no field marked red; the
    // Confirm button's tooltip lists it all.
    ASSERT_GT(editor.problems().size(), 5);
    EXPECT_FALSE(editor.problemsMessage()->hasMessage());
    for (const QString &field : AddressForm::fieldNames())
        EXPECT_TRUE(editor.shippingAddress()->fieldError(field).isEmpty()) << field.toStdString();
    EXPECT_EQ(editor.confirmButton()->toolTip().count(u'•'), editor.problems().size());
    EXPECT_FALSE(editor.isWindowModified());
    editor.referenceEdit()->setText(u"HAND-1"_s);
    editor.sameAsCustomer()->setChecked(false);
    editor.shippingAddress()->setAddress(address());
    ASSERT_TRUE(editor.lines()->pickVariant(variantIds().at(1)));
    editor.lines()->quantity()->setValue(3);
    ASSERT_TRUE(editor.lines()->addPickedLine()) << editor.lines()->message()->text().toStdString();
    EXPECT_EQ(editor.lines()->table()->rowCount(), 1);
    // No customer: refused, said at the customer's first field; nothing stored.
    EXPECT_FALSE(editor.save());
    EXPECT_EQ(editor.order().id, 0);
    EXPECT_EQ(editor.fieldErrors().markedField(), u"customer"_s);
    EXPECT_EQ(editor.fieldErrors().markedWidget(), editor.customerField(u"firstName"_s));
    EXPECT_TRUE(editor.message()->text().contains(u"customer"_s)) << editor.message()->text().toStdString();
    // From then on every problem shows, as a banner above the buttons and at each field.
    EXPECT_TRUE(editor.showsAllProblems());
    EXPECT_TRUE(editor.problemsMessage()->hasMessage());
    QTest::keyClicks(editor.customerField(u"firstName"_s), u"Anna"_s);
    ASSERT_TRUE(editor.save()) << editor.message()->text().toStdString();
    ASSERT_NE(editor.order().id, 0);
    const auto stored = SalesOrderRepository(db()).get(editor.order().id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->reference, u"HAND-1"_s);
    ASSERT_EQ(stored->lines.size(), 1);
    EXPECT_EQ(stored->lines.constFirst().variantId, variantIds().at(1));
    EXPECT_EQ(stored->lines.constFirst().quantity, 3);
    EXPECT_EQ(stored->shippingAddress.city, u"Milano"_s);
}

TEST_F(OrderEditorTest, QuantityAndPriceAreEditedInPlaceAndBadValuesAreRefusedNamingTheLine)
{
    const qint64 id = create(readyOrder(u"WEB-8"_s));
    OrderEditorDialog editor(&db(), &service(), id);
    OrderLinesPanel *lines = editor.lines();
    QTableWidget *table = lines->table();
    ASSERT_EQ(table->rowCount(), 1);
    const QLocale locale;
    const double price = lines->lines().constFirst().unitPrice;
    EXPECT_FALSE(table->item(0, OrderLinesPanel::ProductColumn)->flags() & Qt::ItemIsEditable);
    ASSERT_TRUE(table->item(0, OrderLinesPanel::QuantityColumn)->flags() & Qt::ItemIsEditable);

    table->item(0, OrderLinesPanel::QuantityColumn)->setText(u"3"_s);
    EXPECT_EQ(lines->lines().constFirst().quantity, 3);
    EXPECT_EQ(table->item(0, OrderLinesPanel::AmountColumn)->text(), locale.toString(3 * price, 'f', 2));

    table->item(0, OrderLinesPanel::QuantityColumn)->setText(u"0"_s);
    EXPECT_EQ(lines->lines().constFirst().quantity, 3);
    EXPECT_EQ(table->item(0, OrderLinesPanel::QuantityColumn)->text(), u"3"_s);
    EXPECT_EQ(lines->message()->type(), InlineMessage::Type::Error);
    EXPECT_TRUE(lines->message()->text().startsWith(u"Line 1: the quantity"_s))
            << lines->message()->text().toStdString();

    table->item(0, OrderLinesPanel::UnitPriceColumn)->setText(u"abc"_s);
    EXPECT_EQ(lines->lines().constFirst().unitPrice, price);
    EXPECT_TRUE(lines->message()->text().contains(u"\"abc\""_s)) << lines->message()->text().toStdString();
    table->item(0, OrderLinesPanel::UnitPriceColumn)->setText(locale.toString(19.5, 'f', 2));
    EXPECT_EQ(lines->lines().constFirst().unitPrice, 19.5);
    EXPECT_FALSE(lines->message()->hasMessage());

    // A sent order's lines cannot change.
    lines->setReadOnly(true);
    EXPECT_FALSE(table->item(0, OrderLinesPanel::QuantityColumn)->flags() & Qt::ItemIsEditable);
}

TEST_F(OrderEditorTest, ALineOfAnotherKindOfGoodIsRefusedWithTheRulesMessage)
{
    // A product that is not Gelato's: ORD-2 keeps it out of an order of Gelato goods.
    Product mug;
    mug.name = u"Ceramic mug"_s;
    mug.sku = u"MUG"_s;
    Variant plain;
    plain.sku = u"MUG-1"_s;
    plain.title = u"White"_s;
    mug.variants = {plain};
    const qint64 mugId = store(mug);
    const auto mugVariants = VariantRepository(db()).listForProduct(mugId);
    ASSERT_TRUE(mugVariants.ok() && mugVariants->size() == 1);

    const qint64 id = create(readyOrder(u"WEB-5"_s));
    OrderEditorDialog editor(&db(), &service(), id);
    OrderLinesPanel *lines = editor.lines();
    ASSERT_TRUE(lines->pickVariant(mugVariants->constFirst().id));
    EXPECT_FALSE(lines->addPickedLine());
    EXPECT_EQ(lines->table()->rowCount(), 1);
    EXPECT_EQ(lines->message()->type(), InlineMessage::Type::Error);
    const auto expected = service().checkLine(editor.orderFromForm(), [&] {
        OrderLine line;
        line.variantId = mugVariants->constFirst().id;
        line.sku = u"MUG-1"_s;
        line.productName = u"Ceramic mug — White"_s;
        return line;
    }());
    ASSERT_FALSE(expected.ok());
    EXPECT_EQ(lines->message()->text(), expected.error()) << lines->message()->text().toStdString();
    EXPECT_TRUE(lines->message()->text().contains(u"MUG-1"_s)) << lines->message()->text().toStdString();
}

TEST_F(OrderEditorTest, AGelatoDraftIsTurnedIntoAnOrderOrDeleted)
{
    const qint64 first = create(readyOrder(u"WEB-20"_s));
    const qint64 second = create(readyOrder(u"WEB-21"_s));
    for (const qint64 id : {first, second}) {
        OrderEditorDialog editor(&db(), &service(), id);
        editor.confirm(true);
        ASSERT_TRUE(waitIdle(editor));
        ASSERT_EQ(editor.order().state, OrderState::GelatoDraft) << editor.message()->text().toStdString();
        EXPECT_FALSE(editor.findChild<QPushButton *>(u"promoteDraftButton"_s)->isHidden());
        EXPECT_FALSE(editor.findChild<QPushButton *>(u"deleteDraftButton"_s)->isHidden());
        EXPECT_TRUE(editor.confirmButton()->isHidden());
        ConfirmAnswerer answerer(true);
        if (id == first)
            editor.promoteDraft();
        else
            editor.deleteDraft();
        ASSERT_TRUE(waitIdle(editor));
        EXPECT_EQ(editor.message()->type(), InlineMessage::Type::Positive)
                << editor.message()->text().toStdString();
        EXPECT_EQ(editor.order().state, id == first ? OrderState::Sent : OrderState::Draft);
        EXPECT_TRUE(editor.findChild<QPushButton *>(u"promoteDraftButton"_s)->isHidden());
    }
    EXPECT_EQ(rig().fake.orders().orderCount(), 1); // the deleted draft is gone at Gelato too
}

TEST_F(OrderEditorTest, CancelStopsTheOrderAndAPrintedOneIsExplained)
{
    const qint64 cancelled = create(readyOrder(u"WEB-22"_s));
    const qint64 printed = create(readyOrder(u"WEB-23"_s));
    for (const qint64 id : {cancelled, printed}) {
        OrderEditorDialog editor(&db(), &service(), id);
        editor.confirm();
        ASSERT_TRUE(waitIdle(editor));
        ASSERT_TRUE(editor.cancelButton()->isEnabled()) << editor.message()->text().toStdString();
        if (id == printed) {
            ASSERT_TRUE(rig().fake.orders().setOrderStatus(editor.order().gelatoOrderId, u"printed"_s));
        }
        ConfirmAnswerer answerer(true);
        editor.cancelOrder();
        ASSERT_TRUE(waitIdle(editor));
        if (id == cancelled) {
            EXPECT_EQ(editor.message()->type(), InlineMessage::Type::Positive);
            EXPECT_EQ(editor.order().state, OrderState::Cancelled);
            EXPECT_FALSE(editor.cancelButton()->isEnabled());
        } else {
            EXPECT_EQ(editor.message()->type(), InlineMessage::Type::Error);
            EXPECT_TRUE(editor.message()->text().contains(u"production"_s))
                    << editor.message()->text().toStdString();
            EXPECT_TRUE(editor.message()->text().contains(u"WEB-23"_s))
                    << editor.message()->text().toStdString();
            EXPECT_NE(editor.order().state, OrderState::Cancelled);
        }
    }
}

// Italian is about 40% longer than English: the list and every tab of the editor (a sent order, so
// the Gelato tab has content, and a draft with problems, so every banner shows) keep their buttons
// and labels whole at the editor's size.
TEST_F(OrderEditorTest, PagesFitWithWordsFortyPercentLonger)
{
    LengtheningTranslator translator;
    ASSERT_TRUE(QCoreApplication::installTranslator(&translator));
    const qint64 sentId = create(readyOrder(u"WEB-6"_s));
    SalesOrder broken = readyOrder(u"WEB-7"_s);
    broken.shippingAddress.city.clear();
    broken.shippingAddress.postCode = u"1234567890123456"_s;
    const qint64 brokenId = create(broken);
    {
        OrderEditorDialog sender(&db(), &service(), sentId);
        sender.confirm();
        ASSERT_TRUE(waitIdle(sender));
    }
    OrderListPage list(&db(), &service());
    OrderEditorDialog sent(&db(), &service(), sentId);
    OrderEditorDialog draft(&db(), &service(), brokenId);
    const auto check = [](QWidget &widget, const QSize &size, const QString &name) {
        widget.resize(size);
        widget.show();
        QApplication::processEvents();
        widget.grab().save(QDir::temp().filePath(u"bottega-%1.png"_s.arg(name)));
        EXPECT_LE(widget.minimumSizeHint().width(), size.width()) << name.toStdString();
        EXPECT_LE(widget.minimumSizeHint().height(), size.height()) << name.toStdString();
        for (const QPushButton *button : widget.findChildren<QPushButton *>()) {
            if (button->isVisible()) {
                EXPECT_GE(button->width(), button->sizeHint().width())
                        << name.toStdString() << ": " << button->text().toStdString();
            }
        }
        for (const QLabel *label : widget.findChildren<QLabel *>()) {
            if (label->isVisible() && !label->wordWrap() && !label->text().isEmpty()) {
                EXPECT_GE(label->width(), label->minimumSizeHint().width())
                        << name.toStdString() << ": " << label->text().toStdString();
            }
        }
    };
    check(list, QSize(940, 600), u"long-order-list"_s);
    for (int tab = 0; tab < sent.tabs()->count(); ++tab) {
        sent.tabs()->setCurrentIndex(tab);
        check(sent, QSize(960, 680), u"long-order-sent-%1"_s.arg(tab));
        draft.tabs()->setCurrentIndex(tab);
        check(draft, QSize(960, 680), u"long-order-draft-%1"_s.arg(tab));
    }
    QCoreApplication::removeTranslator(&translator);
}

} // namespace
} // namespace Bottega::Test
