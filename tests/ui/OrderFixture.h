// OrderFixture: the orders pages' suites: a fresh SQLite database with a Gelato T-shirt whose print
// images are complete, an OrderService talking to the Gelato fake over loopback, and orders ready to
// quote and confirm.
#pragma once

#include "core/domain/SalesOrder.h"
#include "core/orders/OrderService.h"
#include "tests/support/fakes/GelatoTestRig.h"
#include "tests/ui/ProductFixture.h"

#include <memory>

namespace Bottega::Test {

class OrderFixture : public ProductFixture
{
protected:
    void SetUp() override;
    void TearDown() override;

    OrderService &service() { return *m_service; }
    GelatoTestRig &rig() { return *m_rig; }
    // The variants of the stored T-shirt (M Orange, L Orange, L Red), all printable.
    const QList<qint64> &variantIds() const { return m_variantIds; }
    // A complete Italian shipping address.
    static Address address();
    // A draft ready to quote and confirm: customer, address, one line of the first variant.
    SalesOrder readyOrder(const QString &reference) const;
    // Stored through the service (create); 0 with a test failure when refused.
    qint64 create(const SalesOrder &order);

private:
    std::unique_ptr<GelatoTestRig> m_rig;
    std::unique_ptr<OrderService> m_service;
    QList<qint64> m_variantIds;
};

} // namespace Bottega::Test
