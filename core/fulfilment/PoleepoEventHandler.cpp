#include "core/fulfilment/PoleepoEventHandler.h"

#include "core/fulfilment/PoleepoOrderImport.h"
#include "core/orders/OrderNews.h"
#include "core/orders/OrderUpdate.h"
#include "core/poleepo/PoleepoClient.h"
#include "core/poleepo/PoleepoWebhookPayload.h"

using namespace Qt::StringLiterals;

namespace Bottega {

PoleepoEventHandler::PoleepoEventHandler(Database &database, PoleepoClient &poleepo, const Clock *clock)
    : m_database(database), m_poleepo(poleepo), m_clock(clock),
      m_import(std::make_unique<PoleepoOrderImport>(database, clock)),
      m_update(std::make_unique<OrderUpdate>(database, clock))
{
}

PoleepoEventHandler::~PoleepoEventHandler() = default;

void PoleepoEventHandler::registerWith(const Register &registerHandler)
{
    const auto shared = std::make_shared<PoleepoEventHandler>(m_database, m_poleepo, m_clock);
    const auto handler = [shared](const WebhookQueueItem &item, QObject *context, FetchDone done) {
        shared->fetch(item, context, std::move(done));
    };
    for (const auto event : {"STATUS_ORDER"_L1, "STATUS_SHIPMENT"_L1})
        registerHandler(u"poleepo"_s, QString(event), handler);
}

void PoleepoEventHandler::fetch(const WebhookQueueItem &item, QObject *context, FetchDone done)
{
    const auto event = PoleepoWebhookPayload::parse(item.body);
    if (!event) {
        const QString reason = event.error();
        return done(Step([reason](const WebhookQueueItem &) { return WebhookOutcome::reject(reason); }));
    }
    if (event->kind == PoleepoWebhookEvent::Kind::StatusOrder) {
        const QString orderId = event->orderId;
        m_poleepo.getOrder(
                orderId, context, [this, orderId, done = std::move(done)](Result<PoleepoOrder> order) {
                    if (!order && order.error() == PoleepoClient::orderNotFound(orderId)) {
                        const QString reason = order.error();
                        return done(Step([reason](const WebhookQueueItem &) {
                            return WebhookOutcome::ignore(reason);
                        }));
                    }
                    if (!order)
                        return done(makeError(order.error())); // retried
                    done(Step([this, fetched = *order](const WebhookQueueItem &) -> Result<WebhookOutcome> {
                        auto imported = m_import->importOrder(fetched);
                        if (!imported)
                            return makeError(imported.error());
                        if (imported->created)
                            return WebhookOutcome::done(
                                    Message::of(u"webhook.poleepo-order-imported"_s, {fetched.id}));
                        return WebhookOutcome::done(OrderUpdate::note(imported->changes));
                    }));
                });
        return;
    }
    if (event->kind == PoleepoWebhookEvent::Kind::StatusShipment) {
        const QString shippingId = event->shippingId;
        m_poleepo.getShipping(
                shippingId, context,
                [this, shippingId, done = std::move(done)](Result<PoleepoShipping> shipping) {
                    if (!shipping && shipping.error() == PoleepoClient::shippingNotFound(shippingId)) {
                        const QString reason = shipping.error();
                        return done(Step([reason](const WebhookQueueItem &) {
                            return WebhookOutcome::ignore(reason);
                        }));
                    }
                    if (!shipping)
                        return done(makeError(shipping.error()));
                    done(Step(
                            [this, fetched = *shipping](const WebhookQueueItem &) -> Result<WebhookOutcome> {
                                auto orderId = m_update->findByPoleepoShipping(fetched.id);
                                if (!orderId)
                                    return makeError(orderId.error());
                                if (!orderId->has_value())
                                    return WebhookOutcome::ignore(
                                            Message::of(u"webhook.no-local-shipping"_s, {fetched.id}));
                                OrderNews news;
                                news.source = OrderEvent::Source::Poleepo;
                                news.shipments.append(
                                        {fetched.id, fetched.status, fetched.trackingCode, fetched.carrier});
                                auto outcome = m_update->apply(**orderId, news);
                                if (!outcome)
                                    return makeError(outcome.error());
                                return WebhookOutcome::done(OrderUpdate::note(outcome->changes));
                            }));
                });
        return;
    }
    const Message reason = Message::of(u"webhook.not-a-poleepo-event"_s, {item.event});
    done(Step([reason](const WebhookQueueItem &) { return WebhookOutcome::ignore(reason); }));
}

} // namespace Bottega
