// Shipping through PoleepoClient against the Poleepo fake: carriers, package types and pickup
// addresses, creating a shipping, its label (PDF), delivered-to-carrier and Gelato's tracking
// passed back with `PUT /shippings/{id}`.
#include "tests/support/fakes/PoleepoTestRig.h"

#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class PoleepoShippingTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(rig.started);
        rig.fake.addOrder(PoleepoFake::sampleOrder(u"O7"_s));
    }

    template<typename T, typename Call> Result<T> run(Call call)
    {
        return rig.wait<T>(call).value_or(makeError(u"no answer"_s));
    }

    PoleepoTestRig rig;
};

TEST_F(PoleepoShippingTest, ListsWhatAShippingIsMadeOf)
{
    auto carriers = run<QList<PoleepoCarrier>>(
            [&](QObject *context, auto done) { rig.poleepo.listCarriers(context, done); });
    ASSERT_TRUE(carriers.ok()) << carriers.error().toStdString();
    ASSERT_EQ(carriers->size(), 2);
    EXPECT_EQ(carriers->at(1).id, u"GLS"_s);
    EXPECT_EQ(carriers->at(1).name, u"GLS Italy"_s);

    auto types = run<QList<PoleepoPackageType>>(
            [&](QObject *context, auto done) { rig.poleepo.listPackageTypes(context, done); });
    ASSERT_TRUE(types.ok()) << types.error().toStdString();
    ASSERT_EQ(types->size(), 2);
    EXPECT_EQ(types->at(0).weight, 0.3);
    EXPECT_EQ(types->at(0).depth, 35);
    EXPECT_FALSE(types->at(1).weight.has_value()); // shown only: unknown is fine

    auto addresses = run<QList<PoleepoPickupAddress>>(
            [&](QObject *context, auto done) { rig.poleepo.listPickupAddresses(context, done); });
    ASSERT_TRUE(addresses.ok()) << addresses.error().toStdString();
    ASSERT_EQ(addresses->size(), 1);
    EXPECT_EQ(addresses->at(0).city, u"Bologna"_s);
    EXPECT_EQ(addresses->at(0).countryIso, u"IT"_s);
}

TEST_F(PoleepoShippingTest, CreatesAShippingGetsItsLabelAndHandsItToTheCarrier)
{
    const PoleepoShippingRequest request {u"O7"_s, u"BRT"_s, u"PA1"_s, {{u"PT1"_s, 0.4, 25, 2, 35}}};
    auto created = run<PoleepoCreatedShipping>(
            [&](QObject *context, auto done) { rig.poleepo.createShipping(request, context, done); });
    ASSERT_TRUE(created.ok()) << created.error().toStdString();
    EXPECT_EQ(created->id, u"S1"_s);
    EXPECT_EQ(created->trackingCode, u"TRKS1"_s);
    const QJsonObject sent = rig.fake.lastRequest().json().object();
    EXPECT_EQ(sent.value(u"pickup_address_id"_s).toString(), u"PA1"_s);
    EXPECT_EQ(sent.value(u"parcels"_s)[0][u"package_type_id"_s].toString(), u"PT1"_s);
    EXPECT_EQ(sent.value(u"parcels"_s)[0][u"weight"_s].toDouble(), 0.4);

    auto label = run<QByteArray>(
            [&](QObject *context, auto done) { rig.poleepo.shippingLabel(u"S1"_s, context, done); });
    ASSERT_TRUE(label.ok()) << label.error().toStdString();
    EXPECT_TRUE(label->startsWith("%PDF-"));
    EXPECT_EQ(rig.fake.lastRequest().header("Accept"), "application/pdf");

    auto delivered = run<void>(
            [&](QObject *context, auto done) { rig.poleepo.deliveredToCarrier(u"S1"_s, context, done); });
    ASSERT_TRUE(delivered.ok()) << delivered.error().toStdString();
    EXPECT_TRUE(rig.fake.deliveredToCarrier(u"S1"_s));

    auto shipping = run<PoleepoShipping>(
            [&](QObject *context, auto done) { rig.poleepo.getShipping(u"S1"_s, context, done); });
    ASSERT_TRUE(shipping.ok()) << shipping.error().toStdString();
    EXPECT_EQ(shipping->status, u"Delivered to carrier"_s);
    EXPECT_EQ(shipping->carrier, u"BRT"_s);
    EXPECT_EQ(shipping->parcelId, u"P-S1"_s);
    auto order = run<PoleepoOrder>(
            [&](QObject *context, auto done) { rig.poleepo.getOrder(u"O7"_s, context, done); });
    ASSERT_TRUE(order.ok()) << order.error().toStdString();
    EXPECT_EQ(order->status, u"Shipped"_s);
    EXPECT_EQ(order->shippingIds, QStringList {u"S1"_s});
}

TEST_F(PoleepoShippingTest, AnUnknownPackageTypeIsRefusedNamingTheParcel)
{
    const PoleepoShippingRequest request {
            u"O7"_s, u"BRT"_s, u"PA1"_s, {{u"PT1"_s, 1, 1, 1, 1}, {u"PT9"_s, 1, 1, 1, 1}}};
    auto created = run<PoleepoCreatedShipping>(
            [&](QObject *context, auto done) { rig.poleepo.createShipping(request, context, done); });
    EXPECT_EQ(created.error(),
              u"Poleepo refused the request: The given data was invalid. "
              "(parcels[1].package_type_id: unknown package type)"_s);
}

TEST_F(PoleepoShippingTest, GelatosTrackingIsPassedBack)
{
    rig.fake.addShipping(
            QJsonObject {{u"id"_s, u"S50"_s}, {u"order_id"_s, u"O7"_s}, {u"carrier"_s, u"BRT"_s}});
    auto updated = run<void>([&](QObject *context, auto done) {
        rig.poleepo.updateShippingTracking(u"S50"_s, u"1Z999AA10123456784"_s, u"UPS"_s, context, done);
    });
    ASSERT_TRUE(updated.ok()) << updated.error().toStdString();
    EXPECT_EQ(rig.fake.lastRequest().method, "PUT");
    EXPECT_EQ(rig.fake.shipping(u"S50"_s).value(u"tracking_code"_s).toString(), u"1Z999AA10123456784"_s);
    EXPECT_EQ(rig.fake.shipping(u"S50"_s).value(u"carrier"_s).toString(), u"UPS"_s);

    auto unknown = run<void>([&](QObject *context, auto done) {
        rig.poleepo.updateShippingTracking(u"S404"_s, u"X"_s, u"UPS"_s, context, done);
    });
    EXPECT_EQ(unknown.error(), u"Poleepo has no shipping \"S404\""_s);
}

TEST_F(PoleepoShippingTest, TheWebhookHelperSignsTheRawBody)
{
    const QByteArray body = PoleepoFake::statusOrderBody(u"O7"_s, u"Shipped"_s);
    const auto call = PoleepoFake::signedWebhook(body, "whsec-test");
    // RFC 4231-style check: the same HMAC computed independently.
    EXPECT_EQ(call.signature,
              QMessageAuthenticationCode::hash(body, "whsec-test", QCryptographicHash::Sha256).toHex());
    EXPECT_EQ(call.signature.size(), 64);
    const HttpRequest request = call.request(QUrl(u"http://127.0.0.1:1/poleepo/webhook/orders"_s));
    EXPECT_EQ(request.body, body);
    EXPECT_TRUE(request.headers.contains(HttpHeader("X-Poleepo-Signature", call.signature)));
    // A known vector: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
    EXPECT_EQ(PoleepoFake::signature("The quick brown fox jumps over the lazy dog", "key"),
              "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
}

} // namespace
} // namespace Bottega::Test
