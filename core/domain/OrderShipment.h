// OrderShipment: a shipping Poleepo made for an order the shop ships itself (SHIP-2..4): the
// carrier and pickup address chosen, the parcels with their package types, the label PDF kept in
// the file store, and what Poleepo reports afterwards (status, tracking code, carrier).
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace Bottega {

struct ShipmentParcel
{
    qint64 packageTypeId = 0; // the local package type (CONF-8)
    QString packageTypeName; // read back with the parcel; not stored
    double weight = 0; // kg
    double width = 0, height = 0, depth = 0; // cm
};

struct OrderShipment
{
    qint64 id = 0; // 0 until stored
    qint64 orderId = 0;
    QString poleepoShippingId;
    QString parcelId;
    QString carrierId;
    QString carrier; // the carrier's name, or what Poleepo reports later
    QString trackingCode;
    QString pickupAddressId;
    QString pickupAddress; // as shown when it was chosen
    QString labelFileId; // FileStore id of the label PDF; empty: none yet
    QString status; // Poleepo's words
    QDateTime handedOverAt; // invalid until "Delivered to carrier"
    QDateTime createdAt;
    QList<ShipmentParcel> parcels;
};

} // namespace Bottega
