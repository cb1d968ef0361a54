// OrderPackage: a parcel Gelato shipped for an order (or one of its connected orders), with its
// tracking code and URL (ORD-5).
#pragma once

#include <QDateTime>
#include <QString>

namespace Bottega {

struct OrderPackage
{
    qint64 id = 0; // 0 until stored
    qint64 orderId = 0;
    QString gelatoOrderId; // the (connected) Gelato order that shipped it
    QString packageId; // Gelato's id of the package
    QString carrier;
    QString trackingCode;
    QString trackingUrl;
    QString status;
    QDateTime updatedAt;
};

} // namespace Bottega
