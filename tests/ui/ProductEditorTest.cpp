// The product pages on a real SQLite database: the list page's search and filters, the product
// editor's variants and print images (with the missing state), saving, and the variant editor.
// Each page is also rendered at 1100x700 to /tmp for a person to look at.
#include "core/products/ProductEditing.h"
#include "core/server/FileStore.h"
#include "core/store/ProductRepository.h"
#include "core/store/VariantRepository.h"
#include "tests/ui/LengtheningTranslator.h"
#include "tests/ui/ProductFixture.h"
#include "ui/models/ProductTableModel.h"
#include "ui/models/VariantTableModel.h"
#include "ui/pages/PrintImagesPanel.h"
#include "ui/pages/ProductEditorDialog.h"
#include "ui/pages/ProductListPage.h"
#include "ui/pages/VariantEditorDialog.h"
#include "ui/widgets/InlineMessage.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFontMetrics>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class ProductEditorTest : public ProductFixture
{
protected:
    static void render(QWidget &widget, const QString &name)
    {
        widget.resize(1100, 700);
        widget.show();
        QApplication::processEvents();
        const QPixmap shot = widget.grab();
        ASSERT_FALSE(shot.isNull());
        shot.save(QDir::temp().filePath(u"bottega-%1.png"_s.arg(name)));
    }
};

TEST_F(ProductEditorTest, ListPageSearchesAndFiltersThroughItsControls)
{
    storeMany(40);
    store(tShirt(u"Organic T-shirt"_s, u"TSO"_s));
    ProductListPage page(&db());
    render(page, u"product-list"_s);
    EXPECT_EQ(page.model()->totalCount(), 41);

    auto *search = page.findChild<QLineEdit *>(u"productSearch"_s);
    ASSERT_NE(search, nullptr);
    search->setText(u"TSO"_s);
    page.applySearch();
    EXPECT_EQ(page.model()->rowCount(), 1);
    EXPECT_EQ(page.model()->productAt(0).name, u"Organic T-shirt"_s);

    search->clear();
    page.setFilter(ProductListPage::Filter::PrintImagesMissing);
    EXPECT_EQ(page.model()->rowCount(), 1);
    page.setFilter(ProductListPage::Filter::PublishedOnPoleepo);
    EXPECT_EQ(page.model()->rowCount(), 0);
    page.setFilter(ProductListPage::Filter::All);
    EXPECT_EQ(page.model()->totalCount(), 41);
    // The view sorts through the model, i.e. in SQL.
    page.view()->sortByColumn(ProductTableModel::PriceColumn, Qt::DescendingOrder);
    EXPECT_EQ(page.model()->productAt(0).name, u"Product 00040"_s);
}

TEST_F(ProductEditorTest, EditorShowsVariantsAndTheMissingPrintImages)
{
    const qint64 id = store(tShirt());
    ProductEditorDialog editor(&db(), nullptr, id);
    render(editor, u"product-editor"_s);

    EXPECT_EQ(editor.findChild<QLineEdit *>(u"nameField"_s)->text(), u"T-shirt"_s);
    EXPECT_EQ(editor.findChild<QLineEdit *>(u"templateReference"_s)->text(),
              u"c12a363e-0d4e-4d96-be4b-bf4138eb8743"_s);
    editor.tabs()->setCurrentIndex(ProductEditorDialog::VariantsTab);
    render(editor, u"product-variants"_s);
    ASSERT_EQ(editor.variantModel()->rowCount(), 3);
    EXPECT_EQ(editor.variantModel()->index(2, VariantTableModel::OptionsColumn).data().toString(),
              u"Size L, Color Red"_s);

    editor.tabs()->setCurrentIndex(ProductEditorDialog::PrintImagesTab);
    render(editor, u"product-print-images"_s);
    QTableWidget *table = editor.printImages()->table();
    ASSERT_EQ(table->rowCount(), 2);
    EXPECT_EQ(table->item(0, PrintImagesPanel::PlacementColumn)->text(), u"Default (front)"_s);
    EXPECT_EQ(table->item(0, PrintImagesPanel::PlacementColumn)->data(Qt::UserRole), u"default"_s);
    EXPECT_EQ(table->item(0, PrintImagesPanel::ImageColumn)->text(), u"https://cdn.example.com/front.pdf"_s);
    EXPECT_EQ(table->item(0, PrintImagesPanel::StateColumn)->data(Qt::UserRole).toBool(), false);
    EXPECT_EQ(table->item(1, PrintImagesPanel::StateColumn)->data(Qt::UserRole).toBool(), true);
    EXPECT_EQ(editor.printImages()->missingPlacements(), QStringList {u"back"_s});
    EXPECT_TRUE(editor.tabs()->tabText(ProductEditorDialog::PrintImagesTab).contains(u'1'));
}

TEST_F(ProductEditorTest, SettingAPrintImageUrlCompletesThePlacementAndBadUrlsAreRefused)
{
    const qint64 id = store(tShirt());
    ProductEditorDialog editor(&db(), nullptr, id);
    PrintImagesPanel *panel = editor.printImages();

    EXPECT_FALSE(panel->setDefaultImage(u"back"_s, u"ftp://example.com/back.png"_s));
    EXPECT_TRUE(panel->findChild<InlineMessage *>()->text().contains(u"ftp://example.com/back.png"_s));
    EXPECT_EQ(panel->missingPlacements(), QStringList {u"back"_s});

    EXPECT_TRUE(panel->setDefaultImage(u"back"_s, u"https://cdn.example.com/back.png"_s));
    EXPECT_TRUE(panel->missingPlacements().isEmpty());
    EXPECT_TRUE(editor.changed());
    const Product stored = *ProductRepository(db()).get(id);
    EXPECT_EQ(stored.printImages.size(), 2);
    for (int row = 0; row < editor.variantModel()->rowCount(); ++row)
        EXPECT_TRUE(editor.variantModel()
                            ->index(row, VariantTableModel::PrintImagesColumn)
                            .data(VariantTableModel::RawRole)
                            .toBool());
}

TEST_F(ProductEditorTest, ALocalPngIsStoredAndShownAsAThumbnailAndOtherFilesAreRefused)
{
    QTemporaryDir dataDir;
    ASSERT_TRUE(dataDir.isValid());
    FileStore files(dataDir.path(), QByteArrayLiteral("0123456789abcdef0123456789abcdef"));
    const qint64 id = store(tShirt());
    ProductEditorDialog editor(&db(), nullptr, id);
    editor.setFileStore(&files);
    PrintImagesPanel *panel = editor.printImages();

    const QString text = dataDir.filePath(u"back.png"_s); // named .png, but text inside
    QFile fake(text);
    ASSERT_TRUE(fake.open(QIODevice::WriteOnly));
    fake.write("not an image at all");
    fake.close();
    EXPECT_FALSE(panel->setDefaultImage(u"back"_s, text));
    EXPECT_TRUE(panel->findChild<InlineMessage *>()->text().contains(text));

    QImage picture(64, 32, QImage::Format_RGB32);
    picture.fill(Qt::darkGreen);
    const QString png = dataDir.filePath(u"real.png"_s);
    ASSERT_TRUE(picture.save(png));
    ASSERT_TRUE(panel->setDefaultImage(u"back"_s, png));
    EXPECT_TRUE(panel->missingPlacements().isEmpty());
    QTableWidgetItem *image = panel->table()->item(1, PrintImagesPanel::ImageColumn);
    EXPECT_EQ(image->text(), u"real.png"_s);
    EXPECT_FALSE(image->icon().isNull());
    EXPECT_EQ(image->icon().pixmap(QSize(48, 48)).toImage().pixelColor(24, 20), QColor(Qt::darkGreen));
}

TEST_F(ProductEditorTest, SaveWritesTheGeneralFieldsAndRefusesAnEmptyName)
{
    const qint64 id = store(tShirt());
    ProductEditorDialog editor(&db(), nullptr, id);
    auto *name = editor.findChild<QLineEdit *>(u"nameField"_s);
    name->setText(u"  "_s);
    EXPECT_FALSE(editor.save());
    EXPECT_TRUE(editor.message()->text().contains(u"name"_s));
    EXPECT_EQ(ProductRepository(db()).get(id)->name, u"T-shirt"_s);

    name->setText(u"Maglietta"_s);
    editor.findChild<QDoubleSpinBox *>(u"priceField"_s)->setValue(29.5);
    ASSERT_TRUE(editor.save());
    const Product stored = *ProductRepository(db()).get(id);
    EXPECT_EQ(stored.name, u"Maglietta"_s);
    EXPECT_DOUBLE_EQ(stored.listPrice, 29.5);
    EXPECT_TRUE(stored.needsUpdate);
    EXPECT_TRUE(editor.changed());
}

// The editor saves through ProductEditing, the use case of `product set`: a bad EAN is refused with
// that command's very message, shown at the field, and nothing is written; a good one is saved.
TEST_F(ProductEditorTest, ABadEanIsRefusedAtTheFieldAsProductSetRefusesItAndAGoodOneIsSaved)
{
    const qint64 id = store(tShirt());
    ProductEditorDialog editor(&db(), nullptr, id);
    auto *ean = editor.findChild<QLineEdit *>(u"eanField"_s);
    ASSERT_TRUE(ean);
    const auto cli = ProductEditing(db()).set(id, u"ean"_s, u"4006381333932"_s);
    ASSERT_FALSE(cli.ok());

    ean->setText(u"4006381333932"_s); // wrong check digit
    editor.findChild<QDoubleSpinBox *>(u"priceField"_s)->setValue(31);
    EXPECT_FALSE(editor.save());
    EXPECT_EQ(editor.message()->type(), InlineMessage::Type::Error);
    EXPECT_EQ(editor.message()->text(), cli.error());
    EXPECT_EQ(editor.fieldErrors().markedField(), u"ean"_s);
    EXPECT_EQ(editor.fieldErrors().markedWidget(), ean);
    EXPECT_EQ(ean->toolTip(), cli.error());
    const Product unchanged = *ProductRepository(db()).get(id);
    EXPECT_TRUE(unchanged.ean.isEmpty());
    EXPECT_DOUBLE_EQ(unchanged.listPrice, tShirt().listPrice); // nothing written, not even the price

    ean->setText(u"4006381333931"_s);
    ASSERT_TRUE(editor.save()) << editor.message()->text().toStdString();
    EXPECT_TRUE(editor.fieldErrors().markedField().isEmpty());
    EXPECT_TRUE(ean->toolTip().isEmpty());
    const Product saved = *ProductRepository(db()).get(id);
    EXPECT_EQ(saved.ean, u"4006381333931"_s);
    EXPECT_DOUBLE_EQ(saved.listPrice, 31);
}

TEST_F(ProductEditorTest, TheVariantEditorRefusesABadEanAsProductSetVariantDoes)
{
    const qint64 id = store(tShirt());
    const Product product = *ProductRepository(db()).get(id);
    const qint64 variantId = product.variants.at(0).id;
    VariantEditorDialog dialog(&db(), product, variantId);
    const auto cli = ProductEditing(db()).set(id, u"ean"_s, u"12345"_s, variantId);
    ASSERT_FALSE(cli.ok());

    dialog.eanField()->setText(u"12345"_s);
    EXPECT_FALSE(dialog.save());
    EXPECT_EQ(dialog.message()->text(), cli.error());
    EXPECT_EQ(dialog.fieldErrors().markedWidget(), dialog.eanField());
    EXPECT_TRUE(VariantRepository(db()).get(variantId)->ean.isEmpty());

    dialog.eanField()->setText(u"96385074"_s); // EAN-8
    ASSERT_TRUE(dialog.save()) << dialog.message()->text().toStdString();
    EXPECT_EQ(VariantRepository(db()).get(variantId)->ean, u"96385074"_s);
}

TEST_F(ProductEditorTest, VariantEditorShowsWhichImageEachPlacementUsesAndSaves)
{
    const qint64 id = store(tShirt());
    const Product product = *ProductRepository(db()).get(id);
    const qint64 variantId = product.variants.at(1).id;
    VariantEditorDialog dialog(&db(), product, variantId);
    render(dialog, u"variant-editor"_s);

    QTableWidget *images = dialog.printImageTable();
    ASSERT_EQ(images->rowCount(), 2);
    EXPECT_EQ(images->item(0, 2)->text(), u"https://cdn.example.com/front.pdf"_s);
    EXPECT_EQ(images->item(1, 1)->text(), u"Missing"_s);

    // An override of "back" for this variant only; refused when the URL is not http(s).
    EXPECT_FALSE(dialog.setOverride(u"back"_s, u"file:///etc/passwd"_s));
    EXPECT_EQ(dialog.message()->type(), InlineMessage::Type::Error);
    ASSERT_TRUE(dialog.setOverride(u"back"_s, u"https://cdn.example.com/l-orange-back.png"_s));
    EXPECT_TRUE(dialog.imagesChanged());
    EXPECT_EQ(images->item(1, 1)->text(), u"Its own override"_s);
    EXPECT_EQ(images->item(1, 2)->text(), u"https://cdn.example.com/l-orange-back.png"_s);
    const Product withOverride = *ProductRepository(db()).get(id);
    EXPECT_TRUE(VariantTableModel::missingPlacements(withOverride, variantId).isEmpty());
    EXPECT_EQ(VariantTableModel::missingPlacements(withOverride, product.variants.at(0).id),
              QStringList {u"back"_s});
    ASSERT_TRUE(dialog.removeOverride(u"back"_s));
    EXPECT_EQ(images->item(1, 1)->text(), u"Missing"_s);

    dialog.skuField()->setText(u"TS-L-ORANGE"_s);
    dialog.priceExtraField()->setValue(3.5);
    ASSERT_TRUE(dialog.save());
    const Variant stored = *VariantRepository(db()).get(variantId);
    EXPECT_EQ(stored.sku, u"TS-L-ORANGE"_s);
    EXPECT_DOUBLE_EQ(stored.priceExtra, 3.5);
    EXPECT_TRUE(stored.needsUpdate);
    EXPECT_EQ(stored.options.size(), 2);
}

// Italian is about 40% longer than English: every page and dialog still fits 1100x700 and shows
// its buttons and labels whole.
TEST_F(ProductEditorTest, PagesFitWithWordsFortyPercentLonger)
{
    LengtheningTranslator translator;
    ASSERT_TRUE(QCoreApplication::installTranslator(&translator));
    const qint64 id = store(tShirt());
    const Product product = *ProductRepository(db()).get(id);
    ProductListPage list(&db());
    ProductEditorDialog editor(&db(), nullptr, id);
    VariantEditorDialog variant(&db(), product, product.variants.at(0).id);
    const QList<std::pair<QWidget *, QString>> widgets = {{&list, u"long-product-list"_s},
                                                          {&editor, u"long-product-editor"_s},
                                                          {&variant, u"long-variant-editor"_s}};
    for (const auto &[widget, name] : widgets) {
        render(*widget, name);
        EXPECT_LE(widget->minimumSizeHint().width(), 1100) << name.toStdString();
        EXPECT_LE(widget->minimumSizeHint().height(), 700) << name.toStdString();
        for (const QPushButton *button : widget->findChildren<QPushButton *>()) {
            if (button->isVisible()) {
                EXPECT_GE(button->width(), button->sizeHint().width()) << button->text().toStdString();
            }
        }
        for (const QLabel *label : widget->findChildren<QLabel *>()) {
            if (label->isVisible() && !label->wordWrap() && !label->text().isEmpty()) {
                EXPECT_GE(label->width(), label->minimumSizeHint().width()) << label->text().toStdString();
            }
        }
    }
    editor.tabs()->setCurrentIndex(ProductEditorDialog::PrintImagesTab);
    render(editor, u"long-product-print-images"_s);
    // The print images' column titles are whole too (the last column takes what is left).
    auto *images = editor.findChild<QTableWidget *>(u"printImageTable"_s);
    ASSERT_TRUE(images);
    const QFontMetrics metrics(images->horizontalHeader()->font());
    for (int column = 0; column + 1 < images->columnCount(); ++column) {
        const QString title = images->horizontalHeaderItem(column)->text();
        EXPECT_GT(images->columnWidth(column), metrics.horizontalAdvance(title)) << title.toStdString();
    }
    QCoreApplication::removeTranslator(&translator);
}

} // namespace
} // namespace Bottega::Test
