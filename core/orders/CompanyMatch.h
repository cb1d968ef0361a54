// CompanyMatch: CONF-2's comparison of the company in settings (company.name,
// company.billing-address) with the billing entity Gelato reports on orders. Case, punctuation,
// line breaks and the order of the address parts do not count; the message names what differs.
#pragma once

#include "core/gelato/GelatoOrder.h"
#include "core/orders/OrderService.h"

#include <QCoreApplication>

namespace Bottega {

class CompanyMatch final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::CompanyMatch)

public:
    static CompanyCheck compare(const QString &companyName, const QString &billingAddress,
                                const GelatoBillingEntity &entity);
    // Lower case, every run of non-letters/digits one space: "Via Roma, 1" → "via roma 1".
    static QString normalized(const QString &text);
    // The entity's address as one line: "Via Roma 1, 20100 Milano, IT".
    static QString addressText(const GelatoBillingEntity &entity);
};

} // namespace Bottega
