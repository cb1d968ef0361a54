// GelatoOrderRequest: the exact JSON bodies Bottega sends for a sales order: `POST orders` (as a
// draft or a real order) and `POST orders:quote` (ORD-4, ORD-5). Pure: the order's Gelato goods,
// their product uids and print files are looked up by the caller.
#pragma once

#include "core/domain/SalesOrder.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Bottega {

// What Gelato needs to print one variant: its product uid and a file per placement.
struct GelatoPrintItem
{
    struct File
    {
        QString type; // the placement: "default", "back", ...
        QString url;
    };
    QString productUid;
    QList<File> files;
};

class GelatoOrderRequest final
{
public:
    // Gelato's currencies for orders (seed 003, "currency"): anything else is refused before sending.
    static bool isSupportedCurrency(const QString &currency);
    static QString supportedCurrencies(); // "EUR, USD, ..."

    // The order's own reference at Gelato: stable once stored, derived from the local reference.
    static QString orderReferenceId(const SalesOrder &order);
    // One per line, unique within the order, stable across retries: "<reference>-<position>".
    static QString itemReferenceId(const SalesOrder &order, int lineIndex);
    // The customer's reference: the email when there is one, else the order reference.
    static QString customerReferenceId(const SalesOrder &order);
    // How the order's shipping choice reads for Gelato: the kept uid, else the type, else empty.
    static QString shipmentMethodUid(const SalesOrder &order);

    // `POST orders`: orderType, orderReferenceId, customerReferenceId, currency, items (product
    // lines only, each with its itemReferenceId, productUid, files, quantity), shipmentMethodUid
    // when chosen, shippingAddress. `items` maps a variant id to what prints it.
    static QJsonObject order(const SalesOrder &order, const QHash<qint64, GelatoPrintItem> &items,
                             bool asDraft);
    // `POST orders:quote`: orderReferenceId, customerReferenceId, currency, allowMultipleQuotes,
    // recipient, products.
    static QJsonObject quote(const SalesOrder &order, const QHash<qint64, GelatoPrintItem> &items);
    // The address with Gelato's field names; empty optional fields left out.
    static QJsonObject address(const Address &address);
};

} // namespace Bottega
