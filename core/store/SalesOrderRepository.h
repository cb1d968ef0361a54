// SalesOrderRepository: the sales order aggregate (ORD-1..11): an order with its addresses (through
// OrderAddressRepository) and lines; whole orders read back with their timeline, packages and
// connected Gelato orders (OrderEventRepository, OrderPackageRepository). State changes always
// leave a timeline entry.
#pragma once

#include "core/domain/OrderEvent.h"
#include "core/domain/Result.h"
#include "core/domain/SalesOrder.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace Bottega {

class Database;

class SalesOrderRepository final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::SalesOrderRepository)

public:
    struct Query
    {
        enum class Sort { CreatedAt, UpdatedAt, Reference, State, Total, Customer, Source, GelatoStatus };

        QStringList states; // empty: any
        std::optional<SalesOrder::Source> source;
        QString channel; // the marketplace an order came from, exactly; empty: any
        std::optional<bool> isGelato;
        bool readyToSend = false; // ORD-11: Poleepo orders of Gelato goods not sent yet
        bool needsAttention = false; // ORD-11: orders a person must look at (the reason on the order)
        QStringList gelatoStatuses; // Gelato fulfilment statuses; empty: any
        QString text; // found in reference, customer name or email, Gelato or Poleepo order id
        QDateTime createdFrom, createdTo; // [from, to)
        Sort sort = Sort::CreatedAt;
        bool descending = true;
        int limit = 100; // 0: no limit
        int offset = 0;
    };

    explicit SalesOrderRepository(const Database &database);

    // Stores the order, its addresses and lines; a "created" entry starts its timeline.
    // Refuses a reference already used, naming it.
    Result<qint64> create(const SalesOrder &order);
    // The whole order: addresses, lines, timeline, packages, connected Gelato orders.
    Result<SalesOrder> get(qint64 id);
    Result<std::optional<qint64>> findByReference(const QString &reference);
    Result<std::optional<qint64>> findByPoleepoOrderId(const QString &poleepoOrderId);
    // Orders only (no addresses, lines or timeline), filtered, sorted and paged in SQL.
    Result<QList<SalesOrder>> list(const Query &query);
    Result<qint64> count(const Query &query); // ignores limit and offset
    // The marketplaces orders came from ("amazon-it", "ebay"), sorted: the Orders list's filter.
    Result<QStringList> channels();

    // Writes the order's own fields and addresses (not its state: see updateState; not its lines).
    Result<void> update(const SalesOrder &order);
    // Replaces the lines (a draft being edited).
    Result<void> replaceLines(qint64 orderId, const QList<OrderLine> &lines);
    // Writes a line's Gelato item id and status.
    Result<void> updateLineGelatoItem(qint64 lineId, const QString &gelatoItemId, const QString &status);
    // Moves the order to newState and appends the change to its timeline, in one transaction.
    // Returns false (and records nothing) when the order is already in newState: handlers may
    // apply the same event twice.
    Result<bool> updateState(qint64 orderId, const QString &newState, OrderEvent::Source source,
                             const QString &message = {});
    Result<void> remove(qint64 id);

private:
    Result<void> writeLines(QSqlDatabase &db, qint64 orderId, const QList<OrderLine> &lines);
    Result<void> readLines(SalesOrder &order);

    const Database &m_database;
};

} // namespace Bottega
