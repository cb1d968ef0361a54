// Migration 2 (issue 4, ORD-5 and CONF-2): what sending an order to Gelato exactly once and the
// company check need on the order itself: when a send was first attempted (so a retry searches
// Gelato by reference before creating anything) and the billing entity Gelato reported (JSON).
#include "core/store/Migrations.h"

using namespace Qt::StringLiterals;

namespace Bottega {

QStringList schemaVersion2Statements()
{
    return {
            u"ALTER TABLE sales_orders ADD COLUMN send_attempted_at BIGINT"_s,
            u"ALTER TABLE sales_orders ADD COLUMN gelato_billing_entity TEXT NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE sales_orders ADD COLUMN gelato_billing_entity_at BIGINT"_s,
            u"CREATE INDEX sales_orders_billing_entity ON sales_orders (gelato_billing_entity_at)"_s,
    };
}

} // namespace Bottega
