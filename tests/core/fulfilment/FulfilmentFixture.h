// The fixture of the fulfilment suites: the orders test data and OrderService against the Gelato
// fake (OrderServiceFixture), a PoleepoClient against the Poleepo fake, a webhook processor with
// Poleepo's handlers registered, the import job and the bridge. Both fakes on loopback.
#pragma once

#include "core/fulfilment/PoleepoEventHandler.h"
#include "core/fulfilment/PoleepoGelatoBridge.h"
#include "core/fulfilment/PoleepoImportJob.h"
#include "core/store/FulfilmentRepository.h"
#include "core/store/SalesOrderRepository.h"
#include "core/store/WebhookQueueRepository.h"
#include "core/webhooks/WebhookProcessor.h"
#include "tests/core/orders/OrderServiceFixture.h"
#include "tests/support/fakes/PoleepoTestRig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Bottega::Test {

class FulfilmentFixture : public OrderServiceFixture
{
protected:
    void SetUp() override
    {
        OrderServiceFixture::SetUp();
        if (HasFatalFailure())
            return;
        ASSERT_TRUE(poleepoRig.started);
        processor = std::make_unique<WebhookProcessor>(db());
        PoleepoEventHandler(db(), poleepoRig.poleepo)
                .registerWith([this](const QString &source, const QString &event,
                                     PoleepoEventHandler::Fetching handler) {
                    processor->registerFetchingHandler(source, event, std::move(handler));
                });
        importJob = std::make_unique<PoleepoImportJob>(db(), poleepoRig.poleepo, &poleepoRig.clock);
        bridge = std::make_unique<PoleepoGelatoBridge>(db(), *service, poleepoRig.poleepo, rig.settings);
    }
    void TearDown() override
    {
        bridge.reset();
        importJob.reset();
        processor.reset();
        OrderServiceFixture::TearDown();
    }

    PoleepoFake &poleepo() { return poleepoRig.fake; }

    // A Poleepo order of these rows ({sku, quantity}), shipped through shipping `shippingId` (empty:
    // none yet).
    static QJsonObject poleepoOrder(const QString &id, const QStringList &skus,
                                    const QString &shippingId = {})
    {
        using namespace Qt::StringLiterals;
        QJsonObject order = PoleepoFake::sampleOrder(id);
        QJsonArray rows;
        for (const QString &sku : skus)
            rows.append(
                    QJsonObject {{u"sku"_s, sku}, {u"title"_s, sku}, {u"quantity"_s, 1}, {u"price"_s, 20}});
        order.insert(u"rows"_s, rows);
        order.insert(u"customer"_s,
                     QJsonObject {{u"firstname"_s, u"Maria"_s},
                                  {u"lastname"_s, u"Rossi"_s},
                                  {u"email"_s, u"maria@example.com"_s}});
        if (!shippingId.isEmpty())
            order.insert(u"shippings"_s, QJsonArray {QJsonObject {{u"id"_s, shippingId}}});
        return order;
    }

    // Queues a signed-and-accepted Poleepo call and processes the queue until its row is settled.
    WebhookQueueItem webhook(const QString &event, const QString &idField, const QString &id)
    {
        using namespace Qt::StringLiterals;
        WebhookQueueItem item;
        item.source = u"poleepo"_s;
        item.recordName = u"orders"_s;
        item.event = event;
        item.eventId = u"evt-"_s + QString::number(++m_sequence);
        item.body
                = QJsonDocument(QJsonObject {{u"id"_s, item.eventId},
                                             {u"event"_s, event},
                                             {u"timestamp"_s, u"2026-12-01T10:00:00Z"_s},
                                             {u"data"_s, QJsonObject {{idField, id}, {u"status"_s, u"x"_s}}}})
                          .toJson(QJsonDocument::Compact);
        const auto inserted = WebhookQueueRepository(db()).insert(item);
        EXPECT_TRUE(inserted.ok()) << qPrintable(inserted.error());
        const auto summary = processor->processDue();
        EXPECT_TRUE(summary.ok()) << qPrintable(summary.error());
        EXPECT_TRUE(waitUntil([this] { return processor->fetchesInFlight() == 0; }, 10000));
        const auto stored = WebhookQueueRepository(db()).get(inserted.ok() ? inserted->id : 0);
        EXPECT_TRUE(stored.ok());
        return stored.ok() ? *stored : WebhookQueueItem();
    }
    WebhookQueueItem statusOrder(const QString &poleepoOrderId)
    {
        return webhook(QStringLiteral("STATUS_ORDER"), QStringLiteral("order_id"), poleepoOrderId);
    }

    qint64 localOrder(const QString &poleepoOrderId)
    {
        const auto found = SalesOrderRepository(db()).findByPoleepoOrderId(poleepoOrderId);
        EXPECT_TRUE(found.ok());
        return found.ok() && found->has_value() ? **found : 0;
    }
    FulfilmentRepository::Decision decision(qint64 orderId)
    {
        const auto found = FulfilmentRepository(db()).decision(orderId);
        EXPECT_TRUE(found.ok());
        return found.ok() ? *found : FulfilmentRepository::Decision();
    }
    Result<PoleepoImportJob::Summary> runImport()
    {
        return run<PoleepoImportJob::Summary>([&](QObject *c, auto done) { importJob->run(c, done); }, 15000);
    }
    Result<PoleepoGelatoBridge::Summary> runBridge()
    {
        return run<PoleepoGelatoBridge::Summary>([&](QObject *c, auto done) { bridge->run(c, done); }, 15000);
    }
    int eventsOfKind(qint64 orderId, const QString &kind)
    {
        int count = 0;
        const auto order = service->get(orderId);
        EXPECT_TRUE(order.ok());
        for (const OrderEvent &event : order->events)
            count += event.kind == kind ? 1 : 0;
        return count;
    }

    PoleepoTestRig poleepoRig;
    std::unique_ptr<WebhookProcessor> processor;
    std::unique_ptr<PoleepoImportJob> importJob;
    std::unique_ptr<PoleepoGelatoBridge> bridge;

private:
    int m_sequence = 0;
};

} // namespace Bottega::Test
