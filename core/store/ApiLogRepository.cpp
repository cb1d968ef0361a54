#include "core/store/ApiLogRepository.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqlValues.h"

#include <QLoggingCategory>
#include <QRegularExpression>
#include <QThread>
#include <QVariantList>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

Q_LOGGING_CATEGORY(lcApiLogIndex, "bottega.store.apilog")

namespace {

// What a table of rows shows: every column of the listing index, and the few small ones beside it.
constexpr auto summaryColumns = "id, at, direction, service, method, url, status, duration_ms, request_size, "
                                "response_size, error, attempts"_L1;
constexpr auto allColumns
        = "id, at, direction, service, method, url, status, duration_ms, request_size, "
          "response_size, error, attempts, request_headers, response_headers, request_body, "
          "response_body"_L1;

ApiLogEntry readEntry(const SqlStatement &row, bool details)
{
    ApiLogEntry entry;
    entry.id = row.integer(u"id"_s);
    entry.time = row.time(u"at"_s);
    entry.direction = row.integer(u"direction"_s) == 1 ? ApiLogEntry::Direction::Inbound
                                                       : ApiLogEntry::Direction::Outbound;
    entry.service = row.text(u"service"_s);
    entry.method = row.text(u"method"_s).toLatin1();
    entry.url = row.text(u"url"_s);
    entry.status = int(row.integer(u"status"_s));
    entry.durationMs = row.integer(u"duration_ms"_s);
    entry.requestSize = row.integer(u"request_size"_s);
    entry.responseSize = row.integer(u"response_size"_s);
    entry.error = row.text(u"error"_s);
    entry.attempts = int(row.integer(u"attempts"_s));
    if (details) {
        entry.requestHeaders = row.text(u"request_headers"_s);
        entry.responseHeaders = row.text(u"response_headers"_s);
        entry.requestBody = row.bytes(u"request_body"_s);
        entry.responseBody = row.bytes(u"response_body"_s);
    }
    return entry;
}

// SQLite: the rows the trigram index (migration 9) answers a text with are looked up by id only when
// there are fewer than this many; a text found in more rows is found sooner by walking the listing
// index newest first (a page of 100 from at least this many matches), as before the index.
constexpr int urlIndexMostRows = 10000;

// The longest part of text with no LIKE wildcard: what the trigram index is asked for (a superset of
// the rows whose URL contains text; the LIKE on the table keeps exactly those).
QString longestLiteralRun(const QString &text)
{
    QString longest;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text.at(i) == u'%' || text.at(i) == u'_') {
            if (i - start > longest.size())
                longest = text.mid(start, i - start);
            start = i + 1;
        }
    }
    return longest;
}

// The conditions of a query's filters and their values, in placeholder order. urlIndexPattern (SQLite):
// non-empty to find the text's rows through the trigram index first.
QStringList filterConditions(const ApiLogRepository::Query &query, bool sqlite, const QString &urlIndexPattern,
                             QVariantList &values)
{
    QStringList conditions;
    if (!query.service.isEmpty()) {
        conditions.append(u"service = ?"_s);
        values.append(query.service);
    }
    if (query.direction) {
        conditions.append(u"direction = ?"_s);
        values.append(*query.direction == ApiLogEntry::Direction::Inbound ? 1 : 0);
    }
    // "+status": not the (status, at) index, whose rows would then be sorted by time (tens of
    // thousands for 4xx); the listing index, walked in order, finds a page of them at once.
    if (query.statusClass == -1) {
        conditions.append(u"+status = 0"_s);
    } else if (query.statusClass == ApiLogRepository::Query::ErrorsClass) {
        conditions.append(u"(+status = 0 OR +status >= 400)"_s);
    } else if (query.statusClass > 0) {
        conditions.append(u"+status >= ? AND +status < ?"_s);
        values.append(query.statusClass * 100);
        values.append((query.statusClass + 1) * 100);
    }
    if (!query.text.isEmpty()) {
        if (!urlIndexPattern.isEmpty()) {
            conditions.append(u"id IN (SELECT rowid FROM api_log_url WHERE url LIKE ?)"_s);
            values.append(urlIndexPattern);
        }
        // SQLite's LIKE ignores ASCII case already (LOWER() would double the cost of a scan);
        // PostgreSQL's ILIKE does the same there.
        conditions.append(sqlite ? u"url LIKE ? ESCAPE '\\'"_s : u"url ILIKE ? ESCAPE '\\'"_s);
        values.append(Sql::containsPattern(query.text));
    }
    if (query.from.isValid()) {
        conditions.append(u"at >= ?"_s);
        values.append(query.from.toMSecsSinceEpoch());
    }
    if (query.to.isValid()) {
        conditions.append(u"at < ?"_s);
        values.append(query.to.toMSecsSinceEpoch());
    }
    return conditions;
}

bool isSqlite(const Database &database)
{
    return database.engine() == DatabaseLocation::Engine::Sqlite;
}

// With the trigram index's rows: NOT INDEXED leaves SQLite only the lookup of those rows by id
// (INTEGER PRIMARY KEY), then a sort of the few; it would otherwise walk an index to honour the order
// or a bound on time and test each row against the list.
QString tableOf(const QString &urlIndexPattern)
{
    return urlIndexPattern.isEmpty() ? u"api_log"_s : u"api_log NOT INDEXED"_s;
}

QString whereOf(const QStringList &conditions)
{
    return conditions.isEmpty() ? QString() : u" WHERE "_s + conditions.join(" AND "_L1);
}

} // namespace

Result<qint64> ApiLogRepository::indexUrls(int chunkRows)
{
    if (!isSqlite(m_database))
        return 0;
    const QSqlDatabase connection = m_database.connection();
    {
        // Most calls find nothing new: a read, no write lock.
        SqlStatement behind(connection, u"SELECT EXISTS (SELECT 1 FROM api_log WHERE id > (SELECT last_id "
                                        "FROM api_log_url_indexed)) AS behind"_s);
        if (auto r = behind.exec(tr("cannot index the API log")); !r)
            return makeError(r.error());
        if (!behind.next() || behind.integer(u"behind"_s) == 0)
            return 0;
    }
    const int chunk = std::max(1, chunkRows);
    qint64 indexed = 0;
    for (;;) {
        qint64 added = 0;
        // One transaction a chunk: the intake waits for one chunk at most (BEGIN IMMEDIATE: the
        // last id is read under the write lock, so two connections never index a row twice).
        auto done = m_database.transaction([&](QSqlDatabase &db) -> Result<void> {
            SqlStatement last(db, u"SELECT last_id FROM api_log_url_indexed"_s);
            if (auto r = last.exec(tr("cannot index the API log")); !r)
                return r;
            if (!last.next())
                return makeError(tr("cannot index the API log: no index state"));
            const qint64 from = last.integer(u"last_id"_s);
            last.query().finish();
            SqlStatement range(db, u"SELECT COUNT(*) AS n, MAX(id) AS to_id FROM (SELECT id FROM api_log "
                                   "WHERE id > ? ORDER BY id LIMIT ?)"_s);
            range.bind(from).bind(chunk);
            if (auto r = range.exec(tr("cannot index the API log")); !r)
                return r;
            added = range.next() ? range.integer(u"n"_s) : 0;
            const qint64 to = added > 0 ? range.integer(u"to_id"_s) : from;
            range.query().finish();
            if (added == 0)
                return {};
            SqlStatement add(db, u"INSERT INTO api_log_url (rowid, url) SELECT id, url FROM api_log WHERE id > ? "
                                 "AND id <= ?"_s);
            add.bind(from).bind(to);
            if (auto r = add.exec(tr("cannot index the API log")); !r)
                return r;
            SqlStatement mark(db, u"UPDATE api_log_url_indexed SET last_id = ?"_s);
            mark.bind(to);
            return mark.exec(tr("cannot index the API log"));
        });
        if (!done)
            return makeError(done.error());
        indexed += added;
        if (added < chunk)
            return indexed;
    }
}

Result<QString> ApiLogRepository::urlIndexPattern(const QString &text)
{
    // PostgreSQL's planner weighs the pg_trgm index (when there is one) against the listing index
    // itself, from its statistics; SQLite's needs to be told.
    if (text.isEmpty() || !isSqlite(m_database))
        return QString();
    // A trigram index needs three characters in a row to look up.
    const QString run = longestLiteralRun(text);
    if (run.toUcs4().size() < 3)
        return QString();
    // The rows written since the last search or cleanup first. Should that fail (the database busy
    // for long, read-only), the scan still gives the right rows.
    if (auto indexed = indexUrls(); !indexed) {
        qCWarning(lcApiLogIndex) << "the endpoint filter scans, the index could not be brought up to date:"
                                 << indexed.error();
        return QString();
    }
    const QString pattern = u'%' + run + u'%';
    SqlStatement probe(m_database.connection(),
                       u"SELECT COUNT(*) AS n FROM (SELECT rowid FROM api_log_url WHERE url LIKE ? LIMIT ?)"_s);
    probe.bind(pattern).bind(urlIndexMostRows);
    if (auto r = probe.exec(tr("cannot search the API log")); !r)
        return makeError(r.error());
    const qint64 rows = probe.next() ? probe.integer(u"n"_s) : 0;
    return rows < urlIndexMostRows ? pattern : QString();
}

ApiLogRepository::ApiLogRepository(const Database &database) : m_database(database) { }

ApiLogRepository::~ApiLogRepository() = default;

Result<qint64> ApiLogRepository::insert(const ApiLogEntry &entry)
{
    // Prepared once on this thread's connection and reused: preparing cost more than the insert.
    if (m_insertThread != QThread::currentThread()) {
        m_insert.reset();
        m_insertThread = QThread::currentThread();
    }
    if (!m_insert) {
        m_insert = std::make_unique<SqlStatement>(
                m_database.connection(),
                u"INSERT INTO api_log (at, direction, service, method, url, status, duration_ms, "
                "request_size, response_size, request_headers, response_headers, request_body, "
                "response_body, error, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "RETURNING id"_s);
    }
    SqlStatement &insert = *m_insert;
    // A result read earlier (SQLite: an open read cursor) is let go before the next run.
    insert.query().finish();
    const QDateTime time = entry.time.isValid() ? entry.time : m_database.clock().now();
    insert.bind(time.toMSecsSinceEpoch())
            .bind(entry.direction == ApiLogEntry::Direction::Inbound ? 1 : 0)
            .bind(Sql::text(entry.service))
            .bind(Sql::text(QString::fromLatin1(entry.method)))
            .bind(Sql::text(entry.url))
            .bind(entry.status)
            .bind(entry.durationMs)
            .bind(entry.requestSize)
            .bind(entry.responseSize)
            .bind(Sql::text(entry.requestHeaders))
            .bind(Sql::text(entry.responseHeaders))
            .bind(Sql::bytes(entry.requestBody))
            .bind(Sql::bytes(entry.responseBody))
            .bind(Sql::text(entry.error))
            .bind(entry.attempts);
    if (auto r = insert.exec(QString()); !r) // the message only on failure (per call otherwise)
        return makeError(tr("cannot write to the API log") + r.error());
    const bool returned = insert.next();
    const qint64 id = returned ? insert.integer(u"id"_s) : 0;
    // Done with the statement now, so that it holds no lock and does not keep the transaction busy.
    insert.query().finish();
    if (!returned)
        return makeError(tr("cannot write to the API log: no id returned"));
    return id;
}

Result<ApiLogEntry> ApiLogRepository::get(qint64 id)
{
    SqlStatement select(m_database.connection(), u"SELECT "_s + allColumns + u" FROM api_log WHERE id = ?"_s);
    select.bind(id);
    if (auto r = select.exec(tr("cannot read API log entry %1").arg(id)); !r)
        return makeError(r.error());
    if (!select.next())
        return makeError(tr("no API log entry with id %1").arg(id));
    return readEntry(select, true);
}

Result<QList<ApiLogEntry>> ApiLogRepository::list(const Query &query)
{
    return select(allColumns, query, true);
}

Result<QList<ApiLogEntry>> ApiLogRepository::listSummaries(const Query &query)
{
    return select(summaryColumns, query, false);
}

Result<QList<ApiLogEntry>> ApiLogRepository::select(const QString &columns, const Query &query, bool details)
{
    const auto indexPattern = urlIndexPattern(query.text);
    if (!indexPattern)
        return makeError(indexPattern.error());
    QVariantList values;
    QStringList conditions = filterConditions(query, isSqlite(m_database), *indexPattern, values);
    if (query.after) {
        // "at <= ?" first: both engines turn it into a bound on the index, so the page starts at the
        // key instead of walking every newer row; the OR only breaks ties on the same millisecond.
        conditions.append(query.oldestFirst ? u"at >= ? AND (at > ? OR id > ?)"_s
                                            : u"at <= ? AND (at < ? OR id < ?)"_s);
        values << query.after->atMs << query.after->atMs << query.after->id;
    }
    QString sql = u"SELECT "_s + columns + u" FROM "_s + tableOf(*indexPattern) + whereOf(conditions)
            + (query.oldestFirst ? u" ORDER BY at ASC, id ASC"_s : u" ORDER BY at DESC, id DESC"_s);
    if (query.limit > 0) {
        sql += u" LIMIT ?"_s;
        values.append(query.limit);
    }
    SqlStatement select(m_database.connection(), sql);
    select.bindAll(values);
    if (auto r = select.exec(tr("cannot read the API log")); !r)
        return makeError(r.error());
    QList<ApiLogEntry> entries;
    while (select.next())
        entries.append(readEntry(select, details));
    return entries;
}

Result<qint64> ApiLogRepository::count(const Query &query)
{
    const auto indexPattern = urlIndexPattern(query.text);
    if (!indexPattern)
        return makeError(indexPattern.error());
    QVariantList values;
    const QString where = whereOf(filterConditions(query, isSqlite(m_database), *indexPattern, values));
    return SqlStatement::count(m_database.connection(), tableOf(*indexPattern), where, values,
                               tr("cannot count the API log"));
}

Result<ApiLogRepository::Related> ApiLogRepository::relatedOf(const ApiLogEntry &entry)
{
    // Gelato's and Poleepo's order calls name the order in the path: /v4/orders/{id}[:cancel],
    // /orders/{id}.
    static const QRegularExpression orderInPath(u"/orders/([^/:?#]+)"_s);
    const auto match = orderInPath.match(entry.url);
    const QString column = entry.service == "gelato"_L1 ? u"gelato_order_id"_s
            : entry.service == "poleepo"_L1             ? u"poleepo_order_id"_s
                                                        : QString();
    if (entry.direction != ApiLogEntry::Direction::Outbound || !match.hasMatch() || column.isEmpty())
        return Related {};
    SqlStatement select(m_database.connection(),
                        u"SELECT id, reference FROM sales_orders WHERE "_s + column
                                + u" = ? ORDER BY id LIMIT 1"_s);
    select.bind(match.captured(1));
    if (auto r = select.exec(tr("cannot find the order of API log entry %1").arg(entry.id)); !r)
        return makeError(r.error());
    if (!select.next())
        return Related {};
    return Related {Related::Kind::Order, select.integer(u"id"_s), select.text(u"reference"_s)};
}

Result<qint64> ApiLogRepository::deleteOlderThan(const QDateTime &time, int chunkRows,
                                                 const std::function<void(qint64)> &onChunk)
{
    return deleteOlderThanWhile(time, chunkRows, [&onChunk](qint64 deletedSoFar) {
        if (onChunk)
            onChunk(deletedSoFar);
        return true;
    });
}

Result<qint64> ApiLogRepository::deleteOlderThanWhile(const QDateTime &time, int chunkRows,
                                                      const std::function<bool(qint64)> &goOn)
{
    const int chunk = std::max(1, chunkRows);
    qint64 deleted = 0;
    for (;;) {
        // The oldest rows first, through the listing index; the same SQL on both engines.
        SqlStatement remove(m_database.connection(),
                            u"DELETE FROM api_log WHERE id IN (SELECT id FROM api_log WHERE at < ? "
                            "ORDER BY at, id LIMIT ?)"_s);
        remove.bind(time.toMSecsSinceEpoch()).bind(chunk);
        if (auto r = remove.exec(tr("cannot clean up the API log")); !r)
            return makeError(r.error());
        const int removed = remove.rowsAffected();
        deleted += std::max(0, removed);
        const bool more = removed >= chunk;
        if (removed > 0 && goOn && !goOn(deleted))
            return deleted; // stopped: indexing the new rows is left to the next search
        if (!more)
            break;
    }
    // The day's new rows into the endpoint filter's index, so that a search need not (LOG-3 runs
    // this daily). The cleanup itself is done: a failure here only leaves that to the next search.
    if (auto indexed = indexUrls(chunk); !indexed)
        qCWarning(lcApiLogIndex) << "cannot index the new rows after the cleanup:" << indexed.error();
    return deleted;
}

Result<qint64> ApiLogRepository::deleteOlderThanDays(int days)
{
    return deleteOlderThan(m_database.clock().now().addDays(-days));
}

} // namespace Bottega
