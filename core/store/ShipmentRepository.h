// ShipmentRepository: the Poleepo shippings of orders the shop ships itself (SHIP-2..4): each
// shipping with its parcels and label, and how many of each order line's goods reached the shop
// (order_lines.delivered_quantity). OrderUpdate writes through it; the window and the commands
// read. Owned by the thread that uses it.
#pragma once

#include "core/domain/OrderShipment.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

namespace Bottega {

class Clock;
class Database;

class ShipmentRepository final
{
    Q_DISABLE_COPY_MOVE(ShipmentRepository)
    Q_DECLARE_TR_FUNCTIONS(Bottega::ShipmentRepository)

public:
    explicit ShipmentRepository(const Database &database, const Clock *clock = nullptr);

    // The order's shippings, oldest first, with their parcels.
    Result<QList<OrderShipment>> forOrder(qint64 orderId);
    Result<OrderShipment> get(qint64 shipmentId);
    // Stores a new shipping and its parcels; its id.
    Result<qint64> create(const OrderShipment &shipment);
    Result<void> setHandedOver(qint64 shipmentId, const QDateTime &at);
    Result<void> setLabel(qint64 shipmentId, const QString &labelFileId);

    // The product lines whose goods have not all reached the shop, as "SKU (delivered/quantity)".
    Result<QStringList> undeliveredLines(qint64 orderId);
    // Every product line's goods are at the shop; how many lines changed.
    Result<int> setAllDelivered(qint64 orderId);
    // Whether a shipment's parcel uses the package type.
    Result<bool> usesPackageType(qint64 packageTypeId);

private:
    Result<QList<ShipmentParcel>> parcels(qint64 shipmentId);
    Result<QList<OrderShipment>> select(const QString &where, qint64 id);

    const Database &m_database;
    const Clock *m_clock;
};

} // namespace Bottega
