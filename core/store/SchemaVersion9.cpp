// Migration 9 (PERF-5, the API log page's endpoint-text filter): a substring of the URL is found
// through a trigram index instead of a scan of the listing index (a million rows: about a second).
// The insert statement does not change.
// - SQLite: an FTS5 table with the trigram tokenizer over api_log.url (external content: the URL is
//   not stored twice; detail=none: only which rows hold each trigram, the smallest index that
//   answers LIKE '%text%'). It is NOT kept by an insert trigger: that cost the webhook intake's
//   hot path (PERF-1) about 60 us a row (each small transaction flushes and merges index segments).
//   Rows are added in bulk instead, ids in order (SQLite has one writer, so ids commit in order),
//   up to api_log_url_indexed.last_id, by ApiLogRepository::indexUrls before a text search and after
//   each cleanup: about a sixth of that per row, off the hot path. The rows there now are indexed
//   here ('rebuild'). Delete and update triggers keep the indexed rows right (the chunked cleanup).
// - PostgreSQL: pg_trgm and a GIN index on url, which ILIKE '%text%' uses by itself (ids there may
//   commit out of order, so the index follows each insert). pg_trgm is a trusted extension, but
//   CREATE EXTENSION needs the CREATE privilege on the database, which a shared database may refuse
//   (or the server may lack the contrib package): then the migration still succeeds without the
//   index and the filter keeps its scan (slower, same answers). A database where pg_trgm is
//   already installed gets the index.
#include "core/store/Migrations.h"

using namespace Qt::StringLiterals;

namespace Bottega {

QStringList schemaVersion9Statements()
{
    return {
            u"{{SQLITE}}CREATE VIRTUAL TABLE api_log_url USING fts5(url, content='api_log', "
            "content_rowid='id', tokenize='trigram', detail='none')"_s,
            u"{{SQLITE}}CREATE TABLE api_log_url_indexed (last_id INTEGER NOT NULL)"_s,
            u"{{SQLITE}}INSERT INTO api_log_url_indexed (last_id) SELECT COALESCE(MAX(id), 0) FROM api_log"_s,
            u"{{SQLITE}}INSERT INTO api_log_url (api_log_url) VALUES ('rebuild')"_s,
            // A row not indexed yet has nothing to take out of the index (and must not try: an FTS5
            // 'delete' of what it does not hold corrupts it). Ids never change.
            u"{{SQLITE}}CREATE TRIGGER api_log_url_delete AFTER DELETE ON api_log "
            "WHEN old.id <= (SELECT last_id FROM api_log_url_indexed) BEGIN "
            "INSERT INTO api_log_url (api_log_url, rowid, url) VALUES ('delete', old.id, old.url); END"_s,
            u"{{SQLITE}}CREATE TRIGGER api_log_url_update AFTER UPDATE OF url ON api_log "
            "WHEN old.id <= (SELECT last_id FROM api_log_url_indexed) BEGIN "
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
