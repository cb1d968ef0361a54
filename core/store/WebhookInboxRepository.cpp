#include "core/store/WebhookInboxRepository.h"

#include "core/store/Database.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqliteStatement.h"
#include "core/store/SqlValues.h"

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

constexpr auto queueColumns
        = "source, record_name, event, event_id, body, headers, received_at, state, attempts, next_attempt_at"_L1;
constexpr auto queueValues
        = "source, record_name, event, event_id, body, headers, received_at, 'Pending', 0, NULL"_L1;
constexpr auto isQueuedSql = "SELECT 1 FROM webhook_queue WHERE source = ? AND event_id = ?"_L1;
constexpr auto addSql
        = "INSERT INTO webhook_inbox (source, record_name, event, event_id, body, headers, received_at, "
          "log_service, log_method, log_url, log_status, log_request_size, log_response_size, "
          "log_request_headers, log_response_headers, log_request_body, log_response_body) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_L1;

constexpr auto logColumns
        = "at, direction, service, method, url, status, duration_ms, request_size, response_size, "
          "request_headers, response_headers, request_body, response_body, error, attempts"_L1;

// The API-log columns of the moved rows; answeredAt is an SQL expression giving each row's answer
// time (NULL when unknown).
QString logValues(const QString &answeredAt, bool sqlite)
{
    const QString duration = (sqlite ? u"MAX(0, %1 - received_at)"_s : u"GREATEST(0, %1 - received_at)"_s)
                                     .arg(answeredAt);
    return u"received_at, 1, log_service, log_method, log_url, log_status, COALESCE(%1, 0), "
           "log_request_size, log_response_size, COALESCE(log_request_headers, headers), "
           "log_response_headers, COALESCE(log_request_body, body), log_response_body, '', 1"_s.arg(duration);
}

// "CASE WHEN id <= ? THEN ? ... END": each row's answer time from the list of (last id, time).
QString answeredAtCase(int entries)
{
    QString sql = u"CASE"_s;
    for (int i = 0; i < entries; ++i)
        sql += u" WHEN id <= CAST(? AS BIGINT) THEN CAST(? AS BIGINT)"_s;
    return sql + u" END"_s;
}

} // namespace

WebhookInboxRepository::WebhookInboxRepository(const Database &database)
    : m_database(database), m_sqlite(database.engine() == Database::Engine::Sqlite)
{
}

WebhookInboxRepository::~WebhookInboxRepository() = default;

SqlStatement &WebhookInboxRepository::prepared(std::unique_ptr<SqlStatement> &slot, const QString &sql)
{
    if (!slot)
        slot = std::make_unique<SqlStatement>(m_database.connection(), sql);
    // A result read earlier (SQLite: an open read cursor) is let go before the next run.
    slot->query().finish();
    return *slot;
}

Result<bool> WebhookInboxRepository::isQueued(const QString &source, const QString &eventId)
{
    if (eventId.isEmpty())
        return false;
    const auto failed = [&] {
        return tr("cannot look for the %1 event %2 in the webhook queue: ").arg(source, eventId);
    };
    if (m_sqlite) {
        if (!m_isQueuedHere)
            m_isQueuedHere = std::make_unique<SqliteStatement>(m_database.connection(), QByteArray(isQueuedSql.data(), isQueuedSql.size()));
        m_isQueuedHere->bind(source).bind(eventId);
        const auto found = m_isQueuedHere->step();
        m_isQueuedHere->reset();
        if (!found)
            return makeError(failed() + found.error());
        return *found;
    }
    SqlStatement &select = prepared(m_isQueued, QString(isQueuedSql));
    select.bind(Sql::text(source)).bind(eventId);
    if (auto r = select.exec(QString()); !r)
        return makeError(failed() + r.error());
    const bool found = select.next();
    select.query().finish();
    return found;
}

Result<qint64> WebhookInboxRepository::add(const WebhookQueueItem &call, const ApiLogEntry &log)
{
    const auto failed = [&] { return tr("cannot store the %1 webhook %2: ").arg(call.source, call.event); };
    // The API-log row's headers and body are mostly the call's own: not stored twice (NULL).
    const bool logged = log.status != 0;
    const bool ownHeaders = logged && log.requestHeaders != call.headers;
    const bool ownBody = logged && log.requestBody != call.body;
    const QString method = QString::fromLatin1(log.method);
    if (m_sqlite) {
        if (!m_addHere)
            m_addHere = std::make_unique<SqliteStatement>(m_database.connection(), QByteArray(addSql.data(), addSql.size()));
        SqliteStatement &insert = *m_addHere;
        insert.bind(call.source)
                .bind(call.recordName)
                .bind(call.event)
                .bindTextOrNull(call.eventId)
                .bind(call.body)
                .bind(call.headers)
                .bind(call.receivedAt.toMSecsSinceEpoch());
        if (logged) {
            insert.bind(log.service).bind(method).bind(log.url).bind(qint64(log.status));
            insert.bind(log.requestSize).bind(log.responseSize);
            ownHeaders ? insert.bind(log.requestHeaders) : insert.bindNull();
            insert.bind(log.responseHeaders);
            ownBody ? insert.bind(log.requestBody) : insert.bindNull();
            insert.bind(log.responseBody);
        } else {
            for (int i = 0; i < 10; ++i)
                insert.bindNull();
        }
        const auto stepped = insert.step();
        insert.reset();
        if (!stepped)
            return makeError(failed() + stepped.error());
        return insert.lastInsertRowId();
    }
    SqlStatement &insert = prepared(m_add, QString(addSql) + u" RETURNING id"_s);
    insert.bind(Sql::text(call.source))
            .bind(Sql::text(call.recordName))
            .bind(Sql::text(call.event))
            .bind(Sql::textOrNull(call.eventId))
            .bind(Sql::bytes(call.body))
            .bind(Sql::text(call.headers))
            .bind(call.receivedAt.toMSecsSinceEpoch());
    if (!logged) {
        for (int i = 0; i < 10; ++i)
            insert.bind(QVariant());
    } else {
        insert.bind(Sql::text(log.service))
                .bind(Sql::text(method))
                .bind(Sql::text(log.url))
                .bind(log.status)
                .bind(log.requestSize)
                .bind(log.responseSize)
                .bind(ownHeaders ? Sql::text(log.requestHeaders) : Sql::null<QString>())
                .bind(Sql::text(log.responseHeaders))
                .bind(ownBody ? Sql::bytes(log.requestBody) : Sql::null<QByteArray>())
                .bind(Sql::bytes(log.responseBody));
    }
    if (auto r = insert.exec(QString()); !r) // the message only on failure: this runs per call
        return makeError(failed() + r.error());
    const qint64 id = insert.next() ? insert.integer(u"id"_s) : 0;
    insert.query().finish();
    if (id <= 0)
        return makeError(failed() + tr("no id came back"));
    return id;
}

Result<int> WebhookInboxRepository::move(qint64 upTo, QList<Answered> answered)
{
    // Too many answer times for one statement: neighbours merge, the later time kept.
    while (answered.size() > maxAnswered) {
        QList<Answered> merged;
        for (qsizetype i = 0; i < answered.size(); i += 2)
            merged.append(answered.at(std::min(i + 1, answered.size() - 1)));
        answered = std::move(merged);
    }
    const int entries = int(answered.size());
    const QString answeredAt = entries == 0 ? u"NULL"_s : answeredAtCase(entries);
    const auto bindAnswered = [&answered](SqlStatement &statement) {
        for (const Answered &entry : std::as_const(answered))
            statement.bind(entry.lastId).bind(entry.atMs);
    };
    const QString failed = tr("cannot move the accepted webhook calls into the queue");

    // One statement per number of answer times: SQLite's API-log insert, PostgreSQL's whole move.
    std::unique_ptr<SqlStatement> &byAnswered = m_moveByAnswered[entries];
    if (m_sqlite) {
        // One writer at a time on SQLite: three statements over the same rows are safe.
        SqlStatement &toQueue = prepared(m_moveToQueue,
                                         u"INSERT INTO webhook_queue ("_s + queueColumns + u") SELECT "_s
                                                 + queueValues
                                                 + u" FROM webhook_inbox WHERE id <= ? ORDER BY id "
                                                   "ON CONFLICT (source, event_id) DO NOTHING"_s);
        toQueue.bind(upTo);
        if (auto r = toQueue.exec(failed); !r)
            return makeError(r.error());
        SqlStatement &toLog = prepared(
                byAnswered, u"INSERT INTO api_log ("_s + logColumns + u") SELECT "_s + logValues(answeredAt, true)
                                    + u" FROM webhook_inbox WHERE id <= ? AND log_status IS NOT NULL ORDER BY id"_s);
        bindAnswered(toLog);
        toLog.bind(upTo);
        if (auto r = toLog.exec(failed); !r)
            return makeError(r.error());
        SqlStatement &remove = prepared(m_delete, u"DELETE FROM webhook_inbox WHERE id <= ?"_s);
        remove.bind(upTo);
        if (auto r = remove.exec(failed); !r)
            return makeError(r.error());
        return remove.rowsAffected();
    }
    // PostgreSQL: another process may move the same rows; the DELETE takes them first, so each row
    // is moved once (a second mover waits for the rows' locks, then finds them gone).
    SqlStatement &whole = prepared(
            byAnswered,
            u"WITH moved AS (DELETE FROM webhook_inbox WHERE id <= ? RETURNING *), "
            "queued AS (INSERT INTO webhook_queue ("_s
                    + queueColumns + u") SELECT "_s + queueValues
                    + u" FROM moved ORDER BY id ON CONFLICT (source, event_id) DO NOTHING), "
                      "logged AS (INSERT INTO api_log ("_s
                    + logColumns + u") SELECT "_s + logValues(answeredAt, false)
                    + u" FROM moved WHERE log_status IS NOT NULL ORDER BY id) "
                      "SELECT COUNT(*) AS moved FROM moved"_s);
    whole.bind(upTo);
    bindAnswered(whole);
    if (auto r = whole.exec(failed); !r)
        return makeError(r.error());
    const int moved = whole.next() ? int(whole.integer(u"moved"_s)) : 0;
    whole.query().finish();
    return moved;
}

Result<qint64> WebhookInboxRepository::lastId()
{
    SqlStatement select(m_database.connection(), u"SELECT COALESCE(MAX(id), 0) AS last_id FROM webhook_inbox"_s);
    if (auto r = select.exec(tr("cannot read the webhook inbox")); !r)
        return makeError(r.error());
    return select.next() ? select.integer(u"last_id"_s) : 0;
}

} // namespace Bottega
