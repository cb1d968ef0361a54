#include "core/orders/OrderUpdate.h"

#include "core/domain/Clock.h"
#include "core/orders/GelatoOrderAnswer.h"
#include "core/orders/OrderState.h"
#include "core/store/Database.h"
#include "core/store/OrderSendRepository.h"
#include "core/store/OrderUpdateRepository.h"
#include "core/store/ShipmentRepository.h"

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

using Repository = OrderUpdateRepository;

// Collects the timeline entries of one apply, all with the news' source.
class Timeline
{
public:
    Timeline(Repository &store, qint64 orderId, OrderEvent::Source source, OrderUpdate::Outcome &outcome)
        : m_store(store), m_orderId(orderId), m_source(source), m_outcome(outcome)
    {
    }

    Result<void> add(const QString &kind, const Message &message, const QString &oldState = {},
                     const QString &newState = {})
    {
        OrderEvent event;
        event.orderId = m_orderId;
        event.source = m_source;
        event.kind = kind;
        event.oldState = oldState;
        event.newState = newState;
        event.message = message;
        if (auto r = m_store.appendTimeline(event); !r)
            return r;
        m_outcome.changes.append(message);
        return {};
    }

private:
    Repository &m_store;
    qint64 m_orderId;
    OrderEvent::Source m_source;
    OrderUpdate::Outcome &m_outcome;
};

// The one wording of each kind of change, as a fact (core/messages/MessageText has the words).
Message gelatoStatusMessage(const QString &status, const QString &comment)
{
    return comment.isEmpty() ? Message::of(u"order.gelato-status"_s, {status})
                             : Message::of(u"order.gelato-status-comment"_s, {status, comment});
}

Message partStatusMessage(const QString &gelatoOrderId, const QString &status, const QString &comment)
{
    return comment.isEmpty() ? Message::of(u"order.part-status"_s, {gelatoOrderId, status})
                             : Message::of(u"order.part-status-comment"_s, {gelatoOrderId, status, comment});
}

GelatoConnectedOrder connectedOrder(qint64 orderId, const QString &gelatoOrderId, const QString &status)
{
    GelatoConnectedOrder connected;
    connected.orderId = orderId;
    connected.gelatoOrderId = gelatoOrderId;
    connected.status = status;
    return connected;
}

Repository::Cost costOf(const QList<GelatoReceipt> &receipts)
{
    const GelatoReceipt totals = GelatoOrderAnswer::purchaseTotals(receipts);
    Repository::Cost cost;
    cost.currency = totals.currency;
    cost.products = totals.productsPrice;
    cost.shipping = totals.shippingPrice;
    cost.packaging = totals.packagingPrice;
    cost.vat = totals.totalVat;
    cost.total = totals.totalInclVat;
    cost.unknown = totals.unknown;
    return cost;
}

// The local state Gelato's news asks for; empty when it asks for none.
QString targetState(const OrderNews &news, const QString &current)
{
    if (news.isFullAnswer && news.isGelatoDraft)
        return OrderState::GelatoDraft;
    QString target = OrderState::fromGelatoStatus(news.fulfillmentStatus);
    // Gelato has a real order that has not moved on yet: at least sent.
    if (news.isFullAnswer && (target.isEmpty() || target == OrderState::GelatoDraft))
        target = OrderState::mayFollow(current, OrderState::Sent) ? OrderState::Sent : QString();
    return target;
}

// Poleepo's news: its status of the order, and its shippings (one timeline entry per real change).
Result<void> applyPoleepo(Repository &store, qint64 orderId, const QString &storedStatus,
                          const OrderNews &news, Timeline &timeline)
{
    if (!news.poleepoStatus.isEmpty() && news.poleepoStatus != storedStatus) {
        if (auto r = store.setPoleepoStatus(orderId, news.poleepoStatus); !r)
            return r;
        if (auto r
            = timeline.add(u"poleepo-status"_s, Message::of(u"order.poleepo-status"_s, {news.poleepoStatus}));
            !r)
            return r;
    }
    for (const OrderNews::Shipment &incoming : news.shipments) {
        if (incoming.poleepoShippingId.isEmpty())
            continue;
        auto found = store.findShipment(orderId, incoming.poleepoShippingId);
        if (!found)
            return makeError(found.error());
        Repository::Shipment shipment = found->value_or(Repository::Shipment());
        const Repository::Shipment before = shipment;
        shipment.orderId = orderId;
        shipment.poleepoShippingId = incoming.poleepoShippingId;
        if (!incoming.status.isEmpty())
            shipment.status = incoming.status;
        if (!incoming.trackingCode.isEmpty())
            shipment.trackingCode = incoming.trackingCode;
        if (!incoming.carrier.isEmpty())
            shipment.carrier = incoming.carrier;
        const bool changed = shipment.status != before.status || shipment.trackingCode != before.trackingCode
                || shipment.carrier != before.carrier;
        if (found->has_value() && !changed)
            continue;
        if (auto r = store.saveShipment(shipment); !r)
            return r;
        if (!changed)
            continue; // a shipping newly known, with nothing to tell yet
        QStringList parts;
        if (!shipment.status.isEmpty())
            parts.append(shipment.status);
        if (!shipment.carrier.isEmpty())
            parts.append(shipment.carrier);
        if (!shipment.trackingCode.isEmpty())
            parts.append(shipment.trackingCode);
        if (auto r = timeline.add(u"poleepo-shipment"_s,
                                  Message::of(u"order.poleepo-shipping"_s,
                                              {shipment.poleepoShippingId, parts.join(u", "_s)}));
            !r)
            return r;
    }
    return {};
}

// Applies the news to the order read (and locked) in this transaction; knownLines: its lines when
// they were read with it. Writes may be collected by the store and sent by the caller.
Result<OrderUpdate::Outcome> applyNews(const Database &database, Repository &store,
                                       const Repository::OrderStatus &status,
                                       const QList<Repository::Line> *knownLines, const OrderNews &news)
{
    using Outcome = OrderUpdate::Outcome;
    const qint64 orderId = status.id;
    const Repository::OrderStatus *order = &status;
    Outcome outcome;
    Timeline timeline(store, orderId, news.source, outcome);
    const bool own = news.gelatoOrderId.isEmpty() || order->gelatoOrderId.isEmpty()
            || news.gelatoOrderId == order->gelatoOrderId;
    const QString gelatoOrderId = news.gelatoOrderId.isEmpty() ? order->gelatoOrderId : news.gelatoOrderId;
    // The Gelato status the order (or the part) has once this news is applied.
    QString currentStatus = order->gelatoFulfillmentStatus;
    // News older than what is stored (an answer read before the last webhook): only its lasting
    // facts (ids, parcels, connected orders) are kept; no status goes back.
    bool stale = false;

    if (own) {
        if (news.isFullAnswer) {
            const QString id = news.gelatoOrderId.isEmpty() ? order->gelatoOrderId : news.gelatoOrderId;
            const QString reference
                    = news.orderReferenceId.isEmpty() ? order->gelatoOrderReferenceId : news.orderReferenceId;
            if (id != order->gelatoOrderId || reference != order->gelatoOrderReferenceId
                || news.isGelatoDraft != order->isDraft) {
                if (auto r = store.setGelatoOrder(orderId, id, reference, news.isGelatoDraft); !r)
                    return makeError(r.error());
            }
        }
        stale = OrderState::isOlderGelatoStatus(news.fulfillmentStatus, currentStatus);
        bool statusChanged = false;
        if (!news.fulfillmentStatus.isEmpty() && news.fulfillmentStatus != currentStatus && !stale) {
            if (auto r = store.setGelatoStatus(orderId, news.fulfillmentStatus); !r)
                return makeError(r.error());
            currentStatus = news.fulfillmentStatus;
            statusChanged = true;
        }
        if (!news.financialStatus.isEmpty() && news.financialStatus != order->gelatoFinancialStatus) {
            if (auto r = store.setFinancialStatus(orderId, news.financialStatus); !r)
                return makeError(r.error());
        }
        if (!news.shipmentMethodUid.isEmpty() && news.shipmentMethodUid != order->shipmentMethodUid) {
            if (auto r = store.setShipmentMethod(orderId, news.shipmentMethodUid); !r)
                return makeError(r.error());
        }
        const QString target = stale ? QString() : targetState(news, order->state);
        if (OrderState::mayFollow(order->state, target)) {
            auto moved = store.setState(orderId, order->state, target);
            if (!moved)
                return makeError(moved.error());
            if (*moved) {
                outcome.stateChanged = true;
                const Message message = news.fulfillmentStatus.isEmpty()
                        ? Message::of(u"order.now"_s, {target})
                        : gelatoStatusMessage(news.fulfillmentStatus, news.comment);
                if (auto r = timeline.add(u"state"_s, message, order->state, target); !r)
                    return makeError(r.error());
            }
        }
        if (statusChanged && !outcome.stateChanged) {
            if (auto r
                = timeline.add(u"gelato-status"_s, gelatoStatusMessage(news.fulfillmentStatus, news.comment));
                !r)
                return makeError(r.error());
        }
        for (const QString &connectedId : news.connectedOrderIds) {
            if (connectedId == gelatoOrderId)
                continue;
            auto known = store.connectedOrderStatus(orderId, connectedId);
            if (!known)
                return makeError(known.error());
            if (known->has_value())
                continue;
            if (auto r = store.saveConnectedOrder(connectedOrder(orderId, connectedId, QString())); !r)
                return makeError(r.error());
        }
        if (news.billingEntity) {
            if (auto r = OrderSendRepository(database)
                                 .saveBillingEntity(
                                         orderId, GelatoOrderAnswer::billingEntityJson(*news.billingEntity));
                !r)
                return makeError(r.error());
        }
        if (!news.receipts.isEmpty()) {
            const Repository::Cost cost = costOf(news.receipts);
            if (!(cost == order->cost)) {
                if (auto r = store.setCost(orderId, cost); !r)
                    return makeError(r.error());
            }
        }
    } else if (!news.fulfillmentStatus.isEmpty()) {
        // A connected part: its own status; the order's state follows only the order's own.
        auto known = store.connectedOrderStatus(orderId, gelatoOrderId);
        if (!known)
            return makeError(known.error());
        const QString stored = known->value_or(QString());
        currentStatus = stored;
        stale = OrderState::isOlderGelatoStatus(news.fulfillmentStatus, stored);
        if (news.fulfillmentStatus != stored && !stale) {
            if (auto r
                = store.saveConnectedOrder(connectedOrder(orderId, gelatoOrderId, news.fulfillmentStatus));
                !r)
                return makeError(r.error());
            currentStatus = news.fulfillmentStatus;
            if (auto r = timeline.add(u"gelato-status"_s,
                                      partStatusMessage(gelatoOrderId, news.fulfillmentStatus, news.comment));
                !r)
                return makeError(r.error());
        }
    }

    // The delivery estimate, as far as the news gives it.
    {
        const QDateTime min
                = news.deliveryEstimateMin.isValid() ? news.deliveryEstimateMin : order->deliveryEstimateMin;
        const QDateTime max
                = news.deliveryEstimateMax.isValid() ? news.deliveryEstimateMax : order->deliveryEstimateMax;
        if (min != order->deliveryEstimateMin || max != order->deliveryEstimateMax) {
            if (auto r = store.setDeliveryEstimate(orderId, min, max); !r)
                return makeError(r.error());
            if (auto r = timeline.add(
                        u"delivery-estimate"_s,
                        Message::of(u"order.delivery-estimate"_s,
                                    {min.date().toString(Qt::ISODate), max.date().toString(Qt::ISODate)}));
                !r)
                return makeError(r.error());
        }
    }

    // Items, matched by our item reference; an item status equal to the order's new Gelato status
    // is already in the timeline.
    if (!news.items.isEmpty()) {
        Result<QList<Repository::Line>> lines = knownLines ? Result<QList<Repository::Line>>(*knownLines)
                                                           : store.lines(orderId);
        if (!lines)
            return makeError(lines.error());
        for (const OrderNews::Item &item : news.items) {
            bool matched = false;
            for (const Repository::Line &line : std::as_const(*lines)) {
                if (item.itemReferenceId.isEmpty() || line.itemReferenceId != item.itemReferenceId)
                    continue;
                matched = true;
                const QString itemId = item.gelatoItemId.isEmpty() ? line.gelatoItemId : item.gelatoItemId;
                QString status = item.status.isEmpty() || stale ? line.gelatoItemStatus : item.status;
                if (OrderState::isOlderGelatoStatus(status, line.gelatoItemStatus))
                    status = line.gelatoItemStatus;
                if (itemId == line.gelatoItemId && status == line.gelatoItemStatus)
                    continue;
                if (auto r = store.setLineGelatoItem(line.id, itemId, status); !r)
                    return makeError(r.error());
                if (status != line.gelatoItemStatus && status != currentStatus) {
                    if (auto r
                        = timeline.add(u"gelato-item"_s,
                                       Message::of(u"order.item-status"_s, {item.itemReferenceId, status}));
                        !r)
                        return makeError(r.error());
                }
            }
            if (!matched && !item.itemReferenceId.isEmpty())
                outcome.unknownItems.append(item.itemReferenceId);
        }
    }

    if (auto r = applyPoleepo(store, orderId, order->poleepoStatus, news, timeline); !r)
        return makeError(r.error());

    // Packages: the same parcel whether a webhook (tracking code) or an answer (id) named it first.
    for (const OrderNews::Package &parcel : news.packages) {
        if (parcel.trackingCode.isEmpty() && parcel.packageId.isEmpty())
            continue;
        auto found = store.findPackage(orderId, gelatoOrderId, parcel.packageId, parcel.trackingCode);
        if (!found)
            return makeError(found.error());
        OrderPackage package = found->value_or(OrderPackage());
        const OrderPackage before = package;
        package.orderId = orderId;
        package.gelatoOrderId = gelatoOrderId;
        if (!parcel.packageId.isEmpty())
            package.packageId = parcel.packageId;
        else if (package.packageId.isEmpty())
            package.packageId = parcel.trackingCode; // webhooks name a parcel by its tracking code
        if (!parcel.carrier.isEmpty())
            package.carrier = parcel.carrier;
        if (!parcel.trackingCode.isEmpty())
            package.trackingCode = parcel.trackingCode;
        if (!parcel.trackingUrl.isEmpty())
            package.trackingUrl = parcel.trackingUrl;
        if (!parcel.status.isEmpty() && !stale
            && !OrderState::isOlderGelatoStatus(parcel.status, package.status))
            package.status = parcel.status;
        const bool trackingChanged
                = package.trackingCode != before.trackingCode || package.trackingUrl != before.trackingUrl;
        if (found->has_value()) {
            if (package.packageId == before.packageId && package.carrier == before.carrier && !trackingChanged
                && package.status == before.status)
                continue;
            if (auto r = store.updatePackage(package); !r)
                return makeError(r.error());
        } else if (auto r = store.insertPackage(package); !r) {
            return makeError(r.error());
        }
        if (trackingChanged && !package.trackingCode.isEmpty()) {
            if (auto r
                = timeline.add(u"tracking"_s,
                               Message::of(u"order.parcel"_s, {package.trackingCode, package.trackingUrl}));
                !r)
                return makeError(r.error());
        }
    }
    return outcome;
}

} // namespace

OrderUpdate::OrderUpdate(const Database &database, const Clock *clock)
    : m_database(database), m_store(std::make_unique<OrderUpdateRepository>(database, clock))
{
}

OrderUpdate::~OrderUpdate() = default;

Message OrderUpdate::note(const QList<Message> &changes)
{
    if (changes.isEmpty())
        return Message::of(u"webhook.nothing-new"_s);
    QStringList stored;
    for (const Message &change : changes)
        stored.append(change.toStored());
    return Message::of(u"webhook.applied"_s, stored);
}

Result<std::optional<qint64>> OrderUpdate::findByGelatoOrder(const QString &gelatoOrderId)
{
    return m_store->findOrder(gelatoOrderId);
}

Result<std::optional<qint64>> OrderUpdate::findByPoleepoShipping(const QString &poleepoShippingId)
{
    return m_store->findOrderByShipping(poleepoShippingId);
}

Result<OrderUpdate::Outcome> OrderUpdate::apply(qint64 orderId, const OrderNews &news)
{
    Outcome outcome;
    auto done = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        auto order = m_store->orderStatus(orderId);
        if (!order)
            return makeError(order.error());
        auto applied = applyCollected(*order, nullptr, news);
        if (!applied)
            return makeError(applied.error());
        outcome = *applied;
        return {};
    });
    if (!done)
        return makeError(done.error());
    return outcome;
}

Result<std::optional<OrderUpdate::Outcome>> OrderUpdate::applyToGelatoOrder(const QString &gelatoOrderId,
                                                                           const OrderNews &news)
{
    std::optional<Outcome> outcome;
    auto done = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        QList<Repository::Line> lines;
        auto order = m_store->orderByGelatoOrder(gelatoOrderId, lines);
        if (!order)
            return makeError(order.error());
        if (!order->has_value())
            return {};
        auto applied = applyCollected(**order, &lines, news);
        if (!applied)
            return makeError(applied.error());
        outcome = *applied;
        return {};
    });
    if (!done)
        return makeError(done.error());
    return outcome;
}

Result<void> OrderUpdate::readAheadGelatoOrders(const QStringList &gelatoOrderIds)
{
    return m_store->readAhead(gelatoOrderIds);
}

void OrderUpdate::forgetReadAhead()
{
    m_store->forgetReadAhead();
}

Result<OrderUpdate::Outcome> OrderUpdate::applyCollected(const OrderUpdateRepository::OrderStatus &order,
                                                         const QList<OrderUpdateRepository::Line> *lines,
                                                         const OrderNews &news)
{
    // The writes of one apply go to the database together (PERF-2); a failed apply sends none.
    if (!m_store->isDeferring())
        m_store->deferWrites();
    auto applied = applyNews(m_database, *m_store, order, lines, news);
    if (m_collectAcross && applied.ok())
        return applied;
    if (auto r = m_store->endDeferred(applied.ok()); !r)
        return makeError(r.error());
    return applied;
}

void OrderUpdate::collectAcrossApplies()
{
    m_collectAcross = true;
}

Result<void> OrderUpdate::sendCollected()
{
    m_collectAcross = false;
    return m_store->isDeferring() ? m_store->endDeferred(true) : Result<void>();
}

void OrderUpdate::forgetCollected()
{
    m_collectAcross = false;
    if (m_store->isDeferring())
        (void)m_store->endDeferred(false);
}

Result<OrderUpdate::Outcome> OrderUpdate::applyCost(qint64 orderId, const QList<GelatoReceipt> &receipts)
{
    Outcome outcome;
    if (receipts.isEmpty())
        return outcome;
    auto done = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        auto order = m_store->orderStatus(orderId);
        if (!order)
            return makeError(order.error());
        const Repository::Cost cost = costOf(receipts);
        if (cost == order->cost)
            return {};
        return m_store->setCost(orderId, cost);
    });
    if (!done)
        return makeError(done.error());
    return outcome;
}

Result<bool> OrderUpdate::setState(qint64 orderId, const QStringList &from, const QString &to,
                                   OrderEvent::Source source, const Message &message)
{
    bool changed = false;
    auto done = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        auto order = m_store->orderStatus(orderId);
        if (!order)
            return makeError(order.error());
        if (order->state == to)
            return {};
        if (!from.contains(order->state))
            return makeError(tr("%1: cannot become %2 from %3")
                                     .arg(order->reference, OrderState::displayName(to),
                                          OrderState::displayName(order->state)));
        auto moved = m_store->setState(orderId, order->state, to);
        if (!moved)
            return makeError(moved.error());
        if (!*moved)
            return {};
        Outcome outcome;
        if (auto r = Timeline(*m_store, orderId, source, outcome).add(u"state"_s, message, order->state, to);
            !r)
            return r;
        changed = true;
        return {};
    });
    if (!done)
        return makeError(done.error());
    return changed;
}

Result<bool> OrderUpdate::markDeliveredToShop(qint64 orderId, OrderEvent::Source source)
{
    bool changed = false;
    auto done = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        auto lines = ShipmentRepository(m_database).setAllDelivered(orderId);
        if (!lines)
            return makeError(lines.error());
        if (*lines == 0)
            return {};
        changed = true;
        Outcome outcome;
        return Timeline(*m_store, orderId, source, outcome)
                .add(u"delivered-to-shop"_s, Message::of(u"order.delivered-to-shop"_s));
    });
    if (!done)
        return makeError(done.error());
    return changed;
}

Result<qint64> OrderUpdate::recordShipment(const OrderShipment &shipment, OrderEvent::Source source)
{
    qint64 id = 0;
    auto done = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        auto created = ShipmentRepository(m_database).create(shipment);
        if (!created)
            return makeError(created.error());
        id = *created;
        Outcome outcome;
        Timeline timeline(*m_store, shipment.orderId, source, outcome);
        if (auto r = timeline.add(
                    u"poleepo-shipping"_s,
                    Message::of(u"order.poleepo-label"_s,
                                {shipment.poleepoShippingId, shipment.carrier, shipment.trackingCode}));
            !r)
            return r;
        if (shipment.labelFileId.isEmpty())
            return {};
        return timeline.add(u"poleepo-label"_s,
                            Message::of(u"order.poleepo-label-stored"_s, {shipment.poleepoShippingId}));
    });
    if (!done)
        return makeError(done.error());
    return id;
}

Result<void> OrderUpdate::recordLabel(qint64 shipmentId, const QString &labelFileId,
                                      OrderEvent::Source source)
{
    return m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        ShipmentRepository shipments(m_database);
        auto shipment = shipments.get(shipmentId);
        if (!shipment)
            return makeError(shipment.error());
        if (shipment->labelFileId == labelFileId)
            return {};
        if (auto r = shipments.setLabel(shipmentId, labelFileId); !r)
            return r;
        Outcome outcome;
        return Timeline(*m_store, shipment->orderId, source, outcome)
                .add(u"poleepo-label"_s,
                     Message::of(u"order.poleepo-label-stored"_s, {shipment->poleepoShippingId}));
    });
}

Result<bool> OrderUpdate::recordHandedOver(qint64 shipmentId, OrderEvent::Source source)
{
    bool changed = false;
    auto done = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        ShipmentRepository shipments(m_database);
        auto shipment = shipments.get(shipmentId);
        if (!shipment)
            return makeError(shipment.error());
        if (shipment->handedOverAt.isValid())
            return {};
        if (auto r = shipments.setHandedOver(shipmentId, m_database.clock().now()); !r)
            return r;
        changed = true;
        Outcome outcome;
        return Timeline(*m_store, shipment->orderId, source, outcome)
                .add(u"handed-to-carrier"_s,
                     Message::of(u"order.handed-to-carrier"_s, {shipment->poleepoShippingId}));
    });
    if (!done)
        return makeError(done.error());
    return changed;
}

Result<void> OrderUpdate::recordGelatoOrder(qint64 orderId, const QString &gelatoOrderId, bool isDraft)
{
    return m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        auto order = m_store->orderStatus(orderId);
        if (!order)
            return makeError(order.error());
        return m_store->setGelatoOrder(orderId, gelatoOrderId, order->gelatoOrderReferenceId, isDraft);
    });
}

Result<void> OrderUpdate::forgetGelatoOrder(qint64 orderId)
{
    return m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        auto order = m_store->orderStatus(orderId);
        if (!order)
            return makeError(order.error());
        if (auto r = m_store->setGelatoOrder(orderId, QString(), order->gelatoOrderReferenceId, false); !r)
            return r;
        if (auto r = m_store->setGelatoStatus(orderId, QString()); !r)
            return r;
        return m_store->setFinancialStatus(orderId, QString());
    });
}

} // namespace Bottega
