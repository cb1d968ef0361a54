// AddressCheck: the address rules Gelato enforces (ORD-3): required fields, its length limits,
// countries without post codes, and the post code's format in countries whose format is known.
// Runs as the user types and before quoting or confirming (window and command line alike); each
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
    // A post code of the country's own format, as an example ("00184" for IT); empty when Bottega
    // does not know the country's format (then any post code within Gelato's limit is taken).
    static QString postCodeExample(const QString &countryCode);
    // Whether postCode fits the country's format (true where the format is not known).
    static bool isPostCodeValid(const QString &countryCode, const QString &postCode);
    // "shipping address: city is required; post code is longer than 15 characters"
    static QString describe(const QList<FieldProblem> &problems, Address::Kind kind);
};

} // namespace Bottega
