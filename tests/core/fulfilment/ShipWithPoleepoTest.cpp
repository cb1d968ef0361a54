// Shipping a Poleepo order with Poleepo (SHIP-2..4, CONF-8) against the Poleepo fake on loopback,
// on SQLite and PostgreSQL: package types defined here and adopted from Poleepo's list; Ship with
// Poleepo refused (naming why) until every product is delivered to the shop and while a package
// type is missing or invalid; the label PDF kept in the file store; Poleepo's refusal stores
// nothing; a lost label fetched again without a second shipping; Delivered to carrier told to
// Poleepo, its answer and a later STATUS_SHIPMENT on the order; a Poleepo "Canceled" order.
#include "core/fulfilment/ShipWithPoleepo.h"

#include "core/fulfilment/PackageTypes.h"
#include "core/fulfilment/PoleepoOrderImport.h"
#include "core/server/FileStore.h"
#include "core/store/ShipmentRepository.h"
#include "tests/core/fulfilment/FulfilmentFixture.h"

#include <QFile>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class ShipWithPoleepoTest : public FulfilmentFixture
{
protected:
    void SetUp() override
    {
        FulfilmentFixture::SetUp();
        if (HasFatalFailure())
            return;
        files = std::make_unique<FileStore>(filesDir.path(), QByteArray("test-key"));
        shipping = std::make_unique<ShipWithPoleepo>(db(), poleepoRig.poleepo, *files);
        types = std::make_unique<PackageTypes>(db(), poleepoRig.poleepo);
    }
    void TearDown() override
    {
        types.reset();
        shipping.reset();
        FulfilmentFixture::TearDown();
    }

    // A Poleepo order of the shop's own goods (the mug), imported by webhook.
    qint64 importMugOrder(const QString &poleepoId)
    {
        poleepo().addOrder(poleepoOrder(poleepoId, {u"MUG-W"_s}));
        EXPECT_EQ(statusOrder(poleepoId).state, WebhookQueueItem::State::Done);
        return localOrder(poleepoId);
    }
    qint64 boxType(const QString &poleepoId = u"PT1"_s)
    {
        const auto id = types->save({0, u"Box S"_s, 0.4, 25, 2, 35, poleepoId});
        EXPECT_TRUE(id.ok()) << qPrintable(id.error());
        return id.ok() ? *id : 0;
    }
    Result<OrderShipment> ship(qint64 orderId, const QList<qint64> &packageTypeIds,
                               const QString &carrier = u"GLS Italy"_s, const QString &pickup = u"PA1"_s)
    {
        ShipWithPoleepo::Request request {orderId, carrier, pickup, packageTypeIds};
        return run<OrderShipment>([&](QObject *c, auto done) { shipping->ship(request, c, done); }, 15000);
    }
    Result<OrderShipment> handedOver(qint64 orderId)
    {
        return run<OrderShipment>([&](QObject *c, auto done) { shipping->handedOver(orderId, c, done); },
                                  15000);
    }
    QList<OrderShipment> shipments(qint64 orderId)
    {
        const auto found = shipping->shipments(orderId);
        EXPECT_TRUE(found.ok());
        return found.ok() ? *found : QList<OrderShipment>();
    }

    QTemporaryDir filesDir;
    std::unique_ptr<FileStore> files;
    std::unique_ptr<ShipWithPoleepo> shipping;
    std::unique_ptr<PackageTypes> types;
};

TEST_P(ShipWithPoleepoTest, PackageTypesAreCheckedAndAdoptedFromPoleepo)
{
    EXPECT_EQ(types->save({0, u"  "_s, 1, 1, 1, 1, u"PT1"_s}).error(), u"a package type needs a name"_s);
    EXPECT_TRUE(types->save({0, u"Box"_s, -1, 1, 1, 1, {}}).error().contains(u"weight cannot be negative"_s));
    ASSERT_GT(boxType(), 0);
    EXPECT_TRUE(types->save({0, u"Box S"_s, 1, 1, 1, 1, {}}).error().contains(u"already exists"_s));

    const auto offered = run<QList<PackageType>>([&](QObject *c, auto done) { types->offered(c, done); });
    ASSERT_TRUE(offered.ok()) << qPrintable(offered.error());
    ASSERT_EQ(offered->size(), 2);
    EXPECT_EQ(offered->at(0).poleepoPackageTypeId, u"PT1"_s);
    EXPECT_GT(offered->at(0).id, 0); // "Box S" already stands for PT1
    EXPECT_EQ(offered->at(1).name, u"Scatola media"_s);
    EXPECT_EQ(offered->at(1).id, 0);

    const auto added = run<int>([&](QObject *c, auto done) { types->adoptOffered(c, done); });
    ASSERT_TRUE(added.ok()) << qPrintable(added.error());
    EXPECT_EQ(*added, 1);
    const QList<PackageType> all = *types->list();
    ASSERT_EQ(all.size(), 2);
    EXPECT_EQ(all.at(1).name, u"Scatola media"_s);
    // Poleepo gave no measures for it: not valid for a shipment until a person adds them.
    EXPECT_EQ(PackageTypes::problems(all.at(1)), (QStringList {u"no weight"_s, u"dimensions missing"_s}));
    EXPECT_TRUE(PackageTypes::problems(all.at(0)).isEmpty());
}

TEST_P(ShipWithPoleepoTest, ShippingIsRefusedUntilEveryProductIsDeliveredToTheShop)
{
    const qint64 order = importMugOrder(u"P1"_s);
    ASSERT_GT(order, 0);
    const auto blockers = shipping->blockers(order);
    ASSERT_TRUE(blockers.ok());
    EXPECT_EQ(*blockers, QStringList {u"not delivered to the shop yet: MUG-W (0/1)"_s});
    const auto refused = ship(order, {boxType()});
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().contains(u"MUG-W (0/1)"_s)) << qPrintable(refused.error());
    EXPECT_EQ(poleepo().requestCount(u"/shippings"_s), 0);

    EXPECT_TRUE(*shipping->markDeliveredToShop(order));
    EXPECT_FALSE(*shipping->markDeliveredToShop(order)); // once
    EXPECT_EQ(eventsOfKind(order, u"delivered-to-shop"_s), 1);
    EXPECT_TRUE(shipping->blockers(order)->isEmpty());
}

TEST_P(ShipWithPoleepoTest, AShipmentNeedsAPackageOfAValidTypeAndSaysWhich)
{
    const qint64 order = importMugOrder(u"P1"_s);
    ASSERT_TRUE(shipping->markDeliveredToShop(order).ok());
    const auto none = ship(order, {});
    EXPECT_EQ(none.error(), u"a shipment needs at least one package with a package type"_s);
    const qint64 local = *types->save({0, u"Tube"_s, 0.2, 0, 0, 0, {}});
    const qint64 box = boxType();
    const auto invalid = ship(order, {box, local});
    ASSERT_FALSE(invalid.ok());
    EXPECT_EQ(invalid.error(),
              u"not a valid package type for Poleepo: package 2 (Tube): no Poleepo package type, "
              "dimensions missing"_s);
    const auto unknownCarrier = ship(order, {box}, u"DHL"_s);
    ASSERT_FALSE(unknownCarrier.ok());
    EXPECT_EQ(unknownCarrier.error(), u"Poleepo offers no carrier \"DHL\" (offered: BRT, GLS (GLS Italy))"_s);
    EXPECT_EQ(poleepo().requestCount(u"/shippings"_s), 0);
    EXPECT_TRUE(shipments(order).isEmpty());
}

TEST_P(ShipWithPoleepoTest, ShipWithPoleepoStoresTheShippingAndItsLabelThenDeliveredToCarrierTellsPoleepo)
{
    const qint64 order = importMugOrder(u"P1"_s);
    ASSERT_TRUE(shipping->markDeliveredToShop(order).ok());
    const qint64 box = boxType();
    const auto shipped = ship(order, {box, box});
    ASSERT_TRUE(shipped.ok()) << qPrintable(shipped.error());
    EXPECT_EQ(shipped->poleepoShippingId, u"S1"_s);
    EXPECT_EQ(shipped->carrierId, u"GLS"_s);
    EXPECT_EQ(shipped->carrier, u"GLS Italy"_s);
    EXPECT_EQ(shipped->trackingCode, u"TRKS1"_s);
    EXPECT_EQ(shipped->pickupAddress, u"Magazzino, Via Roma 1, 40121 Bologna, IT"_s);
    // What Poleepo was asked for: its own ids and the type's measures, one parcel per package.
    const QJsonObject asked = poleepo().requests(u"/shippings"_s).at(0).json().object();
    EXPECT_EQ(asked.value(u"order_id"_s).toString(), u"P1"_s);
    EXPECT_EQ(asked.value(u"pickup_address_id"_s).toString(), u"PA1"_s);
    const QJsonArray parcels = asked.value(u"parcels"_s).toArray();
    ASSERT_EQ(parcels.size(), 2);
    EXPECT_EQ(parcels.at(0).toObject().value(u"package_type_id"_s).toString(), u"PT1"_s);
    EXPECT_DOUBLE_EQ(parcels.at(0).toObject().value(u"weight"_s).toDouble(), 0.4);

    const QList<OrderShipment> stored = shipments(order);
    ASSERT_EQ(stored.size(), 1);
    ASSERT_EQ(stored.at(0).parcels.size(), 2);
    EXPECT_EQ(stored.at(0).parcels.at(0).packageTypeName, u"Box S"_s);
    QFile label(shipping->labelPath(stored.at(0)));
    ASSERT_TRUE(label.open(QIODevice::ReadOnly)) << qPrintable(label.fileName());
    EXPECT_TRUE(label.readAll().startsWith("%PDF-1.4\n% fake label for shipping S1"));
    EXPECT_EQ(eventsOfKind(order, u"poleepo-label"_s), 1);
    const auto again = ship(order, {box});
    ASSERT_FALSE(again.ok());
    EXPECT_TRUE(again.error().contains(u"already shipped with Poleepo shipping S1"_s))
            << qPrintable(again.error());
    EXPECT_EQ(poleepo().requestCount(u"/shippings"_s), 1);
    // A box a shipment used cannot be deleted.
    EXPECT_TRUE(types->remove(box).error().contains(u"used by a shipment"_s));

    const auto handed = handedOver(order);
    ASSERT_TRUE(handed.ok()) << qPrintable(handed.error());
    EXPECT_TRUE(poleepo().deliveredToCarrier(u"S1"_s));
    EXPECT_TRUE(handed->handedOverAt.isValid());
    EXPECT_EQ(handed->status, u"Delivered to carrier"_s); // Poleepo's answer, read back
    EXPECT_EQ(eventsOfKind(order, u"handed-to-carrier"_s), 1);
    EXPECT_EQ(eventsOfKind(order, u"poleepo-shipment"_s), 1);
    EXPECT_TRUE(handedOver(order).error().contains(u"already delivered to the carrier"_s));

    // Later Poleepo's webhook brings the carrier's own tracking.
    QJsonObject later = poleepo().shipping(u"S1"_s);
    later.insert(u"tracking_code"_s, u"GLS-778899"_s);
    later.insert(u"status"_s, u"In transit"_s);
    poleepo().addShipping(later);
    EXPECT_EQ(webhook(u"STATUS_SHIPMENT"_s, u"shipping_id"_s, u"S1"_s).state, WebhookQueueItem::State::Done);
    EXPECT_EQ(shipments(order).at(0).trackingCode, u"GLS-778899"_s);
    EXPECT_EQ(shipments(order).at(0).status, u"In transit"_s);
}

TEST_P(ShipWithPoleepoTest, AShippingPoleepoMadeItselfIsNeitherRelabelledNorHandedOverFromHere)
{
    poleepo().addOrder(poleepoOrder(u"P3"_s, {u"MUG-W"_s}, u"S9"_s));
    poleepo().addShipping(QJsonObject {{u"id"_s, u"S9"_s}, {u"order_id"_s, u"P3"_s}});
    EXPECT_EQ(statusOrder(u"P3"_s).state, WebhookQueueItem::State::Done);
    const qint64 order = localOrder(u"P3"_s);
    ASSERT_EQ(shipments(order).size(), 1); // known from the import
    EXPECT_EQ(handedOver(order).error(),
              u"the order has no shipping from Ship with Poleepo yet: ship it first"_s);
    EXPECT_FALSE(poleepo().deliveredToCarrier(u"S9"_s));
    ASSERT_TRUE(shipping->markDeliveredToShop(order).ok());
    const auto shipped = ship(order, {boxType()});
    ASSERT_TRUE(shipped.ok()) << qPrintable(shipped.error());
    EXPECT_EQ(shipped->poleepoShippingId, u"S1"_s); // a shipping of its own, not S9's label
    EXPECT_EQ(poleepo().requestCount(u"/shippings/S9/label"_s), 0);
}

TEST_P(ShipWithPoleepoTest, ALabelRequestPoleepoRefusesShowsItsMessageAndStoresNothing)
{
    const qint64 order = importMugOrder(u"P1"_s);
    ASSERT_TRUE(shipping->markDeliveredToShop(order).ok());
    const auto refused = ship(order, {boxType(u"PT9"_s)}); // a type Poleepo no longer has
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().contains(u"unknown package type"_s)) << qPrintable(refused.error());
    EXPECT_TRUE(shipments(order).isEmpty());
    EXPECT_EQ(eventsOfKind(order, u"poleepo-label"_s), 0);
}

TEST_P(ShipWithPoleepoTest, ALostLabelIsFetchedAgainWithoutASecondShipping)
{
    const qint64 order = importMugOrder(u"P1"_s);
    ASSERT_TRUE(shipping->markDeliveredToShop(order).ok());
    FakeFault down;
    down.useResponse = true;
    down.response.status = 503;
    down.response.body = R"({"success": false, "message": "maintenance"})";
    poleepo().addFault(u"/shippings/S1/label"_s, down, 20);
    const auto lost = ship(order, {boxType()});
    ASSERT_FALSE(lost.ok());
    EXPECT_TRUE(lost.error().contains(u"Poleepo shipping S1 was created, but its label was not stored"_s))
            << qPrintable(lost.error());
    ASSERT_EQ(shipments(order).size(), 1); // the shipping exists in Poleepo: kept
    EXPECT_TRUE(shipments(order).at(0).labelFileId.isEmpty());

    poleepo().clearFaults();
    const auto fetched = ship(order, {});
    ASSERT_TRUE(fetched.ok()) << qPrintable(fetched.error());
    EXPECT_FALSE(shipping->labelPath(*fetched).isEmpty());
    EXPECT_EQ(poleepo().requestCount(u"/shippings"_s), 1);
    EXPECT_EQ(shipments(order).size(), 1);
}

TEST_P(ShipWithPoleepoTest, APoleepoCancelCancelsAnOrderNotSentAndMarksOneGelatoHas)
{
    const qint64 mugOrder = importMugOrder(u"P1"_s);
    poleepo().addOrder([] {
        QJsonObject cancelled = poleepoOrder(u"P1"_s, {u"MUG-W"_s});
        cancelled.insert(u"status"_s, u"Canceled"_s);
        return cancelled;
    }());
    EXPECT_EQ(statusOrder(u"P1"_s).state, WebhookQueueItem::State::Done);
    EXPECT_EQ(service->get(mugOrder)->state, OrderState::Cancelled);
    EXPECT_EQ(shipping->blockers(mugOrder)->value(0), u"the order is cancelled"_s);

    // Sent to Gelato already: Gelato may print it, so a person decides.
    poleepo().addOrder(poleepoOrder(u"P2"_s, {u"TS-M-O"_s}));
    EXPECT_EQ(statusOrder(u"P2"_s).state, WebhookQueueItem::State::Done);
    const qint64 gelatoOrder = localOrder(u"P2"_s);
    ASSERT_TRUE(confirm(gelatoOrder).ok());
    QJsonObject cancelled = poleepoOrder(u"P2"_s, {u"TS-M-O"_s});
    cancelled.insert(u"status"_s, u"Canceled"_s);
    poleepo().addOrder(cancelled);
    EXPECT_EQ(statusOrder(u"P2"_s).state, WebhookQueueItem::State::Done);
    EXPECT_EQ(service->get(gelatoOrder)->state, OrderState::Sent);
    EXPECT_EQ(decision(gelatoOrder).fulfilment, u"attention"_s);
    EXPECT_EQ(decision(gelatoOrder).attentionCode, u"poleepo-cancelled"_s);
    EXPECT_EQ(PoleepoOrderImport::attentionText(u"poleepo-cancelled"_s, {OrderState::Sent}),
              u"cancelled in Poleepo, but already Sent here: cancel it at Gelato or decide"_s);
    EXPECT_EQ(statusOrder(u"P2"_s).state, WebhookQueueItem::State::Done); // once
    EXPECT_EQ(eventsOfKind(gelatoOrder, u"attention"_s), 1);
}

} // namespace

BOTTEGA_INSTANTIATE_BACKEND_TESTS(ShipWithPoleepoTest);

} // namespace Bottega::Test
