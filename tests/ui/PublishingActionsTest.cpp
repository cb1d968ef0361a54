// Publishing on Poleepo from the window (PROD-5) on a real SQLite database, offscreen: the variants
// table publishes and unpublishes its selection, the product list whole products, both through
// Publishing (the use case of `product set … published`) with its very refusals; disabled actions say
// why; removing a print image that would leave a published variant incomplete asks first (Confirm)
// and then unpublishes it; the variant editor saves "published" through Publishing too.
#include "core/publishing/Publishing.h"
#include "core/store/PrintImageRepository.h"
#include "core/store/ProductRepository.h"
#include "core/store/VariantRepository.h"
#include "tests/ui/ConfirmAnswerer.h"
#include "tests/ui/ProductFixture.h"
#include "ui/models/ProductTableModel.h"
#include "ui/models/VariantTableModel.h"
#include "ui/pages/PrintImagesPanel.h"
#include "ui/pages/ProductEditorDialog.h"
#include "ui/pages/ProductListPage.h"
#include "ui/pages/VariantEditorDialog.h"
#include "ui/widgets/InlineMessage.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class PublishingActionsTest : public ProductFixture
{
protected:
    // The T-shirt with a default image on "back" too: every variant complete.
    static Product completeTShirt(const QString &name = u"T-shirt"_s, const QString &sku = u"TS"_s)
    {
        Product product = tShirt(name, sku);
        PrintImage back = product.printImages.constFirst();
        back.placement = u"back"_s;
        back.source = u"https://cdn.example.com/back.pdf"_s;
        product.printImages.append(back);
        return product;
    }

    static void selectRows(QTableView *view, const QList<int> &rows)
    {
        view->clearSelection();
        for (int row : rows)
            view->selectionModel()->select(view->model()->index(row, 0),
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }

    static void render(QWidget &widget, const QString &name)
    {
        widget.resize(1100, 700);
        widget.show();
        QApplication::processEvents();
        widget.grab().save(QDir::temp().filePath(u"bottega-%1.png"_s.arg(name)));
    }

    Variant variant(qint64 id) { return *VariantRepository(db()).get(id); }
    void sql(const QString &statement)
    {
        QSqlQuery query(db().connection());
        ASSERT_TRUE(query.exec(statement)) << statement.toStdString();
    }
};

TEST_F(PublishingActionsTest, TheVariantsTableNamesWhatIsMissingAndPublishesTheSelection)
{
    const qint64 id = store(tShirt()); // "back" missing on every variant
    ProductEditorDialog editor(&db(), nullptr, id);
    editor.tabs()->setCurrentIndex(ProductEditorDialog::VariantsTab);
    const QList<qint64> ids {editor.product().variants.at(0).id, editor.product().variants.at(1).id,
                             editor.product().variants.at(2).id};

    // Nothing selected: every action disabled, saying why.
    EXPECT_FALSE(editor.publishButton()->isEnabled());
    EXPECT_EQ(editor.publishButton()->toolTip(), u"Select one or more variants first."_s);
    EXPECT_FALSE(editor.unpublishButton()->isEnabled());
    EXPECT_FALSE(editor.configureButton()->isEnabled());
    EXPECT_EQ(editor.configureButton()->toolTip(), u"Select one variant to configure it."_s);

    // Two incomplete variants: Publish disabled; which variants and placements, written out.
    selectRows(editor.variantView(), {0, 2});
    render(editor, u"variants-cannot-publish"_s);
    const QString expected = u"variant TS-M-O cannot be published on Poleepo: no print image for placement "
                             "\"back\"\nvariant TS-L-R cannot be published on Poleepo: no print image for "
                             "placement \"back\""_s;
    EXPECT_EQ(Publishing(db()).checkPublishable({ids.at(0), ids.at(2)}).error(), expected);
    EXPECT_FALSE(editor.publishButton()->isEnabled());
    EXPECT_EQ(editor.publishButton()->toolTip(), expected);
    EXPECT_EQ(editor.publishHint(), expected);
    EXPECT_FALSE(editor.configureButton()->isEnabled()); // two rows
    EXPECT_EQ(editor.unpublishButton()->toolTip(),
              u"None of the selected variants is published on Poleepo."_s);
    const QModelIndex published = editor.variantModel()->index(0, VariantTableModel::PublishedColumn);
    EXPECT_EQ(published.data().toString(), u"No"_s);
    EXPECT_EQ(published.data(Qt::ToolTipRole).toString(),
              u"variant TS-M-O cannot be published on Poleepo: no print image for placement \"back\""_s);
    // Called anyway (as a click would), the use case refuses with the same words and writes nothing.
    EXPECT_FALSE(editor.publishSelectedVariants(true));
    EXPECT_EQ(editor.message()->type(), InlineMessage::Type::Error);
    EXPECT_EQ(editor.message()->text(), expected);
    EXPECT_FALSE(variant(ids.at(0)).publishedPoleepo);

    // With the "back" image the selection can be published, and the selection survives the reload.
    ASSERT_TRUE(editor.printImages()->setDefaultImage(u"back"_s, u"https://cdn.example.com/back.pdf"_s));
    selectRows(editor.variantView(), {0, 2});
    EXPECT_TRUE(editor.publishHint().isEmpty());
    ASSERT_TRUE(editor.publishButton()->isEnabled()) << editor.publishButton()->toolTip().toStdString();
    editor.publishButton()->click();
    EXPECT_EQ(editor.message()->type(), InlineMessage::Type::Positive)
            << editor.message()->text().toStdString();
    EXPECT_TRUE(variant(ids.at(0)).publishedPoleepo && variant(ids.at(0)).needsUpdate);
    EXPECT_FALSE(variant(ids.at(1)).publishedPoleepo);
    EXPECT_TRUE(variant(ids.at(2)).publishedPoleepo);
    EXPECT_TRUE(ProductRepository(db()).get(id)->publishedPoleepo);
    EXPECT_EQ(editor.selectedVariantIds(), (QList<qint64> {ids.at(0), ids.at(2)}));
    EXPECT_EQ(editor.variantModel()->index(0, VariantTableModel::PublishedColumn).data().toString(),
              u"Yes"_s);
    EXPECT_EQ(editor.variantModel()->index(0, VariantTableModel::NeedsUpdateColumn).data().toString(),
              u"Yes"_s);
    EXPECT_FALSE(editor.publishButton()->isEnabled());
    EXPECT_EQ(editor.publishButton()->toolTip(),
              u"The selected variants are already published on Poleepo."_s);
    EXPECT_TRUE(editor.unpublishButton()->isEnabled());

    // Poleepo's product id, once Poleepo confirmed.
    sql(u"UPDATE variants SET poleepo_product_id = 'PLP-77', needs_update = 0 WHERE id = %1"_s.arg(
            ids.at(0)));
    editor.reload();
    EXPECT_EQ(
            editor.variantModel()->headerData(VariantTableModel::PoleepoIdColumn, Qt::Horizontal).toString(),
            u"Poleepo product id"_s);
    EXPECT_EQ(editor.variantModel()->index(0, VariantTableModel::PoleepoIdColumn).data().toString(),
              u"PLP-77"_s);
    EXPECT_TRUE(editor.variantModel()
                        ->index(0, VariantTableModel::NeedsUpdateColumn)
                        .data()
                        .toString()
                        .isEmpty());
    render(editor, u"variants-published"_s);

    selectRows(editor.variantView(), {0, 1, 2});
    ASSERT_TRUE(editor.unpublishButton()->isEnabled());
    editor.unpublishButton()->click();
    for (qint64 variantId : ids)
        EXPECT_FALSE(variant(variantId).publishedPoleepo) << variantId;
    EXPECT_FALSE(ProductRepository(db()).get(id)->publishedPoleepo);
}

TEST_F(PublishingActionsTest, TheProductListPublishesWholeProductsAndRefusesOneWithoutVariants)
{
    const qint64 shirt = store(completeTShirt());
    Product bare;
    bare.name = u"Poster"_s;
    bare.sku = u"POSTER"_s;
    const qint64 poster = store(bare);
    ProductListPage page(&db());
    ASSERT_EQ(page.model()->rowCount(), 2);
    ASSERT_EQ(page.model()->productAt(0).id, poster); // by name

    EXPECT_FALSE(page.publishButton()->isEnabled());
    EXPECT_EQ(page.publishButton()->toolTip(), u"Select one or more products first."_s);
    EXPECT_FALSE(page.unpublishButton()->isEnabled());

    selectRows(page.view(), {1});
    ASSERT_TRUE(page.publishButton()->isEnabled());
    EXPECT_EQ(page.unpublishButton()->toolTip(), u"This product is not published on Poleepo."_s);
    page.publishButton()->click();
    EXPECT_EQ(page.message()->type(), InlineMessage::Type::Positive) << page.message()->text().toStdString();
    const Product published = *ProductRepository(db()).get(shirt);
    EXPECT_TRUE(published.publishedPoleepo);
    for (const Variant &variant : published.variants)
        EXPECT_TRUE(variant.publishedPoleepo && variant.needsUpdate) << variant.sku.toStdString();
    EXPECT_EQ(page.model()->index(1, ProductTableModel::PublishedColumn).data().toString(), u"Yes"_s);

    // No variants: refused, saying so, as `product set ID published true` does.
    selectRows(page.view(), {0});
    EXPECT_FALSE(page.publishSelected(true));
    EXPECT_EQ(page.message()->type(), InlineMessage::Type::Error);
    EXPECT_EQ(page.message()->text(), Publishing(db()).setProductsPublished({poster}, true).error());
    EXPECT_TRUE(page.message()->text().contains(u"has no variants"_s))
            << page.message()->text().toStdString();
    EXPECT_FALSE(ProductRepository(db()).get(poster)->publishedPoleepo);
    render(page, u"products-publish-refused"_s);

    // Its editor says the same where variants are published.
    ProductEditorDialog editor(&db(), nullptr, poster);
    EXPECT_EQ(editor.publishHint(), page.message()->text());
    EXPECT_FALSE(editor.publishButton()->isEnabled());
    EXPECT_EQ(editor.publishButton()->toolTip(), page.message()->text());

    // Both: Unpublish is offered (one is published) and unpublishes whole products.
    selectRows(page.view(), {0, 1});
    EXPECT_EQ(page.selectedProductIds(), (QList<qint64> {poster, shirt}));
    ASSERT_TRUE(page.unpublishButton()->isEnabled());
    page.unpublishButton()->click();
    const Product unpublished = *ProductRepository(db()).get(shirt);
    EXPECT_FALSE(unpublished.publishedPoleepo);
    for (const Variant &variant : unpublished.variants)
        EXPECT_FALSE(variant.publishedPoleepo) << variant.sku.toStdString();
}

// Before the click: Publish is disabled when Publishing would refuse the selection, its tooltip
// naming each refused product or variant with Publishing's own words.
TEST_F(PublishingActionsTest, TheProductListChecksBeforePublishAndSaysWhy)
{
    const qint64 shirt = store(completeTShirt());
    const qint64 hoodie = store(tShirt(u"Hoodie"_s, u"HD"_s)); // "back" missing on every variant
    Product bare;
    bare.name = u"Poster"_s;
    bare.sku = u"POSTER"_s;
    const qint64 poster = store(bare);
    ProductListPage page(&db());
    ASSERT_EQ(page.model()->rowCount(), 3);
    ASSERT_EQ(page.model()->productAt(0).id, hoodie); // by name
    ASSERT_EQ(page.model()->productAt(1).id, poster);
    ASSERT_EQ(page.model()->productAt(2).id, shirt);
    const QString offered = u"Publish the selected products on Poleepo with all their variants; each variant "
                            "needs complete print images."_s;

    selectRows(page.view(), {2});
    EXPECT_TRUE(page.publishButton()->isEnabled());
    EXPECT_EQ(page.publishButton()->toolTip(), offered);

    selectRows(page.view(), {0});
    EXPECT_FALSE(page.publishButton()->isEnabled());
    const QString hoodieRefusal = Publishing(db()).setProductsPublished({hoodie}, true).error();
    EXPECT_EQ(page.publishButton()->toolTip(), hoodieRefusal);
    EXPECT_TRUE(hoodieRefusal.contains(u"HD-M-O"_s) && hoodieRefusal.contains(u"\"back\""_s))
            << hoodieRefusal.toStdString();

    selectRows(page.view(), {1});
    EXPECT_FALSE(page.publishButton()->isEnabled());
    EXPECT_EQ(page.publishButton()->toolTip(), Publishing(db()).setProductsPublished({poster}, true).error());

    // One refused product is enough to refuse the whole selection, as the click would.
    selectRows(page.view(), {0, 1, 2});
    EXPECT_FALSE(page.publishButton()->isEnabled());
    EXPECT_EQ(page.publishButton()->toolTip(),
              Publishing(db()).setProductsPublished({hoodie, poster, shirt}, true).error());
    EXPECT_TRUE(page.unpublishButton()->toolTip().contains(u"None of the selected"_s));
    render(page, u"products-publish-prechecked"_s);
    for (const qint64 id : {shirt, hoodie, poster})
        EXPECT_FALSE(ProductRepository(db()).get(id)->publishedPoleepo) << "nothing was written";

    // The hoodie completed (its "back" image): it can be published once it is selected again.
    PrintImage back = tShirt().printImages.constFirst();
    back.productId = hoodie;
    back.placement = u"back"_s;
    back.source = u"https://cdn.example.com/back.pdf"_s;
    ASSERT_TRUE(PrintImageRepository(db()).set(back).ok());
    selectRows(page.view(), {0});
    EXPECT_TRUE(page.publishButton()->isEnabled()) << page.publishButton()->toolTip().toStdString();
    page.publishButton()->click();
    EXPECT_TRUE(ProductRepository(db()).get(hoodie)->publishedPoleepo);
}

TEST_F(PublishingActionsTest, RemovingAPrintImageOfPublishedVariantsAsksFirstAndThenUnpublishes)
{
    const qint64 id = store(completeTShirt());
    ProductEditorDialog editor(&db(), nullptr, id);
    PrintImagesPanel *panel = editor.printImages();
    const QList<qint64> ids {editor.product().variants.at(0).id, editor.product().variants.at(1).id};
    // Nothing published: removed without a question (any question fails the suite).
    panel->selectPlacement(u"back"_s);
    ASSERT_TRUE(panel->removeButton()->isEnabled()) << panel->removeButton()->toolTip().toStdString();
    ASSERT_TRUE(panel->removeDefaultImage(u"back"_s));
    EXPECT_EQ(panel->missingPlacements(), QStringList {u"back"_s});
    EXPECT_FALSE(panel->removeButton()->isEnabled()); // "back" is still selected, now without an image
    EXPECT_EQ(panel->removeButton()->toolTip(), u"This placement has no default image to remove."_s);
    ASSERT_TRUE(panel->setDefaultImage(u"back"_s, u"https://cdn.example.com/back.pdf"_s));

    ASSERT_TRUE(Publishing(db()).setVariantsPublished(ids, true).ok());
    editor.reload();
    {
        ConfirmAnswerer answerer(false);
        EXPECT_FALSE(panel->removeDefaultImage(u"back"_s));
        ASSERT_EQ(answerer.questions().size(), 1);
        EXPECT_EQ(answerer.questions().at(0).title, u"Remove print image"_s);
        const QString text = answerer.questions().at(0).text;
        EXPECT_TRUE(text.contains(u"TS-M-O, TS-L-O"_s)) << text.toStdString();
        EXPECT_FALSE(text.contains(u"TS-L-R"_s)) << text.toStdString(); // not published
        EXPECT_TRUE(text.contains(u"\"back\""_s)) << text.toStdString();
        EXPECT_EQ(ProductRepository(db()).get(id)->printImages.size(), 2);
        EXPECT_TRUE(variant(ids.at(0)).publishedPoleepo);
    }
    {
        ConfirmAnswerer answerer(true);
        ASSERT_TRUE(panel->removeDefaultImage(u"back"_s));
        EXPECT_EQ(answerer.questions().size(), 1);
    }
    EXPECT_EQ(ProductRepository(db()).get(id)->printImages.size(), 1);
    EXPECT_FALSE(variant(ids.at(0)).publishedPoleepo);
    EXPECT_FALSE(variant(ids.at(1)).publishedPoleepo);
    EXPECT_FALSE(ProductRepository(db()).get(id)->publishedPoleepo);
    EXPECT_TRUE(panel->message()->text().contains(u'2')) << panel->message()->text().toStdString();
    EXPECT_EQ(editor.variantModel()->index(0, VariantTableModel::PublishedColumn).data().toString(), u"No"_s);
}

TEST_F(PublishingActionsTest, TheVariantEditorPublishesThroughPublishingAndAsksBeforeAnOverrideGoes)
{
    const qint64 id = store(tShirt()); // "back" missing
    Product product = *ProductRepository(db()).get(id);
    const qint64 variantId = product.variants.at(1).id;
    VariantEditorDialog dialog(&db(), product, variantId);
    render(dialog, u"variant-editor-cannot-publish"_s);
    // Incomplete: the box is disabled and says why; forced, Save refuses at the box, writing nothing.
    const QString refusal
            = u"variant TS-L-O cannot be published on Poleepo: no print image for placement \"back\""_s;
    EXPECT_FALSE(dialog.publishedField()->isEnabled());
    EXPECT_EQ(dialog.publishedField()->toolTip(), refusal);
    EXPECT_EQ(dialog.poleepoStateText(), u"Not on Poleepo yet"_s);
    dialog.publishedField()->setChecked(true);
    dialog.skuField()->setText(u"TS-L-ORANGE"_s);
    EXPECT_FALSE(dialog.save());
    EXPECT_EQ(dialog.message()->text(), refusal);
    EXPECT_EQ(dialog.fieldErrors().markedWidget(), dialog.publishedField());
    EXPECT_FALSE(variant(variantId).publishedPoleepo);
    EXPECT_EQ(variant(variantId).sku, u"TS-L-O"_s); // nothing written

    // Its own "back" completes it: the box is enabled and Save publishes (with the SKU).
    ASSERT_TRUE(dialog.setOverride(u"back"_s, u"https://cdn.example.com/l-orange-back.png"_s));
    EXPECT_TRUE(dialog.publishedField()->isEnabled());
    ASSERT_TRUE(dialog.save()) << dialog.message()->text().toStdString();
    EXPECT_TRUE(variant(variantId).publishedPoleepo);
    EXPECT_TRUE(variant(variantId).needsUpdate);
    EXPECT_EQ(variant(variantId).sku, u"TS-L-ORANGE"_s);

    // Removing that override would leave it without "back": asked first; No keeps everything.
    {
        ConfirmAnswerer answerer(false);
        EXPECT_FALSE(dialog.removeOverride(u"back"_s));
        ASSERT_EQ(answerer.questions().size(), 1);
        EXPECT_TRUE(answerer.questions().at(0).text.contains(u"\"back\""_s));
        EXPECT_TRUE(variant(variantId).publishedPoleepo);
    }
    {
        ConfirmAnswerer answerer(true);
        ASSERT_TRUE(dialog.removeOverride(u"back"_s));
        EXPECT_EQ(answerer.questions().size(), 1);
    }
    EXPECT_FALSE(variant(variantId).publishedPoleepo);
    EXPECT_FALSE(dialog.publishedField()->isChecked());
    EXPECT_FALSE(dialog.publishedField()->isEnabled());
    // Nothing left to save: the unpublishing came from the store, not from the person.
    EXPECT_FALSE(dialog.isWindowModified());

    // A published variant shows Poleepo's id and Needs update.
    ASSERT_TRUE(dialog.setOverride(u"back"_s, u"https://cdn.example.com/l-orange-back.png"_s));
    ASSERT_TRUE(Publishing(db()).setVariantsPublished({variantId}, true).ok());
    sql(u"UPDATE variants SET poleepo_product_id = 'PLP-9' WHERE id = %1"_s.arg(variantId));
    product = *ProductRepository(db()).get(id);
    VariantEditorDialog again(&db(), product, variantId);
    EXPECT_TRUE(again.publishedField()->isChecked());
    EXPECT_TRUE(again.publishedField()->isEnabled());
    EXPECT_EQ(again.poleepoStateText(), u"Poleepo product id PLP-9 · needs update"_s);
    render(again, u"variant-editor-published"_s);
}

} // namespace
} // namespace Bottega::Test
