// The order editor's Info Poleepo tab, the Ship with Poleepo dialog and Settings' package types
// (ORD-10, SHIP-2..4, CONF-8), offscreen, on a real SQLite database, with the Poleepo fake on
// loopback: an imported order shows its channel, a link to it in Poleepo and its status; Ship is
// disabled with the reason until the goods are at the shop; the dialog lists Poleepo's carriers
// and pickup addresses and the package types, and makes the shipping; the label opens in the
// system viewer; Delivered to carrier tells Poleepo. Screenshots in the temp folder.
#include "ui/pages/OrderPoleepoPanel.h"

#include "core/fulfilment/PackageTypes.h"
#include "core/fulfilment/PoleepoOrderImport.h"
#include "core/fulfilment/ShipWithPoleepo.h"
#include "core/server/FileStore.h"
#include "core/store/SalesOrderRepository.h"
#include "tests/support/TestUtil.h"
#include "tests/support/fakes/PoleepoTestRig.h"
#include "tests/ui/ConfirmAnswerer.h"
#include "tests/ui/LengtheningTranslator.h"
#include "tests/ui/OrderFixture.h"
#include "ui/pages/OrderEditorDialog.h"
#include "ui/pages/PackageTypesPanel.h"
#include "ui/pages/ShipWithPoleepoDialog.h"
#include "ui/widgets/InlineMessage.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace Bottega::Test {

// Receives the URLs QDesktopServices is asked to open.
class UrlCatcher final : public QObject
{
    Q_OBJECT

public:
    QList<QUrl> urls;

public Q_SLOTS:
    void open(const QUrl &url) { urls.append(url); }
};

namespace {

class OrderPoleepoPanelTest : public OrderFixture
{
protected:
    void SetUp() override
    {
        OrderFixture::SetUp();
        if (HasFatalFailure())
            return;
        ASSERT_TRUE(poleepo.started);
        files = std::make_unique<FileStore>(filesDir.path(), QByteArray("test-key"));
        shipping = std::make_unique<ShipWithPoleepo>(db(), poleepo.poleepo, *files);
        types = std::make_unique<PackageTypes>(db(), poleepo.poleepo);
        QJsonObject order = PoleepoFake::sampleOrder(u"P7"_s);
        order.insert(u"rows"_s,
                     QJsonArray {QJsonObject {{u"sku"_s, u"TS-M-O"_s},
                                              {u"title"_s, u"T-shirt"_s},
                                              {u"quantity"_s, 1},
                                              {u"price"_s, 25}}});
        order.insert(u"customer"_s,
                     QJsonObject {{u"firstname"_s, u"Maria"_s},
                                  {u"lastname"_s, u"Rossi"_s},
                                  {u"email"_s, u"maria@example.com"_s}});
        poleepo.fake.addOrder(order);
        const auto fetched = poleepo.wait<PoleepoOrder>(
                [&](QObject *c, auto done) { poleepo.poleepo.getOrder(u"P7"_s, c, done); });
        ASSERT_TRUE(fetched && fetched->ok());
        const auto imported = PoleepoOrderImport(db()).importOrder(**fetched);
        ASSERT_TRUE(imported.ok()) << qPrintable(imported.error());
        orderId = imported->orderId;
        ASSERT_TRUE(types->save({0, u"Box S"_s, 0.4, 25, 2, 35, u"PT1"_s}).ok());
    }
    void TearDown() override
    {
        types.reset();
        shipping.reset();
        OrderFixture::TearDown();
    }

    SalesOrder order() { return *SalesOrderRepository(db()).get(orderId); }

    PoleepoTestRig poleepo;
    QTemporaryDir filesDir;
    std::unique_ptr<FileStore> files;
    std::unique_ptr<ShipWithPoleepo> shipping;
    std::unique_ptr<PackageTypes> types;
    qint64 orderId = 0;
};

TEST_F(OrderPoleepoPanelTest, TheEditorShowsInfoPoleepoForAnImportedOrderOnly)
{
    OrderEditorDialog editor(&db(), &service(), orderId);
    editor.setShipWithPoleepo(shipping.get(), types.get());
    editor.reload();
    EXPECT_TRUE(editor.tabs()->isTabVisible(OrderEditorDialog::PoleepoTab));
    EXPECT_EQ(editor.tabs()->tabText(OrderEditorDialog::PoleepoTab), u"Info Poleepo"_s);
    OrderPoleepoPanel *panel = editor.poleepo();
    EXPECT_EQ(panel->orderLink()->text(), u"<a href=\"https://app.poleepo.cloud/orders/P7\">P7</a>"_s);
    EXPECT_EQ(panel->statusLabel()->text(), u"Payment accepted"_s);
    EXPECT_EQ(panel->bridgeLabel()->text(), u"Ready to send to Gelato (waiting for review)"_s);
    EXPECT_FALSE(panel->shipButton()->isEnabled());
    EXPECT_EQ(panel->blockersLabel()->text(),
              u"Ship with Poleepo is not possible: not delivered to the shop yet: TS-M-O (0/1)"_s);
    EXPECT_TRUE(panel->deliveredButton()->isEnabled());
    EXPECT_FALSE(panel->handedOverButton()->isEnabled());

    panel->deliveredButton()->click();
    EXPECT_TRUE(editor.changed());
    EXPECT_TRUE(panel->shipButton()->isEnabled());
    EXPECT_FALSE(panel->deliveredButton()->isEnabled());
    EXPECT_TRUE(panel->blockersLabel()->isHidden());
    editor.tabs()->setCurrentIndex(OrderEditorDialog::PoleepoTab);
    editor.resize(960, 680);
    editor.grab().save(QDir::temp().filePath(u"bottega-info-poleepo.png"_s));

    OrderEditorDialog manual(&db(), &service(), create(readyOrder(u"WEB-77"_s)));
    EXPECT_FALSE(manual.tabs()->isTabVisible(OrderEditorDialog::PoleepoTab));
}

TEST_F(OrderPoleepoPanelTest, TheDialogShipsWithACarrierAPickupAndPackagesThenTheLabelOpens)
{
    ASSERT_TRUE(shipping->markDeliveredToShop(orderId).ok());
    ASSERT_TRUE(types->save({0, u"Tube"_s, 0.2, 0, 0, 0, {}}).ok());
    {
        ShipWithPoleepoDialog dialog(shipping.get(), types.get(), order());
        ASSERT_TRUE(waitUntil([&] { return dialog.choicesLoaded(); }, 10000));
        EXPECT_EQ(dialog.carrierBox()->count(), 2);
        EXPECT_EQ(dialog.carrierBox()->itemText(1), u"GLS Italy"_s);
        EXPECT_EQ(dialog.pickupBox()->itemText(0), u"Magazzino, Via Roma 1, 40121 Bologna, IT"_s);
        ASSERT_EQ(dialog.packageTypeBox()->count(), 2);
        EXPECT_EQ(dialog.packageTypeBox()->itemText(1),
                  u"Tube (not usable: no Poleepo package type, dimensions missing)"_s);
        EXPECT_EQ(dialog.packageList()->count(), 1); // one Box S to start with
        dialog.resize(560, 420);
        dialog.grab().save(QDir::temp().filePath(u"bottega-ship-dialog.png"_s));

        // A package of the unusable type: refused in the dialog, which stays open.
        dialog.packageTypeBox()->setCurrentIndex(1);
        dialog.addPackage();
        dialog.carrierBox()->setCurrentIndex(1);
        dialog.requestButton()->click();
        ASSERT_TRUE(waitUntil([&] { return !dialog.isBusy(); }, 10000));
        EXPECT_EQ(dialog.message()->type(), InlineMessage::Type::Error);
        EXPECT_TRUE(dialog.message()->text().contains(u"package 2 (Tube)"_s))
                << qPrintable(dialog.message()->text());
        EXPECT_EQ(dialog.result(), QDialog::Rejected);

        dialog.packageList()->setCurrentRow(1);
        dialog.removePackage();
        dialog.requestButton()->click();
        ASSERT_TRUE(waitUntil([&] { return dialog.result() == QDialog::Accepted; }, 10000))
                << qPrintable(dialog.message()->text());
    }
    EXPECT_EQ(poleepo.fake.requests(u"/shippings"_s).at(0).json().object().value(u"carrier_id"_s).toString(),
              u"GLS"_s);

    OrderPoleepoPanel panel;
    panel.setUseCases(shipping.get(), types.get());
    panel.setOrder(order());
    EXPECT_EQ(panel.shipmentLabel()->text(), u"Poleepo shipping S1: —"_s);
    EXPECT_EQ(panel.trackingLabel()->text(), u"TRKS1"_s);
    EXPECT_EQ(panel.carrierLabel()->text(), u"GLS Italy"_s);
    EXPECT_FALSE(panel.shipButton()->isEnabled());
    ASSERT_TRUE(panel.openLabelButton()->isEnabled());
    EXPECT_TRUE(panel.printLabelButton()->isEnabled());
    UrlCatcher catcher;
    QDesktopServices::setUrlHandler(u"file"_s, &catcher, "open");
    panel.openLabelButton()->click();
    QDesktopServices::unsetUrlHandler(u"file"_s);
    ASSERT_EQ(catcher.urls.size(), 1);
    EXPECT_TRUE(catcher.urls.at(0).toLocalFile().endsWith(u".pdf"_s));

    ASSERT_TRUE(panel.handedOverButton()->isEnabled());
    panel.handedOverButton()->click();
    ASSERT_TRUE(waitUntil([&] { return !panel.isBusy(); }, 10000));
    EXPECT_TRUE(poleepo.fake.deliveredToCarrier(u"S1"_s));
    EXPECT_EQ(panel.message()->type(), InlineMessage::Type::Positive) << qPrintable(panel.message()->text());
    panel.setOrder(order());
    EXPECT_TRUE(panel.shipmentLabel()->text().startsWith(
            u"Poleepo shipping S1: Delivered to carrier (delivered to the carrier "_s))
            << qPrintable(panel.shipmentLabel()->text());
    EXPECT_FALSE(panel.handedOverButton()->isEnabled());
    panel.resize(900, 600);
    panel.grab().save(QDir::temp().filePath(u"bottega-info-poleepo-shipped.png"_s));
}

TEST_F(OrderPoleepoPanelTest, PackageTypesAreEditedInSettingsAndAdoptedFromPoleepo)
{
    PackageTypesPanel panel(types.get());
    ASSERT_EQ(panel.table()->rowCount(), 1);
    EXPECT_EQ(panel.table()->item(0, PackageTypesPanel::UsableColumn)->text(), u"Yes"_s);

    panel.newType();
    panel.nameEdit()->setText(u"Tube"_s);
    panel.weightBox()->setValue(0.3);
    EXPECT_TRUE(panel.saveForm());
    EXPECT_EQ(panel.message()->type(), InlineMessage::Type::Warning);
    EXPECT_EQ(panel.message()->text(),
              u"Package type \"Tube\" saved, but a shipment cannot use it yet: no Poleepo package type, "
              "dimensions missing"_s);
    panel.newType();
    panel.nameEdit()->setText(u"Tube"_s);
    EXPECT_FALSE(panel.saveForm());
    EXPECT_EQ(panel.message()->text(), u"a package type named \"Tube\" already exists"_s);

    panel.adoptButton()->click();
    ASSERT_TRUE(waitUntil([&] { return !panel.isBusy(); }, 10000));
    EXPECT_EQ(panel.message()->text(), u"1 package type(s) added from Poleepo."_s);
    ASSERT_EQ(panel.table()->rowCount(), 3);
    EXPECT_EQ(panel.table()->item(1, PackageTypesPanel::NameColumn)->text(), u"Scatola media"_s);

    panel.table()->selectRow(2);
    EXPECT_EQ(panel.nameEdit()->text(), u"Tube"_s);
    ConfirmAnswerer yes(true);
    EXPECT_TRUE(panel.removeSelected());
    EXPECT_EQ(panel.table()->rowCount(), 2);
    EXPECT_TRUE(panel.table()->selectionModel()->selectedRows().isEmpty());
    EXPECT_TRUE(panel.nameEdit()->text().isEmpty());
    panel.resize(620, 420);
    panel.grab().save(QDir::temp().filePath(u"bottega-package-types.png"_s));
}

// In a longer language (every word 40% longer) the tab and the dialog still show everything at the
// sizes they open with; also saved in Italian (the real translation) to look at.
TEST_F(OrderPoleepoPanelTest, TheTabAndTheDialogFitInALongerLanguage)
{
    ASSERT_TRUE(shipping->markDeliveredToShop(orderId).ok());
    for (const QString &language : {u"long"_s, u"it"_s}) {
        LengtheningTranslator lengthening;
        QTranslator italian;
        QTranslator *translator = &lengthening;
        if (language == u"it"_s) {
            ASSERT_TRUE(italian.load(u"bottega_it"_s, QStringLiteral(BOTTEGA_QM_DIR)));
            translator = &italian;
        }
        ASSERT_TRUE(QCoreApplication::installTranslator(translator));
        {
            OrderEditorDialog editor(&db(), &service(), orderId);
            editor.setShipWithPoleepo(shipping.get(), types.get());
            editor.reload();
            editor.tabs()->setCurrentIndex(OrderEditorDialog::PoleepoTab);
            editor.resize(960, 680);
            if (language == u"long"_s) {
                EXPECT_LE(editor.poleepo()->minimumSizeHint().width(), 940);
            }
            editor.grab().save(QDir::temp().filePath(u"bottega-info-poleepo-%1.png"_s.arg(language)));

            ShipWithPoleepoDialog dialog(shipping.get(), types.get(), order());
            ASSERT_TRUE(waitUntil([&] { return dialog.choicesLoaded(); }, 10000));
            dialog.resize(560, 420);
            if (language == u"long"_s) {
                EXPECT_LE(dialog.minimumSizeHint().width(), 640);
                EXPECT_LE(dialog.minimumSizeHint().height(), 420);
            }
            dialog.grab().save(QDir::temp().filePath(u"bottega-ship-dialog-%1.png"_s.arg(language)));
        }
        QCoreApplication::removeTranslator(translator);
    }
}

} // namespace
} // namespace Bottega::Test

#include "OrderPoleepoPanelTest.moc"
