// TemplateSync (PROD-2) against the Gelato fake over loopback, on SQLite and PostgreSQL: exactly the
// variants Gelato lists, attributes in order of first appearance and reused, placements, re-sync
// removing or archiving, idempotence, one transaction, refusals that leave nothing behind.
#include "core/products/TemplateSync.h"

#include "core/domain/SalesOrder.h"
#include "core/store/ProductRepository.h"
#include "core/store/SalesOrderRepository.h"
#include "core/store/VariantRepository.h"
#include "core/scheduler/BackgroundTasks.h"
#include "tests/support/GateClock.h"
#include "tests/support/WorkerThread.h"
#include "tests/support/database/TestDatabase.h"
#include "tests/support/fakes/GelatoTestRig.h"

#include <QSignalSpy>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

const QString three = QString::fromLatin1(GelatoFake::threeId);

class TemplateSyncTest : public DatabaseTest
{
protected:
    void SetUp() override
    {
        DatabaseTest::SetUp();
        ASSERT_TRUE(rig.started);
        sync = std::make_unique<TemplateSync>(db(), rig.gelato);
    }
    void TearDown() override
    {
        sync.reset();
        DatabaseTest::TearDown();
    }

    Result<TemplateSyncSummary> run(const QString &templateId, std::optional<qint64> productId = std::nullopt)
    {
        std::optional<Result<TemplateSyncSummary>> result;
        QObject context;
        QObject::connect(sync.get(), &TemplateSync::finished, &context,
                         [&result](const Result<TemplateSyncSummary> &r) { result.emplace(r); });
        sync->start(templateId, productId);
        if (!waitUntil([&result] { return result.has_value(); }))
            return makeError(u"no answer in time"_s);
        return *result;
    }

    Product product(qint64 id)
    {
        auto stored = ProductRepository(db()).get(id);
        EXPECT_TRUE(stored.ok()) << stored.error().toStdString();
        return stored.ok() ? *stored : Product {};
    }

    qint64 productCount()
    {
        ProductRepository::Query all;
        all.includeArchived = true;
        return ProductRepository(db()).count(all).value();
    }

    static QStringList names(const QList<ProductAttribute> &attributes)
    {
        QStringList names;
        for (const ProductAttribute &attribute : attributes)
            names.append(attribute.name);
        return names;
    }
    static QStringList values(const ProductAttribute &attribute)
    {
        QStringList values;
        for (const ProductAttributeValue &value : attribute.values)
            values.append(value.value);
        return values;
    }
    static QStringList titles(const QList<Variant> &variants)
    {
        QStringList titles;
        for (const Variant &variant : variants)
            titles.append(variant.title + (variant.archived ? u" (archived)"_s : QString()));
        return titles;
    }

    // The (M,Orange),(L,Orange),(L,Red) template without (L,Orange): Gelato dropped that variant.
    void dropLOrange()
    {
        rig.fake.setTemplate(three,
                             GelatoFake::templateJson(three, u"Orange and Red Tee"_s,
                                                      {{u"M - Orange"_s,
                                                        {{u"Size"_s, u"M"_s}, {u"Color"_s, u"Orange"_s}},
                                                        {u"front"_s},
                                                        three + u"-v0"_s},
                                                       {u"L - Red"_s,
                                                        {{u"Size"_s, u"L"_s}, {u"Color"_s, u"Red"_s}},
                                                        {u"Front"_s, u"back"_s},
                                                        three + u"-v2"_s}}));
    }

    GelatoTestRig rig;
    std::unique_ptr<TemplateSync> sync;
};

TEST_P(TemplateSyncTest, CreatesExactlyTheListedVariantsWithAttributesInOrderOfFirstAppearance)
{
    QSignalSpy progress(sync.get(), &TemplateSync::progress);
    auto summary = run(three);
    ASSERT_TRUE(summary.ok()) << summary.error().toStdString();
    EXPECT_TRUE(summary->productCreated);
    EXPECT_EQ(summary->variantsCreated, 3);
    EXPECT_GE(progress.count(), 2);

    const Product p = product(summary->productId);
    EXPECT_EQ(p.name, u"Orange and Red Tee"_s);
    EXPECT_EQ(p.longDescription, u"<p>Orange and Red Tee</p>"_s);
    EXPECT_EQ(p.gelatoPreviewUrl, u"https://example.com/preview/tpl-three.png"_s);
    EXPECT_EQ(p.gelatoTemplateId, three);
    EXPECT_TRUE(p.gelatoProductUid.isEmpty());
    EXPECT_EQ(names(p.attributes), (QStringList {u"Size"_s, u"Color"_s}));
    EXPECT_EQ(values(p.attributes.at(0)), (QStringList {u"M"_s, u"L"_s}));
    EXPECT_EQ(values(p.attributes.at(1)), (QStringList {u"Orange"_s, u"Red"_s}));
    // Three, never the fourth combination (M, Red).
    EXPECT_EQ(titles(p.variants), (QStringList {u"M - Orange"_s, u"L - Orange"_s, u"L - Red"_s}));
    EXPECT_EQ(p.variants.at(2).gelatoProductUid, u"apparel_product_gca_t-shirt_size_l_color_red"_s);
    EXPECT_EQ(p.variants.at(2).gelatoVariantId, u"tpl-three-v2"_s);
    ASSERT_EQ(p.variants.at(2).options.size(), 2);
    EXPECT_EQ(p.variants.at(2).options.at(0).value, u"L"_s);
    EXPECT_EQ(p.variants.at(2).options.at(1).value, u"Red"_s);
    // "front" (any case) becomes "default"; taken from all variants, not just the first.
    EXPECT_EQ(p.placements, (QStringList {u"default"_s, u"back"_s}));
}

TEST_P(TemplateSyncTest, SecondRunChangesNothing)
{
    auto first = run(three);
    ASSERT_TRUE(first.ok()) << first.error().toStdString();
    const Product before = product(first->productId);
    auto second = run(three);
    ASSERT_TRUE(second.ok()) << second.error().toStdString();
    EXPECT_EQ(second->productId, first->productId);
    EXPECT_FALSE(second->changed());
    EXPECT_EQ(second->variantsCreated + second->variantsUpdated + second->variantsRemoved
                      + second->variantsArchived + second->valuesRemoved,
              0);
    const Product after = product(first->productId);
    EXPECT_EQ(after.updatedAt, before.updatedAt);
    ASSERT_EQ(after.variants.size(), 3);
    for (qsizetype i = 0; i < 3; ++i) {
        EXPECT_EQ(after.variants.at(i).id, before.variants.at(i).id);
        EXPECT_EQ(after.variants.at(i).updatedAt, before.variants.at(i).updatedAt);
    }
    EXPECT_EQ(productCount(), 1);
}

TEST_P(TemplateSyncTest, ReusesExistingAttributesAndValuesByName)
{
    auto first = run(three);
    ASSERT_TRUE(first.ok()) << first.error().toStdString();
    const Product before = product(first->productId);
    // Re-sync into the same product by id: the same attribute and value rows.
    auto again = run(three, first->productId);
    ASSERT_TRUE(again.ok()) << again.error().toStdString();
    const Product after = product(first->productId);
    ASSERT_EQ(after.attributes.size(), 2);
    for (qsizetype i = 0; i < 2; ++i) {
        EXPECT_EQ(after.attributes.at(i).id, before.attributes.at(i).id);
        for (qsizetype j = 0; j < after.attributes.at(i).values.size(); ++j)
            EXPECT_EQ(after.attributes.at(i).values.at(j).id, before.attributes.at(i).values.at(j).id);
    }
}

TEST_P(TemplateSyncTest, ReSyncRemovesVanishedVariantsAndUnusedValues)
{
    auto first = run(three);
    ASSERT_TRUE(first.ok()) << first.error().toStdString();
    rig.fake.setTemplate(three,
                         GelatoFake::templateJson(three, u"Orange and Red Tee"_s,
                                                  {{u"L - Red"_s,
                                                    {{u"Size"_s, u"L"_s}, {u"Color"_s, u"Red"_s}},
                                                    {u"back"_s},
                                                    three + u"-v2"_s},
                                                   {u"L - Orange"_s,
                                                    {{u"Size"_s, u"L"_s}, {u"Color"_s, u"Orange"_s}},
                                                    {u"back"_s},
                                                    three + u"-v1"_s}}));
    auto second = run(three);
    ASSERT_TRUE(second.ok()) << second.error().toStdString();
    EXPECT_EQ(second->variantsRemoved, 1);
    EXPECT_EQ(second->variantsUpdated, 1); // L - Red moved to the front
    EXPECT_TRUE(second->productUpdated); // placements
    EXPECT_EQ(second->valuesRemoved, 1); // M
    const Product p = product(first->productId);
    EXPECT_EQ(titles(p.variants), (QStringList {u"L - Red"_s, u"L - Orange"_s}));
    EXPECT_EQ(values(p.attributes.at(0)), (QStringList {u"L"_s}));
    EXPECT_EQ(values(p.attributes.at(1)), (QStringList {u"Red"_s, u"Orange"_s}));
    EXPECT_EQ(p.placements, (QStringList {u"back"_s}));
}

TEST_P(TemplateSyncTest, AVariantOnAnOrderIsArchivedNotDeleted)
{
    auto first = run(three);
    ASSERT_TRUE(first.ok()) << first.error().toStdString();
    const Variant lOrange = product(first->productId).variants.at(1);
    SalesOrder order;
    order.reference = u"WEB-1"_s;
    OrderLine line;
    line.variantId = lOrange.id;
    line.productName = lOrange.title;
    order.lines.append(line);
    ASSERT_TRUE(SalesOrderRepository(db()).create(order).ok());

    dropLOrange();
    auto second = run(three);
    ASSERT_TRUE(second.ok()) << second.error().toStdString();
    EXPECT_EQ(second->variantsArchived, 1);
    EXPECT_EQ(second->variantsRemoved, 0);
    const Product p = product(first->productId);
    EXPECT_EQ(titles(p.variants), (QStringList {u"M - Orange"_s, u"L - Orange (archived)"_s, u"L - Red"_s}));
    // Its values stay: the archived variant still says what was sold.
    EXPECT_EQ(values(p.attributes.at(0)), (QStringList {u"M"_s, u"L"_s}));
    auto stored = VariantRepository(db()).get(lOrange.id);
    ASSERT_TRUE(stored.ok()) << stored.error().toStdString();
    EXPECT_TRUE(stored->archived);
    EXPECT_EQ(stored->options.size(), 2);

    auto third = run(three);
    ASSERT_TRUE(third.ok()) << third.error().toStdString();
    EXPECT_FALSE(third->changed());
}

TEST_P(TemplateSyncTest, OneVariantPutsItsProductUidOnTheProduct)
{
    auto summary = run(QString::fromLatin1(GelatoFake::singleId));
    ASSERT_TRUE(summary.ok()) << summary.error().toStdString();
    const Product p = product(summary->productId);
    EXPECT_EQ(p.gelatoProductUid, u"flat_product_pf_500x700-mm"_s);
    EXPECT_TRUE(p.variants.isEmpty());
    EXPECT_TRUE(p.attributes.isEmpty());
    EXPECT_EQ(p.placements, (QStringList {u"default"_s})); // print area "1"
}

TEST_P(TemplateSyncTest, TheSeedTemplateGivesSixSizes)
{
    auto summary = run(QString::fromLatin1(GelatoFake::tshirtId));
    ASSERT_TRUE(summary.ok()) << summary.error().toStdString();
    const Product p = product(summary->productId);
    ASSERT_EQ(p.attributes.size(), 1);
    EXPECT_EQ(values(p.attributes.at(0)),
              (QStringList {u"M"_s, u"S"_s, u"L"_s, u"XL"_s, u"2XL"_s, u"3XL"_s}));
    EXPECT_EQ(p.variants.size(), 6);
    EXPECT_EQ(p.placements, (QStringList {u"default"_s}));
}

TEST_P(TemplateSyncTest, RefusalsLeaveNothingStored)
{
    auto empty = run(QString::fromLatin1(GelatoFake::emptyId));
    EXPECT_EQ(empty.error(), u"Gelato template \"tpl-empty\" has no variants"_s);
    auto unknown = run(u"nope"_s);
    EXPECT_EQ(unknown.error(), u"Gelato has no template \"nope\""_s);
    rig.fake.setApiKey("another");
    auto refused = run(three);
    EXPECT_EQ(refused.error(), u"Gelato refused the API key"_s);
    auto blank = run(u"  "_s);
    EXPECT_EQ(blank.error(), u"the Gelato template id is empty"_s);
    EXPECT_EQ(productCount(), 0);
}

TEST_P(TemplateSyncTest, AFailureHalfWayRollsEverythingBack)
{
    auto first = run(three);
    ASSERT_TRUE(first.ok()) << first.error().toStdString();
    const Product before = product(first->productId);
    // A variant whose option names an attribute value twice cannot be stored (primary key on
    // variant_option_values), after the product, attributes and other variants were written.
    GelatoTemplate broken;
    broken.id = three;
    broken.title = u"Renamed"_s;
    broken.variants.append(
            {u"x1"_s, u"New"_s, u"uid-new"_s, {{u"Size"_s, u"XL"_s}, {u"Color"_s, u"Blue"_s}}, {}});
    broken.variants.append({u"x2"_s, u"Bad"_s, u"uid-bad"_s, {{u"Size"_s, u"S"_s}, {u"Size"_s, u"S"_s}}, {}});
    auto failed = sync->apply(broken);
    ASSERT_FALSE(failed.ok());
    EXPECT_TRUE(failed.error().startsWith(u"cannot store Gelato template \"tpl-three\""_s))
            << failed.error().toStdString();
    const Product after = product(first->productId);
    EXPECT_EQ(after.name, before.name);
    EXPECT_EQ(titles(after.variants), titles(before.variants));
    EXPECT_EQ(values(after.attributes.at(0)), values(before.attributes.at(0)));
    EXPECT_EQ(productCount(), 1);
}

TEST_P(TemplateSyncTest, CancelBeforeTheAnswerWritesNothing)
{
    rig.fake.addFault(GelatoFake::templatePath(three), FakeFault::delay(300));
    std::optional<Result<TemplateSyncSummary>> result;
    int finished = 0;
    QObject context;
    QObject::connect(sync.get(), &TemplateSync::finished, &context,
                     [&](const Result<TemplateSyncSummary> &r) {
                         result.emplace(r);
                         ++finished;
                     });
    sync->start(three);
    EXPECT_TRUE(sync->isRunning());
    sync->cancel();
    EXPECT_FALSE(sync->isRunning());
    spinFor(500);
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->error(), u"cancelled"_s);
    EXPECT_EQ(finished, 1);
    EXPECT_EQ(productCount(), 0);
}

TEST_P(TemplateSyncTest, AStoringStoppedHalfWayLeavesTheProductAsItWas)
{
    auto first = run(three);
    ASSERT_TRUE(first.ok()) << first.error().toStdString();
    const Product before = product(first->productId);
    // Gelato now lists 200 variants under the same id (the first three by their variant ids).
    rig.fake.setTemplate(three, GelatoFake::generatedTemplate(three, 200));
    auto fetched = rig.wait<GelatoTemplate>(
            [&](QObject *context, auto done) { rig.gelato.fetchTemplate(three, context, done); });
    ASSERT_TRUE(fetched.has_value() && fetched->ok());

    QList<qint64> counts;
    qint64 total = 0;
    auto stopped = TemplateSync::store(db(), **fetched, std::nullopt, [&](qint64 done, qint64 of) {
        counts.append(done);
        total = of;
        return done < 100;
    });
    ASSERT_FALSE(stopped.ok());
    EXPECT_EQ(stopped.error(), u"cancelled"_s);
    EXPECT_EQ(total, 200);
    ASSERT_EQ(counts.size(), 101); // asked before the first write, then after each variant
    EXPECT_EQ(counts.constFirst(), 0);
    EXPECT_EQ(counts.constLast(), 100);
    const Product after = product(first->productId);
    EXPECT_EQ(after.name, before.name);
    EXPECT_EQ(titles(after.variants), titles(before.variants));
    EXPECT_EQ(names(after.attributes), names(before.attributes));
    EXPECT_EQ(values(after.attributes.at(0)), values(before.attributes.at(0)));
    EXPECT_EQ(values(after.attributes.at(1)), values(before.attributes.at(1)));
    EXPECT_EQ(after.placements, before.placements);
    EXPECT_EQ(productCount(), 1);

    // Not stopped, the same template goes through.
    auto stored = TemplateSync::store(db(), **fetched);
    ASSERT_TRUE(stored.ok()) << stored.error().toStdString();
    EXPECT_EQ(product(first->productId).variants.size(), 200);
}

// With BackgroundTasks (the window), the variants are written on the worker thread (the clock the
// repositories read for each row tells where), progress comes back in counts, and the result by
// queued signal.
TEST_P(TemplateSyncTest, WithTasksTheStoringRunsOnTheWorkerThread)
{
    GateClock clock;
    db().setClock(&clock);
    {
        WorkerThread worker;
        BackgroundTasks tasks(worker.post());
        tasks.setProgressIntervalMs(10);
        sync->setTasks(&tasks);
        QList<std::pair<qint64, qint64>> counts;
        QObject::connect(sync.get(), &TemplateSync::progress, sync.get(),
                         [&](qint64 done, qint64 total, const QString &) { counts.append({done, total}); });
        auto summary = run(QString::fromLatin1(GelatoFake::bigId));
        ASSERT_TRUE(summary.ok()) << summary.error().toStdString();
        EXPECT_EQ(summary->variantsCreated, 500);
        EXPECT_FALSE(sync->wasCancelled());
        EXPECT_TRUE(clock.threads().contains(worker.thread()));
        EXPECT_GE(clock.offMainReads(), 500) << "each variant written off the main thread";
        ASSERT_FALSE(counts.isEmpty());
        EXPECT_EQ(counts.constFirst(), (std::pair<qint64, qint64>(0, 0))); // fetching: not known yet
        bool storingCounted = false;
        for (const auto &[done, total] : std::as_const(counts))
            storingCounted = storingCounted || (total == 500 && done >= 0 && done <= 500);
        EXPECT_TRUE(storingCounted);
        EXPECT_EQ(product(summary->productId).variants.size(), 500);
    }
    db().setClock(nullptr);
}

TEST_P(TemplateSyncTest, CancellingWhileTheWorkerStoresRollsBack)
{
    GateClock clock;
    db().setClock(&clock);
    clock.holdAt(50); // the worker stops there, half-way through the variants, until released
    {
        WorkerThread worker;
        BackgroundTasks tasks(worker.post());
        sync->setTasks(&tasks);
        std::optional<Result<TemplateSyncSummary>> result;
        QObject context;
        QObject::connect(sync.get(), &TemplateSync::finished, &context,
                         [&](const Result<TemplateSyncSummary> &r) { result.emplace(r); });
        sync->start(QString::fromLatin1(GelatoFake::bigId));
        const bool held = waitUntil([&] { return clock.waitHeld(1); }, 10000);
        EXPECT_TRUE(held);
        sync->cancel();
        EXPECT_TRUE(sync->isRunning()) << "until the worker has rolled back";
        clock.release();
        ASSERT_TRUE(waitUntil([&] { return result.has_value(); }, 30000));
        EXPECT_FALSE(result->ok());
        EXPECT_EQ(result->error(), u"cancelled"_s);
        EXPECT_TRUE(sync->wasCancelled());
        EXPECT_FALSE(sync->isRunning());
    }
    db().setClock(nullptr);
    EXPECT_EQ(productCount(), 0) << "nothing of the half-stored product remains";
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(TemplateSyncTest);

} // namespace
} // namespace Bottega::Test
