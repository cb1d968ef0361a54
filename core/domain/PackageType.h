// PackageType: a parcel type for Poleepo shipping (CONF-8, SHIP-2): name, dimensions, weight.
#pragma once

#include <QString>

namespace Bottega {

struct PackageType
{
    qint64 id = 0; // 0 until stored
    QString name;
    double weight = 0; // kg
    double width = 0, height = 0, depth = 0; // cm
    QString poleepoPackageTypeId; // Poleepo's id for it, when known
};

} // namespace Bottega
