// OrderUpdateRepository: the targeted reads and writes of OrderUpdate, the one use case that applies
// news about an order (core/orders/OrderUpdate): the order's Gelato fields and state, one line,
// one package, one connected order, one timeline entry. Statements are prepared once and reused
// while the object lives (a queue batch, a reconciliation run), not per event (PERF-2). Between
// deferWrites() and endDeferred() its writes are collected and sent together (on PostgreSQL one
// round trip for all of them, see SqlBatch); every read sends the collected writes first, so reads
// always see them.
// Owned by the thread that uses it (statements belong to that thread's connection).
#pragma once

#include "core/domain/GelatoConnectedOrder.h"
#include "core/domain/OrderEvent.h"
#include "core/domain/OrderPackage.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QList>
#include <QMap>
#include <QVariant>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <functional>
#include <memory>
#include <optional>

class QThread;

namespace Bottega {

class Clock;
class Database;
class SqlBatch;
class SqlStatement;

class OrderUpdateRepository final
{
    Q_DISABLE_COPY_MOVE(OrderUpdateRepository)
    Q_DECLARE_TR_FUNCTIONS(Bottega::OrderUpdateRepository)

public:
    // Gelato's cost of an order, summed from its purchase receipts.
    struct Cost
    {
        QString currency;
        double products = 0, shipping = 0, packaging = 0, vat = 0, total = 0;
        QStringList unknown; // Gelato's names of the lines it did not give
        friend bool operator==(const Cost &, const Cost &) = default;
    };

    // What the use case needs of an order, without its addresses, lines or timeline.
    struct OrderStatus
    {
        qint64 id = 0;
        QString reference;
        QString state;
        QString gelatoOrderId;
        QString gelatoOrderReferenceId;
        QString gelatoFulfillmentStatus;
        QString gelatoFinancialStatus;
        bool isDraft = false;
        QString shipmentMethodUid;
        QDateTime deliveryEstimateMin, deliveryEstimateMax;
        Cost cost;
        QString poleepoStatus;
    };

    // A Poleepo shipping of an order (order_shipments), as far as OrderUpdate changes it.
    struct Shipment
    {
        qint64 id = 0; // 0: not stored yet
        qint64 orderId = 0;
        QString poleepoShippingId;
        QString status;
        QString trackingCode;
        QString carrier;
    };

    struct Line
    {
        qint64 id = 0;
        QString itemReferenceId;
        QString gelatoItemId;
        QString gelatoItemStatus;
    };

    // clock: "now" for the rows it writes; nullptr: the database's clock.
    explicit OrderUpdateRepository(const Database &database, const Clock *clock = nullptr);
    ~OrderUpdateRepository();

    // The local order a Gelato order id belongs to: the order's own id or a connected one.
    Result<std::optional<qint64>> findOrder(const QString &gelatoOrderId);
    // Read for update: on PostgreSQL the row stays locked until the transaction ends, so that two
    // processes applying news to one order take turns (SQLite has one writer anyway).
    Result<OrderStatus> orderStatus(qint64 orderId);
    // findOrder and orderStatus in one query, with the order's lines (into lines): nullopt when no
    // order has that Gelato order id, its own or a connected one's.
    Result<std::optional<OrderStatus>> orderByGelatoOrder(const QString &gelatoOrderId, QList<Line> &lines);

    // Reads (and on PostgreSQL locks, in id order) the orders of these Gelato order ids with their
    // lines, in one query, for orderByGelatoOrder to answer from (each once) instead of reading
    // them one by one (PERF-2: a queue batch's events). Replaces what was read ahead before. Writes
    // that could change which order an id belongs to drop what was read ahead, and a write to an
    // order drops what was read ahead of it. Only what this object writes is known here: read
    // ahead for work that this object alone does (a queue batch's Gelato events).
    // The packages of the orders read ahead come with them (one more query), for findPackage to
    // answer from until this object writes a package of that order.
    Result<void> readAhead(const QStringList &gelatoOrderIds);
    void forgetReadAhead()
    {
        m_readAhead.clear();
        m_packagesAhead.clear();
    }

    // From now on writes are collected instead of run at once (see the class comment); setState
    // then answers true, and a move that finds the order in another state fails the flush (the
    // order row is locked by orderStatus, so it cannot happen).
    void deferWrites();
    // Runs the collected writes (keep) or forgets them (the work is being undone), and stops
    // collecting.
    Result<void> endDeferred(bool keep);
    bool isDeferring() const { return m_deferring; }

    Result<void> setGelatoOrder(qint64 orderId, const QString &gelatoOrderId, const QString &referenceId,
                                bool isDraft);
    Result<void> setGelatoStatus(qint64 orderId, const QString &status);
    Result<void> setFinancialStatus(qint64 orderId, const QString &status);
    Result<void> setShipmentMethod(qint64 orderId, const QString &shipmentMethodUid);
    Result<void> setDeliveryEstimate(qint64 orderId, const QDateTime &min, const QDateTime &max);
    Result<void> setCost(qint64 orderId, const Cost &cost);
    Result<void> setPoleepoStatus(qint64 orderId, const QString &status);
    // The order's shipment with that Poleepo shipping id; nullopt when there is none.
    Result<std::optional<Shipment>> findShipment(qint64 orderId, const QString &poleepoShippingId);
    // The order a Poleepo shipping id belongs to; nullopt when no order has it.
    Result<std::optional<qint64>> findOrderByShipping(const QString &poleepoShippingId);
    // Inserts (id 0) or updates (by id) the shipment's status, tracking code and carrier.
    Result<void> saveShipment(const Shipment &shipment);
    // Moves the order from state `from` to `to`; false when it is no longer in `from`.
    Result<bool> setState(qint64 orderId, const QString &from, const QString &to);

    // The status stored for a connected (split) order; nullopt when it is not known yet.
    Result<std::optional<QString>> connectedOrderStatus(qint64 orderId, const QString &gelatoOrderId);
    Result<void> saveConnectedOrder(const GelatoConnectedOrder &connected);

    Result<QList<Line>> lines(qint64 orderId);
    Result<void> setLineGelatoItem(qint64 lineId, const QString &gelatoItemId, const QString &status);

    // The stored package with that package id, or else with that (non-empty) tracking code, of
    // the order's Gelato order: a package is the same whether a webhook (tracking code only) or an
    // answer (package id and tracking code) told of it first.
    Result<std::optional<OrderPackage>> findPackage(qint64 orderId, const QString &gelatoOrderId,
                                                    const QString &packageId, const QString &trackingCode);
    Result<void> insertPackage(const OrderPackage &package);
    Result<void> updatePackage(const OrderPackage &package); // by its id

    Result<void> appendTimeline(const OrderEvent &event);

private:
    // The prepared statement for sql on this thread's connection, its values unbound.
    SqlStatement &statement(const QString &sql);
    // The tables a write changes or a read reads: a read sends the collected writes first only
    // when some of them change what it reads.
    enum Table { Orders = 1, Lines = 2, Packages = 4, Shipments = 8, Connected = 16, Events = 32 };
    // Runs a write now, or collects it while deferring. Messages are built only on failure.
    using Text = std::function<QString()>;
    Result<void> write(int table, const QString &sql, QVariantList values, Text what, Text notFound = {});
    // Before a read of these tables: the collected writes go first when any of them changes one.
    Result<void> flushWrites(int tables);
    // While deferring: the columns (and the state moved from) of the one UPDATE of the order.
    Result<void> changeOrder(qint64 orderId, const QStringList &columns, const QVariantList &values, Text what,
                             const std::optional<QString> &stateFrom = std::nullopt);
    void addOrderUpdate();
    // While deferring: the collected timeline entries as INSERTs of many rows.
    void addTimeline();
    void dropReadAhead(qint64 orderId);
    // The packages of the orders read ahead and not yet in m_packagesAhead, in one query.
    Result<void> readPackagesAhead();
    qint64 nowMs() const;
    Result<void> updateOrder(qint64 orderId, const QString &assignments, const QVariantList &values,
                             const char *what);
    struct OrderChange
    {
        qint64 orderId = 0;
        QMap<QString, QVariant> columns;
        std::optional<QString> stateFrom;
        Text what;
    };

    const Database &m_database;
    const Clock *m_clock;
    QThread *m_thread = nullptr;
    QHash<QString, std::shared_ptr<SqlStatement>> m_statements;
    std::unique_ptr<SqlBatch> m_writes;
    bool m_deferring = false;
    int m_pending = 0; // Table flags of the collected writes
    QSet<qint64> m_pendingPackages; // orders whose packages the collected writes change
    std::optional<OrderChange> m_orderUpdate;
    QList<QVariantList> m_timeline; // collected order_events rows, in order
    struct ReadAhead
    {
        OrderStatus status;
        QList<Line> lines;
    };
    QHash<QString, ReadAhead> m_readAhead; // by Gelato order id
    QHash<qint64, QList<OrderPackage>> m_packagesAhead; // by order id, in id order
};

} // namespace Bottega
