// REL-3: hostile calls to the webhook routes over loopback, each with its expected status, and the
// server still answering afterwards; nothing unverified or malformed reaches the queue.
#include "core/orders/GelatoEventHandler.h"
#include "core/webhooks/WebhookProcessor.h"
#include "tests/core/webhooks/WebhookTestBase.h"

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class HostileInputTest : public WebhookTestBase
{
};

TEST_P(HostileInputTest, EveryHostileCallGetsItsStatusAndTheServerStaysUp)
{
    setSecret(u"gelato.webhook-secret"_s, u"s3cret"_s);
    startIntake();
    const QByteArray good = readTestData(u"gelato/webhooks/order_status_updated.json"_s);

    struct Case
    {
        const char *what;
        QByteArray method;
        QString path;
        QByteArray body;
        QByteArray signature;
        int status;
    };
    const QList<Case> cases {
            {"bad JSON", "POST", u"/gelato/webhook"_s, "{\"id\": \"x\", \"event\": ", "s3cret", 400},
            {"truncated body", "POST", u"/gelato/webhook"_s, good.left(good.size() / 2), "s3cret", 400},
            {"missing signature", "POST", u"/gelato/webhook"_s, good, {}, 401},
            {"wrong signature", "POST", u"/gelato/webhook"_s, good, "s3cret' OR '1'='1", 403},
            {"10 MB body", "POST", u"/gelato/webhook"_s, QByteArray(10 * 1024 * 1024, '{'), "s3cret", 413},
            {"wrong method", "PUT", u"/gelato/webhook"_s, good, "s3cret", 405},
            {"wrong path", "POST", u"/gelato/webhooks"_s, good, "s3cret", 404},
            {"no such Poleepo record",
             "POST",
             u"/poleepo/webhook/x'; DROP TABLE webhook_queue; --"_s,
             good,
             {},
             404},
            {"JSON that is not an object", "POST", u"/gelato/webhook"_s, "\"order_status_updated\"", "s3cret",
             400},
    };
    for (const Case &c : cases) {
        QList<std::pair<QByteArray, QByteArray>> headers;
        if (!c.signature.isEmpty())
            headers.append({"signature", c.signature});
        EXPECT_EQ(post(c.path, c.body, headers, c.method).status, c.status) << c.what;
    }
    EXPECT_TRUE(queued().isEmpty());

    // Accepted, then dealt with by processing: unknown events, placeholders, hostile text.
    const QByteArray unknown = R"({"id":"u1","event":"something_new"})";
    const QByteArray placeholders = readTestData(u"gelato/webhooks/order_item_tracking_code_updated.json"_s);
    const QByteArray hostile = "{\"id\":\"x'); DELETE FROM webhook_queue; "
                               "--\\u0000\\u0007\",\"event\":\"order_status_updated\","
                               "\"orderId\":\"'; DROP TABLE sales_orders; --\"}";
    for (const QByteArray &body : {unknown, placeholders, hostile})
        EXPECT_EQ(postGelato(body).status, 200) << body.constData();
    WebhookProcessor processor(db());
    GelatoEventHandler(db()).registerWith(
            [&processor](const QString &source, const QString &event, WebhookProcessor::Handler handler) {
                processor.registerHandler(source, event, std::move(handler));
            });
    const auto summary = processor.processDue();
    ASSERT_TRUE(summary.ok()) << qPrintable(summary.error());
    // The hostile one has no fulfillmentStatus: a broken event, Failed at once with the reason.
    EXPECT_EQ(summary->ignored, 2);
    EXPECT_EQ(summary->failed, 1);
    const auto items = queued();
    ASSERT_EQ(items.size(), 3);
    EXPECT_EQ(items[0].eventId, u"x'); DELETE FROM webhook_queue; --\a"_s) << "NUL dropped, the rest kept";
    EXPECT_EQ(items[0].state, WebhookQueueItem::State::Failed);
    EXPECT_TRUE(items[0].lastError.contains("fulfillmentStatus is missing"_L1))
            << qPrintable(items[0].lastError);

    // Still alive.
    EXPECT_EQ(post(u"/health"_s, {}, {}, "GET").status, 200);
    EXPECT_EQ(postGelato(readTestData(u"gelato/webhooks/order_status_updated_part2.json"_s)).status, 200);
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(HostileInputTest);

} // namespace
} // namespace Bottega::Test
