// Address: a shipping or billing address of a sales order, with Gelato's field names (ORD-3).
#pragma once

#include <QString>
#include <QStringList>
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

    // Gelato's names of the fields, in Gelato's order: the names JSON, CSV, the form and the
    // problems of AddressCheck use.
    static const QStringList &fieldNames();
    // The field with Gelato's name `name`; empty for a name that is not one.
    QString field(const QString &name) const;
    // Sets the field with Gelato's name `name`; false (nothing set) for a name that is not one.
    bool setField(const QString &name, const QString &value);

    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString &name);
    friend bool operator==(const Address &, const Address &) = default;
};

} // namespace Bottega
