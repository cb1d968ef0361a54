#include "core/orders/GelatoEventHandler.h"

#include "core/gelato/GelatoEventParsers.h"
#include "core/orders/OrderNews.h"
#include "core/orders/OrderUpdate.h"
#include "core/store/Database.h"
#include "core/webhooks/WebhookProcessor.h"

#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

const QString gelato = u"gelato"_s;

OrderNews::Package packageOf(const GelatoEventFulfillment &fulfillment, const QString &itemReferenceId,
                             const QString &status)
{
    OrderNews::Package package;
    package.itemReferenceId = itemReferenceId;
    package.trackingCode = fulfillment.trackingCode;
    package.trackingUrl = fulfillment.trackingUrl;
    package.carrier = fulfillment.shipmentMethodName;
    package.status = status;
    return package;
}

OrderNews newsFrom(const GelatoEventOrder &order)
{
    OrderNews news;
    news.source = OrderEvent::Source::Webhook;
    news.gelatoOrderId = order.orderId;
    return news;
}

QDateTime midnightUtc(const QDate &date)
{
    return date.isValid() ? QDateTime(date, QTime(0, 0), QTimeZone::utc()) : QDateTime();
}

} // namespace

GelatoEventHandler::GelatoEventHandler(Database &database, const Clock *clock)
    : m_database(database), m_clock(clock), m_update(std::make_unique<OrderUpdate>(database, clock))
{
}

GelatoEventHandler::~GelatoEventHandler() = default;

void GelatoEventHandler::registerWith(const Register &registerHandler)
{
    // One handler object for all events, kept by the registry: its prepared statements serve
    // every event of every batch instead of being prepared again per event.
    const auto shared = std::make_shared<GelatoEventHandler>(m_database, m_clock);
    const auto handler = [shared](const WebhookQueueItem &item) {
        return shared->handle(item);
    };
    for (const auto event :
         {"order_status_updated"_L1, "order_item_status_updated"_L1, "order_item_tracking_code_updated"_L1,
          "order_delivery_estimate_updated"_L1, "catalog_product_stock_availability_updated"_L1,
          "store_product_created"_L1, "store_product_updated"_L1, "store_product_deleted"_L1,
          "store_product_template_created"_L1, "store_product_template_updated"_L1,
          "store_product_template_deleted"_L1})
        registerHandler(gelato, QString(event), handler);
}

void GelatoEventHandler::readAhead()
{
    const WebhookProcessor::Pass pass = WebhookProcessor::currentPass();
    if (pass.serial == m_pass)
        return;
    m_pass = pass.serial;
    m_update->forgetReadAhead();
    // Writes left from a pass that was rolled back, or that ended before its end-of-pass work ran.
    m_update->forgetCollected();
    if (!pass.items)
        return;
    // The writes of all the pass's events sent together, before its outcomes (PERF-2).
    if (WebhookProcessor::atEndOfPass([this] { return m_update->sendCollected(); }))
        m_update->collectAcrossApplies();
    QStringList ids;
    for (const WebhookQueueItem &item : *pass.items) {
        if (item.source != gelato)
            continue;
        if (item.event == "order_status_updated"_L1) {
            if (const auto event = GelatoEventParsers::parseOrderStatus(item.body))
                ids.append(event->order.orderId);
        } else if (item.event == "order_item_status_updated"_L1) {
            if (const auto event = GelatoEventParsers::parseItemStatus(item.body))
                ids.append(event->order.orderId);
        } else if (item.event == "order_item_tracking_code_updated"_L1) {
            if (const auto event = GelatoEventParsers::parseTracking(item.body))
                ids.append(event->order.orderId);
        } else if (item.event == "order_delivery_estimate_updated"_L1) {
            if (const auto event = GelatoEventParsers::parseDeliveryEstimate(item.body))
                ids.append(event->order.orderId);
        }
    }
    // When it fails each event reads its order itself, and meets the same database error.
    if (auto r = m_update->readAheadGelatoOrders(ids); !r)
        m_update->forgetReadAhead();
}

Result<WebhookOutcome> GelatoEventHandler::handle(const WebhookQueueItem &item)
{
    readAhead();
    if (item.event.startsWith("catalog_"_L1) || item.event.startsWith("store_product"_L1))
        return WebhookOutcome::ignore(Message::of(u"webhook.not-tracked"_s, {item.event}));

    if (item.event == "order_status_updated"_L1) {
        const auto event = GelatoEventParsers::parseOrderStatus(item.body);
        if (!event)
            return WebhookOutcome::reject(event.error());
        OrderNews news = newsFrom(event->order);
        news.fulfillmentStatus = event->fulfillmentStatus;
        news.comment = event->comment;
        for (const GelatoEventItem &eventItem : event->items) {
            news.items.append({eventItem.itemReferenceId, QString(), eventItem.fulfillmentStatus});
            const QString status = eventItem.fulfillmentStatus.isEmpty() ? event->fulfillmentStatus
                                                                         : eventItem.fulfillmentStatus;
            for (const GelatoEventFulfillment &fulfillment : eventItem.fulfillments)
                news.packages.append(packageOf(fulfillment, eventItem.itemReferenceId, status));
        }
        return apply(event->order, news);
    }
    if (item.event == "order_item_status_updated"_L1) {
        const auto event = GelatoEventParsers::parseItemStatus(item.body);
        if (!event)
            return WebhookOutcome::reject(event.error());
        OrderNews news = newsFrom(event->order);
        news.items.append({event->itemReferenceId, QString(), event->status});
        return apply(event->order, news, event->itemReferenceId);
    }
    if (item.event == "order_item_tracking_code_updated"_L1) {
        const auto event = GelatoEventParsers::parseTracking(item.body);
        if (!event)
            return WebhookOutcome::reject(event.error());
        OrderNews news = newsFrom(event->order);
        news.packages.append(packageOf(event->fulfillment, event->itemReferenceId, u"shipped"_s));
        return apply(event->order, news);
    }
    if (item.event == "order_delivery_estimate_updated"_L1) {
        const auto event = GelatoEventParsers::parseDeliveryEstimate(item.body);
        if (!event)
            return WebhookOutcome::reject(event.error());
        OrderNews news = newsFrom(event->order);
        news.deliveryEstimateMin = midnightUtc(event->minDeliveryDate);
        news.deliveryEstimateMax = midnightUtc(event->maxDeliveryDate);
        return apply(event->order, news);
    }
    return WebhookOutcome::ignore(Message::of(u"webhook.not-an-order-event"_s, {item.event}));
}

Result<WebhookOutcome> GelatoEventHandler::apply(const GelatoEventOrder &order, const OrderNews &news,
                                                 const QString &itemReferenceId)
{
    // Found and applied in one go: the order is looked up, read and locked in one query (PERF-2).
    const auto applied = m_update->applyToGelatoOrder(order.orderId, news);
    if (!applied)
        return makeError(applied.error());
    if (!applied->has_value()) {
        if (GelatoEventParsers::isPlaceholder(order.orderReferenceId)
            || GelatoEventParsers::isPlaceholder(itemReferenceId))
            return WebhookOutcome::ignore(Message::of(u"webhook.gelato-test-call"_s));
        return WebhookOutcome::ignore(Message::of(u"webhook.no-local-order"_s, {order.orderId}));
    }
    const OrderUpdate::Outcome &outcome = **applied;
    if (!itemReferenceId.isEmpty() && outcome.unknownItems.contains(itemReferenceId))
        return WebhookOutcome::ignore(
                Message::of(u"webhook.no-such-item"_s, {order.orderReferenceId, itemReferenceId}));
    return WebhookOutcome::done(OrderUpdate::note(outcome.changes));
}

} // namespace Bottega
