// WebhookRecordRepository, PackageTypeRepository and ProductBatchRepository on SQLite and
// PostgreSQL.
#include "core/store/PackageTypeRepository.h"
#include "core/store/ProductBatchRepository.h"
#include "core/store/ProductRepository.h"
#include "core/store/WebhookRecordRepository.h"
#include "tests/core/store/QtPrinters.h"
#include "tests/support/database/TestDatabase.h"

#include <QTimeZone>
#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

class ConfigurationRepositoriesTest : public DatabaseTest
{
};

TEST_P(ConfigurationRepositoriesTest, WebhookRecordsAreUniqueByName)
{
    WebhookRecordRepository records(db());
    WebhookRecord record;
    record.name = u"poleepo_webhook"_s;
    record.events = {u"STATUS_ORDER"_s, u"STATUS_SHIPMENT"_s};
    const auto id = records.create(record);
    ASSERT_TRUE(id.ok()) << id.error().toStdString();

    const auto duplicate = records.create(record);
    ASSERT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error(), u"a webhook record named \"poleepo_webhook\" already exists"_s);

    auto found = records.findByName(u"poleepo_webhook"_s);
    ASSERT_TRUE(found.ok());
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->id, *id);
    EXPECT_EQ((*found)->events, QStringList({u"STATUS_ORDER"_s, u"STATUS_SHIPMENT"_s}));
    EXPECT_TRUE((*found)->active);
    EXPECT_TRUE((*found)->createdAt.isValid());

    WebhookRecord changed = **found;
    changed.events = {u"STATUS_SHIPMENT"_s};
    changed.active = false;
    ASSERT_TRUE(records.update(changed).ok());
    WebhookRecord second;
    second.name = u"another"_s;
    ASSERT_TRUE(records.create(second).ok());

    const auto all = records.list();
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 2);
    EXPECT_EQ((*all)[0].name, u"another"_s);
    EXPECT_TRUE((*all)[0].events.isEmpty());
    EXPECT_EQ((*all)[1].events, QStringList {u"STATUS_SHIPMENT"_s});
    EXPECT_FALSE((*all)[1].active);

    ASSERT_TRUE(records.remove(*id).ok());
    EXPECT_FALSE(records.findByName(u"poleepo_webhook"_s)->has_value());
    EXPECT_EQ(records.get(*id).error(), u"no webhook record with id %1"_s.arg(*id));
}

TEST_P(ConfigurationRepositoriesTest, PackageTypesKeepTheirMeasures)
{
    PackageTypeRepository types(db());
    PackageType box {0, u"Box S"_s, 0.35, 20, 15, 10.5, u"pt-7"_s};
    const auto id = types.create(box);
    ASSERT_TRUE(id.ok()) << id.error().toStdString();
    EXPECT_EQ(types.create(box).error(), u"a package type named \"Box S\" already exists"_s);

    PackageType stored = *types.get(*id);
    EXPECT_EQ(stored.name, u"Box S"_s);
    EXPECT_DOUBLE_EQ(stored.weight, 0.35);
    EXPECT_DOUBLE_EQ(stored.depth, 10.5);
    EXPECT_EQ(stored.poleepoPackageTypeId, u"pt-7"_s);

    stored.name = u"Box M"_s;
    stored.width = 30;
    ASSERT_TRUE(types.update(stored).ok());
    ASSERT_TRUE(types.create({0, u"Envelope"_s, 0.05, 30, 22, 1, {}}).ok());
    const QList<PackageType> all = *types.list();
    ASSERT_EQ(all.size(), 2);
    EXPECT_EQ(all[0].name, u"Box M"_s);
    EXPECT_DOUBLE_EQ(all[0].width, 30);
    EXPECT_FALSE(types.findByName(u"Box S"_s)->has_value());
    ASSERT_TRUE(types.remove(*id).ok());
    EXPECT_EQ(types.list()->size(), 1);
}

TEST_P(ConfigurationRepositoriesTest, ProductBatchesWithItemsAndOutcomes)
{
    Product product;
    product.name = u"Mug"_s;
    Variant variant;
    variant.sku = u"MUG-W"_s;
    product.variants = {variant};
    const qint64 productId = *ProductRepository(db()).create(product);
    const qint64 variantId = ProductRepository(db()).get(productId)->variants[0].id;

    ProductBatchRepository batches(db());
    ProductBatch batch;
    ProductBatchItem parent;
    parent.productId = productId;
    parent.sku = QString::number(productId);
    parent.payload = uR"({"sku":"%1","title":"Mug"})"_s.arg(productId);
    ProductBatchItem child;
    child.productId = productId;
    child.variantId = variantId;
    child.sku = u"MUG-W"_s;
    child.payload = uR"({"sku":"MUG-W","parent_sku":"%1"})"_s.arg(productId);
    batch.items = {parent, child};
    const auto id = batches.create(batch);
    ASSERT_TRUE(id.ok()) << id.error().toStdString();

    ProductBatch stored = *batches.get(*id);
    EXPECT_EQ(stored.status, u"new"_s);
    ASSERT_EQ(stored.items.size(), 2);
    EXPECT_EQ(stored.items[0].variantId, 0); // the parent comes first
    EXPECT_EQ(stored.items[1].variantId, variantId);
    EXPECT_EQ(stored.items[1].payload, child.payload);
    EXPECT_EQ(stored.items[1].status, ProductBatchItem::Status::Draft);

    const QDateTime submitted(QDate(2026, 5, 1), QTime(10, 0), QTimeZone::utc());
    stored.poleepoBatchId = u"b-55"_s;
    stored.status = u"PROCESSING"_s;
    stored.submittedAt = submitted;
    stored.lastPolledAt = submitted.addSecs(600);
    stored.pollCount = 1;
    stored.total = 2;
    ASSERT_TRUE(batches.update(stored).ok());
    ProductBatchItem outcome = stored.items[1];
    outcome.status = ProductBatchItem::Status::Error;
    outcome.code = u"PARENT_NOT_FOUND"_s;
    outcome.message = u"parent sku not found"_s;
    ASSERT_TRUE(batches.updateItem(outcome).ok());

    stored = *batches.get(*id);
    EXPECT_EQ(stored.poleepoBatchId, u"b-55"_s);
    EXPECT_EQ(stored.submittedAt, submitted);
    EXPECT_EQ(stored.pollCount, 1);
    EXPECT_EQ(stored.items[1].status, ProductBatchItem::Status::Error);
    EXPECT_EQ(stored.items[1].code, u"PARENT_NOT_FOUND"_s);

    ASSERT_TRUE(batches.create(ProductBatch {}).ok());
    ProductBatchRepository::Query polling;
    polling.statuses = {u"PENDING"_s, u"PROCESSING"_s};
    const QList<ProductBatch> toPoll = *batches.list(polling);
    ASSERT_EQ(toPoll.size(), 1);
    EXPECT_EQ(toPoll[0].id, *id);
    EXPECT_TRUE(toPoll[0].items.isEmpty());
    EXPECT_EQ(batches.list({})->size(), 2);
    EXPECT_EQ(batches.itemsForProduct(productId)->size(), 2);

    // The history outlives the product.
    ASSERT_TRUE(ProductRepository(db()).remove(productId).ok());
    stored = *batches.get(*id);
    ASSERT_EQ(stored.items.size(), 2);
    EXPECT_EQ(stored.items[1].productId, 0);
    EXPECT_EQ(stored.items[1].sku, u"MUG-W"_s);
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(ConfigurationRepositoriesTest);
