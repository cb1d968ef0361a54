// OrderEventRepository: the status timeline of each order (ORD-9): appended, never edited.
#pragma once

#include "core/domain/OrderEvent.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QVariantList>

namespace Bottega {

class Clock;
class Database;
class SqlStatement;

class OrderEventRepository final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::OrderEventRepository)

public:
    explicit OrderEventRepository(const Database &database);

    // An invalid event.at means now. Returns the event id.
    Result<qint64> append(const OrderEvent &event);
    // That insert's statement and bindings, shared with OrderUpdateRepository, which keeps it
    // prepared across a batch of webhook events (PERF-2). An invalid event.at is clock's now
    // (nullptr: Clock::system()); pass the database's clock.
    static QString insertSql();
    static void bindInsert(SqlStatement &statement, const OrderEvent &event, const Clock *clock = nullptr);
    // The same values as a list, for a write collected in an SqlBatch.
    static QVariantList insertValues(const OrderEvent &event, const Clock *clock = nullptr);
    // Oldest first.
    Result<QList<OrderEvent>> listForOrder(qint64 orderId);

private:
    const Database &m_database;
};

} // namespace Bottega
