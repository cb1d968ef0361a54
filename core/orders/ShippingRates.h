// ShippingRates: Standard and Express rates from Gelato's quotes (ORD-4, gelato-notes.md): the
// rate of a type is the sum over quotes of the cheapest method of that type; a quote without a
// method of that type makes the type unavailable.
#pragma once

#include "core/gelato/GelatoOrder.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace Bottega {

struct ShippingRate
{
    QString type; // "standard" or "express" (Gelato's "normal" is Standard)
    double price = 0;
    QString currency;
    // Comma-separated uids of the chosen methods, one per quote: Gelato picks the matching one.
    QString shipmentMethodUid;
    QDateTime minDeliveryDate, maxDeliveryDate; // the latest of the quotes' dates
};

class ShippingRates final
{
public:
    // Standard first, then Express; a type is missing when it is unavailable.
    static QList<ShippingRate> fromQuotes(const QList<GelatoQuote> &quotes);
};

} // namespace Bottega
