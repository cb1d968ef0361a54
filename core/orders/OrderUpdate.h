// OrderUpdate: the one place that changes a sales order from news about it (issue 10), whatever
// the source: Gelato webhooks, Gelato's answers to a send or a refresh, the reconciliation job, and
// Poleepo (an imported order's status and shippings). One forward-only state rule (OrderState::mayFollow),
// Gelato statuses never replaced by older ones (OrderState::isOlderGelatoStatus), one timeline wording per
// kind of change, one timeline entry per real change (news that changes nothing writes nothing, so the same
// status from a poll and then a webhook is recorded once), and the source in each entry. The commands of a
// person (cancel, delete a Gelato draft) and the end of a failed send change the state through setState,
// which records them the same way.
//
// Each call runs in one transaction (or in the caller's). Owned by the thread that uses it.
#pragma once

#include "core/domain/OrderEvent.h"
#include "core/domain/OrderShipment.h"
#include "core/domain/Result.h"
#include "core/orders/OrderNews.h"
#include "core/store/OrderUpdateRepository.h"

#include <QCoreApplication>
#include <QStringList>
#include <memory>
#include <optional>

namespace Bottega {

class Clock;
class Database;

class OrderUpdate final
{
    Q_DISABLE_COPY_MOVE(OrderUpdate)
    Q_DECLARE_TR_FUNCTIONS(Bottega::OrderUpdate)

public:
    struct Outcome
    {
        QList<Message> changes; // what changed, as written to the timeline; empty: nothing new
        bool stateChanged = false;
        QStringList unknownItems; // item references the order has no line for
    };

    // A webhook's note for these changes: "nothing new", or the changes themselves.
    static Message note(const QList<Message> &changes);

    explicit OrderUpdate(const Database &database, const Clock *clock = nullptr);
    ~OrderUpdate();

    // The local order a Gelato order id (its own or a connected part's) belongs to.
    Result<std::optional<qint64>> findByGelatoOrder(const QString &gelatoOrderId);

    // The local order that has this Poleepo shipping (SHIP-4, STATUS_SHIPMENT).
    Result<std::optional<qint64>> findByPoleepoShipping(const QString &poleepoShippingId);

    // Applies what a source says about the order (see OrderNews).
    Result<Outcome> apply(qint64 orderId, const OrderNews &news);
    // The same for the local order a Gelato order id (its own or a connected part's) belongs to,
    // found, locked and read with its lines in one query (PERF-2); nullopt when there is none.
    Result<std::optional<Outcome>> applyToGelatoOrder(const QString &gelatoOrderId, const OrderNews &news);
    // Reads ahead, in one query, the orders that applyToGelatoOrder will be asked for next (a queue
    // batch's events): see OrderUpdateRepository::readAhead. Call it in the transaction of that work.
    Result<void> readAheadGelatoOrders(const QStringList &gelatoOrderIds);
    void forgetReadAhead();
    // From now on the writes of successive applies are collected together (a queue batch's events,
    // PERF-2) until sendCollected() sends them, or forgetCollected() drops them (the work was rolled
    // back). A failed apply drops all that was collected: its caller rolls the whole work back.
    void collectAcrossApplies();
    Result<void> sendCollected();
    void forgetCollected();
    // Gelato's cost of the order: the sums of these purchase receipts (all parts of a split order).
    Result<Outcome> applyCost(qint64 orderId, const QList<GelatoReceipt> &receipts);

    // A state a person or Bottega decided (cancel, draft deleted, send failed), recorded with its
    // message. Refused, naming both states, when the order is in none of `from`. Returns whether it
    // changed (false: already in `to`).
    Result<bool> setState(qint64 orderId, const QStringList &from, const QString &to,
                          OrderEvent::Source source, const Message &message);
    // Shipping with Poleepo (SHIP-3, SHIP-4), each with its timeline entry. The goods of every
    // product line reached the shop (false: they already had).
    Result<bool> markDeliveredToShop(qint64 orderId, OrderEvent::Source source);
    // A shipping Poleepo created, with its parcels and label; its local id.
    Result<qint64> recordShipment(const OrderShipment &shipment, OrderEvent::Source source);
    // The label of a shipping whose label was fetched again.
    Result<void> recordLabel(qint64 shipmentId, const QString &labelFileId, OrderEvent::Source source);
    // The parcel was handed to the carrier (Poleepo was told); false: already recorded.
    Result<bool> recordHandedOver(qint64 shipmentId, OrderEvent::Source source);

    // Records the Gelato order a send created (before it is confirmed), without a timeline entry:
    // the send's own entries tell of it.
    Result<void> recordGelatoOrder(qint64 orderId, const QString &gelatoOrderId, bool isDraft);
    // Forgets the Gelato order (a deleted Gelato draft): ids and statuses cleared.
    Result<void> forgetGelatoOrder(qint64 orderId);

private:
    Result<Outcome> applyCollected(const OrderUpdateRepository::OrderStatus &order,
                                   const QList<OrderUpdateRepository::Line> *lines, const OrderNews &news);

    const Database &m_database;
    std::unique_ptr<OrderUpdateRepository> m_store;
    bool m_collectAcross = false;
};

} // namespace Bottega
