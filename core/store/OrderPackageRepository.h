// OrderPackageRepository: what Gelato made of an order (ORD-5): the connected orders it split it
// into, with their statuses, and the packages shipped with their tracking.
#pragma once

#include "core/domain/GelatoConnectedOrder.h"
#include "core/domain/OrderPackage.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <optional>

namespace Bottega {

class Clock;
class Database;
class SqlStatement;

class OrderPackageRepository final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::OrderPackageRepository)

public:
    explicit OrderPackageRepository(const Database &database);

    // Inserts or updates the package (order, Gelato order id, package id): webhooks repeat
    // themselves, so this is idempotent. Returns the package's row id.
    Result<qint64> savePackage(const OrderPackage &package);
    Result<QList<OrderPackage>> packagesForOrder(qint64 orderId);
    // That upsert's statement and bindings, shared with GelatoEventRepository, which keeps it
    // prepared across a batch of webhook events (PERF-2). An invalid package.updatedAt is clock's
    // now (nullptr: Clock::system()); pass the database's clock.
    static QString upsertSql();
    static void bindUpsert(SqlStatement &statement, const OrderPackage &package,
                           const Clock *clock = nullptr);

    // Inserts or updates a connected order by its Gelato id.
    Result<void> saveConnectedOrder(const GelatoConnectedOrder &connected);
    Result<QList<GelatoConnectedOrder>> connectedOrdersFor(qint64 orderId);
    // The local order a Gelato order id belongs to: the order's own id or a connected one.
    Result<std::optional<qint64>> findOrderByGelatoOrderId(const QString &gelatoOrderId);

private:
    const Database &m_database;
};

} // namespace Bottega
