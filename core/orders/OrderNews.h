// OrderNews: what one source says about a local sales order, whatever the source: a Gelato
// webhook event, Gelato's answer to a send, refresh or reconciliation, or Poleepo (an imported
// order's status, its shippings). Each field is optional: only what the source said is applied. OrderUpdate
// is the one place that turns it into changes.
#pragma once

#include "core/domain/OrderEvent.h"
#include "core/gelato/GelatoOrder.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace Bottega {

struct OrderNews
{
    struct Item
    {
        QString itemReferenceId; // ours: one per order line
        QString gelatoItemId; // empty when the source does not say
        QString status; // empty when the source does not say
    };

    struct Package
    {
        QString packageId; // Gelato's id; empty from webhooks (they name parcels by tracking code)
        QString itemReferenceId; // empty when the source does not say
        QString trackingCode;
        QString trackingUrl;
        QString carrier;
        QString status;
    };

    OrderEvent::Source source = OrderEvent::Source::System;
    // Which of Gelato's orders it is about: the order's own, or a connected (split) part. Empty:
    // the order's own.
    QString gelatoOrderId;

    // Gelato's whole answer about the order's own order (send, refresh): its id, reference and
    // whether it is a draft; also moves a local draft to sent when Gelato has a real order.
    bool isFullAnswer = false;
    QString orderReferenceId;
    bool isGelatoDraft = false;

    QString fulfillmentStatus; // empty: not said
    QString financialStatus; // empty: not said
    QString comment; // Gelato's comment on a failed or returned order
    QString shipmentMethodUid; // empty: not said
    QDateTime deliveryEstimateMin, deliveryEstimateMax; // invalid: not said
    QList<Item> items;
    QList<Package> packages;
    QStringList connectedOrderIds; // the split parts Gelato made of the order
    QList<GelatoReceipt> receipts; // the cost; empty: not said
    std::optional<GelatoBillingEntity> billingEntity;

    // Poleepo (HOOK-7, SHIP-4): the order's status in Poleepo, and its shippings there.
    struct Shipment
    {
        QString poleepoShippingId;
        QString status; // empty when the source does not say
        QString trackingCode; // empty when the source does not say
        QString carrier; // empty when the source does not say
    };
    QString poleepoStatus; // empty: not said
    QList<Shipment> shipments;
};

} // namespace Bottega
