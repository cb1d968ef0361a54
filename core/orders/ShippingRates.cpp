#include "core/orders/ShippingRates.h"

#include <QStringList>
#include <optional>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// The rate of one type over all quotes, or nothing when a quote has no method of that type.
std::optional<ShippingRate> rateOf(const QList<GelatoQuote> &quotes, const QString &gelatoType,
                                   const QString &type)
{
    if (quotes.isEmpty())
        return std::nullopt;
    ShippingRate rate;
    rate.type = type;
    QStringList uids;
    for (const GelatoQuote &quote : quotes) {
        const GelatoQuoteMethod *cheapest = nullptr;
        for (const GelatoQuoteMethod &method : quote.shipmentMethods) {
            if (method.type == gelatoType && (!cheapest || method.price < cheapest->price))
                cheapest = &method;
        }
        if (!cheapest)
            return std::nullopt;
        rate.price += cheapest->price;
        if (rate.currency.isEmpty())
            rate.currency = cheapest->currency;
        if (!uids.contains(cheapest->shipmentMethodUid))
            uids.append(cheapest->shipmentMethodUid);
        // The order arrives when its last part does.
        if (cheapest->minDeliveryDate.isValid()
            && (!rate.minDeliveryDate.isValid() || cheapest->minDeliveryDate > rate.minDeliveryDate))
            rate.minDeliveryDate = cheapest->minDeliveryDate;
        if (cheapest->maxDeliveryDate.isValid()
            && (!rate.maxDeliveryDate.isValid() || cheapest->maxDeliveryDate > rate.maxDeliveryDate))
            rate.maxDeliveryDate = cheapest->maxDeliveryDate;
    }
    rate.shipmentMethodUid = uids.join(u',');
    return rate;
}

} // namespace

QList<ShippingRate> ShippingRates::fromQuotes(const QList<GelatoQuote> &quotes)
{
    QList<ShippingRate> rates;
    if (auto standard = rateOf(quotes, u"normal"_s, u"standard"_s))
        rates.append(*standard);
    if (auto express = rateOf(quotes, u"express"_s, u"express"_s))
        rates.append(*express);
    return rates;
}

} // namespace Bottega
