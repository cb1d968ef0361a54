#include "core/store/ApiLogRepository.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqlValues.h"

#include <QRegularExpression>
#include <QThread>
#include <QVariantList>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

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

// The conditions of a query's filters and their values, in placeholder order.
QStringList filterConditions(const ApiLogRepository::Query &query, bool sqlite, QVariantList &values)
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

QString whereOf(const QStringList &conditions)
{
    return conditions.isEmpty() ? QString() : u" WHERE "_s + conditions.join(" AND "_L1);
}

} // namespace

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
    QVariantList values;
    QStringList conditions = filterConditions(query, isSqlite(m_database), values);
    if (query.after) {
        // "at <= ?" first: both engines turn it into a bound on the index, so the page starts at the
        // key instead of walking every newer row; the OR only breaks ties on the same millisecond.
        conditions.append(query.oldestFirst ? u"at >= ? AND (at > ? OR id > ?)"_s
                                            : u"at <= ? AND (at < ? OR id < ?)"_s);
        values << query.after->atMs << query.after->atMs << query.after->id;
    }
    QString sql = u"SELECT "_s + columns + u" FROM api_log"_s + whereOf(conditions)
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
    QVariantList values;
    const QString where = whereOf(filterConditions(query, isSqlite(m_database), values));
    return SqlStatement::count(m_database.connection(), u"api_log"_s, where, values,
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
            return deleted;
        if (!more)
            return deleted;
    }
}

Result<qint64> ApiLogRepository::deleteOlderThanDays(int days)
{
    return deleteOlderThan(m_database.clock().now().addDays(-days));
}

} // namespace Bottega
