// Address: a shipping or billing address of a sales order, with Gelato's field names (ORD-3).
#pragma once

#include <QString>
#include <optional>

namespace Bottega {

struct Address
{
    enum class Kind { Shipping, Billing };

    qint64 id = 0; // 0 until stored
    qint64 orderId = 0;
    Kind kind = Kind::Shipping;
    QString firstName, lastName, companyName;
    QString addressLine1, addressLine2;
    QString city, postCode, state;
    QString country; // ISO 3166-1 alpha-2
    QString email, phone;

    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString &name);
    friend bool operator==(const Address &, const Address &) = default;
};

} // namespace Bottega
