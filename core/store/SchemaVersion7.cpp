// Migration 7 (issue 12, shipping with Poleepo; 8 belongs to another branch): how many of a line's
// goods reached the shop, ready to pack (seed 002: "Ship with Poleepo" is enabled only when every
// product of the order is delivered). Shipments, their parcels and package types exist since 1.
#include "core/store/Migrations.h"

using namespace Qt::StringLiterals;

namespace Bottega {

QStringList schemaVersion7Statements()
{
    return {
            u"ALTER TABLE order_lines ADD COLUMN delivered_quantity BIGINT NOT NULL DEFAULT 0"_s,
    };
}

} // namespace Bottega
