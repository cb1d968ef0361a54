// SalesOrder: an order to fulfil (ORD-1): customer, addresses, lines and totals, plus its Gelato
// and Poleepo links and statuses. When read whole it carries its timeline and packages too.
#pragma once

#include "core/domain/Address.h"
#include "core/domain/GelatoConnectedOrder.h"
#include "core/domain/OrderEvent.h"
#include "core/domain/OrderLine.h"
#include "core/domain/OrderPackage.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace Bottega {

struct SalesOrder
{
    enum class Source { Manual, Csv, Poleepo };

    qint64 id = 0; // 0 until stored
    QString reference; // unique: "WEB-1001"
    Source source = Source::Manual;
    QString channel; // the marketplace or shop it came from (Poleepo's source)
    QString state = QStringLiteral("draft"); // local state: draft, confirmed, sent, ..., cancelled
    QString currency = QStringLiteral("EUR");
    QString customerFirstName, customerLastName, customerEmail, customerPhone;
    QString shippingType; // "standard", "express", or empty
    QString shipmentMethodUid;
    double amountUntaxed = 0, amountTax = 0, amountShipping = 0, amountTotal = 0;

    QString gelatoOrderId;
    QString gelatoOrderReferenceId; // stable, so a retried send never creates a second order
    QString gelatoFulfillmentStatus;
    QString gelatoFinancialStatus;
    QDateTime deliveryEstimateMin, deliveryEstimateMax;
    // Gelato's cost from the receipts (ORD-5), to show the margin.
    QString gelatoCostCurrency;
    double gelatoCostProducts = 0, gelatoCostShipping = 0, gelatoCostPackaging = 0, gelatoCostVat = 0,
           gelatoCostTotal = 0;
    // The cost lines Gelato did not give, by its field names ("packagingPrice"): shown as unknown.
    QStringList gelatoCostUnknown;

    QString poleepoOrderId;
    QString poleepoStatus;
    // ORD-11, for orders from Poleepo: "gelato" (all goods Gelato's), "other", or "attention" with
    // the reason as a code and its arguments (PoleepoOrderImport::attentionText gives the words).
    // Read only: core/fulfilment decides them.
    QString fulfilment;
    QString attentionCode;
    QStringList attentionArgs;
    bool isGelato = false; // holds Gelato goods (ORD-2)
    bool isDraft = false; // a Gelato draft (test) order (ORD-7)
    QString notes;
    QDateTime createdAt, updatedAt;

    Address shippingAddress;
    std::optional<Address> billingAddress;
    QList<OrderLine> lines;
    // Filled by SalesOrderRepository::get only.
    QList<OrderEvent> events;
    QList<OrderPackage> packages;
    QList<GelatoConnectedOrder> connectedOrders;

    static QString sourceName(Source source);
    static std::optional<Source> sourceFromName(const QString &name);
};

} // namespace Bottega
