// Product batches against the Poleepo fake: submit and status through PoleepoClient, per-product
// results (OK with the product id, PARENT_NOT_FOUND), the validation error naming the field, and
// the fake's own limit of 5 status requests per batch within 10 minutes of its clock.
#include "tests/support/fakes/PoleepoTestRig.h"

#include <QJsonArray>
#include <QJsonObject>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

QJsonObject entry(const QString &sku, const QString &parentSku = QString())
{
    QJsonObject object {{u"product_id"_s, QString()},
                        {u"sku"_s, sku},
                        {u"title"_s, QString(u"Tee "_s + sku)},
                        {u"category_path"_s, u"Abbigliamento/T-shirt"_s},
                        {u"price"_s, 19.9}};
    if (!parentSku.isEmpty())
        object.insert(u"parent_sku"_s, parentSku);
    return object;
}

class PoleepoBatchTest : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(rig.started); }

    std::optional<Result<PoleepoBatchSubmission>> submit(const QJsonArray &entries)
    {
        return rig.wait<PoleepoBatchSubmission>(
                [&](QObject *context, auto done) { rig.poleepo.submitBatch(entries, context, done); });
    }
    std::optional<Result<PoleepoBatchStatus>> status(const QString &batchId)
    {
        return rig.wait<PoleepoBatchStatus>(
                [&](QObject *context, auto done) { rig.poleepo.batchStatus(batchId, context, done); });
    }

    PoleepoTestRig rig;
};

TEST_F(PoleepoBatchTest, SubmitsABatchAndReadsPerProductResults)
{
    const QJsonArray entries {entry(u"tpl-1"_s), entry(u"tpl-1-M"_s, u"tpl-1"_s),
                              entry(u"tpl-1-L"_s, u"tpl-1"_s), entry(u"orphan-S"_s, u"tpl-never-sent"_s)};
    auto submitted = submit(entries);
    ASSERT_TRUE(submitted.has_value());
    ASSERT_TRUE(submitted->ok()) << submitted->error().toStdString();
    EXPECT_FALSE(submitted->value().batchId.isEmpty());
    EXPECT_EQ(submitted->value().status, u"PENDING"_s);
    EXPECT_EQ(submitted->value().total, 4);
    EXPECT_EQ(rig.fake.lastRequest().json().object().value(u"products"_s).toArray(), entries);

    auto polled = status(submitted->value().batchId);
    ASSERT_TRUE(polled.has_value());
    ASSERT_TRUE(polled->ok()) << polled->error().toStdString();
    const PoleepoBatchStatus &batch = polled->value();
    EXPECT_EQ(batch.status, PoleepoBatchStatus::Status::Completed);
    EXPECT_TRUE(batch.isFinished());
    ASSERT_EQ(batch.results.size(), 4);
    EXPECT_EQ(batch.results.at(1).sku, u"tpl-1-M"_s);
    EXPECT_EQ(batch.results.at(1).status, PoleepoBatchItemResult::Status::Ok);
    EXPECT_EQ(batch.results.at(1).productId, rig.fake.catalog().productId(u"tpl-1-M"_s));
    const PoleepoBatchItemResult &orphan = batch.results.at(3);
    EXPECT_EQ(orphan.status, PoleepoBatchItemResult::Status::Error);
    EXPECT_EQ(orphan.code, u"PARENT_NOT_FOUND"_s);
    EXPECT_EQ(orphan.message, u"Parent product with SKU tpl-never-sent not found"_s);
    EXPECT_TRUE(orphan.productId.isEmpty());
}

TEST_F(PoleepoBatchTest, AParentSentInAnEarlierBatchIsFound)
{
    auto first = submit({entry(u"tpl-2"_s)});
    ASSERT_TRUE(first.has_value() && first->ok());
    auto second = submit({entry(u"tpl-2-XL"_s, u"tpl-2"_s)});
    ASSERT_TRUE(second.has_value() && second->ok());
    auto polled = status(second->value().batchId);
    ASSERT_TRUE(polled.has_value() && polled->ok());
    ASSERT_EQ(polled->value().results.size(), 1);
    EXPECT_EQ(polled->value().results.at(0).status, PoleepoBatchItemResult::Status::Ok);
}

TEST_F(PoleepoBatchTest, AnEntryWithoutPriceIsRefusedNamingTheField)
{
    QJsonObject priceless = entry(u"tpl-3-M"_s);
    priceless.remove(u"price"_s);
    QJsonObject untitled = entry(u"tpl-3-L"_s);
    untitled.insert(u"title"_s, QString());
    auto submitted = submit({entry(u"tpl-3"_s), priceless, untitled});
    ASSERT_TRUE(submitted.has_value());
    EXPECT_EQ(submitted->error(),
              u"Poleepo refused the request: The given data was invalid. "
              "(products[1].price: is required; products[2].title: is required)"_s);
    EXPECT_EQ(rig.fake.catalog().batchCount(), 0);
    EXPECT_EQ(rig.fake.requestCount(u"/products/batch"_s), 1); // a POST refused is not repeated
}

TEST_F(PoleepoBatchTest, TheFakeAllowsFiveStatusRequestsPerBatchInTenMinutes)
{
    rig.fake.catalog().setProcessingPolls(100);
    auto submitted = submit({entry(u"tpl-4"_s)});
    ASSERT_TRUE(submitted.has_value() && submitted->ok());
    const QString id = submitted->value().batchId;
    for (int i = 0; i < 5; ++i) {
        auto polled = status(id);
        ASSERT_TRUE(polled.has_value() && polled->ok()) << i;
        EXPECT_EQ(polled->value().status, PoleepoBatchStatus::Status::Processing);
        EXPECT_FALSE(polled->value().isFinished());
        rig.advance(60);
    }
    // The sixth within 10 minutes: refused, and not repeated by the client (5 allowed in all).
    auto refused = status(id);
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(refused->error(), u"poleepo: HTTP 429: Too many requests"_s);
    EXPECT_EQ(rig.fake.requestCount(u"/products/batch/"_s + id), 6);

    // The fake's answer carries Retry-After: until the first request leaves the window.
    HttpRequest raw;
    raw.service = u"test"_s;
    raw.url = rig.fake.url(u"/products/batch/"_s + id);
    raw.headers.append({"Authorization", "Bearer " + rig.fake.lastToken().toUtf8()});
    raw.maxAttempts = 1;
    std::optional<HttpResponse> answer;
    QObject context;
    QObject::connect(rig.http.send(raw), &HttpReply::finished, &context,
                     [&answer](const HttpResponse &response) { answer = response; });
    ASSERT_TRUE(waitUntil([&answer] { return answer.has_value(); }));
    EXPECT_EQ(answer->status, 429);
    EXPECT_EQ(answer->header("Retry-After"), "300");
    EXPECT_EQ(answer->json()->object().value(u"code"_s).toString(), u"RATE_LIMITED"_s);

    rig.advance(300); // the first request is 10 minutes old
    auto polled = status(id);
    ASSERT_TRUE(polled.has_value());
    EXPECT_TRUE(polled->ok()) << polled->error().toStdString();
    EXPECT_EQ(status(id)->error(), u"poleepo: HTTP 429: Too many requests"_s);
}

TEST_F(PoleepoBatchTest, AnUnknownBatchIsNamed)
{
    auto polled = status(u"B404"_s);
    ASSERT_TRUE(polled.has_value());
    EXPECT_EQ(polled->error(), u"Poleepo has no batch \"B404\""_s);
}

} // namespace
} // namespace Bottega::Test
