// GelatoOrderAnswer: what Gelato answered about an order (ORD-5, ORD-8) — its id, statuses, item
// ids and statuses (matched by itemReferenceId), packages with tracking, connected orders,
// delivery estimate, the cost from its purchase receipts and the billing entity (CONF-2) — handed
// to OrderUpdate as news, which applies it by the same rules as Gelato's webhooks.
#pragma once

#include "core/domain/OrderEvent.h"
#include "core/domain/Result.h"
#include "core/gelato/GelatoOrder.h"

#include <QCoreApplication>
#include <QString>

namespace Bottega {

class Database;

class GelatoOrderAnswer final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::GelatoOrderAnswer)

public:
    // The order's own Gelato order (not a connected part): everything above. Returns whether the
    // local state changed.
    static Result<bool> apply(const Database &database, qint64 orderId, const GelatoOrder &answer,
                              OrderEvent::Source source);
    // A connected order (split, ORD-5): its status, items and packages only.
    static Result<void> applyConnected(const Database &database, qint64 orderId, const GelatoOrder &answer,
                                       OrderEvent::Source source);

    // Stores the sums of the purchase receipts as the order's Gelato cost (nothing when none).
    static Result<void> storeCost(const Database &database, qint64 orderId,
                                  const QList<GelatoReceipt> &receipts);
    // Sums of the purchase receipts; the margin is the order total minus `total`.
    static GelatoReceipt purchaseTotals(const QList<GelatoReceipt> &receipts);
    static QString billingEntityJson(const GelatoBillingEntity &entity);
    static GelatoBillingEntity billingEntityFromJson(const QString &json);
};

} // namespace Bottega
