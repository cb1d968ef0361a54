#include "core/store/WebhookQueueRepository.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/SqlBatch.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqlValues.h"

#include <QThread>
#include <QVariantList>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

constexpr auto columns
        = "id, source, record_name, event, event_id, body, headers, received_at, state, attempts, "
          "last_error, next_attempt_at, claimed_by, claimed_at, processed_at, note"_L1;

WebhookQueueItem readItem(const SqlStatement &row)
{
    WebhookQueueItem item;
    item.id = row.integer(u"id"_s);
    item.source = row.text(u"source"_s);
    item.recordName = row.text(u"record_name"_s);
    item.event = row.text(u"event"_s);
    item.eventId = row.text(u"event_id"_s);
    item.body = row.bytes(u"body"_s);
    item.headers = row.text(u"headers"_s);
    item.receivedAt = row.time(u"received_at"_s);
    item.state = WebhookQueueItem::stateFromName(row.text(u"state"_s))
                         .value_or(WebhookQueueItem::State::Pending);
    item.attempts = int(row.integer(u"attempts"_s));
    item.lastError = row.text(u"last_error"_s);
    item.nextAttemptAt = row.time(u"next_attempt_at"_s);
    item.claimedBy = row.text(u"claimed_by"_s);
    item.claimedAt = row.time(u"claimed_at"_s);
    item.processedAt = row.time(u"processed_at"_s);
    item.note = row.text(u"note"_s);
    return item;
}

} // namespace

WebhookQueueRepository::WebhookQueueRepository(const Database &database) : m_database(database) { }

WebhookQueueRepository::~WebhookQueueRepository() = default;

SqlStatement &WebhookQueueRepository::prepared(std::unique_ptr<SqlStatement> &slot, const QString &sql)
{
    if (m_thread != QThread::currentThread()) {
        m_insert.reset();
        m_update.reset();
        m_lock.reset();
        m_thread = QThread::currentThread();
    }
    if (!slot)
        slot = std::make_unique<SqlStatement>(m_database.connection(), sql);
    // A result read earlier (SQLite: an open read cursor) is let go before the next run.
    slot->query().finish();
    return *slot;
}

Result<WebhookQueueRepository::InsertOutcome> WebhookQueueRepository::insert(const WebhookQueueItem &item)
{
    // ON CONFLICT DO NOTHING rather than catching a unique violation: on PostgreSQL an error would
    // abort the caller's transaction.
    SqlStatement &insert = prepared(
            m_insert,
            u"INSERT INTO webhook_queue (source, record_name, event, event_id, body, headers, "
            "received_at, state, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'Pending', 0, "
            "NULL) ON CONFLICT (source, event_id) DO NOTHING RETURNING id"_s);
    const QDateTime received = item.receivedAt.isValid() ? item.receivedAt : m_database.clock().now();
    insert.bind(Sql::text(item.source))
            .bind(Sql::text(item.recordName))
            .bind(Sql::text(item.event))
            .bind(Sql::textOrNull(item.eventId))
            .bind(Sql::bytes(item.body))
            .bind(Sql::text(item.headers))
            .bind(received.toMSecsSinceEpoch());
    // The message is built only on failure: translating it per call showed in the PERF-1 profile.
    if (auto r = insert.exec(QString()); !r)
        return makeError(tr("cannot queue the %1 webhook %2").arg(item.source, item.event) + r.error());
    const InsertOutcome outcome
            = insert.next() ? InsertOutcome {insert.integer(u"id"_s), false} : InsertOutcome {0, true};
    // Done with the statement now: in autocommit SQLite commits (and syncs) when it is reset, and
    // the caller answers 2xx only after the row is on disk (HOOK-3).
    insert.query().finish();
    return outcome;
}

Result<WebhookQueueItem> WebhookQueueRepository::get(qint64 id)
{
    SqlStatement select(m_database.connection(),
                        u"SELECT "_s + columns + u" FROM webhook_queue WHERE id = ?"_s);
    select.bind(id);
    if (auto r = select.exec(tr("cannot read webhook %1").arg(id)); !r)
        return makeError(r.error());
    if (!select.next())
        return makeError(tr("no webhook with id %1 in the queue").arg(id));
    return readItem(select);
}

Result<QList<WebhookQueueItem>> WebhookQueueRepository::list(const Query &query)
{
    QStringList conditions;
    QVariantList values;
    if (query.state) {
        conditions.append(u"state = ?"_s);
        values.append(WebhookQueueItem::stateName(*query.state));
    }
    if (!query.source.isEmpty()) {
        conditions.append(u"source = ?"_s);
        values.append(query.source);
    }
    if (!query.event.isEmpty()) {
        conditions.append(u"event = ?"_s);
        values.append(query.event);
    }
    if (!query.text.isEmpty()) {
        QStringList anyColumn;
        for (const auto column : {"event_id"_L1, "event"_L1, "last_error"_L1, "note"_L1, "record_name"_L1}) {
            anyColumn.append(u"LOWER(COALESCE("_s + column + u", '')) LIKE ? ESCAPE '\\'"_s);
            values.append(Sql::containsPattern(query.text));
        }
        conditions.append(u'(' + anyColumn.join(" OR "_L1) + u')');
    }
    // The same bounds as the dashboard's days (DashboardQueries::webhooksByStateAndDay).
    if (query.from.isValid()) {
        conditions.append(u"received_at >= ?"_s);
        values.append(query.from.toMSecsSinceEpoch());
    }
    if (query.to.isValid()) {
        conditions.append(u"received_at < ?"_s);
        values.append(query.to.toMSecsSinceEpoch());
    }
    QString sql = u"SELECT "_s + columns + u" FROM webhook_queue"_s;
    if (!conditions.isEmpty())
        sql += u" WHERE "_s + conditions.join(" AND "_L1);
    sql += u" ORDER BY id DESC"_s;
    SqlStatement::appendPage(sql, values, query.limit, query.offset);
    SqlStatement select(m_database.connection(), sql);
    select.bindAll(values);
    if (auto r = select.exec(tr("cannot read the webhook queue")); !r)
        return makeError(r.error());
    QList<WebhookQueueItem> items;
    while (select.next())
        items.append(readItem(select));
    return items;
}

Result<QMap<WebhookQueueItem::State, qint64>> WebhookQueueRepository::countByState()
{
    SqlStatement select(m_database.connection(),
                        u"SELECT state, COUNT(*) AS n FROM webhook_queue GROUP BY state"_s);
    if (auto r = select.exec(tr("cannot count the webhook queue")); !r)
        return makeError(r.error());
    QMap<WebhookQueueItem::State, qint64> counts;
    while (select.next()) {
        if (const auto state = WebhookQueueItem::stateFromName(select.text(u"state"_s)))
            counts.insert(*state, select.integer(u"n"_s));
    }
    return counts;
}

Result<qint64> WebhookQueueRepository::countInState(WebhookQueueItem::State state)
{
    SqlStatement select(m_database.connection(), u"SELECT COUNT(*) AS n FROM webhook_queue WHERE state = ?"_s);
    select.bind(WebhookQueueItem::stateName(state));
    if (auto r = select.exec(tr("cannot count the webhook queue")); !r)
        return makeError(r.error());
    return select.next() ? select.integer(u"n"_s) : 0;
}

Result<std::optional<WebhookQueueItem>> WebhookQueueRepository::claimNext(const QString &owner,
                                                                          const QDateTime &now)
{
    // The choice and the claim in one transaction, so that no other process comes between them; on
    // PostgreSQL a row another process holds is skipped, not waited for (REL-7).
    std::optional<WebhookQueueItem> claimed;
    const auto done = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        auto due = lockDue(now, 1);
        if (!due)
            return makeError(due.error());
        if (due->isEmpty())
            return {};
        if (auto r = markClaimed({due->constFirst().id}, owner, now); !r)
            return r;
        claimed = due->takeFirst();
        return {};
    });
    if (!done)
        return makeError(done.error());
    if (claimed) { // as markClaimed wrote it
        claimed->state = WebhookQueueItem::State::Processing;
        claimed->claimedBy = owner;
        claimed->claimedAt = now;
        ++claimed->attempts;
    }
    return claimed;
}

Result<QList<WebhookQueueItem>> WebhookQueueRepository::lockDue(const QDateTime &now, int limit)
{
    const bool postgres = m_database.engine() == Database::Engine::PostgreSql;
    // Through the pending rows' own index (schema 11), however long the queue's history.
    const QString sql = u"SELECT "_s + columns
            + u" FROM webhook_queue WHERE state = 'Pending' AND (next_attempt_at IS NULL OR "
              "next_attempt_at <= ?) ORDER BY id LIMIT ?"_s
            + (postgres ? u" FOR UPDATE SKIP LOCKED"_s : QString());
    SqlStatement &lock = prepared(m_lock, sql);
    lock.bind(now.toMSecsSinceEpoch()).bind(qMax(1, limit));
    if (auto r = lock.exec(tr("cannot take webhooks from the queue")); !r)
        return makeError(r.error());
    QList<WebhookQueueItem> items;
    while (lock.next())
        items.append(readItem(lock));
    lock.query().finish();
    return items;
}

Result<QSet<qint64>> WebhookQueueRepository::lockPending(const QList<qint64> &ids)
{
    QSet<qint64> pending;
    if (ids.isEmpty())
        return pending;
    const bool postgres = m_database.engine() == Database::Engine::PostgreSql;
    SqlStatement select(m_database.connection(),
                        u"SELECT id FROM webhook_queue WHERE state = 'Pending' AND id IN ("_s
                                + SqlStatement::placeholders(ids.size()) + u')'
                                + (postgres ? u" FOR UPDATE SKIP LOCKED"_s : QString()));
    for (const qint64 id : ids)
        select.bind(id);
    if (auto r = select.exec(tr("cannot take webhooks from the queue")); !r)
        return makeError(r.error());
    while (select.next())
        pending.insert(select.integer(u"id"_s));
    return pending;
}

Result<void> WebhookQueueRepository::markClaimed(const QList<qint64> &ids, const QString &owner,
                                                 const QDateTime &now)
{
    if (ids.isEmpty())
        return {};
    SqlStatement update(m_database.connection(),
                        u"UPDATE webhook_queue SET state = 'Processing', claimed_by = ?, claimed_at = ?, "
                        "attempts = attempts + 1 WHERE id IN ("_s
                                + SqlStatement::placeholders(ids.size()) + u')');
    update.bind(Sql::text(owner)).bind(now.toMSecsSinceEpoch());
    for (const qint64 id : ids)
        update.bind(id);
    if (auto r = update.exec(tr("cannot claim webhooks from the queue")); !r)
        return makeError(r.error());
    if (update.rowsAffected() < ids.size())
        return makeError(tr("some of the webhooks to claim are no longer in the queue"));
    return {};
}

namespace {

constexpr auto updateSql
        = "UPDATE webhook_queue SET state = ?, attempts = ?, last_error = ?, next_attempt_at = ?, "
          "claimed_by = ?, claimed_at = ?, processed_at = ?, note = ? WHERE id = ?"_L1;

QVariantList updateValues(const WebhookQueueItem &item)
{
    return {WebhookQueueItem::stateName(item.state),
            item.attempts,
            Sql::text(item.lastError),
            Sql::timeOrNull(item.nextAttemptAt),
            Sql::textOrNull(item.claimedBy),
            Sql::timeOrNull(item.claimedAt),
            Sql::timeOrNull(item.processedAt),
            Sql::text(item.note),
            item.id};
}

} // namespace

Result<void> WebhookQueueRepository::update(const WebhookQueueItem &item)
{
    SqlStatement &update = prepared(m_update, QString(updateSql));
    update.bindAll(updateValues(item));
    // Messages built only on failure: this runs once for every processed event (PERF-2).
    if (auto r = update.exec(QString()); !r)
        return makeError(QString(tr("cannot update webhook %1").arg(item.id) + r.error()));
    if (update.rowsAffected() == 0)
        return makeError(tr("no webhook with id %1 in the queue").arg(item.id));
    return {};
}

Result<void> WebhookQueueRepository::updateAll(const QList<WebhookQueueItem> &items)
{
    if (!m_outcomes)
        m_outcomes = std::make_unique<SqlBatch>(m_database);
    if (m_database.engine() == Database::Engine::PostgreSql) {
        // One statement for many rows: each statement costs PostgreSQL more than the row it
        // changes. The values' types are given, as VALUES would otherwise guess text.
        constexpr qsizetype chunk = 200;
        for (qsizetype start = 0; start < items.size(); start += chunk) {
            const qsizetype count = std::min(chunk, items.size() - start);
            QStringList rows;
            rows.fill(u"(CAST(? AS TEXT), CAST(? AS INTEGER), CAST(? AS TEXT), CAST(? AS BIGINT), "
                      "CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS BIGINT))"_s,
                      count);
            QVariantList values;
            values.reserve(count * 9);
            QList<qint64> ids; // written out only for an error
            ids.reserve(count);
            for (qsizetype i = start; i < start + count; ++i) {
                values.append(updateValues(items.at(i)));
                ids.append(items.at(i).id);
            }
            const auto idList = [ids] {
                QStringList text;
                for (qint64 id : ids)
                    text.append(QString::number(id));
                return text.join(u", "_s);
            };
            m_outcomes->add(
                    u"UPDATE webhook_queue AS q SET state = v.state, attempts = v.attempts, last_error = "
                    "v.last_error, next_attempt_at = v.next_attempt_at, claimed_by = v.claimed_by, claimed_at = "
                    "v.claimed_at, processed_at = v.processed_at, note = v.note FROM (VALUES "_s
                            + rows.join(u", "_s)
                            + u") AS v (state, attempts, last_error, next_attempt_at, claimed_by, claimed_at, "
                              "processed_at, note, id) WHERE q.id = v.id"_s,
                    std::move(values), [idList] { return tr("cannot update webhooks %1").arg(idList()); },
                    [idList] { return tr("webhooks %1 are not all in the queue").arg(idList()); }, count);
        }
        return m_outcomes->flush();
    }
    const QString sql(updateSql);
    for (const WebhookQueueItem &item : items) {
        const qint64 id = item.id;
        m_outcomes->add(
                sql, updateValues(item), [id] { return tr("cannot update webhook %1").arg(id); },
                [id] { return tr("no webhook with id %1 in the queue").arg(id); });
    }
    return m_outcomes->flush();
}

Result<int> WebhookQueueRepository::requeue(const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return 0;
    SqlStatement update(
            m_database.connection(),
            u"UPDATE webhook_queue SET state = 'Pending', next_attempt_at = NULL, claimed_by = NULL, "
            "claimed_at = NULL, processed_at = NULL WHERE id IN ("_s
                    + SqlStatement::placeholders(ids.size()) + u')');
    for (qint64 id : ids)
        update.bind(id);
    if (auto r = update.exec(tr("cannot retry webhooks")); !r)
        return makeError(r.error());
    return update.rowsAffected();
}

Result<int> WebhookQueueRepository::releaseClaims(const QDateTime &claimedBefore, const QString &owner)
{
    SqlStatement update(m_database.connection(),
                        u"UPDATE webhook_queue SET state = 'Pending', claimed_by = NULL, claimed_at = NULL "
                        "WHERE state = 'Processing' AND (claimed_at < ? OR claimed_by = ?)"_s);
    update.bind(claimedBefore.toMSecsSinceEpoch()).bind(Sql::text(owner));
    if (auto r = update.exec(tr("cannot release abandoned webhooks")); !r)
        return makeError(r.error());
    return update.rowsAffected();
}

Result<int> WebhookQueueRepository::deleteProcessedOlderThan(const QDateTime &time)
{
    SqlStatement remove(
            m_database.connection(),
            u"DELETE FROM webhook_queue WHERE state IN ('Done', 'Ignored') AND processed_at < ?"_s);
    remove.bind(time.toMSecsSinceEpoch());
    if (auto r = remove.exec(tr("cannot clean up the webhook queue")); !r)
        return makeError(r.error());
    return remove.rowsAffected();
}

Result<int> WebhookQueueRepository::deleteProcessedOlderThan(const QDateTime &time, int chunkRows,
                                                            const std::function<bool(qint64)> &goOn)
{
    const int chunk = std::max(1, chunkRows);
    int deleted = 0;
    for (;;) {
        // The same SQL on both engines: one chunk of the oldest processed rows.
        SqlStatement remove(m_database.connection(),
                            u"DELETE FROM webhook_queue WHERE id IN (SELECT id FROM webhook_queue WHERE "
                            "state IN ('Done', 'Ignored') AND processed_at < ? ORDER BY processed_at, id "
                            "LIMIT ?)"_s);
        remove.bind(time.toMSecsSinceEpoch()).bind(chunk);
        if (auto r = remove.exec(tr("cannot clean up the webhook queue")); !r)
            return makeError(r.error());
        const int removed = std::max(0, remove.rowsAffected());
        deleted += removed;
        if (removed > 0 && goOn && !goOn(deleted))
            return deleted;
        if (removed < chunk)
            return deleted;
    }
}

Result<qint64> WebhookQueueRepository::countProcessedOlderThan(const QDateTime &time)
{
    SqlStatement select(m_database.connection(),
                        u"SELECT COUNT(*) AS n FROM webhook_queue WHERE state IN ('Done', 'Ignored') "
                        "AND processed_at < ?"_s);
    select.bind(time.toMSecsSinceEpoch());
    if (auto r = select.exec(tr("cannot count the webhook queue")); !r)
        return makeError(r.error());
    return select.next() ? select.integer(u"n"_s) : 0;
}

Result<int> WebhookQueueRepository::deleteProcessedOlderThanDays(int days)
{
    return deleteProcessedOlderThan(m_database.clock().now().addDays(-days));
}

} // namespace Bottega
