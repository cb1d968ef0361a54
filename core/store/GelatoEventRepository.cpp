#include "core/store/GelatoEventRepository.h"

#include "core/store/Database.h"
#include "core/store/OrderEventRepository.h"
#include "core/store/OrderPackageRepository.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqlValues.h"

#include <QThread>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// Run the statement; the message naming what failed is built only when it failed, because these
// run several times for every queued event (PERF-2). Same text as SqlStatement::exec's.
template<typename What> Result<void> run(SqlStatement &statement, const What &what)
{
    if (auto r = statement.exec(QString()); !r)
        return makeError(QString(what() + r.error()));
    return {};
}

template<typename What, typename NotFound>
Result<void> runOne(SqlStatement &statement, const What &what, const NotFound &notFound)
{
    if (auto r = run(statement, what); !r)
        return r;
    if (statement.rowsAffected() == 0)
        return makeError(notFound());
    return {};
}

} // namespace

GelatoEventRepository::GelatoEventRepository(const Database &database) : m_database(database) { }

GelatoEventRepository::~GelatoEventRepository() = default;

SqlStatement &GelatoEventRepository::statement(const QString &sql)
{
    // Connections are per thread: statements prepared on another thread's connection are dropped.
    if (m_thread != QThread::currentThread()) {
        m_statements.clear();
        m_thread = QThread::currentThread();
    }
    auto &prepared = m_statements[sql];
    if (!prepared)
        prepared = std::make_shared<SqlStatement>(m_database.connection(), sql);
    // A select read earlier may still hold its result (SQLite: a read cursor); start afresh.
    prepared->query().finish();
    return *prepared;
}

Result<std::optional<qint64>> GelatoEventRepository::findOrder(const QString &gelatoOrderId)
{
    if (gelatoOrderId.isEmpty())
        return std::optional<qint64>();
    SqlStatement &select
            = statement(u"SELECT id FROM sales_orders WHERE gelato_order_id = ? UNION ALL "
                        "SELECT order_id FROM gelato_connected_orders WHERE gelato_order_id = ?"_s);
    select.bind(gelatoOrderId).bind(gelatoOrderId);
    if (auto r = run(select, [&] { return tr("cannot look up Gelato order %1").arg(gelatoOrderId); }); !r)
        return makeError(r.error());
    std::optional<qint64> found;
    if (select.next())
        found = select.integer(u"id"_s);
    select.query().finish();
    return found;
}

Result<GelatoEventRepository::OrderStatus> GelatoEventRepository::orderStatus(qint64 orderId)
{
    SqlStatement &select = statement(
            u"SELECT id, reference, state, gelato_order_id, gelato_fulfillment_status, "
            "delivery_estimate_min_at, delivery_estimate_max_at FROM sales_orders WHERE id = ?"_s);
    select.bind(orderId);
    if (auto r = run(select, [&] { return tr("cannot read order %1").arg(orderId); }); !r)
        return makeError(r.error());
    if (!select.next())
        return makeError(tr("no order with id %1").arg(orderId));
    OrderStatus status;
    status.id = select.integer(u"id"_s);
    status.reference = select.text(u"reference"_s);
    status.state = select.text(u"state"_s);
    status.gelatoOrderId = select.text(u"gelato_order_id"_s);
    status.gelatoFulfillmentStatus = select.text(u"gelato_fulfillment_status"_s);
    status.deliveryEstimateMin = select.time(u"delivery_estimate_min_at"_s);
    status.deliveryEstimateMax = select.time(u"delivery_estimate_max_at"_s);
    select.query().finish();
    return status;
}

Result<void> GelatoEventRepository::setGelatoStatus(qint64 orderId, const QString &status)
{
    SqlStatement &update = statement(
            u"UPDATE sales_orders SET gelato_fulfillment_status = ?, updated_at = ? WHERE id = ?"_s);
    update.bind(Sql::text(status)).bind(QDateTime::currentMSecsSinceEpoch()).bind(orderId);
    return runOne(
            update, [&] { return tr("cannot save the Gelato status of order %1").arg(orderId); },
            [&] { return tr("no order with id %1").arg(orderId); });
}

Result<bool> GelatoEventRepository::changeState(qint64 orderId, const QString &from, const QString &to,
                                                OrderEvent::Source source, const QString &message)
{
    SqlStatement &update
            = statement(u"UPDATE sales_orders SET state = ?, updated_at = ? WHERE id = ? AND state = ?"_s);
    update.bind(Sql::text(to)).bind(QDateTime::currentMSecsSinceEpoch()).bind(orderId).bind(Sql::text(from));
    if (auto r = run(update, [&] { return tr("cannot change the state of order %1").arg(orderId); }); !r)
        return makeError(r.error());
    if (update.rowsAffected() == 0)
        return false; // changed meanwhile by someone else, who recorded it
    OrderEvent event;
    event.orderId = orderId;
    event.source = source;
    event.kind = u"state"_s;
    event.oldState = from;
    event.newState = to;
    event.message = message;
    if (auto r = appendTimeline(event); !r)
        return makeError(r.error());
    return true;
}

Result<void> GelatoEventRepository::setDeliveryEstimate(qint64 orderId, const QDateTime &min,
                                                        const QDateTime &max)
{
    SqlStatement &update = statement(u"UPDATE sales_orders SET delivery_estimate_min_at = ?, "
                                     "delivery_estimate_max_at = ?, updated_at = ? WHERE id = ?"_s);
    update.bind(Sql::timeOrNull(min))
            .bind(Sql::timeOrNull(max))
            .bind(QDateTime::currentMSecsSinceEpoch())
            .bind(orderId);
    return runOne(
            update, [&] { return tr("cannot save the delivery estimate of order %1").arg(orderId); },
            [&] { return tr("no order with id %1").arg(orderId); });
}

Result<std::optional<QString>> GelatoEventRepository::connectedOrderStatus(qint64 orderId,
                                                                           const QString &gelatoOrderId)
{
    SqlStatement &select = statement(
            u"SELECT status FROM gelato_connected_orders WHERE order_id = ? AND gelato_order_id = ?"_s);
    select.bind(orderId).bind(Sql::text(gelatoOrderId));
    if (auto r = run(select, [&] { return tr("cannot read connected Gelato order %1").arg(gelatoOrderId); });
        !r)
        return makeError(r.error());
    std::optional<QString> status;
    if (select.next())
        status = select.text(u"status"_s);
    select.query().finish();
    return status;
}

Result<void> GelatoEventRepository::saveConnectedOrder(const GelatoConnectedOrder &connected)
{
    SqlStatement &upsert = statement(
            u"INSERT INTO gelato_connected_orders (order_id, gelato_order_id, status) VALUES (?, ?, ?) "
            "ON CONFLICT (gelato_order_id) DO UPDATE SET order_id = excluded.order_id, "
            "status = excluded.status"_s);
    upsert.bind(connected.orderId).bind(Sql::text(connected.gelatoOrderId)).bind(Sql::text(connected.status));
    return run(upsert,
               [&] { return tr("cannot save connected Gelato order %1").arg(connected.gelatoOrderId); });
}

Result<std::optional<GelatoEventRepository::Line>>
GelatoEventRepository::lineByItemReference(qint64 orderId, const QString &itemReferenceId)
{
    SqlStatement &select
            = statement(u"SELECT id, gelato_item_id, gelato_item_status FROM order_lines WHERE order_id = ? "
                        "AND item_reference_id = ? ORDER BY position, id LIMIT 1"_s);
    select.bind(orderId).bind(Sql::text(itemReferenceId));
    if (auto r = run(select, [&] { return tr("cannot read the lines of order %1").arg(orderId); }); !r)
        return makeError(r.error());
    std::optional<Line> line;
    if (select.next())
        line = Line {select.integer(u"id"_s), select.text(u"gelato_item_id"_s),
                     select.text(u"gelato_item_status"_s)};
    select.query().finish();
    return line;
}

Result<void> GelatoEventRepository::setLineGelatoItem(qint64 lineId, const QString &gelatoItemId,
                                                      const QString &status)
{
    SqlStatement &update
            = statement(u"UPDATE order_lines SET gelato_item_id = ?, gelato_item_status = ? WHERE id = ?"_s);
    update.bind(Sql::text(gelatoItemId)).bind(Sql::text(status)).bind(lineId);
    return runOne(
            update, [&] { return tr("cannot save the Gelato item of line %1").arg(lineId); },
            [&] { return tr("no order line with id %1").arg(lineId); });
}

Result<bool> GelatoEventRepository::hasPackage(const OrderPackage &package)
{
    SqlStatement &select = statement(
            u"SELECT id FROM order_packages WHERE order_id = ? AND gelato_order_id = ? AND package_id = ? "
            "AND tracking_url = ? AND carrier = ? AND status = ?"_s);
    select.bind(package.orderId)
            .bind(Sql::text(package.gelatoOrderId))
            .bind(Sql::text(package.packageId))
            .bind(Sql::text(package.trackingUrl))
            .bind(Sql::text(package.carrier))
            .bind(Sql::text(package.status));
    if (auto r = run(select, [&] { return tr("cannot read the packages of order %1").arg(package.orderId); });
        !r)
        return makeError(r.error());
    const bool found = select.next();
    select.query().finish();
    return found;
}

Result<void> GelatoEventRepository::savePackage(const OrderPackage &package)
{
    SqlStatement &upsert = statement(OrderPackageRepository::upsertSql());
    OrderPackageRepository::bindUpsert(upsert, package);
    return run(upsert, [&] {
        return tr("cannot save package %1 of order %2").arg(package.packageId).arg(package.orderId);
    });
}

Result<bool> GelatoEventRepository::hasTimelineEntry(qint64 orderId, const QString &kind,
                                                     const QString &newState, const QString &message)
{
    SqlStatement &select = statement(u"SELECT id FROM order_events WHERE order_id = ? AND kind = ? "
                                     "AND new_state = ? AND message = ? LIMIT 1"_s);
    select.bind(orderId).bind(Sql::text(kind)).bind(Sql::text(newState)).bind(Sql::text(message));
    if (auto r = run(select, [&] { return tr("cannot read the timeline of order %1").arg(orderId); }); !r)
        return makeError(r.error());
    const bool found = select.next();
    select.query().finish();
    return found;
}

Result<void> GelatoEventRepository::appendTimeline(const OrderEvent &event)
{
    SqlStatement &insert = statement(OrderEventRepository::insertSql());
    OrderEventRepository::bindInsert(insert, event);
    return run(insert, [&] { return tr("cannot add to the timeline of order %1").arg(event.orderId); });
}

} // namespace Bottega
