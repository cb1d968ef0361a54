// The fixture of the OrderService suites: a database with the orders test data, a Gelato client
// wired to the Gelato fake on loopback, and helpers that run one service call to its answer.
#pragma once

#include "core/orders/OrderService.h"
#include "core/orders/OrderState.h"
#include "tests/core/orders/OrderTestData.h"
#include "tests/support/TestClock.h"
#include "tests/support/database/TestDatabase.h"
#include "tests/support/fakes/GelatoTestRig.h"

#include <optional>

namespace Bottega::Test {

class OrderServiceFixture : public DatabaseTest
{
protected:
    void SetUp() override
    {
        DatabaseTest::SetUp();
        ASSERT_TRUE(rig.started);
        data = OrderTestData::create(db());
        service = std::make_unique<OrderService>(db(), rig.gelato, rig.settings);
    }
    void TearDown() override
    {
        service.reset();
        DatabaseTest::TearDown();
    }

    GelatoOrdersFake &fake() { return rig.fake.orders(); }

    // Runs one service call to its answer.
    template<typename T, typename Call> Result<T> run(Call call, int timeoutMs = 5000)
    {
        std::optional<Result<T>> result;
        QObject context;
        call(&context, [&result](Result<T> r) { result.emplace(std::move(r)); });
        EXPECT_TRUE(waitUntil([&result] { return result.has_value(); }, timeoutMs)) << "no answer";
        if (!result)
            return makeError(QStringLiteral("no answer"));
        return *result;
    }
    Result<SalesOrder> confirm(qint64 id, bool asDraft = false, int timeoutMs = 5000)
    {
        return run<SalesOrder>([&](QObject *c, auto done) { service->confirm(id, asDraft, c, done); },
                               timeoutMs);
    }
    Result<SalesOrder> cancel(qint64 id)
    {
        return run<SalesOrder>([&](QObject *c, auto done) { service->cancel(id, c, done); });
    }
    Result<SalesOrder> refresh(qint64 id)
    {
        return run<SalesOrder>(
                [&](QObject *c, auto done) { service->refresh(id, OrderEvent::Source::User, c, done); });
    }
    Result<QList<ShippingRate>> quote(qint64 id)
    {
        return run<QList<ShippingRate>>([&](QObject *c, auto done) { service->quote(id, c, done); });
    }
    qint64 createOrder(const SalesOrder &order)
    {
        auto id = service->create(order);
        EXPECT_TRUE(id.ok()) << id.error().toStdString();
        return id.ok() ? *id : 0;
    }
    QList<RecordedRequest> requests(const QByteArray &method, const QString &path)
    {
        QList<RecordedRequest> found;
        for (const RecordedRequest &request : rig.fake.requests(path))
            if (request.method == method)
                found.append(request);
        return found;
    }
    QList<OrderEvent> stateEvents(qint64 id)
    {
        QList<OrderEvent> events;
        const auto order = service->get(id);
        for (const OrderEvent &event : order->events)
            if (event.kind == QLatin1StringView("state"))
                events.append(event);
        return events;
    }

    TestClock clock; // tests that check times set it on the database: db().setClock(&clock)
    GelatoTestRig rig;
    OrderTestData data;
    std::unique_ptr<OrderService> service;
};

} // namespace Bottega::Test
