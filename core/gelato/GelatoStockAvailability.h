// GelatoStockAvailability: a stockable product's availability per stock region
// (`POST stock/region-availability`).
#pragma once

#include <QList>
#include <QString>

namespace Bottega {

struct GelatoRegionAvailability
{
    QString stockRegionUid; // "EU", "US-CA", …
    QString status; // "in-stock", "out-of-stock-replenishable", "not-supported", …
    QString replenishmentDate; // empty when Gelato sends null
};

struct GelatoStockAvailability
{
    QString productUid;
    QList<GelatoRegionAvailability> regions;
};

} // namespace Bottega
