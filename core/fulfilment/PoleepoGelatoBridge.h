// PoleepoGelatoBridge (ORD-11): lets Gelato fulfil marketplace orders. Imported orders of Gelato
// goods only ("ready to send") are sent with OrderService::confirm, the exactly-once flow, when
// the setting orders.auto-send-gelato is on (else they wait for a person's `order confirm`); a send
// Gelato refuses marks the order for a person, with Gelato's words. Gelato's tracking of such an
// order (its packages, stored by OrderUpdate) is passed to the order's shipping in Poleepo
// (`PUT shippings/{id}`), once per package: each accepted hand-back is recorded, and one that
// failed (Poleepo down) is tried again on the next run. An order with no shipping in Poleepo is
// marked for a person, saying so. Runs are coalesced: one at a time. Lives on the worker thread.
#pragma once

#include "core/domain/Message.h"
#include "core/domain/Result.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <functional>

namespace Bottega {

class Clock;
class Database;
class OrderService;
class PoleepoClient;
class Settings;

class PoleepoGelatoBridge final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PoleepoGelatoBridge)

public:
    struct Summary
    {
        int sent = 0; // orders sent to Gelato
        int handedBack = 0; // tracking codes Poleepo accepted
        int waiting = 0; // hand-backs or sends to try again later
        QStringList errors; // why they wait
    };

    PoleepoGelatoBridge(Database &database, OrderService &orders, PoleepoClient &poleepo, Settings &settings,
                        const Clock *clock = nullptr, QObject *parent = nullptr);
    ~PoleepoGelatoBridge() override;

    // Sends what is ready (when automatic), then hands tracking back. A run asked for while one
    // is going starts again once it ends (its own callback is then called with that later run).
    void run(QObject *context, std::function<void(Result<Summary>)> done);
    // run() with nobody waiting for the answer: after webhooks were processed.
    void nudge();

Q_SIGNALS:
    void finished(const Bottega::PoleepoGelatoBridge::Summary &summary);

private:
    struct Run;
    void start();
    void sendNext(const std::shared_ptr<Run> &run);
    void handBackNext(const std::shared_ptr<Run> &run);
    void finish(const std::shared_ptr<Run> &run);
    Result<void> note(qint64 orderId, const QString &kind, const Message &message);

    Database &m_database;
    OrderService &m_orders;
    PoleepoClient &m_poleepo;
    Settings &m_settings;
    const Clock *m_clock;
    bool m_running = false;
    bool m_again = false;
    QList<std::pair<QPointer<QObject>, std::function<void(Result<Summary>)>>> m_waiting;
};

} // namespace Bottega
