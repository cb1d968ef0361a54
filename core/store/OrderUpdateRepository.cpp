#include "core/store/OrderUpdateRepository.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/OrderEventRepository.h"
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

OrderPackage readPackage(const SqlStatement &row)
{
    OrderPackage package;
    package.id = row.integer(u"id"_s);
    package.orderId = row.integer(u"order_id"_s);
    package.gelatoOrderId = row.text(u"gelato_order_id"_s);
    package.packageId = row.text(u"package_id"_s);
    package.carrier = row.text(u"carrier"_s);
    package.trackingCode = row.text(u"tracking_code"_s);
    package.trackingUrl = row.text(u"tracking_url"_s);
    package.status = row.text(u"status"_s);
    package.updatedAt = row.time(u"updated_at"_s);
    return package;
}

} // namespace

OrderUpdateRepository::OrderUpdateRepository(const Database &database, const Clock *clock)
    : m_database(database), m_clock(clock ? clock : &database.clock())
{
}

OrderUpdateRepository::~OrderUpdateRepository() = default;

SqlStatement &OrderUpdateRepository::statement(const QString &sql)
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

qint64 OrderUpdateRepository::nowMs() const
{
    return m_clock->nowMs();
}

Result<std::optional<qint64>> OrderUpdateRepository::findOrder(const QString &gelatoOrderId)
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

Result<OrderUpdateRepository::OrderStatus> OrderUpdateRepository::orderStatus(qint64 orderId)
{
    QString sql = u"SELECT id, reference, state, gelato_order_id, gelato_order_reference_id, "
                  "gelato_fulfillment_status, gelato_financial_status, is_draft, shipment_method_uid, "
                  "delivery_estimate_min_at, delivery_estimate_max_at, gelato_cost_currency, "
                  "gelato_cost_products, gelato_cost_shipping, gelato_cost_packaging, gelato_cost_vat, "
                  "gelato_cost_total, gelato_cost_unknown, poleepo_status FROM sales_orders WHERE id = ?"_s;
    if (m_database.engine() == Database::Engine::PostgreSql)
        sql += u" FOR UPDATE"_s;
    SqlStatement &select = statement(sql);
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
    status.gelatoOrderReferenceId = select.text(u"gelato_order_reference_id"_s);
    status.gelatoFulfillmentStatus = select.text(u"gelato_fulfillment_status"_s);
    status.gelatoFinancialStatus = select.text(u"gelato_financial_status"_s);
    status.isDraft = select.flag(u"is_draft"_s);
    status.shipmentMethodUid = select.text(u"shipment_method_uid"_s);
    status.deliveryEstimateMin = select.time(u"delivery_estimate_min_at"_s);
    status.deliveryEstimateMax = select.time(u"delivery_estimate_max_at"_s);
    status.poleepoStatus = select.text(u"poleepo_status"_s);
    status.cost.currency = select.text(u"gelato_cost_currency"_s);
    status.cost.products = select.number(u"gelato_cost_products"_s);
    status.cost.shipping = select.number(u"gelato_cost_shipping"_s);
    status.cost.packaging = select.number(u"gelato_cost_packaging"_s);
    status.cost.vat = select.number(u"gelato_cost_vat"_s);
    status.cost.total = select.number(u"gelato_cost_total"_s);
    status.cost.unknown = select.text(u"gelato_cost_unknown"_s).split(u',', Qt::SkipEmptyParts);
    select.query().finish();
    return status;
}

Result<void> OrderUpdateRepository::updateOrder(qint64 orderId, const QString &assignments,
                                                const QVariantList &values, const char *what)
{
    SqlStatement &update
            = statement(u"UPDATE sales_orders SET "_s + assignments + u", updated_at = ? WHERE id = ?"_s);
    update.bindAll(values).bind(nowMs()).bind(orderId);
    return runOne(
            update, [&] { return tr("cannot save the %1 of order %2").arg(tr(what)).arg(orderId); },
            [&] { return tr("no order with id %1").arg(orderId); });
}

Result<void> OrderUpdateRepository::setGelatoOrder(qint64 orderId, const QString &gelatoOrderId,
                                                   const QString &referenceId, bool isDraft)
{
    return updateOrder(orderId, u"gelato_order_id = ?, gelato_order_reference_id = ?, is_draft = ?"_s,
                       {Sql::text(gelatoOrderId), Sql::text(referenceId), Sql::flag(isDraft)},
                       QT_TR_NOOP("Gelato order"));
}

Result<void> OrderUpdateRepository::setGelatoStatus(qint64 orderId, const QString &status)
{
    return updateOrder(orderId, u"gelato_fulfillment_status = ?"_s, {Sql::text(status)},
                       QT_TR_NOOP("Gelato status"));
}

Result<void> OrderUpdateRepository::setPoleepoStatus(qint64 orderId, const QString &status)
{
    return updateOrder(orderId, u"poleepo_status = ?"_s, {Sql::text(status)}, QT_TR_NOOP("Poleepo status"));
}

Result<std::optional<OrderUpdateRepository::Shipment>>
OrderUpdateRepository::findShipment(qint64 orderId, const QString &poleepoShippingId)
{
    SqlStatement &select = statement(u"SELECT id, status, tracking_code, carrier FROM order_shipments "
                                     "WHERE order_id = ? AND poleepo_shipping_id = ? ORDER BY id"_s);
    select.bind(orderId).bind(Sql::text(poleepoShippingId));
    if (auto r = run(select, [&] { return tr("cannot read Poleepo shipping %1").arg(poleepoShippingId); });
        !r)
        return makeError(r.error());
    std::optional<Shipment> found;
    if (select.next()) {
        Shipment shipment;
        shipment.id = select.integer(u"id"_s);
        shipment.orderId = orderId;
        shipment.poleepoShippingId = poleepoShippingId;
        shipment.status = select.text(u"status"_s);
        shipment.trackingCode = select.text(u"tracking_code"_s);
        shipment.carrier = select.text(u"carrier"_s);
        found = shipment;
    }
    select.query().finish();
    return found;
}

Result<std::optional<qint64>> OrderUpdateRepository::findOrderByShipping(const QString &poleepoShippingId)
{
    SqlStatement &select
            = statement(u"SELECT order_id FROM order_shipments WHERE poleepo_shipping_id = ? ORDER BY id"_s);
    select.bind(Sql::text(poleepoShippingId));
    if (auto r = run(select, [&] { return tr("cannot read Poleepo shipping %1").arg(poleepoShippingId); });
        !r)
        return makeError(r.error());
    std::optional<qint64> found;
    if (select.next())
        found = select.integer(u"order_id"_s);
    select.query().finish();
    return found;
}

Result<void> OrderUpdateRepository::saveShipment(const Shipment &shipment)
{
    if (shipment.id == 0) {
        SqlStatement &insert = statement(u"INSERT INTO order_shipments (order_id, poleepo_shipping_id, "
                                         u"status, tracking_code, carrier, "
                                         "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
        insert.bind(shipment.orderId)
                .bind(Sql::text(shipment.poleepoShippingId))
                .bind(Sql::text(shipment.status))
                .bind(Sql::text(shipment.trackingCode))
                .bind(Sql::text(shipment.carrier))
                .bind(nowMs())
                .bind(nowMs());
        return run(insert,
                   [&] { return tr("cannot save Poleepo shipping %1").arg(shipment.poleepoShippingId); });
    }
    SqlStatement &update
            = statement(u"UPDATE order_shipments SET status = ?, tracking_code = ?, carrier = ?, "
                        "updated_at = ? WHERE id = ?"_s);
    update.bind(Sql::text(shipment.status))
            .bind(Sql::text(shipment.trackingCode))
            .bind(Sql::text(shipment.carrier))
            .bind(nowMs())
            .bind(shipment.id);
    return run(update, [&] { return tr("cannot save Poleepo shipping %1").arg(shipment.poleepoShippingId); });
}

Result<void> OrderUpdateRepository::setFinancialStatus(qint64 orderId, const QString &status)
{
    return updateOrder(orderId, u"gelato_financial_status = ?"_s, {Sql::text(status)},
                       QT_TR_NOOP("Gelato financial status"));
}

Result<void> OrderUpdateRepository::setShipmentMethod(qint64 orderId, const QString &shipmentMethodUid)
{
    return updateOrder(orderId, u"shipment_method_uid = ?"_s, {Sql::text(shipmentMethodUid)},
                       QT_TR_NOOP("shipment method"));
}

Result<void> OrderUpdateRepository::setDeliveryEstimate(qint64 orderId, const QDateTime &min,
                                                        const QDateTime &max)
{
    return updateOrder(orderId, u"delivery_estimate_min_at = ?, delivery_estimate_max_at = ?"_s,
                       {Sql::timeOrNull(min), Sql::timeOrNull(max)}, QT_TR_NOOP("delivery estimate"));
}

Result<void> OrderUpdateRepository::setCost(qint64 orderId, const Cost &cost)
{
    return updateOrder(orderId,
                       u"gelato_cost_currency = ?, gelato_cost_products = ?, gelato_cost_shipping = ?, "
                       "gelato_cost_packaging = ?, gelato_cost_vat = ?, gelato_cost_total = ?, "
                       "gelato_cost_unknown = ?"_s,
                       {Sql::text(cost.currency), cost.products, cost.shipping, cost.packaging, cost.vat,
                        cost.total, Sql::text(cost.unknown.join(u','))},
                       QT_TR_NOOP("Gelato cost"));
}

Result<bool> OrderUpdateRepository::setState(qint64 orderId, const QString &from, const QString &to)
{
    SqlStatement &update
            = statement(u"UPDATE sales_orders SET state = ?, updated_at = ? WHERE id = ? AND state = ?"_s);
    update.bind(Sql::text(to)).bind(nowMs()).bind(orderId).bind(Sql::text(from));
    if (auto r = run(update, [&] { return tr("cannot change the state of order %1").arg(orderId); }); !r)
        return makeError(r.error());
    return update.rowsAffected() > 0;
}

Result<std::optional<QString>> OrderUpdateRepository::connectedOrderStatus(qint64 orderId,
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

Result<void> OrderUpdateRepository::saveConnectedOrder(const GelatoConnectedOrder &connected)
{
    SqlStatement &upsert = statement(
            u"INSERT INTO gelato_connected_orders (order_id, gelato_order_id, status) VALUES (?, ?, ?) "
            "ON CONFLICT (gelato_order_id) DO UPDATE SET order_id = excluded.order_id, "
            "status = excluded.status"_s);
    upsert.bind(connected.orderId).bind(Sql::text(connected.gelatoOrderId)).bind(Sql::text(connected.status));
    return run(upsert,
               [&] { return tr("cannot save connected Gelato order %1").arg(connected.gelatoOrderId); });
}

Result<QList<OrderUpdateRepository::Line>> OrderUpdateRepository::lines(qint64 orderId)
{
    SqlStatement &select = statement(u"SELECT id, item_reference_id, gelato_item_id, gelato_item_status "
                                     "FROM order_lines WHERE order_id = ? ORDER BY position, id"_s);
    select.bind(orderId);
    if (auto r = run(select, [&] { return tr("cannot read the lines of order %1").arg(orderId); }); !r)
        return makeError(r.error());
    QList<Line> lines;
    while (select.next())
        lines.append(Line {select.integer(u"id"_s), select.text(u"item_reference_id"_s),
                           select.text(u"gelato_item_id"_s), select.text(u"gelato_item_status"_s)});
    select.query().finish();
    return lines;
}

Result<void> OrderUpdateRepository::setLineGelatoItem(qint64 lineId, const QString &gelatoItemId,
                                                      const QString &status)
{
    SqlStatement &update
            = statement(u"UPDATE order_lines SET gelato_item_id = ?, gelato_item_status = ? WHERE id = ?"_s);
    update.bind(Sql::text(gelatoItemId)).bind(Sql::text(status)).bind(lineId);
    return runOne(
            update, [&] { return tr("cannot save the Gelato item of line %1").arg(lineId); },
            [&] { return tr("no order line with id %1").arg(lineId); });
}

Result<std::optional<OrderPackage>> OrderUpdateRepository::findPackage(qint64 orderId,
                                                                       const QString &gelatoOrderId,
                                                                       const QString &packageId,
                                                                       const QString &trackingCode)
{
    SqlStatement &select = statement(
            u"SELECT id, order_id, gelato_order_id, package_id, carrier, tracking_code, tracking_url, "
            "status, updated_at FROM order_packages WHERE order_id = ? AND gelato_order_id = ? AND "
            "(package_id = ? OR (tracking_code <> '' AND tracking_code = ?)) "
            "ORDER BY CASE WHEN package_id = ? THEN 0 ELSE 1 END, id LIMIT 1"_s);
    select.bind(orderId)
            .bind(Sql::text(gelatoOrderId))
            .bind(Sql::text(packageId))
            .bind(Sql::text(trackingCode))
            .bind(Sql::text(packageId));
    if (auto r = run(select, [&] { return tr("cannot read the packages of order %1").arg(orderId); }); !r)
        return makeError(r.error());
    std::optional<OrderPackage> package;
    if (select.next())
        package = readPackage(select);
    select.query().finish();
    return package;
}

Result<void> OrderUpdateRepository::insertPackage(const OrderPackage &package)
{
    SqlStatement &insert = statement(
            u"INSERT INTO order_packages (order_id, gelato_order_id, package_id, carrier, tracking_code, "
            "tracking_url, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    insert.bind(package.orderId)
            .bind(Sql::text(package.gelatoOrderId))
            .bind(Sql::text(package.packageId))
            .bind(Sql::text(package.carrier))
            .bind(Sql::text(package.trackingCode))
            .bind(Sql::text(package.trackingUrl))
            .bind(Sql::text(package.status))
            .bind(nowMs());
    return run(insert, [&] {
        return tr("cannot save package %1 of order %2").arg(package.packageId).arg(package.orderId);
    });
}

Result<void> OrderUpdateRepository::updatePackage(const OrderPackage &package)
{
    SqlStatement &update = statement(
            u"UPDATE order_packages SET package_id = ?, carrier = ?, tracking_code = ?, tracking_url = ?, "
            "status = ?, updated_at = ? WHERE id = ?"_s);
    update.bind(Sql::text(package.packageId))
            .bind(Sql::text(package.carrier))
            .bind(Sql::text(package.trackingCode))
            .bind(Sql::text(package.trackingUrl))
            .bind(Sql::text(package.status))
            .bind(nowMs())
            .bind(package.id);
    return runOne(
            update,
            [&] {
                return tr("cannot save package %1 of order %2").arg(package.packageId).arg(package.orderId);
            },
            [&] { return tr("no package with id %1").arg(package.id); });
}

Result<void> OrderUpdateRepository::appendTimeline(const OrderEvent &event)
{
    OrderEvent stamped = event;
    if (!stamped.at.isValid())
        stamped.at = m_clock->now();
    SqlStatement &insert = statement(OrderEventRepository::insertSql());
    OrderEventRepository::bindInsert(insert, stamped, m_clock);
    return run(insert, [&] { return tr("cannot add to the timeline of order %1").arg(event.orderId); });
}

} // namespace Bottega
