// GelatoOrdersFake: Gelato's order endpoints (v4) inside a FakeHttpServer, following the seed's
// contract: create (order or draft, validated, 400 naming the field), get, search, patch (draft →
// order), delete (drafts only), cancel (409 from `printed` on) and quote; plus the test controls:
// statuses, split orders, quotes, and the faults ORD-5 must survive. Every request stays recorded by
// the server (method, path, body: RecordedRequest::json()).
#pragma once

#include "tests/support/fakes/FakeHttpServer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Bottega::Test {

class GelatoOrdersFake final
{
    Q_DISABLE_COPY_MOVE(GelatoOrdersFake)

public:
    // Registers the handlers under `prefix` ("/order/v4").
    GelatoOrdersFake(FakeHttpServer &server, const QString &prefix);

    // Paths, for requests(), addFault() and the fault helpers below.
    QString ordersPath() const { return m_prefix + QStringLiteral("/orders"); }
    QString orderPath(const QString &id) const { return ordersPath() + u'/' + id; }
    QString cancelPath(const QString &id) const { return orderPath(id) + QStringLiteral(":cancel"); }
    QString searchPath() const { return ordersPath() + QStringLiteral(":search"); }
    QString quotePath() const { return ordersPath() + QStringLiteral(":quote"); }

    // The orders Gelato holds (created and not deleted), in creation order.
    QList<QJsonObject> orders() const { return m_orders; }
    int orderCount() const { return int(m_orders.size()); }
    QJsonObject order(const QString &id) const; // empty if unknown
    QList<QJsonObject> ordersWithReference(const QString &orderReferenceId) const;

    // Moves an order on (and its items): "printed", "shipped" (a package with tracking appears), ...
    bool setOrderStatus(const QString &id, const QString &status);
    // The next creates become `parts` connected orders (same orderReferenceId, items spread over
    // them); 1 turns it off. Patching or deleting one draft of a split request acts on all its
    // connected drafts (they were one request).
    void setSplit(int parts) { m_splitParts = qMax(1, parts); }
    // The `quotes` array orders:quote answers with; empty: one quote with a normal (5.00) and an
    // express (20.00) method covering every product of the request.
    void setQuotes(const QJsonArray &quotes) { m_quotes = quotes; }
    // The billing entity on every order created from now on (CONF-2); the seed's by default.
    void setBillingEntity(const QJsonObject &entity) { m_billingEntity = entity; }
    // Receipts of orders created from now on leave this field out (Gelato does not always give
    // every cost line, e.g. "packagingPrice").
    void omitReceiptField(const QString &field) { m_omittedReceiptFields.append(field); }

    // Faults. The next create stores the order(s) and then never answers (the client times out).
    void storeThenHangNextCreate();
    // The next call on `path` is answered with Gelato's error shape and this message.
    void refuseNext(const QString &path, int status, const QString &message);
    // The next call on `path` gets an HTML 502 page from a "proxy".
    void htmlErrorNext(const QString &path);

    static FakeResponse error(int status, const QString &code, const QString &message);

private:
    FakeResponse create(const RecordedRequest &request);
    FakeResponse get(const RecordedRequest &request);
    FakeResponse search(const RecordedRequest &request);
    FakeResponse patch(const RecordedRequest &request);
    FakeResponse remove(const RecordedRequest &request);
    FakeResponse post(const RecordedRequest &request); // {id}:cancel
    FakeResponse quote(const RecordedRequest &request);
    QString idFromPath(const QString &path) const;
    qsizetype indexOf(const QString &id) const;
    QJsonObject buildOrder(const QJsonObject &request, const QJsonArray &items, const QString &id) const;

    FakeHttpServer &m_server;
    QString m_prefix;
    QList<QJsonObject> m_orders;
    int m_splitParts = 1;
    int m_nextNumber = 1;
    QJsonArray m_quotes;
    QJsonObject m_billingEntity;
    QStringList m_omittedReceiptFields;
};

} // namespace Bottega::Test
