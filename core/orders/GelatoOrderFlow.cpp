#include "core/orders/GelatoOrderFlow.h"

#include "core/gelato/GelatoClient.h"
#include "core/orders/GelatoOrderAnswer.h"
#include "core/orders/OrderState.h"
#include "core/orders/OrderUpdate.h"
#include "core/store/Database.h"
#include "core/store/OrderSendRepository.h"
#include "core/store/SalesOrderRepository.h"

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// Longer than a whole send takes (create's timeout, a search, a read, the patch), so that a lease
// only runs out when its holder has stopped.
constexpr int leaseSeconds = 5 * 60;

} // namespace

GelatoOrderFlow::GelatoOrderFlow(Database &database, GelatoClient &gelato, QObject *parent)
    : QObject(parent), m_database(database), m_gelato(gelato)
{
}

void GelatoOrderFlow::endSending(qint64 orderId)
{
    // Only the lease this process took: a refresh or cancel here never frees another's send.
    if (m_sending.remove(orderId))
        (void)OrderSendRepository(m_database).releaseLease(orderId);
}

QString GelatoOrderFlow::referenceOf(qint64 orderId) const
{
    auto order = SalesOrderRepository(m_database).get(orderId);
    return order ? order->reference : QString::number(orderId);
}

void GelatoOrderFlow::send(const SalesOrder &order, const QJsonObject &request, bool asGelatoDraft,
                           Callback<SalesOrder> done)
{
    if (m_sending.contains(order.id))
        return done(makeError(tr("%1: is being sent to Gelato already").arg(order.reference)));
    auto attempted = OrderSendRepository(m_database).sendAttemptedAt(order.id);
    if (!attempted)
        return done(makeError(attempted.error()));
    if (order.state == OrderState::Draft) {
        // Before any call: the order is `sending` with its reference, so that a crash or a
        // second process can never lead to a second Gelato order (ORD-5).
        auto claimed = OrderSendRepository(m_database)
                               .claimForSending(order.id, {OrderState::Draft},
                                                request.value("orderReferenceId"_L1).toString(),
                                                OrderEvent::Source::User, Message::of(u"order.sending"_s),
                                                leaseSeconds);
        if (!claimed)
            return done(makeError(claimed.error()));
        if (!*claimed)
            return done(
                    makeError(tr("%1: someone else is sending it to Gelato already").arg(order.reference)));
        Q_EMIT orderChanged(order.id);
    } else {
        // A retry: only when no other process (or window) is sending it right now.
        auto claimed = OrderSendRepository(m_database).claimRetry(order.id, leaseSeconds);
        if (!claimed)
            return done(makeError(claimed.error()));
        if (!*claimed) {
            const auto until = OrderSendRepository(m_database).leaseUntil(order.id);
            const QString time = until && until->has_value() ? (*until)->toLocalTime().toString(u"HH:mm:ss"_s)
                                                             : QString();
            return done(makeError(tr("%1: is being sent to Gelato by another Bottega; if that one stopped, "
                                     "confirm again after %2")
                                          .arg(order.reference, time)));
        }
    }
    m_sending.insert(order.id);
    const bool searchFirst = attempted->has_value() || order.state == OrderState::Sending;
    sendClaimed(order.id, request, asGelatoDraft, searchFirst, std::move(done));
}

void GelatoOrderFlow::sendClaimed(qint64 orderId, const QJsonObject &request, bool asGelatoDraft,
                                  bool searchFirst, Callback<SalesOrder> done)
{
    auto order = SalesOrderRepository(m_database).get(orderId);
    if (!order) {
        endSending(orderId);
        return done(makeError(order.error()));
    }
    const QString reference = order->reference;
    auto stuck = [this, orderId, reference, done](const QString &error) {
        // Still `sending`: whether Gelato has the order is unknown, so nothing is created until a
        // later confirm (or refresh) can tell.
        endSending(orderId);
        Q_EMIT orderChanged(orderId);
        done(makeError(tr("%1: %2; confirm again to finish sending").arg(reference, error)));
    };
    if (!order->gelatoOrderId.isEmpty()) {
        m_gelato.getOrder(order->gelatoOrderId, this, [=, this](Result<GelatoOrder> answer) {
            if (!answer)
                return stuck(answer.error());
            continueWith(orderId, *answer, asGelatoDraft, done);
        });
        return;
    }
    if (!searchFirst)
        return create(orderId, request, asGelatoDraft, std::move(done));
    const QString orderReferenceId = request.value("orderReferenceId"_L1).toString();
    m_gelato.findOrdersByReference(orderReferenceId, this, [=, this](Result<QList<GelatoOrder>> found) {
        if (!found)
            return stuck(
                    tr("cannot ask Gelato whether an earlier attempt reached it: %1").arg(found.error()));
        if (found->isEmpty())
            return create(orderId, request, asGelatoDraft, done);
        m_gelato.getOrder(found->constFirst().id, this, [=, this](Result<GelatoOrder> answer) {
            if (!answer)
                return stuck(answer.error());
            continueWith(orderId, *answer, asGelatoDraft, done);
        });
    });
}

void GelatoOrderFlow::create(qint64 orderId, const QJsonObject &request, bool asGelatoDraft,
                             Callback<SalesOrder> done)
{
    const QString reference = referenceOf(orderId);
    m_gelato.createOrder(request, this, [=, this](Result<GelatoOrder> created) {
        if (created)
            return continueWith(orderId, *created, asGelatoDraft, done);
        // A timeout or a 5xx may still have created it: look before saying it failed.
        const QString error = created.error();
        const QString orderReferenceId = request.value("orderReferenceId"_L1).toString();
        m_gelato.findOrdersByReference(orderReferenceId, this, [=, this](Result<QList<GelatoOrder>> found) {
            if (!found) {
                endSending(orderId);
                Q_EMIT orderChanged(orderId);
                return done(makeError(tr("%1: %2 (whether Gelato has the order is unknown: %3); confirm "
                                         "again to finish sending")
                                              .arg(reference, error, found.error())));
            }
            if (found->isEmpty())
                return sendFailed(orderId, error, done);
            m_gelato.getOrder(found->constFirst().id, this, [=, this](Result<GelatoOrder> answer) {
                if (!answer) {
                    endSending(orderId);
                    Q_EMIT orderChanged(orderId);
                    return done(makeError(
                            tr("%1: %2; confirm again to finish sending").arg(reference, answer.error())));
                }
                continueWith(orderId, *answer, asGelatoDraft, done);
            });
        });
    });
}

void GelatoOrderFlow::continueWith(qint64 orderId, const GelatoOrder &answer, bool asGelatoDraft,
                                   Callback<SalesOrder> done)
{
    const Result<void> saved
            = OrderUpdate(m_database).recordGelatoOrder(orderId, answer.id, answer.orderType == "draft"_L1);
    const QString reference = referenceOf(orderId);
    if (!saved) {
        // The id could not be kept: a draft nobody knows about must not stay at Gelato.
        if (answer.orderType != "draft"_L1) {
            endSending(orderId);
            return done(makeError(tr("%1: Gelato order %2 exists but could not be saved here: %3")
                                          .arg(reference, answer.id, saved.error())));
        }
        const QString error = saved.error();
        m_gelato.deleteDraft(answer.id, this, [=, this](Result<void> deleted) {
            if (!deleted) {
                endSending(orderId);
                return done(makeError(tr("%1: cannot save Gelato's draft %2 (%3), nor delete it: %4")
                                              .arg(reference, answer.id, error, deleted.error())));
            }
            sendFailed(orderId, error, done);
        });
        return;
    }
    if (answer.orderType == "draft"_L1 && !asGelatoDraft) {
        m_gelato.promoteDraft(answer.id, this, [=, this](Result<GelatoOrder> promoted) {
            if (!promoted) {
                endSending(orderId);
                Q_EMIT orderChanged(orderId);
                return done(makeError(tr("%1: Gelato draft %2 is saved but not confirmed yet: %3; confirm "
                                         "again to finish sending")
                                              .arg(reference, answer.id, promoted.error())));
            }
            if (auto applied
                = GelatoOrderAnswer::apply(m_database, orderId, *promoted, OrderEvent::Source::Gelato);
                !applied) {
                endSending(orderId);
                return done(makeError(u"%1: %2"_s.arg(reference, applied.error())));
            }
            withConnected(orderId, *promoted, OrderEvent::Source::Gelato, done);
        });
        return;
    }
    if (auto applied = GelatoOrderAnswer::apply(m_database, orderId, answer, OrderEvent::Source::Gelato);
        !applied) {
        endSending(orderId);
        return done(makeError(u"%1: %2"_s.arg(reference, applied.error())));
    }
    withConnected(orderId, answer, OrderEvent::Source::Gelato, std::move(done));
}

void GelatoOrderFlow::withConnected(qint64 orderId, const GelatoOrder &answer, OrderEvent::Source source,
                                    Callback<SalesOrder> done)
{
    QStringList connected = answer.connectedOrderIds;
    connected.removeAll(answer.id);
    refreshConnected(orderId, connected, answer.receipts, source, std::move(done));
}

void GelatoOrderFlow::sendFailed(qint64 orderId, const QString &error, Callback<SalesOrder> done)
{
    const QString message = u"%1: %2"_s.arg(referenceOf(orderId), error);
    endSending(orderId);
    // Gelato has no such order: back to draft, to be fixed and confirmed again. The reference and
    // the attempt stay, so the next confirm still searches first.
    auto changed
            = OrderUpdate(m_database)
                      .setState(orderId, {OrderState::Sending}, OrderState::Draft, OrderEvent::Source::Gelato,
                                Message::of(u"order.send-failed"_s, {error}));
    Q_EMIT orderChanged(orderId);
    if (!changed)
        return done(makeError(message % u'\n' % changed.error()));
    done(makeError(message));
}

void GelatoOrderFlow::finish(qint64 orderId, Callback<SalesOrder> done)
{
    endSending(orderId);
    Q_EMIT orderChanged(orderId);
    done(SalesOrderRepository(m_database).get(orderId));
}

void GelatoOrderFlow::promoteDraft(const SalesOrder &order, Callback<SalesOrder> done)
{
    if (order.state != OrderState::GelatoDraft || order.gelatoOrderId.isEmpty())
        return done(makeError(tr("%1: is not a Gelato draft (state: %2)")
                                      .arg(order.reference, OrderState::displayName(order.state))));
    const qint64 orderId = order.id;
    const QString reference = order.reference;
    m_gelato.promoteDraft(order.gelatoOrderId, this, [=, this](Result<GelatoOrder> promoted) {
        if (!promoted)
            return done(makeError(u"%1: %2"_s.arg(reference, promoted.error())));
        if (auto r = GelatoOrderAnswer::apply(m_database, orderId, *promoted, OrderEvent::Source::User); !r)
            return done(makeError(u"%1: %2"_s.arg(reference, r.error())));
        finish(orderId, done);
    });
}

void GelatoOrderFlow::deleteDraft(const SalesOrder &order, Callback<SalesOrder> done)
{
    if (order.state != OrderState::GelatoDraft || order.gelatoOrderId.isEmpty())
        return done(makeError(tr("%1: is not a Gelato draft (state: %2)")
                                      .arg(order.reference, OrderState::displayName(order.state))));
    const qint64 orderId = order.id;
    const QString reference = order.reference;
    const QString gelatoId = order.gelatoOrderId;
    m_gelato.deleteDraft(gelatoId, this, [=, this](Result<void> deleted) {
        if (!deleted)
            return done(makeError(u"%1: %2"_s.arg(reference, deleted.error())));
        OrderUpdate update(m_database);
        if (auto r = update.forgetGelatoOrder(orderId); !r)
            return done(makeError(r.error()));
        if (auto r
            = update.setState(orderId, {OrderState::GelatoDraft}, OrderState::Draft, OrderEvent::Source::User,
                              Message::of(u"order.gelato-draft-deleted"_s, {gelatoId}));
            !r)
            return done(makeError(r.error()));
        finish(orderId, done);
    });
}

void GelatoOrderFlow::cancel(const SalesOrder &order, Callback<SalesOrder> done)
{
    if (order.state == OrderState::Cancelled)
        return done(makeError(tr("%1: the order is already cancelled").arg(order.reference)));
    if (order.state == OrderState::Delivered || order.state == OrderState::Shipped
        || order.state == OrderState::Returned || order.state == OrderState::Sending)
        return done(makeError(tr("%1: cannot be cancelled in state %2")
                                      .arg(order.reference, OrderState::displayName(order.state))));
    const qint64 orderId = order.id;
    if (order.gelatoOrderId.isEmpty()) {
        // Never reached Gelato: cancelled here only.
        if (auto r = OrderUpdate(m_database)
                             .setState(orderId,
                                       {OrderState::Draft, OrderState::GelatoDraft, OrderState::Sent,
                                        OrderState::InProduction, OrderState::Failed},
                                       OrderState::Cancelled, OrderEvent::Source::User,
                                       Message::of(u"order.cancelled"_s));
            !r)
            return done(makeError(r.error()));
        return finish(orderId, std::move(done));
    }
    const QString reference = order.reference;
    m_gelato.cancelOrder(order.gelatoOrderId, this, [=, this](Result<void> cancelled) {
        if (!cancelled)
            return done(makeError(u"%1: %2"_s.arg(reference, cancelled.error())));
        // Gelato's news, told by its answer to the cancel: the order's status is now canceled.
        OrderNews news;
        news.source = OrderEvent::Source::User;
        news.fulfillmentStatus = u"canceled"_s;
        if (auto r = OrderUpdate(m_database).apply(orderId, news); !r)
            return done(makeError(r.error()));
        finish(orderId, done);
    });
}

void GelatoOrderFlow::refresh(const SalesOrder &order, OrderEvent::Source source, Callback<SalesOrder> done)
{
    if (order.gelatoOrderId.isEmpty())
        return done(makeError(tr("%1: has not reached Gelato yet; nothing to refresh").arg(order.reference)));
    const qint64 orderId = order.id;
    const QString reference = order.reference;
    m_gelato.getOrder(order.gelatoOrderId, this, [=, this](Result<GelatoOrder> answer) {
        if (!answer)
            return done(makeError(u"%1: %2"_s.arg(reference, answer.error())));
        if (auto r = GelatoOrderAnswer::apply(m_database, orderId, *answer, source); !r)
            return done(makeError(u"%1: %2"_s.arg(reference, r.error())));
        withConnected(orderId, *answer, source, done);
    });
}

void GelatoOrderFlow::refreshConnected(qint64 orderId, QStringList connectedIds,
                                       QList<GelatoReceipt> receipts, OrderEvent::Source source,
                                       Callback<SalesOrder> done)
{
    if (connectedIds.isEmpty()) {
        // A split order costs what all its parts' purchase receipts add up to.
        if (auto r = GelatoOrderAnswer::storeCost(m_database, orderId, receipts); !r) {
            endSending(orderId);
            return done(makeError(r.error()));
        }
        return finish(orderId, std::move(done));
    }
    const QString next = connectedIds.takeFirst();
    m_gelato.getOrder(next, this, [=, this](Result<GelatoOrder> answer) mutable {
        if (!answer) {
            endSending(orderId);
            return done(makeError(
                    tr("%1: connected order %2: %3").arg(referenceOf(orderId), next, answer.error())));
        }
        if (auto r = GelatoOrderAnswer::applyConnected(m_database, orderId, *answer, source); !r) {
            endSending(orderId);
            return done(makeError(r.error()));
        }
        receipts.append(answer->receipts);
        refreshConnected(orderId, connectedIds, receipts, source, done);
    });
}

void GelatoOrderFlow::reconcile(Callback<int> done, ProgressReport progress)
{
    SalesOrderRepository::Query query;
    query.states = {OrderState::Sent, OrderState::InProduction, OrderState::Shipped};
    query.limit = 0;
    auto orders = SalesOrderRepository(m_database).list(query);
    if (!orders)
        return done(makeError(orders.error()));
    QList<qint64> pending;
    for (const SalesOrder &order : *orders) {
        if (OrderState::isInProgress(order.state) && !order.gelatoOrderId.isEmpty())
            pending.append(order.id);
    }
    const qsizetype total = pending.size();
    reconcileNext(pending, 0, {}, std::move(done), total, std::move(progress));
}

void GelatoOrderFlow::reconcileNext(QList<qint64> pending, int refreshed, QStringList errors,
                                    Callback<int> done, qsizetype total, ProgressReport progress)
{
    // Between two orders: each refresh is complete (stored or not at all), so stopping here keeps
    // the orders already refreshed and leaves the rest for the next run.
    if (!reportProgress(progress, total - pending.size(), total))
        pending.clear();
    if (pending.isEmpty()) {
        // Any order that could not be read makes the run a failure the scheduler shows, with the
        // count of those that were.
        if (!errors.isEmpty())
            return done(makeError(tr("%n orders refreshed from Gelato; not refreshed: %1", nullptr, refreshed)
                                          .arg(errors.join("; "_L1))));
        return done(refreshed);
    }
    const qint64 orderId = pending.takeFirst();
    auto order = SalesOrderRepository(m_database).get(orderId);
    if (!order) {
        errors.append(order.error());
        return reconcileNext(pending, refreshed, errors, std::move(done), total, std::move(progress));
    }
    refresh(*order, OrderEvent::Source::Poll, [=, this](Result<SalesOrder> result) mutable {
        if (result)
            ++refreshed;
        else
            errors.append(result.error());
        reconcileNext(pending, refreshed, errors, done, total, progress);
    });
}

} // namespace Bottega
