#include "core/webhooks/WebhookInbox.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"

#include <QSqlDatabase>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

constexpr int retryMs = 1000; // after a failed move

} // namespace

WebhookInbox::WebhookInbox(const Database &database) : m_database(database), m_repository(database)
{
}

QString WebhookInbox::keyOf(const WebhookQueueItem &item)
{
    return item.source + QChar(u'\x1f') + item.eventId;
}

Result<QList<WebhookInbox::Outcome>> WebhookInbox::store(const QList<Call> &calls)
{
    if (!m_checkedForLeftovers) {
        if (auto r = findLeftovers(); !r)
            return makeError(r.error());
    }
    m_newKeys.clear();
    m_newRows = 0;
    m_newLastId = m_lastId;
    QList<Outcome> outcomes;
    outcomes.reserve(calls.size());
    for (const Call &call : calls) {
        const bool identified = !call.item.eventId.isEmpty();
        const QString key = identified ? keyOf(call.item) : QString();
        if (identified) {
            // A repeat of a call in the inbox (this batch's included), or of one queued before.
            bool repeat = m_keys.contains(key) || m_newKeys.contains(key);
            if (!repeat) {
                const auto queued = m_repository.isQueued(call.item.source, call.item.eventId);
                if (!queued)
                    return makeError(queued.error());
                repeat = *queued;
            }
            if (repeat) {
                outcomes.append({0, true});
                continue;
            }
        }
        const auto id = m_repository.add(call.item, call.log);
        if (!id)
            return makeError(id.error());
        if (identified)
            m_newKeys.append(key);
        m_newLastId = std::max(m_newLastId, *id);
        ++m_newRows;
        outcomes.append({*id, false});
    }
    return outcomes;
}

void WebhookInbox::committed()
{
    if (m_newRows > 0) {
        if (m_unmoved == 0)
            m_oldestUnmoved.start();
        m_unmoved += m_newRows;
        m_lastId = m_newLastId;
        m_answered.append({m_newLastId, m_database.clock().now().toMSecsSinceEpoch()});
        for (const QString &key : std::as_const(m_newKeys))
            m_keys.insert(key);
    }
    m_newKeys.clear();
    m_newRows = 0;
}

void WebhookInbox::rolledBack()
{
    m_newKeys.clear();
    m_newRows = 0;
    m_newLastId = m_lastId;
}

Result<void> WebhookInbox::findLeftovers()
{
    // Calls a crash left between their answer and their move are moved with the next move.
    const auto last = m_repository.lastId();
    if (!last)
        return makeError(last.error());
    m_lastId = std::max(m_lastId, *last);
    m_leftByCrash = *last > 0;
    m_checkedForLeftovers = true;
    return {};
}

bool WebhookInbox::moveDue() const
{
    if (!hasUnmoved() || !m_retryAfter.hasExpired())
        return false;
    return m_leftByCrash || m_unmoved >= moveRows || m_oldestUnmoved.elapsed() >= moveAgeMs;
}

Result<int> WebhookInbox::move()
{
    if (!hasUnmoved())
        return 0;
    int moved = 0;
    const Result<void> done = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        const auto result = m_repository.move(m_lastId, m_answered);
        if (!result)
            return makeError(result.error());
        moved = *result;
        return {};
    });
    if (!done) {
        m_retryAfter.setRemainingTime(retryMs);
        return makeError(done.error());
    }
    m_unmoved = 0;
    m_leftByCrash = false;
    m_answered.clear();
    m_keys.clear();
    // SQLite may give the ids of moved rows again: what is stored next starts afresh.
    m_lastId = 0;
    return moved;
}

} // namespace Bottega
