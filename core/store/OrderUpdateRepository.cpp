#include "core/store/OrderUpdateRepository.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/OrderEventRepository.h"
#include "core/store/SqlBatch.h"
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
    : m_database(database), m_clock(clock ? clock : &database.clock()),
      m_writes(std::make_unique<SqlBatch>(database))
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

void OrderUpdateRepository::deferWrites()
{
    m_deferring = true;
}

Result<void> OrderUpdateRepository::endDeferred(bool keep)
{
    m_deferring = false;
    if (!keep) {
        m_writes->clear();
        m_timeline.clear();
        m_orderUpdate.reset();
        m_pending = 0;
        m_pendingPackages.clear();
        return {};
    }
    return flushWrites(~0);
}

Result<void> OrderUpdateRepository::flushWrites(int tables)
{
    if ((m_pending & tables) == 0)
        return {};
    addOrderUpdate();
    if (tables & Events)
        addTimeline();
    m_pending = m_timeline.isEmpty() ? 0 : Events;
    m_pendingPackages.clear();
    return m_writes->flush();
}

void OrderUpdateRepository::addTimeline()
{
    // Many rows in one INSERT (PERF-2: on PostgreSQL a statement costs more than the row it adds),
    // in the order they came, after the other writes: nothing this object reads depends on them.
    constexpr qsizetype chunk = 100;
    const QString row = u", (?, ?, ?, ?, ?, ?, ?)"_s;
    for (qsizetype start = 0; start < m_timeline.size(); start += chunk) {
        const qsizetype count = std::min(chunk, m_timeline.size() - start);
        QString sql = OrderEventRepository::insertSql();
        QVariantList values;
        values.reserve(count * 7);
        QList<qint64> orders;
        for (qsizetype i = start; i < start + count; ++i) {
            if (i > start)
                sql += row;
            values.append(m_timeline.at(i));
            orders.append(m_timeline.at(i).constFirst().toLongLong());
        }
        m_writes->add(sql, std::move(values), [orders] {
            QStringList ids;
            for (const qint64 id : orders)
                ids.append(QString::number(id));
            ids.removeDuplicates();
            return tr("cannot add to the timeline of orders %1").arg(ids.join(u", "_s));
        });
    }
    m_timeline.clear();
}

Result<void> OrderUpdateRepository::write(int table, const QString &sql, QVariantList values, Text what,
                                          Text notFound)
{
    if (m_deferring) {
        m_writes->add(sql, std::move(values), std::move(what), std::move(notFound));
        m_pending |= table;
        return {};
    }
    SqlStatement &statement = this->statement(sql);
    statement.bindAll(values);
    if (auto r = statement.exec(QString()); !r)
        return makeError(QString(what() + r.error()));
    if (notFound && statement.rowsAffected() == 0)
        return makeError(notFound());
    return {};
}

void OrderUpdateRepository::addOrderUpdate()
{
    if (!m_orderUpdate)
        return;
    const OrderChange change = std::move(*m_orderUpdate);
    m_orderUpdate.reset();
    QString sql = u"UPDATE sales_orders SET "_s;
    QVariantList values;
    for (auto it = change.columns.cbegin(); it != change.columns.cend(); ++it) {
        sql += it.key() + u" = ?, "_s;
        values.append(it.value());
    }
    sql += u"updated_at = ? WHERE id = ?"_s;
    values.append(nowMs());
    values.append(change.orderId);
    const qint64 orderId = change.orderId;
    Text notFound = [orderId] { return tr("no order with id %1").arg(orderId); };
    if (change.stateFrom) {
        sql += u" AND state = ?"_s;
        values.append(Sql::text(*change.stateFrom));
        notFound = [orderId, from = *change.stateFrom] {
            return tr("order %1 is no longer %2").arg(orderId).arg(from);
        };
    }
    m_writes->add(sql, std::move(values), change.what, std::move(notFound));
}

Result<void> OrderUpdateRepository::changeOrder(qint64 orderId, const QStringList &columns,
                                                const QVariantList &values, Text what,
                                                const std::optional<QString> &stateFrom)
{
    // Every change of the order in one apply becomes one UPDATE (one new row version, one round
    // trip less): PERF-2.
    if (m_orderUpdate && m_orderUpdate->orderId != orderId)
        addOrderUpdate();
    if (!m_orderUpdate) {
        OrderChange change; // not emplace(): clang-14 refuses it for a nested struct with initializers
        change.orderId = orderId;
        change.what = std::move(what);
        m_orderUpdate = std::move(change);
    }
    for (qsizetype i = 0; i < columns.size(); ++i)
        m_orderUpdate->columns.insert(columns.at(i), values.at(i));
    if (stateFrom)
        m_orderUpdate->stateFrom = stateFrom;
    m_pending |= Orders;
    return {};
}

Result<std::optional<qint64>> OrderUpdateRepository::findOrder(const QString &gelatoOrderId)
{
    if (gelatoOrderId.isEmpty())
        return std::optional<qint64>();
    if (auto r = flushWrites(Orders | Connected); !r)
        return makeError(r.error());
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

namespace {

constexpr auto statusColumns
        = "o.id, o.reference, o.state, o.gelato_order_id, o.gelato_order_reference_id, "
          "o.gelato_fulfillment_status, o.gelato_financial_status, o.is_draft, o.shipment_method_uid, "
          "o.delivery_estimate_min_at, o.delivery_estimate_max_at, o.gelato_cost_currency, "
          "o.gelato_cost_products, o.gelato_cost_shipping, o.gelato_cost_packaging, o.gelato_cost_vat, "
          "o.gelato_cost_total, o.gelato_cost_unknown, o.poleepo_status"_L1;

OrderUpdateRepository::OrderStatus readStatus(const SqlStatement &select)
{
    OrderUpdateRepository::OrderStatus status;
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
    return status;
}

} // namespace

Result<OrderUpdateRepository::OrderStatus> OrderUpdateRepository::orderStatus(qint64 orderId)
{
    if (auto r = flushWrites(Orders); !r)
        return makeError(r.error());
    QString sql = u"SELECT "_s + statusColumns + u" FROM sales_orders o WHERE o.id = ?"_s;
    if (m_database.engine() == Database::Engine::PostgreSql)
        sql += u" FOR UPDATE"_s;
    SqlStatement &select = statement(sql);
    select.bind(orderId);
    if (auto r = run(select, [&] { return tr("cannot read order %1").arg(orderId); }); !r)
        return makeError(r.error());
    if (!select.next())
        return makeError(tr("no order with id %1").arg(orderId));
    const OrderStatus status = readStatus(select);
    select.query().finish();
    return status;
}

Result<std::optional<OrderUpdateRepository::OrderStatus>>
OrderUpdateRepository::orderByGelatoOrder(const QString &gelatoOrderId, QList<Line> &lines)
{
    lines.clear();
    if (gelatoOrderId.isEmpty())
        return std::optional<OrderStatus>();
    if (const auto ahead = m_readAhead.find(gelatoOrderId); ahead != m_readAhead.end()) {
        // Read ahead, and nothing this object wrote since touched the order: it is applied now,
        // so every id read ahead for it is read again when needed.
        const ReadAhead found = *ahead;
        m_readAhead.removeIf([id = found.status.id](const auto &entry) { return entry.value().status.id == id; });
        lines = found.lines;
        return std::optional<OrderStatus>(found.status);
    }
    if (auto r = flushWrites(Orders | Lines | Connected); !r)
        return makeError(r.error());
    // One round trip for what applying a webhook needs to read first (PERF-2): the order, found as
    // findOrder finds it, locked as orderStatus locks it, with its lines.
    QString sql = u"SELECT "_s + statusColumns
            + u", l.id AS line_id, l.item_reference_id AS line_item_reference_id, "
              "l.gelato_item_id AS line_gelato_item_id, l.gelato_item_status AS line_gelato_item_status "
              "FROM sales_orders o LEFT JOIN order_lines l ON l.order_id = o.id "
              "WHERE o.id = (SELECT id FROM sales_orders WHERE gelato_order_id = ? UNION ALL "
              "SELECT order_id FROM gelato_connected_orders WHERE gelato_order_id = ? LIMIT 1) "
              "ORDER BY l.position, l.id"_s;
    if (m_database.engine() == Database::Engine::PostgreSql)
        sql += u" FOR UPDATE OF o"_s;
    SqlStatement &select = statement(sql);
    select.bind(gelatoOrderId).bind(gelatoOrderId);
    if (auto r = run(select, [&] { return tr("cannot look up Gelato order %1").arg(gelatoOrderId); }); !r)
        return makeError(r.error());
    std::optional<OrderStatus> found;
    while (select.next()) {
        if (!found)
            found = readStatus(select);
        if (!select.value(u"line_id"_s).isNull())
            lines.append(Line {select.integer(u"line_id"_s), select.text(u"line_item_reference_id"_s),
                               select.text(u"line_gelato_item_id"_s),
                               select.text(u"line_gelato_item_status"_s)});
    }
    select.query().finish();
    return found;
}

void OrderUpdateRepository::dropReadAhead(qint64 orderId)
{
    if (!m_readAhead.isEmpty())
        m_readAhead.removeIf([orderId](const auto &entry) { return entry.value().status.id == orderId; });
}

Result<void> OrderUpdateRepository::readAhead(const QStringList &gelatoOrderIds)
{
    forgetReadAhead();
    QStringList ids;
    for (const QString &id : gelatoOrderIds) {
        if (!id.isEmpty() && !ids.contains(id))
            ids.append(id);
    }
    if (ids.isEmpty())
        return {};
    if (auto r = flushWrites(Orders | Lines | Connected); !r)
        return makeError(r.error());
    const QString in = SqlStatement::placeholders(ids.size());
    QString sql = u"SELECT k.asked, k.own, "_s + statusColumns
            + u", l.id AS line_id, l.item_reference_id AS line_item_reference_id, "
              "l.gelato_item_id AS line_gelato_item_id, l.gelato_item_status AS line_gelato_item_status "
              "FROM (SELECT gelato_order_id AS asked, id AS order_id, 1 AS own FROM sales_orders "
              "WHERE gelato_order_id IN ("_s
            + in
            + u") UNION ALL SELECT gelato_order_id, order_id, 0 FROM gelato_connected_orders "
              "WHERE gelato_order_id IN ("_s
            + in
            + u")) k JOIN sales_orders o ON o.id = k.order_id LEFT JOIN order_lines l ON l.order_id = o.id "
              "ORDER BY o.id, k.asked, k.own, l.position, l.id"_s;
    if (m_database.engine() == Database::Engine::PostgreSql)
        sql += u" FOR UPDATE OF o"_s;
    // SQLite: kept for the next pass, since preparing a statement of 400 values costs as much as
    // running it. PostgreSQL: prepared anew, since its plan for the values given is better than
    // the generic plan a kept statement gets after five runs.
    std::optional<SqlStatement> once;
    if (m_database.engine() == Database::Engine::PostgreSql)
        once.emplace(m_database.connection(), sql);
    SqlStatement &select = once ? *once : statement(sql);
    for (int pass = 0; pass < 2; ++pass) {
        for (const QString &id : std::as_const(ids))
            select.bind(id);
    }
    if (auto r = run(select, [&] { return tr("cannot look up %n Gelato orders", nullptr, int(ids.size())); });
        !r)
        return makeError(r.error());
    // Each id's candidates as findOrder would see them: its own order first, then a connected one.
    struct Candidate
    {
        bool own = false;
        ReadAhead order;
    };
    QHash<QString, QList<Candidate>> found;
    while (select.next()) {
        const QString asked = select.text(u"asked"_s);
        const bool own = select.integer(u"own"_s) != 0;
        const qint64 orderId = select.integer(u"id"_s);
        QList<Candidate> &candidates = found[asked];
        if (candidates.isEmpty() || candidates.constLast().order.status.id != orderId
            || candidates.constLast().own != own)
            candidates.append({own, {readStatus(select), {}}});
        if (!select.value(u"line_id"_s).isNull())
            candidates.last().order.lines.append(
                    Line {select.integer(u"line_id"_s), select.text(u"line_item_reference_id"_s),
                          select.text(u"line_gelato_item_id"_s), select.text(u"line_gelato_item_status"_s)});
    }
    for (auto it = found.cbegin(); it != found.cend(); ++it) {
        QList<const Candidate *> own, connected;
        for (const Candidate &candidate : it.value())
            (candidate.own ? own : connected).append(&candidate);
        // Only an id that names one order is answered from here; any other is looked up as before.
        if (own.size() == 1)
            m_readAhead.insert(it.key(), own.constFirst()->order);
        else if (own.isEmpty() && connected.size() == 1)
            m_readAhead.insert(it.key(), connected.constFirst()->order);
    }
    select.query().finish();
    return readPackagesAhead();
}

Result<void> OrderUpdateRepository::readPackagesAhead()
{
    QList<qint64> orderIds;
    for (const ReadAhead &order : std::as_const(m_readAhead)) {
        if (!m_packagesAhead.contains(order.status.id)) {
            m_packagesAhead.insert(order.status.id, {});
            orderIds.append(order.status.id);
        }
    }
    if (orderIds.isEmpty())
        return {};
    // Not locked: a package changes only under its order's lock, which readAhead holds.
    SqlStatement &select = statement(
            u"SELECT id, order_id, gelato_order_id, package_id, carrier, tracking_code, tracking_url, "
            "status, updated_at FROM order_packages WHERE order_id IN ("_s
            + SqlStatement::placeholders(orderIds.size()) + u") ORDER BY order_id, id"_s);
    for (const qint64 id : std::as_const(orderIds))
        select.bind(id);
    if (auto r = run(select, [&] { return tr("cannot read the packages of %n orders", nullptr, int(orderIds.size())); });
        !r) {
        m_packagesAhead.clear();
        return makeError(r.error());
    }
    while (select.next()) {
        OrderPackage package = readPackage(select);
        m_packagesAhead[package.orderId].append(std::move(package));
    }
    select.query().finish();
    return {};
}

Result<void> OrderUpdateRepository::updateOrder(qint64 orderId, const QString &assignments,
                                                const QVariantList &values, const char *what)
{
    dropReadAhead(orderId);
    Text message = [orderId, what] { return tr("cannot save the %1 of order %2").arg(tr(what)).arg(orderId); };
    if (m_deferring) {
        QStringList columns;
        for (const QString &assignment : assignments.split(u',')) // "column = ?, column = ?"
            columns.append(assignment.section(u'=', 0, 0).trimmed());
        return changeOrder(orderId, columns, values, std::move(message));
    }
    QVariantList all = values;
    all.append(nowMs());
    all.append(orderId);
    return write(Orders, u"UPDATE sales_orders SET "_s + assignments + u", updated_at = ? WHERE id = ?"_s,
                 std::move(all), std::move(message), [orderId] { return tr("no order with id %1").arg(orderId); });
}

Result<void> OrderUpdateRepository::setGelatoOrder(qint64 orderId, const QString &gelatoOrderId,
                                                   const QString &referenceId, bool isDraft)
{
    m_readAhead.clear(); // an id may now belong to another order
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
    if (auto r = flushWrites(Shipments); !r)
        return makeError(r.error());
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
    if (auto r = flushWrites(Shipments); !r)
        return makeError(r.error());
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
    const QString shippingId = shipment.poleepoShippingId;
    const auto what = [shippingId] { return tr("cannot save Poleepo shipping %1").arg(shippingId); };
    if (shipment.id == 0) {
        return write(Shipments, u"INSERT INTO order_shipments (order_id, poleepo_shipping_id, status, tracking_code, "
                     "carrier, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
                     {shipment.orderId, Sql::text(shipment.poleepoShippingId), Sql::text(shipment.status),
                      Sql::text(shipment.trackingCode), Sql::text(shipment.carrier), nowMs(), nowMs()},
                     what);
    }
    return write(Shipments, u"UPDATE order_shipments SET status = ?, tracking_code = ?, carrier = ?, "
                 "updated_at = ? WHERE id = ?"_s,
                 {Sql::text(shipment.status), Sql::text(shipment.trackingCode), Sql::text(shipment.carrier),
                  nowMs(), shipment.id},
                 what);
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
    const QString sql = u"UPDATE sales_orders SET state = ?, updated_at = ? WHERE id = ? AND state = ?"_s;
    const auto what = [orderId] { return tr("cannot change the state of order %1").arg(orderId); };
    dropReadAhead(orderId);
    if (m_deferring) {
        // The order row was read (and locked) in this transaction in state `from`: the move finds
        // it there, and one that does not is an error rather than a move silently not made.
        if (auto r = changeOrder(orderId, {u"state"_s}, {Sql::text(to)}, what, from); !r)
            return makeError(r.error());
        return true;
    }
    SqlStatement &update = statement(sql);
    update.bind(Sql::text(to)).bind(nowMs()).bind(orderId).bind(Sql::text(from));
    if (auto r = run(update, what); !r)
        return makeError(r.error());
    return update.rowsAffected() > 0;
}

Result<std::optional<QString>> OrderUpdateRepository::connectedOrderStatus(qint64 orderId,
                                                                           const QString &gelatoOrderId)
{
    if (auto r = flushWrites(Connected); !r)
        return makeError(r.error());
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
    m_readAhead.clear(); // an id may now belong to another order
    const QString gelatoOrderId = connected.gelatoOrderId;
    return write(Connected, u"INSERT INTO gelato_connected_orders (order_id, gelato_order_id, status) VALUES (?, ?, ?) "
                 "ON CONFLICT (gelato_order_id) DO UPDATE SET order_id = excluded.order_id, "
                 "status = excluded.status"_s,
                 {connected.orderId, Sql::text(connected.gelatoOrderId), Sql::text(connected.status)},
                 [gelatoOrderId] { return tr("cannot save connected Gelato order %1").arg(gelatoOrderId); });
}

Result<QList<OrderUpdateRepository::Line>> OrderUpdateRepository::lines(qint64 orderId)
{
    if (auto r = flushWrites(Lines); !r)
        return makeError(r.error());
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
    return write(
            Lines, u"UPDATE order_lines SET gelato_item_id = ?, gelato_item_status = ? WHERE id = ?"_s,
            {Sql::text(gelatoItemId), Sql::text(status), lineId},
            [lineId] { return tr("cannot save the Gelato item of line %1").arg(lineId); },
            [lineId] { return tr("no order line with id %1").arg(lineId); });
}

Result<std::optional<OrderPackage>> OrderUpdateRepository::findPackage(qint64 orderId,
                                                                       const QString &gelatoOrderId,
                                                                       const QString &packageId,
                                                                       const QString &trackingCode)
{
    // Read ahead, and not written since: the same choice as the query below, without a round trip.
    if (const auto ahead = m_packagesAhead.constFind(orderId); ahead != m_packagesAhead.cend()) {
        const OrderPackage *byTracking = nullptr;
        for (const OrderPackage &package : *ahead) {
            if (package.gelatoOrderId != gelatoOrderId)
                continue;
            if (package.packageId == packageId)
                return std::optional<OrderPackage>(package);
            if (!byTracking && !package.trackingCode.isEmpty() && package.trackingCode == trackingCode)
                byTracking = &package;
        }
        return byTracking ? std::optional<OrderPackage>(*byTracking) : std::nullopt;
    }
    // Only this order's packages matter: other orders' collected parcels may wait (PERF-2).
    if (m_pendingPackages.contains(orderId)) {
        if (auto r = flushWrites(Packages); !r)
            return makeError(r.error());
    }
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
    m_packagesAhead.remove(package.orderId);
    if (m_deferring)
        m_pendingPackages.insert(package.orderId);
    const QString packageId = package.packageId;
    const qint64 orderId = package.orderId;
    return write(Packages, u"INSERT INTO order_packages (order_id, gelato_order_id, package_id, carrier, tracking_code, "
                 "tracking_url, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
                 {package.orderId, Sql::text(package.gelatoOrderId), Sql::text(package.packageId),
                  Sql::text(package.carrier), Sql::text(package.trackingCode), Sql::text(package.trackingUrl),
                  Sql::text(package.status), nowMs()},
                 [packageId, orderId] { return tr("cannot save package %1 of order %2").arg(packageId).arg(orderId); });
}

Result<void> OrderUpdateRepository::updatePackage(const OrderPackage &package)
{
    m_packagesAhead.remove(package.orderId);
    if (m_deferring)
        m_pendingPackages.insert(package.orderId);
    const QString packageId = package.packageId;
    const qint64 orderId = package.orderId;
    const qint64 id = package.id;
    return write(Packages, u"UPDATE order_packages SET package_id = ?, carrier = ?, tracking_code = ?, tracking_url = ?, "
                 "status = ?, updated_at = ? WHERE id = ?"_s,
                 {Sql::text(package.packageId), Sql::text(package.carrier), Sql::text(package.trackingCode),
                  Sql::text(package.trackingUrl), Sql::text(package.status), nowMs(), package.id},
                 [packageId, orderId] { return tr("cannot save package %1 of order %2").arg(packageId).arg(orderId); },
                 [id] { return tr("no package with id %1").arg(id); });
}

Result<void> OrderUpdateRepository::appendTimeline(const OrderEvent &event)
{
    OrderEvent stamped = event;
    if (!stamped.at.isValid())
        stamped.at = m_clock->now();
    if (m_deferring) {
        m_timeline.append(OrderEventRepository::insertValues(stamped, m_clock));
        m_pending |= Events;
        return {};
    }
    const qint64 orderId = event.orderId;
    return write(Events, OrderEventRepository::insertSql(), OrderEventRepository::insertValues(stamped, m_clock),
                 [orderId] { return tr("cannot add to the timeline of order %1").arg(orderId); });
}

} // namespace Bottega
