// GelatoEventParsers: Gelato's webhook payloads into GelatoEvents' value types, beside the order
// answer parsers. Strict: what Bottega acts on (the order id, statuses, item references, tracking
// codes) must be there and of the right type, and any field given with the wrong type is an error
// naming it ("Gelato event order_status_updated: items is not a list"), so that a broken event is
// refused instead of half applied. Unknown fields are ignored.
#pragma once

#include "core/domain/Result.h"
#include "core/gelato/GelatoEvents.h"

#include <QByteArray>

namespace Bottega::GelatoEventParsers {

Result<GelatoOrderStatusEvent> parseOrderStatus(const QByteArray &json);
Result<GelatoItemStatusEvent> parseItemStatus(const QByteArray &json);
Result<GelatoTrackingEvent> parseTracking(const QByteArray &json);
Result<GelatoDeliveryEstimateEvent> parseDeliveryEstimate(const QByteArray &json);

// Gelato's "test webhook" button sends its documentation's examples, with placeholders such as
// "{{MyOrderId}}" where the references go.
bool isPlaceholder(const QString &value);

} // namespace Bottega::GelatoEventParsers
