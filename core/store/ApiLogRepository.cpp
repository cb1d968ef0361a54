#include "core/store/ApiLogRepository.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqlValues.h"

#include <QVariantList>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

constexpr auto columns = "id, at, direction, service, method, url, status, duration_ms, request_size, "
                         "response_size, request_headers, request_body, response_body, error, attempts"_L1;

ApiLogEntry readEntry(const SqlStatement &row)
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
    entry.requestHeaders = row.text(u"request_headers"_s);
    entry.requestBody = row.bytes(u"request_body"_s);
    entry.responseBody = row.bytes(u"response_body"_s);
    entry.error = row.text(u"error"_s);
    entry.attempts = int(row.integer(u"attempts"_s));
    return entry;
}

// The WHERE clause of a query and its values, in placeholder order.
QString whereClause(const ApiLogRepository::Query &query, QVariantList &values)
{
    QStringList conditions;
    if (!query.service.isEmpty()) {
        conditions.append(u"service = ?"_s);
        values.append(query.service);
    }
    if (query.statusClass == -1) {
        conditions.append(u"status = 0"_s);
    } else if (query.statusClass > 0) {
        conditions.append(u"status >= ? AND status < ?"_s);
        values.append(query.statusClass * 100);
        values.append((query.statusClass + 1) * 100);
    }
    if (!query.text.isEmpty()) {
        conditions.append(u"LOWER(url) LIKE ? ESCAPE '\\'"_s);
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
    return conditions.isEmpty() ? QString() : u" WHERE "_s + conditions.join(" AND "_L1);
}

} // namespace

ApiLogRepository::ApiLogRepository(const Database &database) : m_database(database) { }

Result<qint64> ApiLogRepository::insert(const ApiLogEntry &entry)
{
    SqlStatement insert(m_database.connection(),
                        u"INSERT INTO api_log (at, direction, service, method, url, status, duration_ms, "
                        "request_size, response_size, request_headers, request_body, response_body, error, "
                        "attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s);
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
            .bind(Sql::bytes(entry.requestBody))
            .bind(Sql::bytes(entry.responseBody))
            .bind(Sql::text(entry.error))
            .bind(entry.attempts);
    if (auto r = insert.exec(tr("cannot write to the API log")); !r)
        return makeError(r.error());
    if (!insert.next())
        return makeError(tr("cannot write to the API log: no id returned"));
    return insert.integer(u"id"_s);
}

Result<ApiLogEntry> ApiLogRepository::get(qint64 id)
{
    SqlStatement select(m_database.connection(), u"SELECT "_s + columns + u" FROM api_log WHERE id = ?"_s);
    select.bind(id);
    if (auto r = select.exec(tr("cannot read API log entry %1").arg(id)); !r)
        return makeError(r.error());
    if (!select.next())
        return makeError(tr("no API log entry with id %1").arg(id));
    return readEntry(select);
}

Result<QList<ApiLogEntry>> ApiLogRepository::list(const Query &query)
{
    QVariantList values;
    QString sql = u"SELECT "_s + columns + u" FROM api_log"_s + whereClause(query, values)
            + u" ORDER BY at DESC, id DESC"_s;
    SqlStatement::appendPage(sql, values, query.limit, query.offset);
    SqlStatement select(m_database.connection(), sql);
    select.bindAll(values);
    if (auto r = select.exec(tr("cannot read the API log")); !r)
        return makeError(r.error());
    QList<ApiLogEntry> entries;
    while (select.next())
        entries.append(readEntry(select));
    return entries;
}

Result<qint64> ApiLogRepository::count(const Query &query)
{
    QVariantList values;
    const QString where = whereClause(query, values);
    return SqlStatement::count(m_database.connection(), u"api_log"_s, where, values,
                               tr("cannot count the API log"));
}

Result<int> ApiLogRepository::deleteOlderThan(const QDateTime &time)
{
    SqlStatement remove(m_database.connection(), u"DELETE FROM api_log WHERE at < ?"_s);
    remove.bind(time.toMSecsSinceEpoch());
    if (auto r = remove.exec(tr("cannot clean up the API log")); !r)
        return makeError(r.error());
    return remove.rowsAffected();
}

Result<int> ApiLogRepository::deleteOlderThanDays(int days)
{
    return deleteOlderThan(m_database.clock().now().addDays(-days));
}

} // namespace Bottega
