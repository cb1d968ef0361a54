// AddressCheck: the address rules Gelato enforces (ORD-3): required fields, its length limits,
// countries without post codes. Runs as the user types and before quoting or confirming; each
// problem names the field.
#pragma once

#include "core/domain/Address.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Bottega {

struct FieldProblem
{
    QString field; // Gelato's field name: "addressLine1", "postCode", ...
    QString message; // readable and complete: "street (address line 1) is longer than 35 characters"
};

class AddressCheck final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::AddressCheck)

public:
    // Problems with a shipping address (or a billing address, where email is not required).
    static QList<FieldProblem> check(const Address &address);
    // Gelato's limit for a field (0: none).
    static int maximumLength(const QString &field);
    static bool countryHasPostCodes(const QString &countryCode);
    // "shipping address: city is required; post code is longer than 15 characters"
    static QString describe(const QList<FieldProblem> &problems, Address::Kind kind);
};

} // namespace Bottega
