// OrderLine: one line of a sales order: a product variant, a service, or shipping (ORD-2). Each
// line has its own Gelato itemReferenceId, so one product on two lines stays two items (ORD-5).
#pragma once

#include <QString>
#include <optional>

namespace Bottega {

struct OrderLine
{
    enum class Kind { Product, Service, Shipping };

    qint64 id = 0; // 0 until stored
    qint64 orderId = 0;
    qint64 variantId = 0; // 0: not one of our variants (service, shipping, unknown SKU)
    QString productName;
    QString sku;
    qint64 quantity = 1;
    double unitPrice = 0;
    Kind kind = Kind::Product;
    QString itemReferenceId;
    QString gelatoItemId;
    QString gelatoItemStatus;
    int position = 0;

    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString &name);
};

} // namespace Bottega
