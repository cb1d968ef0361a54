// GelatoEventRepository: the few targeted reads and writes the Gelato webhook handlers make on an
// order (HOOK-6): its Gelato status, one line, one package, one timeline entry. Statements are
// prepared once and reused while the object lives (a queue batch), not per event (PERF-2).
#pragma once

#include "core/domain/GelatoConnectedOrder.h"
#include "core/domain/OrderEvent.h"
#include "core/domain/OrderPackage.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QString>
#include <memory>
#include <optional>

class QThread;

namespace Bottega {

class Database;
class SqlStatement;

class GelatoEventRepository final
{
    Q_DISABLE_COPY_MOVE(GelatoEventRepository)
    Q_DECLARE_TR_FUNCTIONS(Bottega::GelatoEventRepository)

public:
    // What the handlers need of an order, without its addresses, lines or timeline.
    struct OrderStatus
    {
        qint64 id = 0;
        QString reference;
        QString state;
        QString gelatoOrderId;
        QString gelatoFulfillmentStatus;
        QDateTime deliveryEstimateMin, deliveryEstimateMax;
    };

    struct Line
    {
        qint64 id = 0;
        QString gelatoItemId;
        QString gelatoItemStatus;
    };

    explicit GelatoEventRepository(const Database &database);
    ~GelatoEventRepository();

    // The local order a Gelato order id belongs to: the order's own id or a connected one.
    Result<std::optional<qint64>> findOrder(const QString &gelatoOrderId);
    Result<OrderStatus> orderStatus(qint64 orderId);
    Result<void> setGelatoStatus(qint64 orderId, const QString &status);
    // Moves the order from state `from` to `to` and records it in the timeline (kind "state"), as
    // SalesOrderRepository::updateState does; false, and nothing recorded, when the order is no
    // longer in `from`. Call inside a transaction.
    Result<bool> changeState(qint64 orderId, const QString &from, const QString &to,
                             OrderEvent::Source source, const QString &message);
    Result<void> setDeliveryEstimate(qint64 orderId, const QDateTime &min, const QDateTime &max);

    // The status stored for a connected (split) order; empty when it is not known yet.
    Result<std::optional<QString>> connectedOrderStatus(qint64 orderId, const QString &gelatoOrderId);
    Result<void> saveConnectedOrder(const GelatoConnectedOrder &connected);

    // The order's line with that item reference id, if any.
    Result<std::optional<Line>> lineByItemReference(qint64 orderId, const QString &itemReferenceId);
    Result<void> setLineGelatoItem(qint64 lineId, const QString &gelatoItemId, const QString &status);

    // Whether the package is stored with exactly these carrier, tracking URL and status.
    Result<bool> hasPackage(const OrderPackage &package);
    // Inserts or updates by (order, Gelato order id, package id).
    Result<void> savePackage(const OrderPackage &package);

    // Whether the order's timeline has an entry of this kind, new state and message.
    Result<bool> hasTimelineEntry(qint64 orderId, const QString &kind, const QString &newState,
                                  const QString &message);
    Result<void> appendTimeline(const OrderEvent &event);

private:
    // The prepared statement for sql on this thread's connection, its values unbound.
    SqlStatement &statement(const QString &sql);

    const Database &m_database;
    QThread *m_thread = nullptr;
    QHash<QString, std::shared_ptr<SqlStatement>> m_statements;
};

} // namespace Bottega
