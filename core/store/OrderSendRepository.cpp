#include "core/store/OrderSendRepository.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/OrderEventRepository.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqlValues.h"

using namespace Qt::StringLiterals;

namespace Bottega {

OrderSendRepository::OrderSendRepository(const Database &database) : m_database(database) { }

Result<bool> OrderSendRepository::claimForSending(qint64 orderId, const QStringList &fromStates,
                                                  const QString &reference, OrderEvent::Source source,
                                                  const Message &message, int leaseSeconds)
{
    bool claimed = false;
    auto done = m_database.transaction([&](QSqlDatabase &db) -> Result<void> {
        SqlStatement current(db, u"SELECT state FROM sales_orders WHERE id = ?"_s);
        current.bind(orderId);
        if (auto r = current.exec(tr("cannot read the state of order %1").arg(orderId)); !r)
            return r;
        if (!current.next())
            return makeError(tr("no order with id %1").arg(orderId));
        const QString oldState = current.text(u"state"_s);
        if (!fromStates.contains(oldState))
            return {};
        const qint64 now = m_database.clock().nowMs();
        // The condition on the state makes the claim hold against a second process reading the
        // same old state: only one UPDATE matches.
        SqlStatement update(db,
                            u"UPDATE sales_orders SET state = 'sending', gelato_order_reference_id = ?, "
                            "send_attempted_at = COALESCE(send_attempted_at, ?), send_lease_until = ?, "
                            "updated_at = ? WHERE id = ? AND state = ?"_s);
        update.bind(Sql::text(reference))
                .bind(now)
                .bind(now + qint64(leaseSeconds) * 1000)
                .bind(now)
                .bind(orderId)
                .bind(Sql::text(oldState));
        if (auto r = update.exec(tr("cannot mark order %1 as being sent").arg(orderId)); !r)
            return r;
        if (update.rowsAffected() == 0)
            return {};
        OrderEvent event;
        event.orderId = orderId;
        event.source = source;
        event.kind = u"state"_s;
        event.oldState = oldState;
        event.newState = u"sending"_s;
        event.message = message;
        if (auto r = OrderEventRepository(m_database).append(event); !r)
            return makeError(r.error());
        claimed = true;
        return {};
    });
    if (!done)
        return makeError(done.error());
    return claimed;
}

Result<bool> OrderSendRepository::claimRetry(qint64 orderId, int leaseSeconds)
{
    const qint64 now = m_database.clock().nowMs();
    // One statement: of two processes retrying at once, one matches.
    SqlStatement update(m_database.connection(),
                        u"UPDATE sales_orders SET send_lease_until = ? WHERE id = ? AND state = 'sending' "
                        "AND (send_lease_until IS NULL OR send_lease_until <= ?)"_s);
    update.bind(now + qint64(leaseSeconds) * 1000).bind(orderId).bind(now);
    if (auto r = update.exec(tr("cannot take the send lease of order %1").arg(orderId)); !r)
        return makeError(r.error());
    return update.rowsAffected() == 1;
}

Result<std::optional<QDateTime>> OrderSendRepository::leaseUntil(qint64 orderId)
{
    SqlStatement select(m_database.connection(), u"SELECT send_lease_until FROM sales_orders WHERE id = ?"_s);
    select.bind(orderId);
    if (auto r = select.exec(tr("cannot read the send lease of order %1").arg(orderId)); !r)
        return makeError(r.error());
    if (!select.next())
        return makeError(tr("no order with id %1").arg(orderId));
    if (select.value(u"send_lease_until"_s).isNull())
        return std::optional<QDateTime>();
    return std::optional<QDateTime>(select.time(u"send_lease_until"_s));
}

Result<void> OrderSendRepository::releaseLease(qint64 orderId)
{
    SqlStatement update(m_database.connection(),
                        u"UPDATE sales_orders SET send_lease_until = NULL WHERE id = ?"_s);
    update.bind(orderId);
    return update.exec(tr("cannot release the send lease of order %1").arg(orderId));
}

Result<std::optional<QDateTime>> OrderSendRepository::sendAttemptedAt(qint64 orderId)
{
    SqlStatement select(m_database.connection(),
                        u"SELECT send_attempted_at FROM sales_orders WHERE id = ?"_s);
    select.bind(orderId);
    if (auto r = select.exec(tr("cannot read the send attempts of order %1").arg(orderId)); !r)
        return makeError(r.error());
    if (!select.next())
        return makeError(tr("no order with id %1").arg(orderId));
    if (select.value(u"send_attempted_at"_s).isNull())
        return std::optional<QDateTime>();
    return std::optional<QDateTime>(select.time(u"send_attempted_at"_s));
}

Result<void> OrderSendRepository::saveBillingEntity(qint64 orderId, const QString &json)
{
    SqlStatement update(m_database.connection(),
                        u"UPDATE sales_orders SET gelato_billing_entity = ?, gelato_billing_entity_at = ? "
                        "WHERE id = ?"_s);
    update.bind(Sql::text(json)).bind(m_database.clock().nowMs()).bind(orderId);
    return update.execOne(tr("cannot store Gelato's billing entity for order %1").arg(orderId),
                          tr("no order with id %1").arg(orderId));
}

Result<QString> OrderSendRepository::billingEntity(qint64 orderId)
{
    SqlStatement select(m_database.connection(),
                        u"SELECT gelato_billing_entity FROM sales_orders WHERE id = ?"_s);
    select.bind(orderId);
    if (auto r = select.exec(tr("cannot read Gelato's billing entity for order %1").arg(orderId)); !r)
        return makeError(r.error());
    if (!select.next())
        return makeError(tr("no order with id %1").arg(orderId));
    return select.text(u"gelato_billing_entity"_s);
}

Result<QString> OrderSendRepository::latestBillingEntity()
{
    SqlStatement select(m_database.connection(),
                        u"SELECT gelato_billing_entity FROM sales_orders WHERE gelato_billing_entity <> '' "
                        "ORDER BY gelato_billing_entity_at DESC, id DESC LIMIT 1"_s);
    if (auto r = select.exec(tr("cannot read Gelato's latest billing entity")); !r)
        return makeError(r.error());
    if (!select.next())
        return QString();
    return select.text(u"gelato_billing_entity"_s);
}

} // namespace Bottega
