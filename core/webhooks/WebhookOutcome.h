// WebhookOutcome: what a webhook handler made of one queued call: applied (Done), deliberately
// not (Ignored, with the reason), or refused because the call itself is broken (Failed at once,
// with the reason: a payload with a field of the wrong type will not get better by retrying). An
// error is a Result error instead, and is retried.
#pragma once

#include "core/domain/Message.h"
#include "core/domain/Result.h"

#include <QString>

namespace Bottega {

struct WebhookOutcome
{
    bool ignored = false;
    bool rejected = false;
    Message note; // what changed, or why it was ignored or refused: a fact, rendered when shown

    static WebhookOutcome done(const Message &note = {}) { return {false, false, note}; }
    static WebhookOutcome ignore(const Message &reason) { return {true, false, reason}; }
    static WebhookOutcome reject(const Message &reason) { return {false, true, reason}; }
};

} // namespace Bottega
