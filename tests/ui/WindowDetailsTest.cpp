// The smaller things of issue 13 (point 5), in the real widgets offscreen: the product
// description shown formatted and stored exactly as given; disabled actions say why in their
// tooltip ("Configure…", "Retry selected"); the Webhooks page writes times in the locale's format
// (DisplayFormat), as every other page does.
#include "core/domain/WebhookQueueItem.h"
#include "core/store/ProductRepository.h"
#include "core/store/WebhookQueueRepository.h"
#include "tests/ui/ProductFixture.h"
#include "ui/DisplayFormat.h"
#include "ui/models/WebhookTableModel.h"
#include "ui/pages/ProductEditorDialog.h"
#include "ui/pages/WebhookQueuePage.h"
#include "ui/widgets/DescriptionEdit.h"

#include <QAbstractItemModel>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

using WindowDetailsTest = ProductFixture;

TEST_F(WindowDetailsTest, TheDescriptionIsShownFormattedAndStoredAsGelatoGaveIt)
{
    const QString html = u"<p>Soft <b>organic</b> cotton.</p><ul><li>Unisex</li></ul>"_s;
    Product product;
    product.name = u"Shirt"_s;
    product.longDescription = html;
    const qint64 id = store(product);
    ProductEditorDialog editor(&db(), nullptr, id);
    auto *description = editor.findChild<DescriptionEdit *>();
    ASSERT_TRUE(description);
    EXPECT_EQ(description->currentIndex(), DescriptionEdit::FormattedTab);
    EXPECT_EQ(description->formatted()->text(), html);
    EXPECT_TRUE(Qt::mightBeRichText(description->formatted()->text()));
    EXPECT_EQ(description->formatted()->textFormat(), Qt::AutoText); // drawn as HTML, not its tags
    EXPECT_EQ(description->source()->toPlainText(), html);
    EXPECT_FALSE(editor.isWindowModified()); // looking is not editing

    ASSERT_TRUE(editor.save());
    EXPECT_EQ(ProductRepository(db()).get(id)->longDescription, html); // not rewritten by Qt

    description->setCurrentIndex(DescriptionEdit::SourceTab);
    description->source()->setPlainText(u"<p>Heavy cotton</p>"_s);
    EXPECT_EQ(description->formatted()->text(), u"<p>Heavy cotton</p>"_s);
    EXPECT_TRUE(editor.isWindowModified());
}

TEST_F(WindowDetailsTest, ConfigureSaysWhyItIsDisabled)
{
    const qint64 id = store(tShirt());
    ProductEditorDialog editor(&db(), nullptr, id);
    auto *configure = editor.findChild<QPushButton *>(u"configureVariantButton"_s);
    ASSERT_TRUE(configure);
    EXPECT_FALSE(configure->isEnabled());
    EXPECT_EQ(configure->toolTip(), u"Select one variant to configure it."_s);
    editor.variantView()->selectRow(0);
    EXPECT_TRUE(configure->isEnabled());
    EXPECT_TRUE(configure->toolTip().contains(u"selected variant"_s)) << configure->toolTip().toStdString();
}

TEST_F(WindowDetailsTest, RetrySaysWhyItIsDisabledAndTimesAreInTheLocalesFormat)
{
    WebhookQueueItem item;
    item.source = u"gelato"_s;
    item.event = u"order_status_updated"_s;
    item.eventId = u"os_1"_s;
    item.body = R"({"id":"os_1"})";
    const auto inserted = WebhookQueueRepository(db()).insert(item);
    ASSERT_TRUE(inserted.ok());

    WebhookQueuePage page(&db());
    auto *retry = page.findChild<QPushButton *>(u"retryButton"_s);
    auto *table = page.findChild<QTableView *>(u"webhookTable"_s);
    ASSERT_TRUE(retry && table);
    EXPECT_FALSE(retry->isEnabled());
    EXPECT_EQ(retry->toolTip(), u"Select one or more calls in the list to retry them"_s);
    table->selectRow(0);
    EXPECT_TRUE(retry->isEnabled());
    EXPECT_TRUE(retry->toolTip().contains(u"back in the queue"_s)) << retry->toolTip().toStdString();

    const QModelIndex received = table->model()->index(0, WebhookTableModel::ReceivedColumn);
    EXPECT_EQ(received.data().toString(),
              DisplayFormat::dateTime(received.data(WebhookTableModel::RawRole).toDateTime()));
    EXPECT_NE(received.data().toString(),
              received.data(WebhookTableModel::RawRole).toDateTime().toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s));
}

TEST(DisplayFormatTest, TimesWithSecondsFollowTheLocalesFormat)
{
    const QLocale previous;
    const QDateTime time(QDate(2026, 12, 5), QTime(9, 7, 42));
    for (const QLocale &locale :
         {QLocale(QLocale::Italian, QLocale::Italy), QLocale(QLocale::English, QLocale::UnitedStates)}) {
        QLocale::setDefault(locale);
        const QString shown = DisplayFormat::dateTimeWithSeconds(time);
        // The same as every other date shown, plus the seconds.
        const QString minutes = DisplayFormat::dateTime(time);
        EXPECT_TRUE(shown.startsWith(minutes.left(minutes.indexOf(u"07"_s) + 2))) << shown.toStdString();
        EXPECT_TRUE(shown.contains(u"07:42"_s)) << shown.toStdString();
        EXPECT_NE(shown, DisplayFormat::dateTime(time));
    }
    QLocale::setDefault(previous);
    EXPECT_EQ(DisplayFormat::dateTimeWithSeconds(QDateTime(), u"—"_s), u"—"_s);
}

} // namespace
} // namespace Bottega::Test
