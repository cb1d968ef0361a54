// OrderAddressRepository: the shipping and billing address of each order (part of the sales
// order aggregate; SalesOrderRepository uses it).
#pragma once

#include "core/domain/Address.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QList>
#include <optional>

namespace Bottega {

class Database;

class OrderAddressRepository final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::OrderAddressRepository)

public:
    explicit OrderAddressRepository(const Database &database);

    // Replaces the order's addresses; no billing address means "same as shipping".
    Result<void> save(qint64 orderId, const Address &shipping, const std::optional<Address> &billing);
    // Shipping first.
    Result<QList<Address>> listForOrder(qint64 orderId);

private:
    const Database &m_database;
};

} // namespace Bottega
