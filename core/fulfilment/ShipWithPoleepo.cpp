#include "core/fulfilment/ShipWithPoleepo.h"

#include "core/domain/SalesOrder.h"
#include "core/fulfilment/PackageTypes.h"
#include "core/orders/OrderNews.h"
#include "core/orders/OrderState.h"
#include "core/orders/OrderUpdate.h"
#include "core/poleepo/PoleepoApi.h"
#include "core/poleepo/PoleepoClient.h"
#include "core/server/FileStore.h"
#include "core/store/Database.h"
#include "core/store/PackageTypeRepository.h"
#include "core/store/SalesOrderRepository.h"
#include "core/store/ShipmentRepository.h"

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

QString addressLine(const PoleepoPickupAddress &address)
{
    QStringList parts;
    for (const QString &part : {address.name, address.address,
                                QString(address.postcode + u' ' + address.city), address.countryIso}) {
        if (!part.trimmed().isEmpty())
            parts.append(part.trimmed());
    }
    return parts.join(u", "_s);
}

// The offered choice whose id or name is `wanted` (case-insensitive name).
const ShipWithPoleepo::Choice *find(const QList<ShipWithPoleepo::Choice> &choices, const QString &wanted)
{
    for (const ShipWithPoleepo::Choice &choice : choices) {
        if (choice.id == wanted)
            return &choice;
    }
    for (const ShipWithPoleepo::Choice &choice : choices) {
        if (choice.name.compare(wanted, Qt::CaseInsensitive) == 0)
            return &choice;
    }
    return nullptr;
}

QString offeredList(const QList<ShipWithPoleepo::Choice> &choices)
{
    QStringList names;
    for (const ShipWithPoleepo::Choice &choice : choices)
        names.append(choice.id == choice.name ? choice.id : u"%1 (%2)"_s.arg(choice.id, choice.name));
    return names.join(u", "_s);
}

} // namespace

ShipWithPoleepo::ShipWithPoleepo(Database &database, PoleepoClient &poleepo, FileStore &files,
                                 const Clock *clock, QObject *parent)
    : QObject(parent), m_database(database), m_poleepo(poleepo), m_files(files), m_clock(clock),
      m_update(std::make_unique<OrderUpdate>(database, clock))
{
}

ShipWithPoleepo::~ShipWithPoleepo() = default;

QUrl ShipWithPoleepo::poleepoOrderUrl(const QString &poleepoOrderId)
{
    return QUrl(PoleepoApi::path(PoleepoApi::orderWebUrl, poleepoOrderId));
}

Result<QStringList> ShipWithPoleepo::blockers(qint64 orderId)
{
    auto order = SalesOrderRepository(m_database).get(orderId);
    if (!order)
        return makeError(order.error());
    QStringList blockers;
    if (order->poleepoOrderId.isEmpty())
        blockers.append(tr("the order did not come from Poleepo"));
    if (order->state == OrderState::Cancelled)
        blockers.append(tr("the order is cancelled"));
    if (!order->gelatoOrderId.isEmpty())
        blockers.append(tr("Gelato ships this order (Gelato order %1)").arg(order->gelatoOrderId));
    auto undelivered = undeliveredLines(orderId);
    if (!undelivered)
        return makeError(undelivered.error());
    if (!undelivered->isEmpty())
        blockers.append(tr("not delivered to the shop yet: %1").arg(undelivered->join(u", "_s)));
    auto existing = shipments(orderId);
    if (!existing)
        return makeError(existing.error());
    for (const OrderShipment &shipment : std::as_const(*existing)) {
        if (!shipment.labelFileId.isEmpty())
            blockers.append(tr("already shipped with Poleepo shipping %1").arg(shipment.poleepoShippingId));
    }
    return blockers;
}

Result<QStringList> ShipWithPoleepo::undeliveredLines(qint64 orderId)
{
    return ShipmentRepository(m_database, m_clock).undeliveredLines(orderId);
}

Result<bool> ShipWithPoleepo::markDeliveredToShop(qint64 orderId)
{
    auto changed = m_update->markDeliveredToShop(orderId, OrderEvent::Source::User);
    if (changed && *changed)
        Q_EMIT orderChanged(orderId);
    return changed;
}

Result<QList<OrderShipment>> ShipWithPoleepo::shipments(qint64 orderId)
{
    return ShipmentRepository(m_database, m_clock).forOrder(orderId);
}

QString ShipWithPoleepo::labelPath(const OrderShipment &shipment) const
{
    return shipment.labelFileId.isEmpty() ? QString() : m_files.pathOf(shipment.labelFileId);
}

void ShipWithPoleepo::choices(QObject *context, Callback<Choices> done)
{
    m_poleepo.listCarriers(
            context, [this, context, done = std::move(done)](Result<QList<PoleepoCarrier>> carriers) {
                if (!carriers)
                    return done(makeError(carriers.error()));
                Choices choices;
                for (const PoleepoCarrier &carrier : std::as_const(*carriers))
                    choices.carriers.append({carrier.id, carrier.name.isEmpty() ? carrier.id : carrier.name});
                m_poleepo.listPickupAddresses(
                        context, [choices, done](Result<QList<PoleepoPickupAddress>> addresses) mutable {
                            if (!addresses)
                                return done(makeError(addresses.error()));
                            for (const PoleepoPickupAddress &address : std::as_const(*addresses))
                                choices.pickupAddresses.append({address.id, addressLine(address)});
                            done(choices);
                        });
            });
}

Result<QList<PackageType>> ShipWithPoleepo::packagesFor(const QList<qint64> &packageTypeIds)
{
    if (packageTypeIds.isEmpty())
        return makeError(tr("a shipment needs at least one package with a package type"));
    PackageTypeRepository types(m_database);
    QList<PackageType> packages;
    QStringList refused;
    for (qsizetype i = 0; i < packageTypeIds.size(); ++i) {
        auto type = types.get(packageTypeIds.at(i));
        if (!type) {
            refused.append(tr("package %1: no package type with id %2").arg(i + 1).arg(packageTypeIds.at(i)));
            continue;
        }
        if (const QStringList problems = PackageTypes::problems(*type); !problems.isEmpty()) {
            refused.append(tr("package %1 (%2): %3").arg(i + 1).arg(type->name, problems.join(u", "_s)));
            continue;
        }
        packages.append(*type);
    }
    if (!refused.isEmpty())
        return makeError(tr("not a valid package type for Poleepo: %1").arg(refused.join(u"; "_s)));
    return packages;
}

void ShipWithPoleepo::ship(const Request &request, QObject *context, Callback<OrderShipment> done)
{
    auto existing = shipments(request.orderId);
    if (!existing)
        return done(makeError(existing.error()));
    for (const OrderShipment &shipment : std::as_const(*existing)) {
        // Only a shipping Bottega asked for (it has the carrier chosen), not one made in Poleepo.
        if (!shipment.carrierId.isEmpty() && shipment.labelFileId.isEmpty() && shipment.handedOverAt.isNull())
            return fetchLabel(shipment, context, std::move(done)); // the label got lost on the way
    }
    auto blocking = blockers(request.orderId);
    if (!blocking)
        return done(makeError(blocking.error()));
    if (!blocking->isEmpty())
        return done(makeError(tr("cannot ship with Poleepo: %1").arg(blocking->join(u"; "_s))));
    if (request.carrier.trimmed().isEmpty())
        return done(makeError(tr("choose a carrier")));
    if (request.pickupAddress.trimmed().isEmpty())
        return done(makeError(tr("choose a pickup address")));
    auto packages = packagesFor(request.packageTypeIds);
    if (!packages)
        return done(makeError(packages.error()));
    auto order = SalesOrderRepository(m_database).get(request.orderId);
    if (!order)
        return done(makeError(order.error()));

    // Poleepo's own lists name the choices, so that a typo is refused before anything is asked.
    choices(context,
            [this, context, request, packages = *packages, poleepoOrderId = order->poleepoOrderId,
             done = std::move(done)](Result<Choices> offered) mutable {
                if (!offered)
                    return done(makeError(offered.error()));
                const Choice *carrier = find(offered->carriers, request.carrier.trimmed());
                if (!carrier)
                    return done(makeError(tr("Poleepo offers no carrier \"%1\" (offered: %2)")
                                                  .arg(request.carrier, offeredList(offered->carriers))));
                const Choice *pickup = find(offered->pickupAddresses, request.pickupAddress.trimmed());
                if (!pickup)
                    return done(makeError(
                            tr("Poleepo has no pickup address \"%1\" (known: %2)")
                                    .arg(request.pickupAddress, offeredList(offered->pickupAddresses))));
                PoleepoShippingRequest asked;
                asked.orderId = poleepoOrderId;
                asked.carrierId = carrier->id;
                asked.pickupAddressId = pickup->id;
                OrderShipment shipment;
                // One parcel per package, with its type's measures.
                for (const PackageType &type : std::as_const(packages)) {
                    asked.parcels.append(
                            {type.poleepoPackageTypeId, type.weight, type.width, type.height, type.depth});
                    shipment.parcels.append(
                            {type.id, type.name, type.weight, type.width, type.height, type.depth});
                }
                shipment.orderId = request.orderId;
                shipment.carrierId = carrier->id;
                shipment.carrier = carrier->name;
                shipment.pickupAddressId = pickup->id;
                shipment.pickupAddress = pickup->name;
                m_poleepo.createShipping(asked, context,
                                         [this, context, shipment, done = std::move(done)](
                                                 Result<PoleepoCreatedShipping> created) mutable {
                                             if (!created) // Poleepo's words; nothing stored
                                                 return done(makeError(created.error()));
                                             shipment.poleepoShippingId = created->id;
                                             shipment.parcelId = created->parcelId;
                                             shipment.trackingCode = created->trackingCode;
                                             // Kept before the label is asked for: the shipping exists in
                                             // Poleepo now, and a retry must not make a second one.
                                             auto id = m_update->recordShipment(shipment,
                                                                                OrderEvent::Source::User);
                                             if (!id)
                                                 return done(makeError(id.error()));
                                             shipment.id = *id;
                                             Q_EMIT orderChanged(shipment.orderId);
                                             fetchLabel(shipment, context, std::move(done));
                                         });
            });
}

void ShipWithPoleepo::fetchLabel(const OrderShipment &shipment, QObject *context,
                                 Callback<OrderShipment> done)
{
    m_poleepo.shippingLabel(
            shipment.poleepoShippingId, context,
            [this, shipment = shipment, done = std::move(done)](Result<QByteArray> pdf) mutable {
                const QString lost = tr("Poleepo shipping %1 was created, but its label was not stored: %2. "
                                        "Ship again to fetch the label.");
                if (!pdf)
                    return done(makeError(lost.arg(shipment.poleepoShippingId, pdf.error())));
                if (!pdf->startsWith("%PDF"))
                    return done(
                            makeError(lost.arg(shipment.poleepoShippingId, tr("the answer is not a PDF"))));
                auto fileId = m_files.addData(*pdf, u"pdf"_s);
                if (!fileId)
                    return done(makeError(lost.arg(shipment.poleepoShippingId, fileId.error())));
                if (auto r = m_update->recordLabel(shipment.id, *fileId, OrderEvent::Source::Poleepo); !r)
                    return done(makeError(r.error()));
                shipment.labelFileId = *fileId;
                Q_EMIT orderChanged(shipment.orderId);
                done(shipment);
            });
}

void ShipWithPoleepo::handedOver(qint64 orderId, QObject *context, Callback<OrderShipment> done)
{
    auto existing = shipments(orderId);
    if (!existing)
        return done(makeError(existing.error()));
    // The last shipping asked for with Ship with Poleepo (one Poleepo made itself has no carrier chosen
    // here: Gelato or Poleepo hand those over).
    std::optional<OrderShipment> last;
    for (const OrderShipment &shipment : std::as_const(*existing)) {
        if (!shipment.carrierId.isEmpty())
            last = shipment;
    }
    if (!last)
        return done(makeError(tr("the order has no shipping from Ship with Poleepo yet: ship it first")));
    const OrderShipment shipment = *last;
    if (shipment.handedOverAt.isValid())
        return done(makeError(
                tr("Poleepo shipping %1 was already delivered to the carrier on %2")
                        .arg(shipment.poleepoShippingId, shipment.handedOverAt.toString(Qt::ISODate))));
    m_poleepo.deliveredToCarrier(
            shipment.poleepoShippingId, context,
            [this, context, shipment, done = std::move(done)](Result<void> told) mutable {
                if (!told)
                    return done(makeError(told.error()));
                if (auto r = m_update->recordHandedOver(shipment.id, OrderEvent::Source::User); !r)
                    return done(makeError(r.error()));
                Q_EMIT orderChanged(shipment.orderId);
                // Poleepo's answer: the shipping as it is now (a STATUS_SHIPMENT webhook tells the same).
                m_poleepo.getShipping(
                        shipment.poleepoShippingId, context,
                        [this, shipment, done = std::move(done)](Result<PoleepoShipping> fetched) {
                            const qint64 id = shipment.id;
                            if (fetched) {
                                OrderNews news;
                                news.source = OrderEvent::Source::Poleepo;
                                news.shipments.append({fetched->id, fetched->status, fetched->trackingCode,
                                                       fetched->carrier});
                                if (auto r = m_update->apply(shipment.orderId, news); !r)
                                    return done(makeError(r.error()));
                                Q_EMIT orderChanged(shipment.orderId);
                            }
                            // Not read back (Poleepo busy): the webhook or the next import brings it.
                            auto stored = ShipmentRepository(m_database, m_clock).get(id);
                            if (!stored)
                                return done(makeError(stored.error()));
                            done(*stored);
                        });
            });
}

} // namespace Bottega
