// Migration 8 (issue 15, LOG-2 and PERF-5; 7 is another branch's): the API log page pages by key
// (at, id) and filters a million rows without reading them. One index holds the listing order and
// every column the filters test (direction, status, service, url), so a filter that matches few rows
// walks the index and never the table with its bodies. The old (at, id) index is its prefix and
// goes: SQLite would pick it, smaller, and then read a million table rows to test the filters.
// The answer's headers get their own column (the page shows request and response headers).
#include "core/store/Migrations.h"

using namespace Qt::StringLiterals;

namespace Bottega {

QStringList schemaVersion8Statements()
{
    return {
            u"ALTER TABLE api_log ADD COLUMN response_headers TEXT NOT NULL DEFAULT ''"_s,
            u"CREATE INDEX api_log_listing ON api_log (at, id, direction, status, service, url)"_s,
            u"DROP INDEX api_log_at"_s,
    };
}

} // namespace Bottega
