// FulfilmentRepository: the reads and writes of core/fulfilment (issue 12): what Bottega decided
// about an order imported from Poleepo (ORD-11) and why a person must look at it, the packages
// whose Gelato tracking still has to reach Poleepo and those that did (once each), and the named
// cursors of polling jobs. Owned by the thread that uses it.
#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace Bottega {

class Clock;
class Database;

class FulfilmentRepository final
{
    Q_DISABLE_COPY_MOVE(FulfilmentRepository)
    Q_DECLARE_TR_FUNCTIONS(Bottega::FulfilmentRepository)

public:
    // What Bottega decided about an imported order: "gelato" (all goods Gelato's), "other" (none
    // Gelato's: shipped by the shop), "attention" (a person decides, for the reason in code/args).
    struct Decision
    {
        QString fulfilment;
        QString attentionCode;
        QStringList attentionArgs;
        friend bool operator==(const Decision &, const Decision &) = default;
    };

    // A package of a Poleepo order whose tracking code Poleepo has not accepted yet.
    struct PendingTracking
    {
        qint64 packageId = 0;
        qint64 orderId = 0;
        QString orderReference;
        QString poleepoOrderId;
        QString trackingCode;
        QString carrier;
        QString attentionCode; // the order's, to avoid writing the same reason twice
    };

    // A tracking code Poleepo accepted for a shipping.
    struct Handoff
    {
        qint64 packageId = 0;
        QString poleepoShippingId;
        QString trackingCode;
        QString carrier;
        QDateTime handedAt;
    };

    explicit FulfilmentRepository(const Database &database, const Clock *clock = nullptr);

    Result<Decision> decision(qint64 orderId);
    Result<void> setDecision(qint64 orderId, const Decision &decision);
    // Poleepo orders of all-Gelato goods not sent to Gelato yet (local state draft): "ready to send".
    Result<QList<qint64>> readyToSend();
    // Packages with a tracking code, of orders imported from Poleepo, not handed back yet.
    Result<QList<PendingTracking>> pendingTracking();
    // Records that Poleepo accepted the package's tracking (a second record of it changes nothing).
    Result<void> recordHandoff(const PendingTracking &package, const QString &poleepoShippingId);
    Result<QList<Handoff>> handoffs(qint64 orderId);

    // A named cursor ("import-poleepo-orders"); empty when never set.
    Result<QString> cursor(const QString &name);
    Result<void> setCursor(const QString &name, const QString &value);

private:
    qint64 nowMs() const;

    const Database &m_database;
    const Clock *m_clock;
};

} // namespace Bottega
