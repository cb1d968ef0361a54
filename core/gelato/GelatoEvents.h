// GelatoEvents: Gelato's webhook payloads (HOOK-6) as value types, read by GelatoEventParsers. Only
// the order events are typed; catalog and store-product events are recognised by name and ignored.
#pragma once

#include <QDate>
#include <QList>
#include <QString>

namespace Bottega {

// One parcel of an item (`items[].fulfillments[]`, or the tracking-code event itself).
struct GelatoEventFulfillment
{
    QString trackingCode;
    QString trackingUrl;
    QString shipmentMethodName;
    QString shipmentMethodUid;
};

struct GelatoEventItem
{
    QString itemReferenceId;
    QString fulfillmentStatus; // empty when the event gives none
    QList<GelatoEventFulfillment> fulfillments;
};

// What every order event names: which Gelato order, and Bottega's reference for it.
struct GelatoEventOrder
{
    QString eventId; // "id": Gelato's id of the call
    QString orderId;
    QString orderReferenceId;
};

// order_status_updated: the order's (or a connected part's) status, with its items' parcels.
struct GelatoOrderStatusEvent
{
    GelatoEventOrder order;
    QString fulfillmentStatus;
    QString comment;
    QList<GelatoEventItem> items;
};

// order_item_status_updated.
struct GelatoItemStatusEvent
{
    GelatoEventOrder order;
    QString itemReferenceId;
    QString status;
    QString comment;
};

// order_item_tracking_code_updated.
struct GelatoTrackingEvent
{
    GelatoEventOrder order;
    QString itemReferenceId;
    GelatoEventFulfillment fulfillment;
};

// order_delivery_estimate_updated.
struct GelatoDeliveryEstimateEvent
{
    GelatoEventOrder order;
    QDate minDeliveryDate, maxDeliveryDate;
};

} // namespace Bottega
