// Publishing to Poleepo (PROD-5, BATCH-1..3) against PoleepoFake on loopback, on SQLite and
// PostgreSQL: the exact entries for a template with 3 variants (parent first), variants left out
// with the reason, the print-image rule, Needs update set by an edit and cleared when Poleepo
// confirms, the 5-request limit never exceeded, PARENT_NOT_FOUND shown and resubmitted.
#include "core/publishing/Publishing.h"

#include "core/products/ProductEditing.h"
#include "core/publishing/BatchGeneration.h"
#include "core/publishing/BatchPolling.h"
#include "core/store/Database.h"
#include "core/store/ProductBatchRepository.h"
#include "core/store/ProductRepository.h"
#include "core/store/VariantRepository.h"
#include "tests/core/products/PrintImagesTestProduct.h"
#include "tests/support/database/TestDatabase.h"
#include "tests/support/fakes/PoleepoTestRig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

namespace {

class PublishingTest : public DatabaseTest
{
protected:
    void SetUp() override
    {
        DatabaseTest::SetUp();
        ASSERT_TRUE(rig.started);
        db().setClock(&rig.clock);
        generator = std::make_unique<BatchGeneration>(db(), rig.poleepo, rig.settings);
        poller = std::make_unique<BatchPolling>(db(), rig.poleepo, rig.settings);
        Product product = makeTestProduct();
        product.vatRate = 22;
        product.categoryPath = u"Abbigliamento/T-shirt"_s;
        product.publishedPoleepo = false;
        auto id = ProductRepository(db()).create(product);
        ASSERT_TRUE(id.ok()) << id.error().toStdString();
        productId = *id;
        auto variants = VariantRepository(db()).listForProduct(productId);
        ASSERT_TRUE(variants.ok());
        for (const Variant &variant : *variants)
            variantIds.append(variant.id);
    }
    void TearDown() override
    {
        poller.reset();
        generator.reset();
        db().setClock(nullptr);
        DatabaseTest::TearDown();
    }

    void sql(const QString &statement)
    {
        QSqlQuery query(db().connection());
        ASSERT_TRUE(query.exec(statement)) << statement.toStdString();
    }
    void publishAll() { sql(u"UPDATE variants SET published_poleepo = 1"_s); }

    Result<BatchGeneration::Report> generate()
    {
        std::optional<Result<BatchGeneration::Report>> result;
        QObject context;
        generator->generate(&context,
                            [&result](Result<BatchGeneration::Report> r) { result.emplace(std::move(r)); });
        waitUntil([&result] { return result.has_value(); });
        return result ? std::move(*result) : Result<BatchGeneration::Report>(makeError(u"no answer"_s));
    }
    Result<BatchPolling::Report> poll()
    {
        std::optional<Result<BatchPolling::Report>> result;
        QObject context;
        poller->poll(&context, [&result](Result<BatchPolling::Report> r) { result.emplace(std::move(r)); });
        waitUntil([&result] { return result.has_value(); });
        return result ? std::move(*result) : Result<BatchPolling::Report>(makeError(u"no answer"_s));
    }
    Variant variant(int i) { return *VariantRepository(db()).get(variantIds.at(i)); }

    PoleepoTestRig rig;
    std::unique_ptr<BatchGeneration> generator; // made in SetUp, once the database is open
    std::unique_ptr<BatchPolling> poller;
    qint64 productId = 0;
    QList<qint64> variantIds;
};

TEST_P(PublishingTest, ABatchForATemplateWithThreeVariantsHasItsParentFirstAndEveryField)
{
    publishAll();
    auto report = generate();
    ASSERT_TRUE(report.ok()) << report.error().toStdString();
    ASSERT_EQ(report->batchIds.size(), 1);
    const QJsonArray sent = rig.fake.catalog().batchEntries(rig.fake.catalog().lastBatchId());
    ASSERT_EQ(sent.size(), 4);
    EXPECT_EQ(sent.at(0).toObject(),
              (QJsonObject {{u"sku"_s, u"TS"_s},
                            {u"title"_s, u"T-shirt"_s},
                            {u"category_path"_s, u"Abbigliamento/T-shirt"_s},
                            {u"price"_s, 20}}));
    const QJsonObject expected {
            {u"product_id"_s, u""_s},
            {u"sku"_s, u"TS-L-O"_s},
            {u"ean"_s, u""_s},
            {u"upc"_s, u""_s},
            {u"isbn"_s, u""_s},
            {u"mpn"_s, u""_s},
            {u"parent_sku"_s, u"TS"_s},
            {u"title"_s, u"T-shirt L Orange"_s},
            {u"short_description"_s, u""_s},
            {u"long_description"_s, u""_s},
            {u"category_path"_s, u"Abbigliamento/T-shirt"_s},
            {u"weight"_s, 0},
            {u"width"_s, 0},
            {u"height"_s, 0},
            {u"depth"_s, 0},
            {u"price"_s, 21.5},
            {u"price_with_tax"_s, 26.23}, // 21.5 × 1.22 = 26.23
            {u"vat_rate"_s, 22},
            {u"quantity"_s, 4},
            {u"images"_s, QJsonArray()},
            {u"attributes"_s,
             QJsonArray {QJsonObject {{u"name"_s, u"Size"_s}, {u"value"_s, u"L"_s}},
                         QJsonObject {{u"name"_s, u"Color"_s}, {u"value"_s, u"Orange"_s}}}},
    };
    EXPECT_EQ(sent.at(2).toObject(), expected);
    EXPECT_EQ(sent.at(1).toObject().value(u"sku"_s), u"TS-M-O"_s);
    EXPECT_EQ(sent.at(3).toObject().value(u"sku"_s), u"TS-L-R"_s);

    auto batch = ProductBatchRepository(db()).get(report->batchIds.at(0));
    ASSERT_TRUE(batch.ok());
    EXPECT_EQ(batch->status, u"PENDING"_s);
    ASSERT_EQ(batch->items.size(), 4);
    EXPECT_EQ(batch->items.at(0).variantId, 0);
    // Waiting in a submitted batch: not sent twice.
    auto again = generate();
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->batchIds.isEmpty());
    EXPECT_EQ(rig.fake.catalog().batchCount(), 1);
}

TEST_P(PublishingTest, AVariantWithoutSkuPriceOrVatIsLeftOutWithTheReason)
{
    publishAll();
    sql(u"UPDATE variants SET sku = '' WHERE id = %1"_s.arg(variantIds.at(0)));
    sql(u"UPDATE products SET vat_rate = 22"_s);
    ASSERT_TRUE(rig.settings.set(u"poleepo.batch-size"_s, u"2"_s).ok());
    auto report = generate();
    ASSERT_TRUE(report.ok()) << report.error().toStdString();
    ASSERT_EQ(report->leftOut.size(), 1);
    EXPECT_EQ(report->leftOut.at(0).variantId, variantIds.at(0));
    EXPECT_EQ(report->leftOut.at(0).reason, u"no SKU"_s);
    EXPECT_EQ(report->batchIds.size(), 2); // parent + 2 variants in batches of 2

    sql(u"UPDATE products SET vat_rate = 0, list_price = 0"_s);
    sql(u"UPDATE variants SET price_extra = 0"_s);
    sql(u"DELETE FROM product_batches"_s);
    auto none = generate();
    ASSERT_TRUE(none.ok());
    EXPECT_EQ(none->leftOut.size(), 3);
    EXPECT_EQ(none->leftOut.at(1).reason, u"no price, no VAT rate"_s);
    EXPECT_TRUE(none->batchIds.isEmpty());
}

TEST_P(PublishingTest, IncompletePrintImagesCannotBePublishedAndRemovingOneUnpublishes)
{
    Publishing publishing(db());
    auto refused = publishing.setVariantsPublished({variantIds.at(0)}, true);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(
            refused.error(),
            u"variant TS-M-O cannot be published on Poleepo: no print image for placements \"default\", \"back\""_s);
    EXPECT_FALSE(variant(0).publishedPoleepo);
    EXPECT_FALSE(ProductEditing(db()).set(productId, u"published"_s, u"true"_s, variantIds.at(0)).ok());

    sql(u"INSERT INTO print_images (product_id, placement, source_kind, source, file_id, created_at) "
        "SELECT id, 'default', 'url', 'https://example.com/a.png', '', 0 FROM products"_s);
    sql(u"INSERT INTO print_images (product_id, placement, source_kind, source, file_id, created_at) "
        "SELECT id, 'back', 'url', 'https://example.com/b.png', '', 0 FROM products"_s);
    auto published = publishing.setProductsPublished({productId}, true);
    ASSERT_TRUE(published.ok()) << published.error().toStdString();
    EXPECT_EQ(*published, 3);
    EXPECT_TRUE(variant(2).publishedPoleepo && variant(2).needsUpdate);

    auto asked = publishing.wouldUnpublish(productId, u"back"_s);
    ASSERT_TRUE(asked.ok()) << asked.error().toStdString();
    EXPECT_EQ(*asked, variantIds);
    auto removed = publishing.removePrintImage(productId, u"back"_s);
    ASSERT_TRUE(removed.ok()) << removed.error().toStdString();
    EXPECT_FALSE(variant(0).publishedPoleepo);
    EXPECT_FALSE(variant(2).publishedPoleepo);
}

// The window and the command line say which variants and which placements: every refused variant
// is named, one a line, and nothing of the selection changes.
TEST_P(PublishingTest, ARefusalNamesEveryIncompleteVariantAndChangesNothing)
{
    sql(u"INSERT INTO print_images (product_id, placement, source_kind, source, file_id, created_at) "
        "SELECT id, 'default', 'url', 'https://example.com/a.png', '', 0 FROM products"_s);
    // TS-L-O has its own "back"; the other two have none.
    sql(u"INSERT INTO print_images (product_id, variant_id, placement, source_kind, source, file_id, "
        "created_at) VALUES (%1, %2, 'back', 'url', 'https://example.com/b.png', '', 0)"_s.arg(productId)
                .arg(variantIds.at(1)));
    Publishing publishing(db());
    auto refused = publishing.setVariantsPublished(variantIds, true);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error(),
              u"variant TS-M-O cannot be published on Poleepo: no print image for placement \"back\"\n"
              "variant TS-L-R cannot be published on Poleepo: no print image for placement \"back\""_s);
    EXPECT_EQ(publishing.checkPublishable(variantIds).error(), refused.error());
    for (int i = 0; i < 3; ++i)
        EXPECT_FALSE(variant(i).publishedPoleepo) << i;
    // The whole product: the same lines.
    EXPECT_EQ(publishing.setProductsPublished({productId}, true).error(), refused.error());
    EXPECT_FALSE(ProductRepository(db()).get(productId)->publishedPoleepo);

    // The complete one alone is published, and the product with it; unpublishing it clears both.
    ASSERT_TRUE(publishing.checkPublishable({variantIds.at(1)}).ok());
    auto one = publishing.setVariantsPublished({variantIds.at(1)}, true);
    ASSERT_TRUE(one.ok()) << one.error().toStdString();
    EXPECT_TRUE(variant(1).publishedPoleepo && variant(1).needsUpdate);
    EXPECT_TRUE(ProductRepository(db()).get(productId)->publishedPoleepo);
    ASSERT_TRUE(publishing.setVariantsPublished({variantIds.at(1)}, false).ok());
    EXPECT_FALSE(variant(1).publishedPoleepo);
    EXPECT_FALSE(ProductRepository(db()).get(productId)->publishedPoleepo);
}

TEST_P(PublishingTest, AProductWithoutVariantsOrAnArchivedVariantCannotBePublished)
{
    Product bare;
    bare.name = u"Poster"_s;
    bare.sku = u"POSTER"_s;
    bare.listPrice = 15;
    auto bareId = ProductRepository(db()).create(bare);
    ASSERT_TRUE(bareId.ok()) << bareId.error().toStdString();
    Publishing publishing(db());
    auto refused = publishing.setProductsPublished({*bareId}, true);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error(),
              u"product %1 \"Poster\" has no variants, and a product without variants cannot be published "
              "on Poleepo: synchronize it with its Gelato template first"_s.arg(*bareId));
    EXPECT_FALSE(ProductRepository(db()).get(*bareId)->publishedPoleepo);
    // Together with a product that could be published: nothing changes.
    for (const QString &placement : {u"default"_s, u"back"_s})
        sql(u"INSERT INTO print_images (product_id, placement, source_kind, source, file_id, created_at) "
            "VALUES (%1, '%2', 'url', 'https://example.com/a.png', '', 0)"_s.arg(productId)
                    .arg(placement));
    EXPECT_FALSE(publishing.setProductsPublished({productId, *bareId}, true).ok());
    EXPECT_FALSE(variant(0).publishedPoleepo);
    // Unpublishing it is fine (nothing to refuse).
    EXPECT_TRUE(publishing.setProductsPublished({*bareId}, false).ok());

    // An archived variant is no longer sold: refused by name; the product skips it.
    ASSERT_TRUE(VariantRepository(db()).setArchived(variantIds.at(2), true).ok());
    auto archived = publishing.setVariantsPublished({variantIds.at(2)}, true);
    ASSERT_FALSE(archived.ok());
    EXPECT_EQ(archived.error(),
              u"variant TS-L-R is archived (no longer sold): it cannot be published on Poleepo"_s);
    auto product = publishing.setProductsPublished({productId}, true);
    ASSERT_TRUE(product.ok()) << product.error().toStdString();
    EXPECT_EQ(*product, 2);
    EXPECT_FALSE(variant(2).publishedPoleepo);
}

// poleepo.enabled false: the jobs' use cases send nothing, ask nothing and say so.
TEST_P(PublishingTest, WithPoleepoSwitchedOffNothingIsSentOrAsked)
{
    publishAll();
    auto sent = generate();
    ASSERT_TRUE(sent.ok()) << sent.error().toStdString();
    ASSERT_EQ(sent->batchIds.size(), 1);
    const qsizetype requestsBefore = rig.fake.requests().size();
    const qint64 batchesBefore = ProductBatchRepository(db()).count({}).value();

    ASSERT_TRUE(rig.settings.set(u"poleepo.enabled"_s, u"false"_s).ok());
    sql(u"UPDATE variants SET needs_update = 1"_s);
    auto off = generate();
    ASSERT_TRUE(off.ok()) << off.error().toStdString();
    EXPECT_TRUE(off->switchedOff);
    EXPECT_TRUE(off->batchIds.isEmpty());
    auto notAsked = poll();
    ASSERT_TRUE(notAsked.ok()) << notAsked.error().toStdString();
    EXPECT_TRUE(notAsked->switchedOff);
    EXPECT_EQ(notAsked->asked, 0);
    std::optional<Result<qint64>> resubmitted;
    QObject context;
    generator->resubmit(sent->batchIds.at(0), &context,
                        [&resubmitted](Result<qint64> r) { resubmitted.emplace(std::move(r)); });
    ASSERT_TRUE(waitUntil([&resubmitted] { return resubmitted.has_value(); }));
    ASSERT_FALSE(resubmitted->ok());
    EXPECT_EQ(resubmitted->error(), BatchGeneration::switchedOffText());
    EXPECT_EQ(rig.fake.requests().size(), requestsBefore);
    EXPECT_EQ(ProductBatchRepository(db()).count({}).value(), batchesBefore);

    // Switched on again: the submitted batch is asked about, and due variants go out as before.
    ASSERT_TRUE(rig.settings.set(u"poleepo.enabled"_s, u"true"_s).ok());
    auto polled = poll();
    ASSERT_TRUE(polled.ok()) << polled.error().toStdString();
    EXPECT_FALSE(polled->switchedOff);
    EXPECT_EQ(polled->asked, 1);
    sql(u"UPDATE variants SET needs_update = 1"_s);
    auto on = generate();
    ASSERT_TRUE(on.ok()) << on.error().toStdString();
    EXPECT_FALSE(on->switchedOff);
    EXPECT_EQ(on->batchIds.size(), 1);
}

TEST_P(PublishingTest, NeedsUpdateIsSetByAnEditAndClearedWhenPoleepoConfirms)
{
    publishAll();
    ASSERT_TRUE(generate().ok());
    auto polled = poll();
    ASSERT_TRUE(polled.ok()) << polled.error().toStdString();
    EXPECT_EQ(polled->finished, 1);
    EXPECT_FALSE(variant(1).needsUpdate);
    EXPECT_EQ(variant(1).poleepoProductId, rig.fake.catalog().productId(u"TS-L-O"_s));
    EXPECT_FALSE(ProductRepository(db()).get(productId)->needsUpdate);

    rig.advance(5);
    ASSERT_TRUE(ProductEditing(db()).set(productId, u"ean"_s, u"4006381333931"_s, variantIds.at(1)).ok());
    EXPECT_TRUE(variant(1).needsUpdate);
    EXPECT_FALSE(variant(0).needsUpdate);
    ASSERT_TRUE(ProductEditing(db()).set(productId, u"category"_s, u"Moda"_s).ok());
    EXPECT_TRUE(variant(0).needsUpdate);
}

TEST_P(PublishingTest, NeverMoreThanFiveStatusRequestsPerBatchWithinTenMinutes)
{
    publishAll();
    rig.fake.catalog().setProcessingPolls(100);
    ASSERT_TRUE(generate().ok());
    int asked = 0;
    for (int i = 0; i < 8; ++i) {
        auto polled = poll();
        ASSERT_TRUE(polled.ok());
        EXPECT_TRUE(polled->errors.isEmpty()) << polled->errors.join(u"; "_s).toStdString();
        asked += polled->asked;
        rig.advance(30);
    }
    EXPECT_EQ(asked, 5);
    rig.advance(600);
    auto later = poll();
    ASSERT_TRUE(later.ok());
    EXPECT_EQ(later->asked, 1);
    EXPECT_EQ(ProductBatchRepository(db()).get(1)->status, u"PROCESSING"_s);
}

TEST_P(PublishingTest, ParentNotFoundIsShownAndTheChildIsResubmittedAfterTheParentSucceeds)
{
    // As if Poleepo had lost the parent it once confirmed: only the child is due.
    sql(u"UPDATE products SET poleepo_product_id = '900'"_s);
    sql(u"UPDATE variants SET published_poleepo = 1 WHERE id = %1"_s.arg(variantIds.at(0)));
    // A batch with the child alone, as Poleepo would get it then.
    ProductBatch batch;
    ProductBatchItem child;
    child.productId = productId;
    child.variantId = variantIds.at(0);
    child.sku = u"TS-M-O"_s;
    batch.items = {child};
    auto submitted = rig.wait<PoleepoBatchSubmission>([&](QObject *context, auto done) {
        rig.poleepo.submitBatch({QJsonObject {{u"sku"_s, u"TS-M-O"_s},
                                              {u"title"_s, u"T"_s},
                                              {u"price"_s, 21.5},
                                              {u"parent_sku"_s, u"TS"_s}}},
                                context, done);
    });
    ASSERT_TRUE(submitted && submitted->ok());
    batch.poleepoBatchId = submitted->value().batchId;
    batch.status = u"PENDING"_s;
    batch.submittedAt = rig.clock.now();
    auto batchId = ProductBatchRepository(db()).create(batch);
    ASSERT_TRUE(batchId.ok());
    ASSERT_TRUE(poll().ok());
    auto failed = ProductBatchRepository(db()).get(*batchId);
    ASSERT_EQ(failed->items.at(0).status, ProductBatchItem::Status::Error);
    EXPECT_EQ(failed->items.at(0).code, u"PARENT_NOT_FOUND"_s);
    EXPECT_EQ(failed->items.at(0).message, u"Parent product with SKU TS not found"_s);

    // The parent succeeds with another variant; the refused child waits for its resubmit.
    rig.advance(5);
    sql(u"UPDATE variants SET published_poleepo = 1 WHERE id = %1"_s.arg(variantIds.at(1)));
    auto report = generate();
    ASSERT_TRUE(report.ok()) << report.error().toStdString();
    const QJsonArray sent = rig.fake.catalog().batchEntries(rig.fake.catalog().lastBatchId());
    ASSERT_EQ(sent.size(), 2);
    EXPECT_EQ(sent.at(0).toObject().value(u"sku"_s), u"TS"_s);
    EXPECT_EQ(sent.at(1).toObject().value(u"sku"_s), u"TS-L-O"_s);
    ASSERT_TRUE(poll().ok());

    std::optional<Result<qint64>> resubmitted;
    QObject context;
    generator->resubmit(*batchId, &context, [&](Result<qint64> r) { resubmitted.emplace(std::move(r)); });
    waitUntil([&] { return resubmitted.has_value(); });
    ASSERT_TRUE(resubmitted && resubmitted->ok()) << resubmitted->error().toStdString();
    const QJsonArray again = rig.fake.catalog().batchEntries(rig.fake.catalog().lastBatchId());
    ASSERT_EQ(again.size(), 1);
    EXPECT_EQ(again.at(0).toObject().value(u"sku"_s), u"TS-M-O"_s);
    rig.advance(5);
    ASSERT_TRUE(poll().ok());
    auto done = ProductBatchRepository(db()).get(**resubmitted);
    EXPECT_EQ(done->items.at(0).status, ProductBatchItem::Status::Done);
    EXPECT_FALSE(variant(0).needsUpdate);
    EXPECT_EQ(ProductBatchRepository(db()).get(*batchId)->items.at(0).resubmittedIn, **resubmitted);
}

// Bad input: a batch answer naming an unknown SKU, or without a result for an item, is an error on
// that batch; its items, its variants and the other batches are left as they were.
TEST_P(PublishingTest, ABatchAnswerWithAnUnknownSkuOrAMissingItemIsAnErrorOnThatBatchOnly)
{
    publishAll();
    sql(u"UPDATE variants SET needs_update = 1"_s);
    ASSERT_TRUE(rig.settings.set(u"poleepo.batch-size"_s, u"2"_s).ok());
    auto report = generate();
    ASSERT_TRUE(report.ok()) << report.error().toStdString();
    ASSERT_EQ(report->batchIds.size(), 2); // [TS, TS-M-O] and [TS-L-O, TS-L-R]
    ProductBatchRepository batches(db());
    const qint64 first = report->batchIds.at(0);
    const qint64 second = report->batchIds.at(1);
    const QString firstPoleepoId = batches.get(first)->poleepoBatchId;
    rig.fake.catalog().setResultsAnswer([firstPoleepoId](const QString &batchId, const QJsonArray &results) {
        if (batchId != firstPoleepoId)
            return results;
        QJsonArray changed = results;
        QJsonObject stranger = changed.at(1).toObject();
        stranger.insert(u"sku"_s, u"NOT-OURS"_s);
        changed.replace(1, stranger);
        return changed;
    });

    auto polled = poll();
    ASSERT_TRUE(polled.ok()) << polled.error().toStdString();
    EXPECT_EQ(polled->asked, 2);
    EXPECT_EQ(polled->finished, 1);
    ASSERT_EQ(polled->errors.size(), 1);
    // The renamed result also leaves TS-M-O without an answer.
    const QString expected
            = u"Poleepo answered for SKUs not in the batch: NOT-OURS; Poleepo gave no result for: TS-M-O"_s;
    EXPECT_EQ(polled->errors.at(0), u"batch %1: %2"_s.arg(first).arg(expected));
    auto failed = batches.get(first);
    ASSERT_TRUE(failed.ok());
    EXPECT_EQ(failed->error, expected);
    EXPECT_EQ(failed->status, u"PENDING"_s);
    for (const ProductBatchItem &item : failed->items) {
        EXPECT_EQ(item.status, ProductBatchItem::Status::Draft) << item.sku.toStdString();
        EXPECT_TRUE(item.poleepoProductId.isEmpty()) << item.sku.toStdString();
    }
    // Its variant and the parent are unchanged: still due, no Poleepo id.
    EXPECT_TRUE(variant(0).needsUpdate);
    EXPECT_TRUE(variant(0).poleepoProductId.isEmpty());
    EXPECT_FALSE(variant(0).poleepoLastSentAt.isValid());
    EXPECT_TRUE(ProductRepository(db()).get(productId)->poleepoProductId.isEmpty());
    // The other batch went through.
    auto completed = batches.get(second);
    ASSERT_TRUE(completed.ok());
    EXPECT_TRUE(completed->error.isEmpty());
    EXPECT_EQ(completed->status, u"COMPLETED"_s);
    for (const ProductBatchItem &item : completed->items)
        EXPECT_EQ(item.status, ProductBatchItem::Status::Done) << item.sku.toStdString();
    EXPECT_FALSE(variant(1).needsUpdate);
    EXPECT_EQ(variant(2).poleepoProductId, rig.fake.catalog().productId(u"TS-L-R"_s));
    // A batch with an error is not asked again.
    rig.advance(5);
    auto again = poll();
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->asked, 0);

    // An answer that leaves an item out.
    sql(u"DELETE FROM product_batches"_s);
    sql(u"UPDATE variants SET needs_update = 1"_s);
    rig.advance(5);
    ASSERT_TRUE(rig.settings.set(u"poleepo.batch-size"_s, u"10"_s).ok());
    auto whole = generate();
    ASSERT_TRUE(whole.ok()) << whole.error().toStdString();
    ASSERT_EQ(whole->batchIds.size(), 1);
    rig.fake.catalog().setResultsAnswer([](const QString &, const QJsonArray &results) {
        QJsonArray fewer = results;
        fewer.removeLast();
        return fewer;
    });
    auto short_ = poll();
    ASSERT_TRUE(short_.ok());
    EXPECT_EQ(short_->finished, 0);
    auto missing = batches.get(whole->batchIds.at(0));
    ASSERT_TRUE(missing.ok());
    EXPECT_EQ(missing->error, u"Poleepo gave no result for: TS-L-R"_s);
    for (const ProductBatchItem &item : missing->items)
        EXPECT_EQ(item.status, ProductBatchItem::Status::Draft) << item.sku.toStdString();
    EXPECT_TRUE(variant(0).needsUpdate);
    EXPECT_TRUE(variant(1).needsUpdate);
}

} // namespace

TEST_P(PublishingTest, GenerationAndPollingReportCountsAndStopBetweenWholeBatchesWhenAsked)
{
    publishAll();
    ASSERT_TRUE(rig.settings.set(u"poleepo.batch-size"_s, u"2"_s).ok()); // parent + 3 variants: 2 batches
    QList<std::pair<qint64, qint64>> heard;
    std::optional<Result<BatchGeneration::Report>> result;
    QObject context;
    generator->generate(
            &context, [&result](Result<BatchGeneration::Report> r) { result.emplace(std::move(r)); },
            [&heard](qint64 done, qint64 total) {
                heard.append({done, total});
                return done < 1; // stop once the first batch is stored and submitted
            });
    ASSERT_TRUE(waitUntil([&result] { return result.has_value(); }));
    ASSERT_TRUE(result->ok()) << result->error().toStdString();
    EXPECT_TRUE((*result)->cancelled);
    EXPECT_EQ(heard, (QList<std::pair<qint64, qint64>>{{0, 2}, {1, 2}}));
    ASSERT_EQ((*result)->batchIds.size(), 1);
    EXPECT_EQ(rig.fake.catalog().batchCount(), 1);
    // Never a half-built batch: the one stored is whole and submitted; no other was stored.
    auto all = ProductBatchRepository(db()).list({});
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 1);
    auto first = ProductBatchRepository(db()).get((*result)->batchIds.at(0));
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first->items.size(), 2);
    EXPECT_FALSE(first->poleepoBatchId.isEmpty());

    // The next run takes what was left.
    auto rest = generate();
    ASSERT_TRUE(rest.ok()) << rest.error().toStdString();
    EXPECT_FALSE(rest->cancelled);
    EXPECT_FALSE(rest->batchIds.isEmpty());
    QSet<qint64> sentVariants;
    const auto stored = ProductBatchRepository(db()).list({});
    ASSERT_TRUE(stored.ok());
    for (const ProductBatch &listed : *stored) {
        const auto batch = ProductBatchRepository(db()).get(listed.id);
        ASSERT_TRUE(batch.ok());
        for (const ProductBatchItem &item : batch->items)
            sentVariants.insert(item.variantId);
    }
    for (const qint64 id : variantIds)
        EXPECT_TRUE(sentVariants.contains(id)) << id;

    // Polling: told before each batch; a stop after the first asks nothing more.
    const int batches = int(ProductBatchRepository(db()).list({})->size());
    ASSERT_GE(batches, 2);
    heard.clear();
    std::optional<Result<BatchPolling::Report>> polled;
    poller->poll(
            &context, [&polled](Result<BatchPolling::Report> r) { polled.emplace(std::move(r)); },
            [&heard](qint64 done, qint64 total) {
                heard.append({done, total});
                return done < 1;
            });
    ASSERT_TRUE(waitUntil([&polled] { return polled.has_value(); }));
    ASSERT_TRUE(polled->ok()) << polled->error().toStdString();
    EXPECT_TRUE((*polled)->cancelled);
    EXPECT_EQ((*polled)->asked, 1);
    EXPECT_EQ(heard, (QList<std::pair<qint64, qint64>>{{0, batches}, {1, batches}}));
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(PublishingTest);
