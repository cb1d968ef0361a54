// Migration 3 (issue 4, ORD-5): a lease on sending an order, so that a second process (or window)
// never sends an order another is sending right now, while a send a crash abandoned can be retried
// once the lease has run out.
#include "core/store/Migrations.h"

using namespace Qt::StringLiterals;

namespace Bottega {

QStringList schemaVersion3Statements()
{
    return {
            u"ALTER TABLE sales_orders ADD COLUMN send_lease_until BIGINT"_s,
    };
}

} // namespace Bottega
