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
// Still moving at Gelato: the reconciliation job polls these.
bool isInProgress(const QString &state);
// Translated name for lists and the timeline.
QString displayName(const QString &state);

} // namespace Bottega::OrderState
