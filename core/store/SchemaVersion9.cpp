// Migration 9 (PERF-5, the API log page's endpoint-text filter): a substring of the URL is found
// through a trigram index instead of a scan of the listing index (a million rows: about a second).
// The insert statement does not change: the index follows the table by itself.
// - SQLite: an FTS5 table with the trigram tokenizer over api_log.url (external content: the URL
//   is not stored twice; detail=none: only which rows hold each trigram, the smallest index that
//   answers LIKE '%text%'), kept in step by triggers on insert, delete (the chunked cleanup) and
//   update; filled for the rows already there by 'rebuild'.
// - PostgreSQL: pg_trgm and a GIN index on url, which ILIKE '%text%' uses by itself. pg_trgm is a
//   trusted extension, but CREATE EXTENSION needs the CREATE privilege on the database, which a
//   shared database may refuse (or the server may lack the contrib package): then the migration
//   still succeeds without the index and the filter keeps its scan (slower, same answers). A
//   database where pg_trgm is already installed gets the index.
#include "core/store/Migrations.h"

using namespace Qt::StringLiterals;

namespace Bottega {

QStringList schemaVersion9Statements()
{
    return {
            u"{{SQLITE}}CREATE VIRTUAL TABLE api_log_url USING fts5(url, content='api_log', "
            "content_rowid='id', tokenize='trigram', detail='none')"_s,
            u"{{SQLITE}}INSERT INTO api_log_url (api_log_url) VALUES ('rebuild')"_s,
            u"{{SQLITE}}CREATE TRIGGER api_log_url_insert AFTER INSERT ON api_log BEGIN "
            "INSERT INTO api_log_url (rowid, url) VALUES (new.id, new.url); END"_s,
            u"{{SQLITE}}CREATE TRIGGER api_log_url_delete AFTER DELETE ON api_log BEGIN "
            "INSERT INTO api_log_url (api_log_url, rowid, url) VALUES ('delete', old.id, old.url); END"_s,
            u"{{SQLITE}}CREATE TRIGGER api_log_url_update AFTER UPDATE OF id, url ON api_log BEGIN "
            "INSERT INTO api_log_url (api_log_url, rowid, url) VALUES ('delete', old.id, old.url); "
            "INSERT INTO api_log_url (rowid, url) VALUES (new.id, new.url); END"_s,
            // Each DO block is one statement; the EXCEPTION clause runs the CREATE EXTENSION in a
            // subtransaction, so a refusal does not abort the migration's transaction.
            uR"({{POSTGRESQL}}DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm not installed (%): the API log endpoint filter scans', SQLERRM;
END
$$)"_s,
            uR"({{POSTGRESQL}}DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX api_log_url_trgm ON api_log USING gin (url gin_trgm_ops);
    END IF;
END
$$)"_s,
    };
}

} // namespace Bottega
