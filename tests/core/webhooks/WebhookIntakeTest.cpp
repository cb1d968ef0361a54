// The webhook routes over real loopback HTTP on both engines: signatures checked before anything
// else, verified calls queued durably and once, bad bodies refused after verification.
#include "core/store/WebhookRecordRepository.h"
#include "tests/core/webhooks/WebhookTestBase.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class WebhookIntakeTest : public WebhookTestBase
{
protected:
    void createRecord(const QString &name, bool active = true)
    {
        WebhookRecord record;
        record.name = name;
        record.events = QStringList {u"STATUS_ORDER"_s};
        record.active = active;
        const auto created = WebhookRecordRepository(db()).create(record);
        ASSERT_TRUE(created.ok()) << qPrintable(created.error());
    }
};

TEST_P(WebhookIntakeTest, WithoutASecretGelatoCallsAre503AndNothingIsQueued)
{
    startIntake();

    const PostAnswer answer = postGelato(readTestData(u"gelato/webhooks/order_status_updated.json"_s));

    EXPECT_EQ(answer.status, 503);
    EXPECT_TRUE(answer.body.contains("webhook secret not configured")) << answer.body.constData();
    EXPECT_TRUE(queued().isEmpty());
}

TEST_P(WebhookIntakeTest, ASignedGelatoCallIsQueuedRawWithItsEventAndId)
{
    db().setClock(&clock);
    server.setClock(&clock);
    setSecret(u"gelato.webhook-secret"_s, u"s3cret"_s);
    startIntake();
    QSignalSpy nudges(intake.get(), &WebhookIntake::queued);
    const QByteArray body = readTestData(u"gelato/webhooks/order_status_updated.json"_s);

    const PostAnswer answer = postGelato(body);

    EXPECT_EQ(answer.status, 200) << answer.body.constData();
    const auto items = storedQueue();
    ASSERT_EQ(items.size(), 1);
    EXPECT_EQ(items[0].source, u"gelato"_s);
    EXPECT_EQ(items[0].event, u"order_status_updated"_s);
    EXPECT_EQ(items[0].eventId, u"os_5e5680ce494f6"_s);
    EXPECT_EQ(items[0].body, body);
    EXPECT_EQ(items[0].state, WebhookQueueItem::State::Pending);
    EXPECT_EQ(items[0].receivedAt, clock.now());
    EXPECT_TRUE(items[0].headers.contains("signature: [redacted]"_L1)) << qPrintable(items[0].headers);
    EXPECT_FALSE(items[0].headers.contains("s3cret"_L1));
    EXPECT_EQ(sumOf(nudges), 1);
    EXPECT_EQ(QJsonDocument::fromJson(answer.body).object().value("status"_L1).toString(), u"queued"_s);
    // Its API-log row, stored with it (by the intake's clock: the same as the server's here).
    const auto rows = storedLog();
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows.first().time, clock.now());
    EXPECT_EQ(rows.first().requestBody, body);
    EXPECT_EQ(log.size(), 0); // not logged a second time by the server
}

TEST_P(WebhookIntakeTest, AMissingSignatureIs401AndAWrongOne403NothingQueued)
{
    setSecret(u"gelato.webhook-secret"_s, u"s3cret"_s);
    startIntake();
    const QByteArray body = readTestData(u"gelato/webhooks/order_status_updated.json"_s);

    EXPECT_EQ(post(u"/gelato/webhook"_s, body, {}).status, 401);
    EXPECT_EQ(postGelato(body, "s3cre").status, 403);
    EXPECT_EQ(postGelato(body, "s3cretX").status, 403);
    EXPECT_EQ(postGelato(body, "S3CRET").status, 403);
    EXPECT_TRUE(queued().isEmpty());
    // One API-log row per call, the signature never in it.
    ASSERT_EQ(log.size(), 4);
    for (const ApiLogEntry &entry : log.entries())
        EXPECT_FALSE(entry.requestHeaders.contains("s3cret"_L1));
}

TEST_P(WebhookIntakeTest, BadJsonIs400OnlyAfterTheSignature)
{
    setSecret(u"gelato.webhook-secret"_s, u"s3cret"_s);
    startIntake();

    EXPECT_EQ(postGelato("{not json", "wrong").status, 403);
    EXPECT_EQ(postGelato("{not json").status, 400);
    EXPECT_EQ(postGelato("[1,2]").status, 400);
    EXPECT_EQ(postGelato(R"({"id":"x"})").status, 400);
    EXPECT_TRUE(queued().isEmpty());
}

TEST_P(WebhookIntakeTest, ADuplicateEventIdIsAcknowledgedAndNotStoredAgain)
{
    setSecret(u"gelato.webhook-secret"_s, u"s3cret"_s);
    startIntake();
    QSignalSpy nudges(intake.get(), &WebhookIntake::queued);
    const QByteArray body = readTestData(u"gelato/webhooks/order_status_updated_part1.json"_s);

    EXPECT_EQ(postGelato(body).status, 200);
    const PostAnswer again = postGelato(body);

    EXPECT_EQ(again.status, 200);
    EXPECT_EQ(again.body, R"({"status":"duplicate"})");
    EXPECT_EQ(queued().size(), 1);
    EXPECT_EQ(nudges.size(), 1);
}

TEST_P(WebhookIntakeTest, TheQueuedRowIsThereForAnotherConnection)
{
    setSecret(u"gelato.webhook-secret"_s, u"s3cret"_s);
    startIntake();

    ASSERT_EQ(postGelato(readTestData(u"gelato/webhooks/order_delivery_estimate_updated.json"_s)).status,
              200);

    // A second Database on the same store acts as another process: the row is committed.
    auto other = Database::open(testDatabase().location());
    ASSERT_TRUE(other.ok()) << qPrintable(other.error());
    const auto items = WebhookQueueRepository(**other).list({});
    ASSERT_TRUE(items.ok());
    ASSERT_EQ(items->size(), 1);
    EXPECT_EQ(items->at(0).event, u"order_delivery_estimate_updated"_s);
}

TEST_P(WebhookIntakeTest, APoleepoCallNeedsAnActiveRecordAndItsHmac)
{
    createRecord(u"shop-1"_s);
    createRecord(u"old"_s, false);
    setSecret(u"poleepo.webhook-secret.shop-1"_s, u"pole-secret"_s);
    setSecret(u"poleepo.webhook-secret.old"_s, u"old-secret"_s);
    startIntake();
    const QByteArray body
            = R"({"id":"ev-1","event":"STATUS_ORDER","timestamp":"2026-01-01T10:00:00Z","data":{"order_id":7,"status":"PAID"}})";
    const QByteArray good = poleepoSignature("pole-secret", body);

    EXPECT_EQ(post(u"/poleepo/webhook/nobody"_s, body, {{"X-Poleepo-Signature", good}}).status, 404);
    EXPECT_EQ(post(u"/poleepo/webhook/old"_s, body,
                   {{"X-Poleepo-Signature", poleepoSignature("old-secret", body)}})
                      .status,
              404);
    EXPECT_EQ(post(u"/poleepo/webhook/shop-1"_s, body, {}).status, 401);
    EXPECT_EQ(post(u"/poleepo/webhook/shop-1"_s, body,
                   {{"X-Poleepo-Signature", poleepoSignature("nope", body)}})
                      .status,
              403);
    EXPECT_EQ(post(u"/poleepo/webhook/shop-1"_s, body + " ", {{"X-Poleepo-Signature", good}}).status, 403);
    EXPECT_TRUE(queued().isEmpty());

    const PostAnswer answer
            = post(u"/poleepo/webhook/shop-1"_s, body, {{"X-Poleepo-Signature", good.toUpper()}});

    EXPECT_EQ(answer.status, 200) << answer.body.constData();
    const auto items = queued();
    ASSERT_EQ(items.size(), 1);
    EXPECT_EQ(items[0].source, u"poleepo"_s);
    EXPECT_EQ(items[0].recordName, u"shop-1"_s);
    EXPECT_EQ(items[0].event, u"STATUS_ORDER"_s);
    EXPECT_EQ(items[0].eventId, u"ev-1"_s);
}

TEST_P(WebhookIntakeTest, OtherMethodsAndBodiesOverTheLimitNeverReachTheQueue)
{
    setSecret(u"gelato.webhook-secret"_s, u"s3cret"_s);
    startIntake();
    server.setBodyLimit(1024);

    EXPECT_EQ(post(u"/gelato/webhook"_s, {}, {{"signature", "s3cret"}}, "GET").status, 405);
    EXPECT_EQ(postGelato(QByteArray(4096, 'x')).status, 413);
    EXPECT_TRUE(queued().isEmpty());
}

TEST(WebhookIntakeCompare, ConstantTimeEqualsComparesWholeValues)
{
    EXPECT_TRUE(WebhookIntake::constantTimeEquals("abc", "abc"));
    EXPECT_FALSE(WebhookIntake::constantTimeEquals("abd", "abc"));
    EXPECT_FALSE(WebhookIntake::constantTimeEquals("ab", "abc"));
    EXPECT_FALSE(WebhookIntake::constantTimeEquals("abcd", "abc"));
    EXPECT_FALSE(WebhookIntake::constantTimeEquals("", "abc"));
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(WebhookIntakeTest);

} // namespace
} // namespace Bottega::Test
