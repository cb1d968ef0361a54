#include "core/store/FulfilmentRepository.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqlValues.h"

using namespace Qt::StringLiterals;

namespace Bottega {

FulfilmentRepository::FulfilmentRepository(const Database &database, const Clock *clock)
    : m_database(database), m_clock(clock)
{
}

qint64 FulfilmentRepository::nowMs() const
{
    return m_clock ? m_clock->nowMs() : m_database.clock().nowMs();
}

Result<FulfilmentRepository::Decision> FulfilmentRepository::decision(qint64 orderId)
{
    SqlStatement select(
            m_database.connection(),
            u"SELECT fulfilment, attention_code, attention_args FROM sales_orders WHERE id = ?"_s);
    select.bind(orderId);
    if (auto r = select.exec(tr("cannot read order %1").arg(orderId)); !r)
        return makeError(r.error());
    if (!select.next())
        return makeError(tr("no order with id %1").arg(orderId));
    Decision decision;
    decision.fulfilment = select.text(u"fulfilment"_s);
    decision.attentionCode = select.text(u"attention_code"_s);
    const QString args = select.text(u"attention_args"_s);
    if (!args.isEmpty())
        decision.attentionArgs = args.split(u'\n');
    return decision;
}

Result<void> FulfilmentRepository::setDecision(qint64 orderId, const Decision &decision)
{
    SqlStatement update(m_database.connection(),
                        u"UPDATE sales_orders SET fulfilment = ?, attention_code = ?, attention_args = ?, "
                        "updated_at = ? WHERE id = ?"_s);
    update.bind(Sql::text(decision.fulfilment))
            .bind(Sql::text(decision.attentionCode))
            .bind(Sql::text(decision.attentionArgs.join(u'\n')))
            .bind(nowMs())
            .bind(orderId);
    return update.execOne(tr("cannot save what to do with order %1").arg(orderId),
                          tr("no order with id %1").arg(orderId));
}

Result<QList<qint64>> FulfilmentRepository::readyToSend()
{
    SqlStatement select(m_database.connection(),
                        u"SELECT id FROM sales_orders WHERE source = 'poleepo' AND fulfilment = 'gelato' "
                        "AND state = 'draft' ORDER BY id"_s);
    if (auto r = select.exec(tr("cannot list the orders ready to send")); !r)
        return makeError(r.error());
    QList<qint64> ids;
    while (select.next())
        ids.append(select.integer(u"id"_s));
    return ids;
}

Result<QList<FulfilmentRepository::PendingTracking>> FulfilmentRepository::pendingTracking()
{
    SqlStatement select(
            m_database.connection(),
            u"SELECT p.id AS package_id, o.id AS order_id, o.reference, o.poleepo_order_id, p.tracking_code, "
            "p.carrier, o.attention_code FROM order_packages p JOIN sales_orders o ON o.id = p.order_id "
            "WHERE o.source = 'poleepo' AND o.poleepo_order_id <> '' AND p.tracking_code <> '' "
            "AND NOT EXISTS (SELECT 1 FROM poleepo_tracking_handoffs h WHERE h.package_id = p.id "
            "AND h.tracking_code = p.tracking_code) ORDER BY p.id"_s);
    if (auto r = select.exec(tr("cannot list the tracking codes to pass to Poleepo")); !r)
        return makeError(r.error());
    QList<PendingTracking> pending;
    while (select.next()) {
        PendingTracking package;
        package.packageId = select.integer(u"package_id"_s);
        package.orderId = select.integer(u"order_id"_s);
        package.orderReference = select.text(u"reference"_s);
        package.poleepoOrderId = select.text(u"poleepo_order_id"_s);
        package.trackingCode = select.text(u"tracking_code"_s);
        package.carrier = select.text(u"carrier"_s);
        package.attentionCode = select.text(u"attention_code"_s);
        pending.append(package);
    }
    return pending;
}

Result<void> FulfilmentRepository::recordHandoff(const PendingTracking &package,
                                                 const QString &poleepoShippingId)
{
    SqlStatement insert(m_database.connection(),
                        u"INSERT INTO poleepo_tracking_handoffs (package_id, order_id, poleepo_shipping_id, "
                        "tracking_code, carrier, handed_at) VALUES (?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT (package_id, tracking_code) DO NOTHING"_s);
    insert.bind(package.packageId)
            .bind(package.orderId)
            .bind(Sql::text(poleepoShippingId))
            .bind(Sql::text(package.trackingCode))
            .bind(Sql::text(package.carrier))
            .bind(nowMs());
    return insert.exec(tr("cannot record the tracking %1 passed to Poleepo").arg(package.trackingCode));
}

Result<QList<FulfilmentRepository::Handoff>> FulfilmentRepository::handoffs(qint64 orderId)
{
    SqlStatement select(m_database.connection(),
                        u"SELECT package_id, poleepo_shipping_id, tracking_code, carrier, handed_at "
                        "FROM poleepo_tracking_handoffs WHERE order_id = ? ORDER BY id"_s);
    select.bind(orderId);
    if (auto r = select.exec(tr("cannot read the tracking passed to Poleepo for order %1").arg(orderId)); !r)
        return makeError(r.error());
    QList<Handoff> handoffs;
    while (select.next()) {
        Handoff handoff;
        handoff.packageId = select.integer(u"package_id"_s);
        handoff.poleepoShippingId = select.text(u"poleepo_shipping_id"_s);
        handoff.trackingCode = select.text(u"tracking_code"_s);
        handoff.carrier = select.text(u"carrier"_s);
        handoff.handedAt = select.time(u"handed_at"_s);
        handoffs.append(handoff);
    }
    return handoffs;
}

Result<QString> FulfilmentRepository::cursor(const QString &name)
{
    SqlStatement select(m_database.connection(), u"SELECT value FROM sync_cursors WHERE name = ?"_s);
    select.bind(Sql::text(name));
    if (auto r = select.exec(tr("cannot read the cursor %1").arg(name)); !r)
        return makeError(r.error());
    return select.next() ? select.text(u"value"_s) : QString();
}

Result<void> FulfilmentRepository::setCursor(const QString &name, const QString &value)
{
    SqlStatement upsert(m_database.connection(),
                        u"INSERT INTO sync_cursors (name, value, updated_at) VALUES (?, ?, ?) "
                        "ON CONFLICT (name) DO UPDATE SET value = excluded.value, "
                        "updated_at = excluded.updated_at"_s);
    upsert.bind(Sql::text(name)).bind(Sql::text(value)).bind(nowMs());
    return upsert.exec(tr("cannot save the cursor %1").arg(name));
}

} // namespace Bottega
