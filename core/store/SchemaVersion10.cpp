// Schema version 10: the webhook intake's inbox (PERF-1, HOOK-3). A call the intake accepted is
// stored as one row of webhook_inbox before its 2xx answer: one B-tree and no secondary index, the
// cheapest durable write (writing the queue row and the API-log row at once touched eight B-trees
// per commit). WebhookInbox moves the rows in bulk into webhook_queue (duplicates by event id
// dropped there) and api_log, then deletes them; a crash between the answer and the move leaves the
// rows here, moved at the next start.
// On SQLite the id is the plain rowid, not AUTOINCREMENT (which writes sqlite_sequence in every
// commit): ids of moved rows may come again, which is fine for rows that live a few milliseconds.
// The api-log columns hold the row the server would have written (Server::inboundLogEntry); NULL
// request headers or body mean "the same as the call's".
#include "core/store/Migrations.h"

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

constexpr auto inboxColumns = R"(
            source TEXT NOT NULL,
            record_name TEXT NOT NULL DEFAULT '',
            event TEXT NOT NULL DEFAULT '',
            event_id TEXT,
            body {{BLOB}},
            headers TEXT NOT NULL DEFAULT '',
            received_at BIGINT NOT NULL,
            log_service TEXT,
            log_method TEXT,
            log_url TEXT,
            log_status INTEGER,
            log_request_size BIGINT,
            log_response_size BIGINT,
            log_request_headers TEXT,
            log_response_headers TEXT,
            log_request_body {{BLOB}},
            log_response_body {{BLOB}}))"_L1;

} // namespace

QStringList schemaVersion10Statements()
{
    return {
            u"{{SQLITE}}CREATE TABLE webhook_inbox (id INTEGER PRIMARY KEY,"_s + inboxColumns,
            u"{{POSTGRESQL}}CREATE TABLE webhook_inbox (id {{ID}},"_s + inboxColumns,
    };
}

} // namespace Bottega
