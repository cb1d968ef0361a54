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
