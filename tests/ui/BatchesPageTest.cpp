// The Batches page (BATCH-4) on a real SQLite database, with batches and items stored through the
// repositories: the list newest first with counts, the "with errors only" filter, the items of a
// batch with Poleepo's code and message, the error count on the page and in the sidebar, and
// "Resubmit failed items" refused for a batch without failed items.
#include "ui/pages/BatchesPage.h"

#include "core/publishing/BatchGeneration.h"
#include "core/settings/Settings.h"
#include "core/store/ProductBatchRepository.h"
#include "core/store/VariantRepository.h"
#include "tests/support/fakes/PoleepoTestRig.h"
#include "tests/ui/ProductFixture.h"
#include "ui/AppContext.h"
#include "ui/MainWindow.h"
#include "ui/models/BatchItemTableModel.h"
#include "ui/models/BatchTableModel.h"
#include "ui/widgets/InlineMessage.h"

#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QPixmap>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

ProductBatchItem item(qint64 productId, const QString &sku, ProductBatchItem::Status status,
                      const QString &code = {}, const QString &message = {})
{
    ProductBatchItem entry;
    entry.productId = productId;
    entry.sku = sku;
    entry.status = status;
    entry.code = code;
    entry.message = message;
    entry.payload = u"{}"_s;
    return entry;
}

class BatchesPageTest : public ProductFixture
{
protected:
    void SetUp() override
    {
        ProductFixture::SetUp();
        m_product = store(tShirt());
        const QDateTime at = QDateTime(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC);
        // 1: completed, all done.
        m_done = addBatch(u"COMPLETED"_s, at, {item(m_product, u"TS"_s, ProductBatchItem::Status::Done)});
        // 2: completed, one refused by Poleepo.
        m_refused = addBatch(u"COMPLETED"_s, at.addSecs(600),
                             {item(m_product, u"TS"_s, ProductBatchItem::Status::Done),
                              item(m_product, u"TS-M-ORANGE"_s, ProductBatchItem::Status::Error,
                                   u"PARENT_NOT_FOUND"_s, u"Parent product TS not found"_s)});
        // 3: still processing.
        m_pending = addBatch(u"PROCESSING"_s, at.addSecs(1200),
                             {item(m_product, u"TS"_s, ProductBatchItem::Status::Draft)});
        // 4: could not be submitted: its waiting items count as failed.
        m_failed = addBatch(u"new"_s, at.addSecs(1800),
                            {item(m_product, u"TS"_s, ProductBatchItem::Status::Draft)},
                            u"Poleepo cannot be reached"_s);
    }

    qint64 addBatch(const QString &status, const QDateTime &created, const QList<ProductBatchItem> &items,
                    const QString &error = {})
    {
        ProductBatch batch;
        batch.status = status;
        batch.createdAt = created;
        batch.total = int(items.size());
        for (const ProductBatchItem &entry : items)
            batch.processed += entry.status == ProductBatchItem::Status::Draft ? 0 : 1;
        batch.error = error;
        if (status != u"new"_s) {
            batch.poleepoBatchId = u"pb-"_s + QString::number(created.toSecsSinceEpoch() % 10000);
            batch.submittedAt = created.addSecs(5);
        }
        batch.items = items;
        const auto id = ProductBatchRepository(db()).create(batch);
        EXPECT_TRUE(id.ok()) << (id ? "" : qPrintable(id.error()));
        return id ? *id : 0;
    }

    static QList<qint64> ids(const BatchTableModel &model)
    {
        QList<qint64> result;
        for (int row = 0; row < model.rowCount(); ++row)
            result.append(model.batchAt(row).id);
        return result;
    }

    qint64 m_product = 0;
    qint64 m_done = 0, m_refused = 0, m_pending = 0, m_failed = 0;
};

TEST_F(BatchesPageTest, ListsTheBatchesNewestFirstWithTheirCounts)
{
    BatchesPage page(&db(), nullptr);
    const BatchTableModel &model = *page.model();
    EXPECT_EQ(ids(model), (QList<qint64> {m_failed, m_pending, m_refused, m_done}));
    EXPECT_EQ(model.totalCount(), 4);
    const int refusedRow = model.rowOf(m_refused);
    EXPECT_EQ(model.index(refusedRow, BatchTableModel::StateColumn).data().toString(), u"Completed"_s);
    EXPECT_EQ(model.index(refusedRow, BatchTableModel::TotalColumn).data().toString(), u"2"_s);
    EXPECT_EQ(model.index(refusedRow, BatchTableModel::ProcessedColumn).data().toString(), u"2"_s);
    EXPECT_EQ(model.index(refusedRow, BatchTableModel::ErrorsColumn).data().toString(), u"1"_s);
    EXPECT_FALSE(model.index(refusedRow, BatchTableModel::SubmittedColumn).data().toString().isEmpty());
    const int failedRow = model.rowOf(m_failed);
    EXPECT_EQ(model.index(failedRow, BatchTableModel::StateColumn).data().toString(), u"Not submitted"_s);
    EXPECT_EQ(model.index(failedRow, BatchTableModel::ErrorColumn).data().toString(),
              u"Poleepo cannot be reached"_s);
}

TEST_F(BatchesPageTest, PagesInSql)
{
    for (int i = 0; i < 6; ++i)
        addBatch(u"COMPLETED"_s, QDateTime::currentDateTimeUtc(), {});
    BatchTableModel model(&db());
    model.setPageSize(4);
    model.refresh();
    EXPECT_EQ(model.rowCount(), 4);
    EXPECT_EQ(model.totalCount(), 10);
    ASSERT_TRUE(model.canFetchMore({}));
    model.fetchMore({});
    model.fetchMore({});
    EXPECT_EQ(model.rowCount(), 10);
    EXPECT_EQ(model.batchAt(9).id, m_done);
}

TEST_F(BatchesPageTest, TheFilterKeepsTheBatchesWithErrors)
{
    BatchesPage page(&db(), nullptr);
    auto *errorsOnly = page.findChild<QCheckBox *>(u"errorsOnly"_s);
    ASSERT_TRUE(errorsOnly);
    errorsOnly->setChecked(true);
    EXPECT_EQ(ids(*page.model()), (QList<qint64> {m_failed, m_refused}));
    EXPECT_EQ(page.model()->totalCount(), 2);
    errorsOnly->setChecked(false);
    EXPECT_EQ(page.model()->rowCount(), 4);
}

TEST_F(BatchesPageTest, ASelectedBatchShowsItsItemsWithPoleepoCodeAndMessage)
{
    BatchesPage page(&db(), nullptr);
    ASSERT_TRUE(page.selectBatch(m_refused));
    const BatchItemTableModel &items = *page.itemModel();
    ASSERT_EQ(items.rowCount(), 2);
    EXPECT_EQ(items.index(0, BatchItemTableModel::OutcomeColumn).data().toString(), u"Done"_s);
    EXPECT_EQ(items.index(1, BatchItemTableModel::SkuColumn).data().toString(), u"TS-M-ORANGE"_s);
    EXPECT_EQ(items.index(1, BatchItemTableModel::OutcomeColumn).data().toString(), u"Error"_s);
    EXPECT_EQ(items.index(1, BatchItemTableModel::CodeColumn).data().toString(), u"PARENT_NOT_FOUND"_s);
    EXPECT_EQ(items.index(1, BatchItemTableModel::MessageColumn).data().toString(),
              u"Parent product TS not found"_s);
}

TEST_F(BatchesPageTest, TheErrorCountIsOnThePageAndInTheSidebar)
{
    BatchesPage page(&db(), nullptr);
    EXPECT_EQ(page.errorBatchCount(), 2);
    auto *summary = page.findChild<QLabel *>(u"errorSummary"_s);
    ASSERT_TRUE(summary);
    EXPECT_TRUE(summary->text().startsWith(u"2 batch"_s)) << summary->text().toStdString();

    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    Settings settings(dir.filePath(u"bottega.ini"_s));
    AppContext context;
    context.settings = &settings;
    context.database = &db();
    MainWindow window(context);
    EXPECT_EQ(window.sidebar()->item(int(MainWindow::Page::Batches))->text(), u"Batches (2)"_s);
    ASSERT_TRUE(qobject_cast<BatchesPage *>(window.page(MainWindow::Page::Batches)));

    // Picture for review: the page with the refused batch selected.
    window.showPage(MainWindow::Page::Batches);
    auto *shown = qobject_cast<BatchesPage *>(window.page(MainWindow::Page::Batches));
    ASSERT_TRUE(shown->selectBatch(m_refused));
    window.resize(1280, 760);
    const QPixmap shot = window.grab();
    ASSERT_FALSE(shot.isNull());
    shot.save(QDir::temp().filePath(u"bottega-batches.png"_s));
}

TEST_F(BatchesPageTest, ResubmitIsRefusedForABatchWithoutFailedItems)
{
    BatchesPage page(&db(), nullptr);
    auto *resubmit = page.findChild<QPushButton *>(u"resubmitButton"_s);
    ASSERT_TRUE(resubmit);
    EXPECT_FALSE(resubmit->isEnabled()); // nothing selected
    EXPECT_FALSE(resubmit->toolTip().isEmpty());

    ASSERT_TRUE(page.selectBatch(m_done));
    EXPECT_FALSE(resubmit->isEnabled());
    EXPECT_TRUE(resubmit->toolTip().contains(u"no failed items"_s)) << resubmit->toolTip().toStdString();
    ASSERT_TRUE(page.selectBatch(m_pending));
    EXPECT_FALSE(resubmit->isEnabled());

    // A batch with failed items, but nothing to send them with here: still refused, and said why.
    ASSERT_TRUE(page.selectBatch(m_refused));
    EXPECT_FALSE(resubmit->isEnabled());
    EXPECT_TRUE(resubmit->toolTip().contains(u"not available"_s)) << resubmit->toolTip().toStdString();
}

TEST_F(BatchesPageTest, ResubmitSendsTheFailedItemsAgainToPoleepo)
{
    PoleepoTestRig rig;
    ASSERT_TRUE(rig.started);
    Product polo = tShirt(u"Polo"_s, u"PO"_s);
    polo.vatRate = 22;
    const qint64 poloId = store(polo);
    const auto variants = VariantRepository(db()).listForProduct(poloId);
    ASSERT_TRUE(variants.ok() && !variants->isEmpty());
    ProductBatchItem refused = item(poloId, variants->first().sku, ProductBatchItem::Status::Error,
                                    u"VALIDATION_ERROR"_s, u"price: must be positive"_s);
    refused.variantId = variants->first().id;
    const qint64 batchId = addBatch(u"COMPLETED"_s, QDateTime::currentDateTimeUtc(), {refused});

    BatchGeneration generation(db(), rig.poleepo, rig.settings);
    BatchesPage page(&db(), &generation);
    EXPECT_EQ(page.errorBatchCount(), 3);
    ASSERT_TRUE(page.selectBatch(batchId));
    auto *resubmit = page.findChild<QPushButton *>(u"resubmitButton"_s);
    ASSERT_TRUE(resubmit && resubmit->isEnabled()) << resubmit->toolTip().toStdString();

    QSignalSpy finished(&page, &BatchesPage::resubmitFinished);
    resubmit->click();
    ASSERT_TRUE(finished.wait(10000));
    const qint64 newBatch = finished.first().first().toLongLong();
    auto *message = page.findChild<InlineMessage *>();
    ASSERT_TRUE(message);
    EXPECT_NE(newBatch, 0) << message->text().toStdString();
    EXPECT_EQ(message->type(), InlineMessage::Type::Positive) << message->text().toStdString();
    EXPECT_TRUE(message->text().contains(u"batch %1"_s.arg(newBatch))) << message->text().toStdString();
    // The new batch heads the list; the old one has nothing left to send.
    EXPECT_EQ(page.model()->batchAt(0).id, newBatch);
    EXPECT_EQ(page.errorBatchCount(), 2);
    EXPECT_EQ(page.selectedBatchId(), batchId);
    EXPECT_FALSE(resubmit->isEnabled());
}

} // namespace
} // namespace Bottega::Test
