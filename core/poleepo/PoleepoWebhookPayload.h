// PoleepoWebhookPayload: reads the body of a Poleepo webhook call (docs/poleepo-api.md, HOOK-7):
// {"id", "event", "timestamp", "data": {"order_id" | "shipping_id", "status"}}. Typed: a field of the
// wrong type, or the id the event needs missing, is an error naming it ("Poleepo webhook:
// data.order_id is missing"). An event Bottega does not know is not an error: it comes back as
// Kind::Other so that the processor can record it as ignored.
#pragma once

#include "core/domain/Result.h"
#include "core/poleepo/PoleepoTypes.h"

#include <QByteArray>

namespace Bottega::PoleepoWebhookPayload {

Result<PoleepoWebhookEvent> parse(const QByteArray &body);

} // namespace Bottega::PoleepoWebhookPayload
