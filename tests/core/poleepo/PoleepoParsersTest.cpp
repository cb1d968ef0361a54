// The Poleepo parsers without a network: webhook payloads (typed, wrong types named), and answers
// read strictly for what Bottega acts on and leniently for what it only shows.
#include "core/poleepo/PoleepoParsers.h"

#include "core/poleepo/PoleepoWebhookPayload.h"

#include <QTimeZone>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega {
namespace {

QString webhookError(const QByteArray &body)
{
    const auto parsed = PoleepoWebhookPayload::parse(body);
    return parsed.ok() ? u"(parsed)"_s : parsed.error();
}

TEST(PoleepoWebhookPayloadTest, ReadsAnOrderAndAShipmentEvent)
{
    auto order = PoleepoWebhookPayload::parse(
            R"({"id":"evt-9","event":"STATUS_ORDER","timestamp":"2026-12-01T10:15:00+01:00",
                "data":{"order_id":"O7","status":"Shipped"}})");
    ASSERT_TRUE(order.ok()) << order.error().toStdString();
    EXPECT_EQ(order->id, u"evt-9"_s);
    EXPECT_EQ(order->kind, PoleepoWebhookEvent::Kind::StatusOrder);
    EXPECT_EQ(order->orderId, u"O7"_s);
    EXPECT_EQ(order->status, u"Shipped"_s);
    EXPECT_EQ(order->timestamp.toUTC(), QDateTime(QDate(2026, 12, 1), QTime(9, 15), QTimeZone::utc()));

    auto shipment = PoleepoWebhookPayload::parse(
            R"({"id":12,"event":"STATUS_SHIPMENT","timestamp":"2026-12-01T09:15:00Z",
                "data":{"shipping_id":345,"status":{"id":4,"name":"In transit"}}})");
    ASSERT_TRUE(shipment.ok()) << shipment.error().toStdString();
    EXPECT_EQ(shipment->id, u"12"_s);
    EXPECT_EQ(shipment->kind, PoleepoWebhookEvent::Kind::StatusShipment);
    EXPECT_EQ(shipment->shippingId, u"345"_s);
    EXPECT_EQ(shipment->status, u"In transit"_s);

    auto other = PoleepoWebhookPayload::parse(
            R"({"id":"e","event":"STOCK_UPDATE","timestamp":"2026-12-01T09:15:00Z","data":{}})");
    ASSERT_TRUE(other.ok()) << other.error().toStdString();
    EXPECT_EQ(other->kind, PoleepoWebhookEvent::Kind::Other);
    EXPECT_EQ(other->event, u"STOCK_UPDATE"_s);
}

TEST(PoleepoWebhookPayloadTest, WrongTypesAreRefusedNamingTheField)
{
    EXPECT_EQ(webhookError(R"({"id":true,"event":"STATUS_ORDER","timestamp":"2026-12-01T09:15:00Z",
                               "data":{"order_id":"O1"}})"),
              u"Poleepo webhook: id is not an id (text or a whole number)"_s);
    EXPECT_EQ(webhookError(R"({"id":"e","event":7,"timestamp":"2026-12-01T09:15:00Z","data":{}})"),
              u"Poleepo webhook: event is not text"_s);
    EXPECT_EQ(webhookError(R"({"id":"e","event":"STATUS_ORDER","timestamp":1764580500,"data":{}})"),
              u"Poleepo webhook: timestamp is not text"_s);
    EXPECT_EQ(webhookError(R"({"id":"e","event":"STATUS_ORDER","timestamp":"yesterday","data":{}})"),
              u"Poleepo webhook: timestamp is not a date and time"_s);
    EXPECT_EQ(
            webhookError(R"({"id":"e","event":"STATUS_ORDER","timestamp":"2026-12-01T09:15:00Z","data":[]})"),
            u"Poleepo webhook: data is not an object"_s);
    EXPECT_EQ(webhookError(R"({"id":"e","event":"STATUS_ORDER","timestamp":"2026-12-01T09:15:00Z",
                               "data":{"shipping_id":"S1"}})"),
              u"Poleepo webhook: data.order_id is missing"_s);
    EXPECT_EQ(webhookError(R"({"id":"e","event":"STATUS_SHIPMENT","timestamp":"2026-12-01T09:15:00Z",
                               "data":{"shipping_id":{"id":1}}})"),
              u"Poleepo webhook: data.shipping_id is not an id (text or a whole number)"_s);
    EXPECT_EQ(webhookError(R"({"id":"e","event":"STATUS_ORDER","timestamp":"2026-12-01T09:15:00Z",
                               "data":{"order_id":1.5}})"),
              u"Poleepo webhook: data.order_id is not an id (text or a whole number)"_s);
    EXPECT_EQ(webhookError(R"({"id":"e","event":"STATUS_ORDER","timestamp":"2026-12-01T09:15:00Z",
                               "data":{"order_id":"O1","status":3}})"),
              u"Poleepo webhook: data.status is not text"_s);
    EXPECT_EQ(webhookError(R"({"event":"STATUS_ORDER"})"), u"Poleepo webhook: id is missing"_s);
    EXPECT_TRUE(webhookError("[1,2]").endsWith(u"the answer is not a JSON object"_s));
    EXPECT_TRUE(webhookError("{\"id\":").startsWith(u"Poleepo webhook: the answer is not JSON"_s));
}

TEST(PoleepoParsersTest, AnOrderNeedsWhatBottegaActsOnOnly)
{
    auto minimal = PoleepoParsers::parseOrder(R"({"data":{"id":"O1","status":"Payment accepted"}})");
    ASSERT_TRUE(minimal.ok()) << minimal.error().toStdString();
    EXPECT_TRUE(minimal->rows.isEmpty());
    EXPECT_FALSE(minimal->totalPrice.has_value());
    EXPECT_FALSE(minimal->orderDate.isValid());

    auto lenient = PoleepoParsers::parseOrder(
            R"({"data":{"id":"O1","status":"In progress","total_price":"24.90","customer":"unknown",
                        "order_date":"2026-12-01 10:30:00"}})");
    ASSERT_TRUE(lenient.ok()) << lenient.error().toStdString();
    EXPECT_EQ(lenient->totalPrice, 24.9);
    EXPECT_TRUE(lenient->orderDate.isValid());

    EXPECT_EQ(PoleepoParsers::parseOrder(R"({"data":{"status":"x"}})").error(),
              u"Poleepo order: data.id is missing"_s);
    EXPECT_EQ(PoleepoParsers::parseOrder(R"({"data":{"id":"O1","status":{"id":2}}})").error(),
              u"Poleepo order: data.status.name is missing"_s);
    EXPECT_EQ(PoleepoParsers::parseOrder(
                      R"({"data":{"id":"O1","status":"x","rows":[{"sku":"A","quantity":1},{"quantity":2}]}})")
                      .error(),
              u"Poleepo order: data.rows[1].sku is missing"_s);
    EXPECT_EQ(PoleepoParsers::parseOrder(
                      R"({"data":{"id":"O1","status":"x","rows":[{"sku":"A","quantity":"2"}]}})")
                      .error(),
              u"Poleepo order: data.rows[0].quantity is not a number"_s);
    EXPECT_EQ(PoleepoParsers::parseOrder(R"({"id":"O1","status":"x"})").error(),
              u"Poleepo order: data is missing"_s);
}

// Reported by UBSan in the fuzz build (tests/fuzz): a token duration of 1e300 was cast to an int,
// which is undefined; a duration that is not a whole number of seconds in range is now refused.
TEST(PoleepoParsersTest, ATokenDurationThatIsNoWholeNumberInRangeIsRefused)
{
    for (const char *duration : {"1e300", "-60", "3600.5", "2147483648"}) {
        const QByteArray json = R"({"data":{"access_token":"t","duration":)" + QByteArray(duration) + "}}";
        EXPECT_EQ(PoleepoParsers::parseToken(json).error(),
                  u"Poleepo token: data.duration is not a whole number from 0 to 2147483647"_s)
                << duration;
    }
    EXPECT_EQ(PoleepoParsers::parseToken(R"({"data":{"access_token":"t","duration":"3600"}})").error(),
              u"Poleepo token: data.duration is not a number"_s);
    const auto token = PoleepoParsers::parseToken(R"({"data":{"access_token":"t","duration":3600}})");
    ASSERT_TRUE(token.ok()) << qPrintable(token.error());
    EXPECT_EQ(token->durationSeconds, 3600);
}

TEST(PoleepoParsersTest, ABatchStatusIsReadStrictly)
{
    EXPECT_EQ(
            PoleepoParsers::parseBatchStatus(R"({"data":{"batch_id":"B1","status":"DONE"}})").error(),
            u"Poleepo batch status: data.status is \"DONE\", not one of PENDING, PROCESSING, COMPLETED, FAILED"_s);
    EXPECT_EQ(
            PoleepoParsers::parseBatchStatus(
                    R"({"data":{"batch_id":"B1","status":"COMPLETED","results":[{"sku":"A","status":"OK"}]}})")
                    .error(),
            u"Poleepo batch status: data.results[0].product_id is missing"_s);
    auto failed = PoleepoParsers::parseBatchStatus(
            R"({"data":{"batch_id":"B1","status":"FAILED","results":[{"sku":"A","status":"ERROR","code":"X"}]}})");
    ASSERT_TRUE(failed.ok()) << failed.error().toStdString();
    EXPECT_EQ(failed->status, PoleepoBatchStatus::Status::Failed);
    EXPECT_EQ(failed->results.at(0).code, u"X"_s);
    EXPECT_FALSE(failed->total.has_value());
}

TEST(PoleepoParsersTest, ErrorBodiesKeepPoleepoWords)
{
    EXPECT_EQ(PoleepoParsers::errorMessage(
                      R"({"success":false,"message":"Dati non validi","code":"VALIDATION_ERROR",
                          "errors":[{"field":"sku","message":"obbligatorio"},{"message":"prezzo mancante"}]})"),
              u"Dati non validi (sku: obbligatorio; prezzo mancante)"_s);
    EXPECT_EQ(PoleepoParsers::errorCode(R"({"code":"NOT_FOUND"})"), u"NOT_FOUND"_s);
    EXPECT_TRUE(PoleepoParsers::errorMessage("<html>").isEmpty());
}

} // namespace
} // namespace Bottega
