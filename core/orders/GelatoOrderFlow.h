// GelatoOrderFlow: the calls to Gelato behind OrderService (ORD-5..8): sending an order exactly
// once (claim `sending` with the stable reference first; draft; save the id; patch to an order;
// delete the draft on a local failure; search by reference before creating on any retry), drafts,
// cancel, refresh and the reconciliation. Gelato's answers are stored by GelatoOrderAnswer.
#pragma once

#include "core/domain/OrderEvent.h"
#include "core/domain/Progress.h"
#include "core/domain/Result.h"
#include "core/domain/SalesOrder.h"
#include "core/gelato/GelatoOrder.h"

#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <functional>

namespace Bottega {

class Database;
class GelatoClient;

class GelatoOrderFlow final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GelatoOrderFlow)

public:
    template<typename T> using Callback = std::function<void(Result<T>)>;

    GelatoOrderFlow(Database &database, GelatoClient &gelato, QObject *parent = nullptr);

    // The order has been checked (state, problems) and `request` built as a draft by the caller.
    void send(const SalesOrder &order, const QJsonObject &request, bool asGelatoDraft,
              Callback<SalesOrder> done);
    void promoteDraft(const SalesOrder &order, Callback<SalesOrder> done);
    void deleteDraft(const SalesOrder &order, Callback<SalesOrder> done);
    void cancel(const SalesOrder &order, Callback<SalesOrder> done);
    void refresh(const SalesOrder &order, OrderEvent::Source source, Callback<SalesOrder> done);
    void reconcile(Callback<int> done, ProgressReport progress = {});

    // Whether this process is sending the order right now.
    bool isSending(qint64 orderId) const { return m_sending.contains(orderId); }

Q_SIGNALS:
    void orderChanged(qint64 orderId);

private:
    // After the claim: searches by reference when an earlier attempt may have reached Gelato.
    void sendClaimed(qint64 orderId, const QJsonObject &request, bool asGelatoDraft, bool searchFirst,
                     Callback<SalesOrder> done);
    void create(qint64 orderId, const QJsonObject &request, bool asGelatoDraft, Callback<SalesOrder> done);
    // Gelato has the order (created, found or adopted): save its id, promote it unless a draft
    // was asked for, store the answer.
    void continueWith(qint64 orderId, const GelatoOrder &answer, bool asGelatoDraft,
                      Callback<SalesOrder> done);
    // Back to draft after a send that did not reach Gelato; the error prefixed with the reference.
    void sendFailed(qint64 orderId, const QString &error, Callback<SalesOrder> done);
    void finish(qint64 orderId, Callback<SalesOrder> done);
    // Reads the other parts of a split order (status, items, packages), then stores the cost of all
    // parts' receipts.
    void withConnected(qint64 orderId, const GelatoOrder &answer, OrderEvent::Source source,
                       Callback<SalesOrder> done);
    void refreshConnected(qint64 orderId, QStringList connectedIds, QList<GelatoReceipt> receipts,
                          OrderEvent::Source source, Callback<SalesOrder> done);
    void reconcileNext(QList<qint64> pending, int refreshed, QStringList errors, Callback<int> done,
                       qsizetype total, ProgressReport progress);
    QString referenceOf(qint64 orderId) const;
    // The send is over, whatever its outcome: forgets it and releases the lease.
    void endSending(qint64 orderId);

    Database &m_database;
    GelatoClient &m_gelato;
    QSet<qint64> m_sending;
};

} // namespace Bottega
