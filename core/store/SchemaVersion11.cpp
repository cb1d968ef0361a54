// Schema version 11: the queue's pending rows in an index of their own (PERF-2). Claiming takes the
// oldest due Pending rows in id order; without this index both engines walked the primary key from
// the start and stepped over every row already processed, so each pass got slower as the queue's
// history grew (on PostgreSQL 5.5 ms a pass of 200 out of 10,000 rows, a fifth of the processing).
// A partial index holds only the rows waiting, so it stays small however long the queue's history.
#include "core/store/Migrations.h"

using namespace Qt::StringLiterals;

namespace Bottega {

QStringList schemaVersion11Statements()
{
    return {
            u"CREATE INDEX webhook_queue_pending ON webhook_queue (id) WHERE state = 'Pending'"_s,
    };
}

} // namespace Bottega
