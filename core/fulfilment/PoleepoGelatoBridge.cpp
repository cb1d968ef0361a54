#include "core/fulfilment/PoleepoGelatoBridge.h"

#include "core/fulfilment/PoleepoOrderImport.h"
#include "core/orders/OrderService.h"
#include "core/poleepo/PoleepoClient.h"
#include "core/settings/Settings.h"
#include "core/store/Database.h"
#include "core/store/FulfilmentRepository.h"
#include "core/store/OrderEventRepository.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace Bottega {

struct PoleepoGelatoBridge::Run
{
    QList<qint64> toSend;
    QList<FulfilmentRepository::PendingTracking> toHandBack;
    Summary summary;
    Result<void> failure; // a database error ends the run
};

PoleepoGelatoBridge::PoleepoGelatoBridge(Database &database, OrderService &orders, PoleepoClient &poleepo,
                                         Settings &settings, const Clock *clock, QObject *parent)
    : QObject(parent), m_database(database), m_orders(orders), m_poleepo(poleepo), m_settings(settings),
      m_clock(clock)
{
}

PoleepoGelatoBridge::~PoleepoGelatoBridge() = default;

void PoleepoGelatoBridge::run(QObject *context, std::function<void(Result<Summary>)> done)
{
    m_waiting.append({QPointer<QObject>(context), std::move(done)});
    if (m_running) {
        m_again = true;
        return;
    }
    start();
}

void PoleepoGelatoBridge::nudge()
{
    if (m_running) {
        m_again = true;
        return;
    }
    start();
}

void PoleepoGelatoBridge::start()
{
    m_running = true;
    m_again = false;
    auto run = std::make_shared<Run>();
    FulfilmentRepository store(m_database, m_clock);
    if (m_settings.ordersAutoSendGelato()) {
        auto ready = store.readyToSend();
        if (!ready) {
            run->failure = makeError(ready.error());
            return finish(run);
        }
        run->toSend = *ready;
    }
    sendNext(run);
}

void PoleepoGelatoBridge::sendNext(const std::shared_ptr<Run> &run)
{
    if (run->toSend.isEmpty()) {
        auto pending = FulfilmentRepository(m_database, m_clock).pendingTracking();
        if (!pending) {
            run->failure = makeError(pending.error());
            return finish(run);
        }
        run->toHandBack = *pending;
        return handBackNext(run);
    }
    const qint64 orderId = run->toSend.takeFirst();
    m_orders.confirm(orderId, false, this, [this, run, orderId](Result<SalesOrder> sent) {
        if (sent) {
            ++run->summary.sent;
        } else {
            // Gelato refused it (or could not be reached): a person decides, reading Gelato's words.
            FulfilmentRepository::Decision decision {u"attention"_s, u"send-failed"_s, {sent.error()}};
            if (auto r = FulfilmentRepository(m_database, m_clock).setDecision(orderId, decision); !r) {
                run->failure = r;
                return finish(run);
            }
            run->summary.errors.append(sent.error());
        }
        sendNext(run);
    });
}

void PoleepoGelatoBridge::handBackNext(const std::shared_ptr<Run> &run)
{
    if (run->toHandBack.isEmpty())
        return finish(run);
    const FulfilmentRepository::PendingTracking package = run->toHandBack.takeFirst();
    // The order's shippings are read now: one may have been made since the import.
    m_poleepo.getOrder(package.poleepoOrderId, this, [this, run, package](Result<PoleepoOrder> order) {
        if (!order) {
            ++run->summary.waiting;
            run->summary.errors.append(u"%1: %2"_s.arg(package.orderReference, order.error()));
            return handBackNext(run);
        }
        if (order->shippingIds.isEmpty()) {
            if (package.attentionCode != "no-poleepo-shipping"_L1) {
                const FulfilmentRepository::Decision decision {
                        u"attention"_s, u"no-poleepo-shipping"_s, {package.trackingCode}};
                auto saved = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
                    if (auto r
                        = FulfilmentRepository(m_database, m_clock).setDecision(package.orderId, decision);
                        !r)
                        return r;
                    return note(
                            package.orderId, u"attention"_s,
                            PoleepoOrderImport::attention(decision.attentionCode, decision.attentionArgs));
                });
                if (!saved) {
                    run->failure = saved;
                    return finish(run);
                }
            }
            ++run->summary.waiting;
            return handBackNext(run);
        }
        const QString shippingId = order->shippingIds.constFirst();
        m_poleepo.updateShippingTracking(
                shippingId, package.trackingCode, package.carrier, this,
                [this, run, package, shippingId](Result<void> accepted) {
                    if (!accepted) {
                        ++run->summary.waiting;
                        run->summary.errors.append(u"%1: %2"_s.arg(package.orderReference, accepted.error()));
                        return handBackNext(run);
                    }
                    auto saved = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
                        if (auto r
                            = FulfilmentRepository(m_database, m_clock).recordHandoff(package, shippingId);
                            !r)
                            return r;
                        return note(package.orderId, u"tracking-handed-back"_s,
                                    Message::of(u"order.tracking-handed-back"_s,
                                                {package.trackingCode, shippingId}));
                    });
                    if (!saved) {
                        run->failure = saved;
                        return finish(run);
                    }
                    ++run->summary.handedBack;
                    handBackNext(run);
                });
    });
}

Result<void> PoleepoGelatoBridge::note(qint64 orderId, const QString &kind, const Message &message)
{
    OrderEvent event;
    event.orderId = orderId;
    event.source = OrderEvent::Source::System;
    event.kind = kind;
    event.message = message;
    auto appended = OrderEventRepository(m_database).append(event);
    if (!appended)
        return makeError(appended.error());
    return {};
}

void PoleepoGelatoBridge::finish(const std::shared_ptr<Run> &run)
{
    m_running = false;
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto &[context, done] : waiting) {
        if (!context)
            continue;
        if (!run->failure)
            done(makeError(run->failure.error()));
        else
            done(run->summary);
    }
    Q_EMIT finished(run->summary);
    if (m_again)
        start();
}

} // namespace Bottega
