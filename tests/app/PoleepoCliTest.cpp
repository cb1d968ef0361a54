// `bottega test-connection poleepo`, `bottega batch generate|list|show` and the poll-batches floor
// through the real executable, against the Poleepo fake on loopback (its URL via `config set`, the
// credentials via BOTTEGA_POLEEPO_CLIENT_ID / BOTTEGA_POLEEPO_CLIENT_SECRET).
#include "core/store/Database.h"
#include "core/store/ProductRepository.h"
#include "core/store/VariantRepository.h"
#include "tests/app/BottegaProcess.h"
#include "tests/core/products/PrintImagesTestProduct.h"
#include "tests/support/TestUtil.h"
#include "tests/support/fakes/PoleepoFake.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace Bottega;
using namespace Bottega::Test;

namespace {

QJsonDocument parseJson(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << qPrintable(text);
    return document;
}

class PoleepoCli : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(fake.start());
        const auto set = bottega.run({u"config"_s, u"set"_s, u"poleepo.url"_s, fake.baseUrl().toString()});
        ASSERT_EQ(set.exitCode, 0) << qPrintable(set.err);
        const auto on = bottega.run({u"config"_s, u"set"_s, u"poleepo.enabled"_s, u"true"_s});
        ASSERT_EQ(on.exitCode, 0) << qPrintable(on.err);
        bottega.environment().insert(u"BOTTEGA_POLEEPO_CLIENT_ID"_s, PoleepoFake::clientId());
        bottega.environment().insert(u"BOTTEGA_POLEEPO_CLIENT_SECRET"_s, PoleepoFake::clientSecret());
    }

    // Runs while this process keeps serving the fake (BottegaProcess::run would block it).
    ProcessResult run(const QStringList &arguments)
    {
        QObject parent;
        QProcess *process = bottega.start(arguments, &parent);
        ProcessResult result;
        if (!waitUntil([process] { return process->state() == QProcess::NotRunning; }, 20000)) {
            process->kill();
            process->waitForFinished();
            result.err = u"timed out"_s;
            return result;
        }
        result.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
        result.out = QString::fromUtf8(process->readAllStandardOutput());
        result.err = QString::fromUtf8(process->readAllStandardError());
        return result;
    }

    // The test product (3 variants, print areas "default" and "back") stored in the data dir's
    // database, with a category and a VAT rate; returns its id.
    qint64 createProduct()
    {
        const auto created = bottega.run({u"product"_s, u"list"_s}); // creates and migrates the database
        EXPECT_EQ(created.exitCode, 0) << qPrintable(created.err);
        DatabaseLocation location;
        location.sqlitePath = bottega.dataDir() + u"/bottega.sqlite"_s;
        auto database = Database::open(location);
        EXPECT_TRUE(database.ok()) << qPrintable(database.error());
        if (!database)
            return 0;
        Product product = makeTestProduct();
        product.vatRate = 22;
        product.categoryPath = u"Abbigliamento/T-shirt"_s;
        product.publishedPoleepo = false;
        auto id = ProductRepository(**database).create(product);
        EXPECT_TRUE(id.ok()) << qPrintable(id.error());
        auto variants = VariantRepository(**database).listForProduct(*id);
        EXPECT_TRUE(variants.ok());
        for (const Variant &variant : *variants)
            variantIds.append(variant.id);
        return id.ok() ? *id : 0;
    }

    PoleepoFake fake;
    BottegaProcess bottega;
    QList<qint64> variantIds;
};

TEST_F(PoleepoCli, TestConnectionPoleepoOkWithTheRightCredentials)
{
    const auto result = run({u"test-connection"_s, u"poleepo"_s});
    EXPECT_EQ(result.exitCode, 0) << qPrintable(result.err);
    EXPECT_EQ(result.out.trimmed(), u"poleepo: connection ok"_s);
    EXPECT_EQ(fake.tokensIssued(), 1);

    const auto json = run({u"test-connection"_s, u"poleepo"_s, u"--json"_s});
    EXPECT_EQ(json.exitCode, 0) << qPrintable(json.err);
    const QJsonObject object = parseJson(json.out).object();
    EXPECT_EQ(object.value(u"service"_s).toString(), u"poleepo"_s);
    EXPECT_TRUE(object.value(u"ok"_s).toBool());
}

TEST_F(PoleepoCli, TestConnectionPoleepoRefusedWithWrongCredentials)
{
    bottega.environment().insert(u"BOTTEGA_POLEEPO_CLIENT_SECRET"_s, u"not-the-secret"_s);
    auto result = run({u"test-connection"_s, u"poleepo"_s});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_EQ(result.err.trimmed(), u"bottega: Poleepo refused the credentials"_s);
    EXPECT_TRUE(result.out.isEmpty()) << qPrintable(result.out);

    bottega.environment().insert(u"BOTTEGA_POLEEPO_CLIENT_SECRET"_s, PoleepoFake::clientSecret());
    bottega.environment().insert(u"BOTTEGA_POLEEPO_CLIENT_ID"_s, u"someone-else"_s);
    result = run({u"test-connection"_s, u"poleepo"_s});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_EQ(result.err.trimmed(), u"bottega: Poleepo refused the credentials"_s);
    EXPECT_EQ(fake.tokensIssued(), 0);
    // Nothing but token requests reached Poleepo.
    for (const RecordedRequest &request : fake.requests())
        EXPECT_EQ(request.path, u"/oauth/access_token"_s);
}

TEST_F(PoleepoCli, BatchGenerateListAndShowAPublishedProduct)
{
    const qint64 productId = createProduct();
    ASSERT_GT(productId, 0);
    const QString id = QString::number(productId);

    // Incomplete print images: publishing is refused and names the placements.
    auto refused = run({u"product"_s, u"set"_s, id, u"published"_s, u"true"_s});
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_TRUE(refused.err.contains(u"no print image for placements"_s)) << qPrintable(refused.err);
    for (const QString &placement : {u"default"_s, u"back"_s}) {
        const auto set = run({u"product"_s, u"set-print-image"_s, id, placement,
                              u"https://cdn.example.com/%1.pdf"_s.arg(placement)});
        ASSERT_EQ(set.exitCode, 0) << qPrintable(set.err);
    }
    const auto published = run({u"product"_s, u"set"_s, id, u"published"_s, u"true"_s});
    ASSERT_EQ(published.exitCode, 0) << qPrintable(published.err);

    const auto generated = run({u"batch"_s, u"generate"_s, u"--json"_s});
    ASSERT_EQ(generated.exitCode, 0) << qPrintable(generated.err);
    const QJsonObject report = parseJson(generated.out).object();
    ASSERT_EQ(report.value(u"batches"_s).toArray().size(), 1) << qPrintable(generated.out);
    const qint64 batchId = report.value(u"batches"_s).toArray().at(0).toInteger();
    EXPECT_EQ(report.value(u"entries"_s).toInt(), 4); // the parent and 3 variants
    EXPECT_TRUE(report.value(u"leftOut"_s).toArray().isEmpty());
    EXPECT_EQ(report.value(u"error"_s).toString(), QString());
    EXPECT_EQ(fake.catalog().batchCount(), 1);
    const QJsonArray sent = fake.catalog().batchEntries(fake.catalog().lastBatchId());
    ASSERT_EQ(sent.size(), 4);
    EXPECT_EQ(sent.at(0).toObject().value(u"sku"_s).toString(), u"TS"_s);

    const auto listed = run({u"batch"_s, u"list"_s, u"--json"_s});
    ASSERT_EQ(listed.exitCode, 0) << qPrintable(listed.err);
    const QJsonArray rows = parseJson(listed.out).array();
    ASSERT_EQ(rows.size(), 1) << qPrintable(listed.out);
    const QJsonObject row = rows.at(0).toObject();
    EXPECT_EQ(row.value(u"id"_s).toInteger(), batchId);
    EXPECT_EQ(row.value(u"poleepoBatchId"_s).toString(), fake.catalog().lastBatchId());
    EXPECT_EQ(row.value(u"status"_s).toString(), u"PENDING"_s);
    EXPECT_EQ(row.value(u"total"_s).toInt(), 4);
    EXPECT_EQ(row.value(u"processed"_s).toInt(), 0);
    EXPECT_EQ(row.value(u"error"_s).toString(), QString());
    EXPECT_TRUE(row.value(u"submittedAt"_s).isString());

    const auto shown = run({u"batch"_s, u"show"_s, QString::number(batchId), u"--json"_s});
    ASSERT_EQ(shown.exitCode, 0) << qPrintable(shown.err);
    const QJsonObject batch = parseJson(shown.out).object();
    EXPECT_EQ(batch.value(u"id"_s).toInteger(), batchId);
    EXPECT_EQ(batch.value(u"status"_s).toString(), u"PENDING"_s);
    const QJsonArray items = batch.value(u"items"_s).toArray();
    ASSERT_EQ(items.size(), 4) << qPrintable(shown.out);
    const QStringList skus {u"TS"_s, u"TS-M-O"_s, u"TS-L-O"_s, u"TS-L-R"_s};
    for (int i = 0; i < 4; ++i) {
        const QJsonObject item = items.at(i).toObject();
        EXPECT_EQ(item.value(u"sku"_s).toString(), skus.at(i));
        EXPECT_EQ(item.value(u"productId"_s).toInteger(), productId);
        EXPECT_EQ(item.value(u"status"_s).toString(), u"draft"_s);
        EXPECT_EQ(item.value(u"payload"_s).toObject(), sent.at(i).toObject());
        if (i == 0)
            EXPECT_TRUE(item.value(u"variantId"_s).isNull());
        else
            EXPECT_EQ(item.value(u"variantId"_s).toInteger(), variantIds.at(i - 1));
    }

    // Poleepo finishes the batch: each variant item is done with its product id.
    const auto polled = run({u"batch"_s, u"poll"_s, u"--json"_s});
    ASSERT_EQ(polled.exitCode, 0) << qPrintable(polled.err);
    EXPECT_EQ(parseJson(polled.out).object().value(u"finished"_s).toInt(), 1) << qPrintable(polled.out);
    const QJsonObject done
            = parseJson(run({u"batch"_s, u"show"_s, QString::number(batchId), u"--json"_s}).out).object();
    const QJsonArray doneItems = done.value(u"items"_s).toArray();
    ASSERT_EQ(doneItems.size(), 4);
    for (int i = 1; i < 4; ++i) {
        EXPECT_EQ(doneItems.at(i).toObject().value(u"status"_s).toString(), u"done"_s);
        EXPECT_EQ(doneItems.at(i).toObject().value(u"poleepoProductId"_s).toString(),
                  fake.catalog().productId(skus.at(i)));
    }
    // Nothing left to send: a second generate submits nothing.
    const auto again = run({u"batch"_s, u"generate"_s, u"--json"_s});
    ASSERT_EQ(again.exitCode, 0) << qPrintable(again.err);
    EXPECT_TRUE(parseJson(again.out).object().value(u"batches"_s).toArray().isEmpty())
            << qPrintable(again.out);
    EXPECT_EQ(fake.catalog().batchCount(), 1);
}

TEST_F(PoleepoCli, PollBatchesNeverBelowTenMinutes)
{
    const auto below = run({u"job"_s, u"set"_s, u"poll-batches"_s, u"--interval"_s, u"599"_s});
    EXPECT_EQ(below.exitCode, 1);
    EXPECT_EQ(below.err.trimmed(), u"bottega: poll-batches: interval 599 s is below the minimum of 600 s"_s);

    const auto floor = run({u"job"_s, u"set"_s, u"poll-batches"_s, u"--interval"_s, u"600"_s, u"--json"_s});
    ASSERT_EQ(floor.exitCode, 0) << qPrintable(floor.err);
    EXPECT_EQ(parseJson(floor.out).object().value(u"intervalSeconds"_s).toInt(), 600);

    const auto listed = run({u"job"_s, u"list"_s, u"--json"_s});
    ASSERT_EQ(listed.exitCode, 0) << qPrintable(listed.err);
    bool found = false;
    for (const QJsonValue &value : parseJson(listed.out).array()) {
        const QJsonObject job = value.toObject();
        if (job.value(u"name"_s).toString() != u"poll-batches"_s)
            continue;
        found = true;
        EXPECT_EQ(job.value(u"intervalSeconds"_s).toInt(), 600);
        EXPECT_EQ(job.value(u"minIntervalSeconds"_s).toInt(), 600);
    }
    EXPECT_TRUE(found) << qPrintable(listed.out);
}

// poleepo.enabled false: the jobs do nothing and say "Poleepo is not enabled"; `batch generate`
// and `batch poll` say it is switched off and send nothing.
TEST_F(PoleepoCli, WithPoleepoSwitchedOffTheBatchJobsAndCommandsSendNothing)
{
    const qint64 productId = createProduct();
    ASSERT_GT(productId, 0);
    const QString id = QString::number(productId);
    for (const QString &placement : {u"default"_s, u"back"_s})
        ASSERT_EQ(run({u"product"_s, u"set-print-image"_s, id, placement,
                       u"https://cdn.example.com/%1.pdf"_s.arg(placement)})
                          .exitCode,
                  0);
    ASSERT_EQ(run({u"product"_s, u"set"_s, id, u"published"_s, u"true"_s}).exitCode, 0);
    ASSERT_EQ(run({u"config"_s, u"set"_s, u"poleepo.enabled"_s, u"false"_s}).exitCode, 0);

    for (const QString &job : {u"generate-batches"_s, u"poll-batches"_s}) {
        const auto ran = run({u"job"_s, u"run"_s, job, u"--json"_s});
        ASSERT_EQ(ran.exitCode, 0) << qPrintable(ran.err);
        const QJsonObject result = parseJson(ran.out).object();
        EXPECT_TRUE(result.value(u"ok"_s).toBool()) << qPrintable(ran.out);
        EXPECT_EQ(result.value(u"resultMessage"_s).toObject().value(u"code"_s).toString(),
                  u"job.poleepo-off"_s);
        EXPECT_EQ(result.value(u"result"_s).toString(), u"Poleepo is not enabled"_s);
    }
    for (const QString &action : {u"generate"_s, u"poll"_s}) {
        const auto refused = run({u"batch"_s, action});
        EXPECT_EQ(refused.exitCode, 1) << qPrintable(refused.out);
        EXPECT_TRUE(refused.err.contains(u"Poleepo is switched off"_s)) << qPrintable(refused.err);
    }
    EXPECT_EQ(fake.catalog().batchCount(), 0);
    EXPECT_TRUE(fake.requests().isEmpty());

    ASSERT_EQ(run({u"config"_s, u"set"_s, u"poleepo.enabled"_s, u"true"_s}).exitCode, 0);
    const auto on = run({u"job"_s, u"run"_s, u"generate-batches"_s, u"--json"_s});
    ASSERT_EQ(on.exitCode, 0) << qPrintable(on.err);
    EXPECT_EQ(parseJson(on.out).object().value(u"resultMessage"_s).toObject().value(u"code"_s).toString(),
              u"job.batches-submitted"_s);
    EXPECT_EQ(fake.catalog().batchCount(), 1);
}

// A product without variants cannot be published; the command says so, as the window does, and
// `product show` says why.
TEST_F(PoleepoCli, AProductWithoutVariantsCannotBePublished)
{
    ASSERT_EQ(run({u"product"_s, u"list"_s}).exitCode, 0); // creates the database
    DatabaseLocation location;
    location.sqlitePath = bottega.dataDir() + u"/bottega.sqlite"_s;
    qint64 posterId = 0;
    {
        auto database = Database::open(location);
        ASSERT_TRUE(database.ok()) << qPrintable(database.error());
        Product poster;
        poster.name = u"Poster"_s;
        poster.sku = u"POSTER"_s;
        auto created = ProductRepository(**database).create(poster);
        ASSERT_TRUE(created.ok()) << qPrintable(created.error());
        posterId = *created;
    }
    const QString id = QString::number(posterId);
    const auto refused = run({u"product"_s, u"set"_s, id, u"published"_s, u"true"_s});
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_EQ(refused.err.trimmed(),
              u"bottega: product %1 \"Poster\" has no variants, and a product without variants cannot be "
              "published on Poleepo: synchronize it with its Gelato template first"_s.arg(id));
    const auto shown = run({u"product"_s, u"show"_s, id, u"--json"_s});
    ASSERT_EQ(shown.exitCode, 0) << qPrintable(shown.err);
    EXPECT_FALSE(parseJson(shown.out).object().value(u"published"_s).toBool());
    const auto text = run({u"product"_s, u"show"_s, id});
    EXPECT_TRUE(text.out.contains(u"No variants: a product without variants cannot be published"_s))
            << qPrintable(text.out);
    EXPECT_EQ(run({u"product"_s, u"set"_s, id, u"published"_s, u"false"_s}).exitCode, 0);
}

} // namespace
