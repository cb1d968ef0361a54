// OrderState: the local state of a sales order and how Gelato's statuses map onto it.
//   draft ─confirm─▶ sending ─▶ sent ─▶ in_production ─▶ shipped ─▶ delivered
//   draft ─create as Gelato draft─▶ gelato_draft ─promote─▶ sent (or ─delete─▶ draft)
//   sent/in_production ─cancel─▶ cancelled;  Gelato failed ─▶ failed;  returned ─▶ returned
// `sending` is also what a crash mid-send leaves: the next confirm searches Gelato first.
#pragma once

#include <QString>

namespace Bottega::OrderState {

inline const QString Draft = QStringLiteral("draft");
inline const QString Sending = QStringLiteral("sending");
inline const QString GelatoDraft = QStringLiteral("gelato_draft");
inline const QString Sent = QStringLiteral("sent");
inline const QString InProduction = QStringLiteral("in_production");
inline const QString Shipped = QStringLiteral("shipped");
inline const QString Delivered = QStringLiteral("delivered");
inline const QString Cancelled = QStringLiteral("cancelled");
inline const QString Failed = QStringLiteral("failed");
inline const QString Returned = QStringLiteral("returned");

// The local state for a Gelato fulfilment status; empty when it does not move the order
// (e.g. "created", "passed" keep it "sent").
QString fromGelatoStatus(const QString &gelatoStatus);
// The one rule for news about an order, whatever its source (Gelato webhook, refresh,
// reconciliation, later Poleepo): whether an order in `current` may move to `target`. Forward only:
// a late "shipped" never takes a delivered order back; a Gelato draft is only what a local draft
// (or one being sent) becomes; "sent" only follows draft, sending or Gelato draft; the ends
// (cancelled, failed, returned) apply from any state but cancelled, and nothing leaves cancelled.
bool mayFollow(const QString &current, const QString &target);
// Whether Gelato status `incoming` is older news than `stored` (e.g. "printed" after "shipped"),
// so that an answer read before the last webhook never writes an earlier status over it. Statuses
// of one step (passed, on_hold, pending_approval, ...) may replace each other.
bool isOlderGelatoStatus(const QString &incoming, const QString &stored);
// Still moving at Gelato: the reconciliation job polls these.
bool isInProgress(const QString &state);
// Translated name for lists and the timeline.
QString displayName(const QString &state);

} // namespace Bottega::OrderState
