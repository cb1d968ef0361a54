#include "core/store/OrderPackageRepository.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqlValues.h"

using namespace Qt::StringLiterals;

namespace Bottega {

OrderPackageRepository::OrderPackageRepository(const Database &database) : m_database(database) { }

namespace {

QString upsertSql()
{
    return u"INSERT INTO order_packages (order_id, gelato_order_id, package_id, carrier, tracking_code, "
           "tracking_url, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
           "ON CONFLICT (order_id, gelato_order_id, package_id) DO UPDATE SET "
           "carrier = excluded.carrier, tracking_code = excluded.tracking_code, "
           "tracking_url = excluded.tracking_url, status = excluded.status, "
           "updated_at = excluded.updated_at"_s;
}

void bindUpsert(SqlStatement &statement, const OrderPackage &package, const Clock *clock)
{
    const QDateTime updated
            = package.updatedAt.isValid() ? package.updatedAt : (clock ? clock : Clock::system())->now();
    statement.bind(package.orderId)
            .bind(Sql::text(package.gelatoOrderId))
            .bind(Sql::text(package.packageId))
            .bind(Sql::text(package.carrier))
            .bind(Sql::text(package.trackingCode))
            .bind(Sql::text(package.trackingUrl))
            .bind(Sql::text(package.status))
            .bind(updated.toMSecsSinceEpoch());
}

} // namespace

Result<qint64> OrderPackageRepository::savePackage(const OrderPackage &package)
{
    SqlStatement upsert(m_database.connection(), upsertSql() + u" RETURNING id"_s);
    bindUpsert(upsert, package, &m_database.clock());
    if (auto r
        = upsert.exec(tr("cannot save package %1 of order %2").arg(package.packageId).arg(package.orderId));
        !r)
        return makeError(r.error());
    if (!upsert.next())
        return makeError(tr("cannot save package %1: no id returned").arg(package.packageId));
    return upsert.integer(u"id"_s);
}

Result<QList<OrderPackage>> OrderPackageRepository::packagesForOrder(qint64 orderId)
{
    SqlStatement select(
            m_database.connection(),
            u"SELECT id, order_id, gelato_order_id, package_id, carrier, tracking_code, tracking_url, "
            "status, updated_at FROM order_packages WHERE order_id = ? ORDER BY id"_s);
    select.bind(orderId);
    if (auto r = select.exec(tr("cannot read the packages of order %1").arg(orderId)); !r)
        return makeError(r.error());
    QList<OrderPackage> packages;
    while (select.next()) {
        OrderPackage package;
        package.id = select.integer(u"id"_s);
        package.orderId = select.integer(u"order_id"_s);
        package.gelatoOrderId = select.text(u"gelato_order_id"_s);
        package.packageId = select.text(u"package_id"_s);
        package.carrier = select.text(u"carrier"_s);
        package.trackingCode = select.text(u"tracking_code"_s);
        package.trackingUrl = select.text(u"tracking_url"_s);
        package.status = select.text(u"status"_s);
        package.updatedAt = select.time(u"updated_at"_s);
        packages.append(package);
    }
    return packages;
}

Result<void> OrderPackageRepository::saveConnectedOrder(const GelatoConnectedOrder &connected)
{
    SqlStatement upsert(
            m_database.connection(),
            u"INSERT INTO gelato_connected_orders (order_id, gelato_order_id, status) VALUES (?, ?, ?) "
            "ON CONFLICT (gelato_order_id) DO UPDATE SET order_id = excluded.order_id, "
            "status = excluded.status"_s);
    upsert.bind(connected.orderId).bind(Sql::text(connected.gelatoOrderId)).bind(Sql::text(connected.status));
    return upsert.exec(tr("cannot save connected Gelato order %1").arg(connected.gelatoOrderId));
}

Result<QList<GelatoConnectedOrder>> OrderPackageRepository::connectedOrdersFor(qint64 orderId)
{
    SqlStatement select(m_database.connection(),
                        u"SELECT id, order_id, gelato_order_id, status FROM gelato_connected_orders "
                        "WHERE order_id = ? ORDER BY id"_s);
    select.bind(orderId);
    if (auto r = select.exec(tr("cannot read the connected Gelato orders of order %1").arg(orderId)); !r)
        return makeError(r.error());
    QList<GelatoConnectedOrder> orders;
    while (select.next()) {
        orders.append({select.integer(u"id"_s), select.integer(u"order_id"_s),
                       select.text(u"gelato_order_id"_s), select.text(u"status"_s)});
    }
    return orders;
}

Result<std::optional<qint64>> OrderPackageRepository::findOrderByGelatoOrderId(const QString &gelatoOrderId)
{
    if (gelatoOrderId.isEmpty())
        return std::optional<qint64>();
    SqlStatement select(m_database.connection(),
                        u"SELECT id FROM sales_orders WHERE gelato_order_id = ? UNION ALL "
                        "SELECT order_id FROM gelato_connected_orders WHERE gelato_order_id = ?"_s);
    select.bind(gelatoOrderId).bind(gelatoOrderId);
    if (auto r = select.exec(tr("cannot look up Gelato order %1").arg(gelatoOrderId)); !r)
        return makeError(r.error());
    if (!select.next())
        return std::optional<qint64>();
    return std::optional<qint64>(select.integer(u"id"_s));
}

} // namespace Bottega
