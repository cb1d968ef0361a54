// Migration 4 (issue 10): which of Gelato's cost lines were not given (a receipt without
// `packagingPrice`, say), so that the order shows them as unknown instead of failing or showing 0.
#include "core/store/Migrations.h"

using namespace Qt::StringLiterals;

namespace Bottega {

QStringList schemaVersion4Statements()
{
    return {
            u"ALTER TABLE sales_orders ADD COLUMN gelato_cost_unknown TEXT NOT NULL DEFAULT ''"_s,
    };
}

} // namespace Bottega
