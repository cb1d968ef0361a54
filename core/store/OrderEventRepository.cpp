#include "core/store/OrderEventRepository.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqlValues.h"

using namespace Qt::StringLiterals;

namespace Bottega {

OrderEventRepository::OrderEventRepository(const Database &database) : m_database(database) { }

QString OrderEventRepository::insertSql()
{
    return u"INSERT INTO order_events (order_id, at, source, kind, old_state, new_state, message) "
           "VALUES (?, ?, ?, ?, ?, ?, ?)"_s;
}

QVariantList OrderEventRepository::insertValues(const OrderEvent &event, const Clock *clock)
{
    const QDateTime at = event.at.isValid() ? event.at : (clock ? clock : Clock::system())->now();
    return {event.orderId,
            at.toMSecsSinceEpoch(),
            OrderEvent::sourceName(event.source),
            Sql::text(event.kind),
            Sql::text(event.oldState),
            Sql::text(event.newState),
            Sql::text(event.message.toStored())};
}

void OrderEventRepository::bindInsert(SqlStatement &statement, const OrderEvent &event, const Clock *clock)
{
    statement.bindAll(insertValues(event, clock));
}

Result<qint64> OrderEventRepository::append(const OrderEvent &event)
{
    SqlStatement insert(m_database.connection(), insertSql() + u" RETURNING id"_s);
    bindInsert(insert, event, &m_database.clock());
    if (auto r = insert.exec(tr("cannot add to the timeline of order %1").arg(event.orderId)); !r)
        return makeError(r.error());
    if (!insert.next())
        return makeError(tr("cannot add to the timeline of order %1: no id returned").arg(event.orderId));
    return insert.integer(u"id"_s);
}

Result<QList<OrderEvent>> OrderEventRepository::listForOrder(qint64 orderId)
{
    SqlStatement select(
            m_database.connection(),
            u"SELECT id, order_id, at, source, kind, old_state, new_state, message FROM order_events "
            "WHERE order_id = ? ORDER BY at, id"_s);
    select.bind(orderId);
    if (auto r = select.exec(tr("cannot read the timeline of order %1").arg(orderId)); !r)
        return makeError(r.error());
    QList<OrderEvent> events;
    while (select.next()) {
        OrderEvent event;
        event.id = select.integer(u"id"_s);
        event.orderId = select.integer(u"order_id"_s);
        event.at = select.time(u"at"_s);
        event.source
                = OrderEvent::sourceFromName(select.text(u"source"_s)).value_or(OrderEvent::Source::System);
        event.kind = select.text(u"kind"_s);
        event.oldState = select.text(u"old_state"_s);
        event.newState = select.text(u"new_state"_s);
        event.message = Message::fromStored(select.text(u"message"_s));
        events.append(event);
    }
    return events;
}

} // namespace Bottega
