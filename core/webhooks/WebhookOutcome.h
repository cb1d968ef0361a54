// WebhookOutcome: what a webhook handler made of one queued call: applied (Done) or deliberately
// not (Ignored, with the reason). An error is a Result error instead, and is retried.
#pragma once

#include "core/domain/Result.h"

#include <QString>

namespace Bottega {

struct WebhookOutcome
{
    bool ignored = false;
    QString note; // what changed, or why it was ignored

    static WebhookOutcome done(const QString &note = {}) { return {false, note}; }
    static WebhookOutcome ignore(const QString &reason) { return {true, reason}; }
};

} // namespace Bottega
