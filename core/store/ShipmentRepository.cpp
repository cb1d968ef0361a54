#include "core/store/ShipmentRepository.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqlValues.h"

using namespace Qt::StringLiterals;

namespace Bottega {

ShipmentRepository::ShipmentRepository(const Database &database, const Clock *clock)
    : m_database(database), m_clock(clock ? clock : &database.clock())
{
}

Result<QList<OrderShipment>> ShipmentRepository::select(const QString &where, qint64 id)
{
    SqlStatement query(m_database.connection(),
                       u"SELECT id, order_id, poleepo_shipping_id, parcel_id, carrier_id, carrier, "
                       "tracking_code, pickup_address_id, pickup_address, label_file_id, status, "
                       "handed_over_at, created_at FROM order_shipments WHERE "_s
                               + where + u" ORDER BY id"_s);
    query.bind(id);
    if (auto r = query.exec(tr("cannot read the Poleepo shippings")); !r)
        return makeError(r.error());
    QList<OrderShipment> shipments;
    while (query.next()) {
        OrderShipment shipment;
        shipment.id = query.integer(u"id"_s);
        shipment.orderId = query.integer(u"order_id"_s);
        shipment.poleepoShippingId = query.text(u"poleepo_shipping_id"_s);
        shipment.parcelId = query.text(u"parcel_id"_s);
        shipment.carrierId = query.text(u"carrier_id"_s);
        shipment.carrier = query.text(u"carrier"_s);
        shipment.trackingCode = query.text(u"tracking_code"_s);
        shipment.pickupAddressId = query.text(u"pickup_address_id"_s);
        shipment.pickupAddress = query.text(u"pickup_address"_s);
        shipment.labelFileId = query.text(u"label_file_id"_s);
        shipment.status = query.text(u"status"_s);
        shipment.handedOverAt = query.time(u"handed_over_at"_s);
        shipment.createdAt = query.time(u"created_at"_s);
        shipments.append(shipment);
    }
    query.query().finish();
    for (OrderShipment &shipment : shipments) {
        auto found = parcels(shipment.id);
        if (!found)
            return makeError(found.error());
        shipment.parcels = *found;
    }
    return shipments;
}

Result<QList<OrderShipment>> ShipmentRepository::forOrder(qint64 orderId)
{
    return select(u"order_id = ?"_s, orderId);
}

Result<OrderShipment> ShipmentRepository::get(qint64 shipmentId)
{
    auto found = select(u"id = ?"_s, shipmentId);
    if (!found)
        return makeError(found.error());
    if (found->isEmpty())
        return makeError(tr("no shipping with id %1").arg(shipmentId));
    return found->constFirst();
}

Result<QList<ShipmentParcel>> ShipmentRepository::parcels(qint64 shipmentId)
{
    SqlStatement query(m_database.connection(),
                       u"SELECT p.package_type_id, t.name, p.weight, p.width, p.height, p.depth "
                       "FROM shipment_parcels p JOIN package_types t ON t.id = p.package_type_id "
                       "WHERE p.shipment_id = ? ORDER BY p.id"_s);
    query.bind(shipmentId);
    if (auto r = query.exec(tr("cannot read the parcels of shipping %1").arg(shipmentId)); !r)
        return makeError(r.error());
    QList<ShipmentParcel> parcels;
    while (query.next()) {
        ShipmentParcel parcel;
        parcel.packageTypeId = query.integer(u"package_type_id"_s);
        parcel.packageTypeName = query.text(u"name"_s);
        parcel.weight = query.number(u"weight"_s);
        parcel.width = query.number(u"width"_s);
        parcel.height = query.number(u"height"_s);
        parcel.depth = query.number(u"depth"_s);
        parcels.append(parcel);
    }
    return parcels;
}

Result<qint64> ShipmentRepository::create(const OrderShipment &shipment)
{
    const QString what = tr("cannot save Poleepo shipping %1").arg(shipment.poleepoShippingId);
    qint64 id = 0;
    auto done = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        SqlStatement insert(
                m_database.connection(),
                u"INSERT INTO order_shipments (order_id, poleepo_shipping_id, parcel_id, carrier_id, "
                "carrier, tracking_code, pickup_address_id, pickup_address, label_file_id, status, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s);
        insert.bind(shipment.orderId)
                .bind(Sql::text(shipment.poleepoShippingId))
                .bind(Sql::text(shipment.parcelId))
                .bind(Sql::text(shipment.carrierId))
                .bind(Sql::text(shipment.carrier))
                .bind(Sql::text(shipment.trackingCode))
                .bind(Sql::text(shipment.pickupAddressId))
                .bind(Sql::text(shipment.pickupAddress))
                .bind(Sql::text(shipment.labelFileId))
                .bind(Sql::text(shipment.status))
                .bind(m_clock->nowMs())
                .bind(m_clock->nowMs());
        if (auto r = insert.exec(what); !r)
            return r;
        if (!insert.next())
            return makeError(what);
        id = insert.integer(u"id"_s);
        insert.query().finish();
        for (const ShipmentParcel &parcel : shipment.parcels) {
            SqlStatement add(m_database.connection(),
                             u"INSERT INTO shipment_parcels (shipment_id, package_type_id, weight, width, "
                             "height, depth) VALUES (?, ?, ?, ?, ?, ?)"_s);
            add.bind(id)
                    .bind(parcel.packageTypeId)
                    .bind(parcel.weight)
                    .bind(parcel.width)
                    .bind(parcel.height)
                    .bind(parcel.depth);
            if (auto r = add.exec(what); !r)
                return r;
        }
        return {};
    });
    if (!done)
        return makeError(done.error());
    return id;
}

Result<void> ShipmentRepository::setHandedOver(qint64 shipmentId, const QDateTime &at)
{
    SqlStatement query(m_database.connection(),
                       u"UPDATE order_shipments SET handed_over_at = ?, updated_at = ? WHERE id = ?"_s);
    query.bind(Sql::timeOrNull(at)).bind(m_clock->nowMs()).bind(shipmentId);
    return query.execOne(tr("cannot save shipping %1").arg(shipmentId),
                         tr("no shipping with id %1").arg(shipmentId));
}

Result<void> ShipmentRepository::setLabel(qint64 shipmentId, const QString &labelFileId)
{
    SqlStatement query(m_database.connection(),
                       u"UPDATE order_shipments SET label_file_id = ?, updated_at = ? WHERE id = ?"_s);
    query.bind(Sql::text(labelFileId)).bind(m_clock->nowMs()).bind(shipmentId);
    return query.execOne(tr("cannot save shipping %1").arg(shipmentId),
                         tr("no shipping with id %1").arg(shipmentId));
}

Result<QStringList> ShipmentRepository::undeliveredLines(qint64 orderId)
{
    SqlStatement query(m_database.connection(),
                       u"SELECT sku, product_name, quantity, delivered_quantity FROM order_lines "
                       "WHERE order_id = ? AND kind = 'product' AND delivered_quantity < quantity "
                       "ORDER BY position, id"_s);
    query.bind(orderId);
    if (auto r = query.exec(tr("cannot read the lines of order %1").arg(orderId)); !r)
        return makeError(r.error());
    QStringList lines;
    while (query.next()) {
        const QString sku = query.text(u"sku"_s);
        lines.append(u"%1 (%2/%3)"_s.arg(sku.isEmpty() ? query.text(u"product_name"_s) : sku)
                             .arg(query.integer(u"delivered_quantity"_s))
                             .arg(query.integer(u"quantity"_s)));
    }
    return lines;
}

Result<int> ShipmentRepository::setAllDelivered(qint64 orderId)
{
    SqlStatement query(m_database.connection(),
                       u"UPDATE order_lines SET delivered_quantity = quantity "
                       "WHERE order_id = ? AND kind = 'product' AND delivered_quantity < quantity"_s);
    query.bind(orderId);
    if (auto r = query.exec(tr("cannot save the lines of order %1").arg(orderId)); !r)
        return makeError(r.error());
    return query.rowsAffected();
}

Result<bool> ShipmentRepository::usesPackageType(qint64 packageTypeId)
{
    SqlStatement query(m_database.connection(),
                       u"SELECT COUNT(*) AS n FROM shipment_parcels WHERE package_type_id = ?"_s);
    query.bind(packageTypeId);
    if (auto r = query.exec(tr("cannot read package type %1").arg(packageTypeId)); !r)
        return makeError(r.error());
    return query.next() && query.integer(u"n"_s) > 0;
}

} // namespace Bottega
