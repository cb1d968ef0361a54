// GelatoOrder: what Gelato says about one of its orders (`GET orders/{id}`, create, patch, search),
// reduced to what Bottega stores (ORD-5): ids, statuses, items, packages with tracking, delivery
// estimate, receipts (cost) and the billing entity (CONF-2).
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace Bottega {

struct GelatoOrderItem
{
    QString id; // Gelato's item id
    QString itemReferenceId; // ours: one per order line
    QString productUid;
    qint64 quantity = 0;
    QString fulfillmentStatus;
};

struct GelatoOrderPackage
{
    QString id;
    QStringList orderItemIds; // Gelato item ids
    QString trackingCode;
    QString trackingUrl;
};

struct GelatoShipment
{
    QString shipmentMethodName;
    QString shipmentMethodUid;
    QDateTime minDeliveryDate, maxDeliveryDate; // invalid when Gelato gave none
    QList<GelatoOrderPackage> packages;
};

// One receipt's totals (VAT is the receipt's totalVat). Bottega only shows them, so a total Gelato
// leaves out (or gives as something else than a number) is accepted as unknown: 0 here, and its
// field name in `unknown` (e.g. "packagingPrice"), shown as "unknown" where the cost is shown.
struct GelatoReceipt
{
    QString transactionType; // "purchase", "refund", ...
    QString currency;
    double productsPrice = 0, shippingPrice = 0, packagingPrice = 0;
    double totalVat = 0, total = 0, totalInclVat = 0;
    QStringList unknown;
};

// The company Gelato bills (CONF-2): compared with company.name / company.billing-address.
struct GelatoBillingEntity
{
    QString companyName;
    QString addressLine1, addressLine2, city, postCode, state, country;
    QString email, phone;
};

struct GelatoOrder
{
    QString id;
    QString orderType; // "order" or "draft"
    QString orderReferenceId;
    QString customerReferenceId;
    QString fulfillmentStatus;
    QString financialStatus;
    QString currency;
    QDateTime createdAt, updatedAt;
    QList<GelatoOrderItem> items; // empty in search results
    std::optional<GelatoShipment> shipment;
    std::optional<GelatoBillingEntity> billingEntity;
    QList<GelatoReceipt> receipts;
    QStringList connectedOrderIds;
};

// One shipment method offered by a quote (`orders:quote`, ORD-4).
struct GelatoQuoteMethod
{
    QString name;
    QString shipmentMethodUid;
    QString type; // "normal" (Standard) or "express"
    double price = 0;
    QString currency;
    QDateTime minDeliveryDate, maxDeliveryDate;
    bool isBusiness = false, isPrivate = false;
};

// A quote: one per connected order Gelato would create; each with its shipment methods.
struct GelatoQuote
{
    QString id;
    QStringList itemReferenceIds; // the products this quote covers
    QList<GelatoQuoteMethod> shipmentMethods;
};

} // namespace Bottega
