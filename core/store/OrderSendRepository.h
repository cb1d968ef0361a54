// OrderSendRepository: the parts of a sales order that sending it to Gelato exactly once (ORD-5)
// and the company check (CONF-2) need, added by schema version 2: the claim that moves an order to
// `sending` with its stable reference before any call, and the billing entity Gelato reported.
#pragma once

#include "core/domain/OrderEvent.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>
#include <optional>

namespace Bottega {

class Database;

class OrderSendRepository final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::OrderSendRepository)

public:
    explicit OrderSendRepository(const Database &database);

    // In one transaction, only when the order's state is one of fromStates: moves it to `sending`,
    // keeps (or sets) its orderReferenceId, notes the first send attempt, takes the send lease for
    // leaseSeconds, appends the change to the timeline. False (nothing written) when the state was
    // not one of fromStates: someone else claimed it first.
    Result<bool> claimForSending(qint64 orderId, const QStringList &fromStates, const QString &reference,
                                 OrderEvent::Source source, const Message &message, int leaseSeconds);
    // A retry of an order left `sending`: takes the lease when nobody holds it (none, or run out).
    Result<bool> claimRetry(qint64 orderId, int leaseSeconds);
    // When the current lease runs out; empty when none is held.
    Result<std::optional<QDateTime>> leaseUntil(qint64 orderId);
    // The send is over (done, refused or unsettled): a retry may start at once.
    Result<void> releaseLease(qint64 orderId);
    // When a send was first attempted; empty when never.
    Result<std::optional<QDateTime>> sendAttemptedAt(qint64 orderId);

    // The billing entity (JSON text) Gelato reported on the order, with the time it was stored.
    Result<void> saveBillingEntity(qint64 orderId, const QString &json);
    Result<QString> billingEntity(qint64 orderId);
    // The one stored most recently on any order; empty when none.
    Result<QString> latestBillingEntity();

private:
    const Database &m_database;
};

} // namespace Bottega
