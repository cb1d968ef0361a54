// GelatoShipmentMethod: one of Gelato's shipment methods (`GET shipment-methods?country=`).
#pragma once

#include <QString>
#include <QStringList>

namespace Bottega {

struct GelatoShipmentMethod
{
    QString uid; // "dhl_global_parcel"
    QString type; // "normal", "express", …
    QString name;
    bool isBusiness = false;
    bool isPrivate = false;
    bool hasTracking = false;
    QStringList supportedCountries;
};

} // namespace Bottega
