#include "core/gelato/GelatoEventParsers.h"

#include "core/gelato/GelatoJsonReader.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Bottega::GelatoEventParsers {

namespace {

using Reader = GelatoJsonReader;

QString what(const char *event)
{
    return QCoreApplication::translate("Bottega::GelatoParsers", "Gelato event %1")
            .arg(QLatin1StringView(event));
}

GelatoEventOrder readOrder(Reader &reader)
{
    GelatoEventOrder order;
    order.eventId = reader.textIfGiven(u"id"_s);
    order.orderId = reader.text(u"orderId"_s);
    order.orderReferenceId = reader.textIfGiven(u"orderReferenceId"_s);
    return order;
}

GelatoEventFulfillment readFulfillment(Reader &reader)
{
    GelatoEventFulfillment fulfillment;
    fulfillment.trackingCode = reader.text(u"trackingCode"_s);
    fulfillment.trackingUrl = reader.textIfGiven(u"trackingUrl"_s);
    fulfillment.shipmentMethodName = reader.textIfGiven(u"shipmentMethodName"_s);
    fulfillment.shipmentMethodUid = reader.textIfGiven(u"shipmentMethodUid"_s);
    return fulfillment;
}

// Parses the payload's object and reads it with read; the reader's first error is the result's.
template<typename T, typename Read> Result<T> parse(const QByteArray &json, const QString &what, Read read)
{
    auto object = parseGelatoObject(json, what);
    if (!object)
        return makeError(object.error());
    Reader reader(what, QString(), *object);
    T event = read(reader);
    if (reader.failed())
        return makeError(reader.error());
    return event;
}

QDate date(Reader &reader, const QString &key)
{
    const QDateTime value = reader.dateTime(key);
    return value.isValid() ? value.date() : QDate();
}

} // namespace

Result<GelatoOrderStatusEvent> parseOrderStatus(const QByteArray &json)
{
    return parse<GelatoOrderStatusEvent>(json, what("order_status_updated"), [](Reader &reader) {
        GelatoOrderStatusEvent event;
        event.order = readOrder(reader);
        event.fulfillmentStatus = reader.text(u"fulfillmentStatus"_s);
        event.comment = reader.textIfGiven(u"comment"_s);
        reader.forEach(u"items"_s, false, [&event](Reader &itemReader) {
            GelatoEventItem item;
            item.itemReferenceId = itemReader.text(u"itemReferenceId"_s);
            item.fulfillmentStatus = itemReader.textIfGiven(u"fulfillmentStatus"_s);
            itemReader.forEach(u"fulfillments"_s, false, [&item](Reader &fulfillmentReader) {
                item.fulfillments.append(readFulfillment(fulfillmentReader));
            });
            event.items.append(item);
        });
        return event;
    });
}

Result<GelatoItemStatusEvent> parseItemStatus(const QByteArray &json)
{
    return parse<GelatoItemStatusEvent>(json, what("order_item_status_updated"), [](Reader &reader) {
        GelatoItemStatusEvent event;
        event.order = readOrder(reader);
        event.itemReferenceId = reader.text(u"itemReferenceId"_s);
        event.status = reader.text(u"status"_s);
        event.comment = reader.textIfGiven(u"comment"_s);
        return event;
    });
}

Result<GelatoTrackingEvent> parseTracking(const QByteArray &json)
{
    return parse<GelatoTrackingEvent>(json, what("order_item_tracking_code_updated"), [](Reader &reader) {
        GelatoTrackingEvent event;
        event.order = readOrder(reader);
        event.itemReferenceId = reader.textIfGiven(u"itemReferenceId"_s);
        event.fulfillment = readFulfillment(reader);
        return event;
    });
}

Result<GelatoDeliveryEstimateEvent> parseDeliveryEstimate(const QByteArray &json)
{
    return parse<GelatoDeliveryEstimateEvent>(json, what("order_delivery_estimate_updated"),
                                              [](Reader &reader) {
                                                  GelatoDeliveryEstimateEvent event;
                                                  event.order = readOrder(reader);
                                                  event.minDeliveryDate = date(reader, u"minDeliveryDate"_s);
                                                  event.maxDeliveryDate = date(reader, u"maxDeliveryDate"_s);
                                                  return event;
                                              });
}

bool isPlaceholder(const QString &value)
{
    return value.contains("{{"_L1) && value.contains("}}"_L1);
}

} // namespace Bottega::GelatoEventParsers
