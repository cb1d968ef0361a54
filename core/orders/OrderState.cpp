#include "core/orders/OrderState.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Bottega::OrderState {

QString fromGelatoStatus(const QString &gelatoStatus)
{
    const QString status = gelatoStatus.trimmed().toLower();
    if (status == "in_production"_L1 || status == "printed"_L1)
        return InProduction;
    if (status == "shipped"_L1 || status == "in_transit"_L1)
        return Shipped;
    if (status == "delivered"_L1)
        return Delivered;
    if (status == "canceled"_L1 || status == "cancelled"_L1)
        return Cancelled;
    if (status == "failed"_L1)
        return Failed;
    if (status == "returned"_L1)
        return Returned;
    if (status == "draft"_L1)
        return GelatoDraft;
    // created, uploading, passed, pending_*, digitizing, not_connected, on_hold: Gelato has the
    // order and it has not moved on yet; the local state stays what it was ("sent").
    return {};
}

namespace {

// How far along its way an order is; -1 for the ends (cancelled, failed, returned).
int progress(const QString &state)
{
    if (state == InProduction)
        return 1;
    if (state == Shipped)
        return 2;
    if (state == Delivered)
        return 3;
    if (state == Cancelled || state == Failed || state == Returned)
        return -1;
    return 0; // draft, sending, Gelato draft, sent
}

// Gelato's statuses in the order they come; the ends last. Unknown statuses: -1 (never older).
int gelatoRank(const QString &gelatoStatus)
{
    const QString status = gelatoStatus.trimmed().toLower();
    if (status == "draft"_L1)
        return 0;
    if (status == "created"_L1 || status == "uploading"_L1)
        return 1;
    if (status == "passed"_L1 || status == "pending_approval"_L1 || status == "pending_personalization"_L1
        || status == "digitizing"_L1 || status == "not_connected"_L1 || status == "on_hold"_L1)
        return 2;
    if (status == "in_production"_L1)
        return 3;
    if (status == "printed"_L1)
        return 4;
    if (status == "shipped"_L1 || status == "in_transit"_L1)
        return 5;
    if (status == "delivered"_L1)
        return 6;
    if (status == "canceled"_L1 || status == "cancelled"_L1 || status == "failed"_L1
        || status == "returned"_L1)
        return 7;
    return -1;
}

} // namespace

bool mayFollow(const QString &current, const QString &target)
{
    if (target.isEmpty() || target == current || current == Cancelled)
        return false;
    if (target == GelatoDraft)
        return current == Draft || current == Sending;
    if (target == Sent)
        return current == Draft || current == Sending || current == GelatoDraft;
    if (progress(target) < 0)
        return true;
    return progress(current) >= 0 && progress(target) > progress(current);
}

bool isOlderGelatoStatus(const QString &incoming, const QString &stored)
{
    const int incomingRank = gelatoRank(incoming);
    const int storedRank = gelatoRank(stored);
    return incomingRank >= 0 && storedRank >= 0 && incomingRank < storedRank;
}

bool isInProgress(const QString &state)
{
    // `sending` is left out on purpose: a confirm may be in flight, and its retry (which searches
    // by reference first) is what settles it, not the poll.
    return state == Sent || state == InProduction || state == Shipped;
}

QString displayName(const QString &state)
{
    if (state == Draft)
        return QCoreApplication::translate("Bottega::OrderState", "Draft");
    if (state == Sending)
        return QCoreApplication::translate("Bottega::OrderState", "Sending");
    if (state == GelatoDraft)
        return QCoreApplication::translate("Bottega::OrderState", "Gelato draft");
    if (state == Sent)
        return QCoreApplication::translate("Bottega::OrderState", "Sent");
    if (state == InProduction)
        return QCoreApplication::translate("Bottega::OrderState", "In production");
    if (state == Shipped)
        return QCoreApplication::translate("Bottega::OrderState", "Shipped");
    if (state == Delivered)
        return QCoreApplication::translate("Bottega::OrderState", "Delivered");
    if (state == Cancelled)
        return QCoreApplication::translate("Bottega::OrderState", "Cancelled");
    if (state == Failed)
        return QCoreApplication::translate("Bottega::OrderState", "Failed");
    if (state == Returned)
        return QCoreApplication::translate("Bottega::OrderState", "Returned");
    return state;
}

} // namespace Bottega::OrderState
