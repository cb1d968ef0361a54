// Migration 6 (issue 12; 5 is the catalog-publishing issue's): what Bottega decides about an order
// imported from Poleepo (ORD-11: all Gelato goods, other goods, or a person must look, with the
// reason as a code and its arguments, rendered when shown), Gelato's tracking handed back to
// Poleepo once per package, and the cursor of the import job (SCHED-1).
#include "core/store/Migrations.h"

using namespace Qt::StringLiterals;

namespace Bottega {

QStringList schemaVersion6Statements()
{
    return {
            // fulfilment: '' (not from Poleepo), 'gelato', 'other', 'attention'.
            u"ALTER TABLE sales_orders ADD COLUMN fulfilment TEXT NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE sales_orders ADD COLUMN attention_code TEXT NOT NULL DEFAULT ''"_s,
            // The reason's arguments, one a line (a SKU, what is missing).
            u"ALTER TABLE sales_orders ADD COLUMN attention_args TEXT NOT NULL DEFAULT ''"_s,
            u"CREATE INDEX sales_orders_fulfilment ON sales_orders (fulfilment, state)"_s,

            // One row per package whose tracking Poleepo accepted: never sent twice.
            uR"(CREATE TABLE poleepo_tracking_handoffs (
            id {{ID}},
            package_id BIGINT NOT NULL REFERENCES order_packages (id) ON DELETE CASCADE,
            order_id BIGINT NOT NULL REFERENCES sales_orders (id) ON DELETE CASCADE,
            poleepo_shipping_id TEXT NOT NULL,
            tracking_code TEXT NOT NULL,
            carrier TEXT NOT NULL DEFAULT '',
            handed_at BIGINT NOT NULL,
            UNIQUE (package_id, tracking_code)))"_s,
            u"CREATE INDEX poleepo_tracking_handoffs_order ON poleepo_tracking_handoffs (order_id)"_s,

            // Named cursors of polling jobs (import-poleepo-orders: the last updated_after seen).
            uR"(CREATE TABLE sync_cursors (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL DEFAULT '',
            updated_at BIGINT NOT NULL))"_s,
    };
}

} // namespace Bottega
