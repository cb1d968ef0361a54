// OrderService: everything done to a sales order (ORD-1..9, CONF-2), the one entry point the
// window, the command line and the scheduler share. Local work is synchronous; calls to Gelato
// answer later through a callback (never at all once `context` is gone). Every state change lands in
// the order's timeline with its source; orderChanged() tells views to re-read.
#pragma once

#include "core/domain/OrderEvent.h"
#include "core/domain/Progress.h"
#include "core/domain/Result.h"
#include "core/domain/SalesOrder.h"
#include "core/orders/AddressCheck.h"
#include "core/orders/ShippingRates.h"

#include <QObject>
#include <functional>
#include <memory>

namespace Bottega {

class Database;
class FileStore;
class GelatoClient;
class GelatoOrderFlow;
class Settings;

// Why an order cannot be quoted or confirmed yet (ORD-2, ORD-3, PROD-3): each names its cause.
struct OrderProblem
{
    enum class Kind { Customer, ShippingAddress, BillingAddress, Lines, PrintImages, Currency, State };
    Kind kind;
    QString field; // the address field or "lines[2]"; empty when it concerns the whole order
    QString message;
};

// The result of a CSV import (ORD-1): one order per reference; any error → nothing applied.
struct OrderImportReport
{
    struct RowError
    {
        int row = 0; // 1-based data row (the header is row 0)
        QString field; // CSV column
        QString message;
    };
    QList<QString> references; // orders created (or that would be, on a dry run)
    QList<RowError> errors;
    bool applied = false;
    bool cancelled = false; // stopped on request: nothing was kept
};

// CONF-2: the company in settings against the billing entity Gelato reported.
struct CompanyCheck
{
    enum class State { Unknown, Matches, Mismatch };
    State state = State::Unknown; // Unknown: no Gelato answer with a billing entity yet
    QString message; // for Mismatch: what differs ("company name: settings say …, Gelato bills …")
};

class OrderService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderService)

public:
    template<typename T> using Callback = std::function<void(Result<T>)>;

    OrderService(Database &database, GelatoClient &gelato, Settings &settings, QObject *parent = nullptr);
    ~OrderService() override;

    // Where print images from local files are stored (their signed URLs go to Gelato); without
    // one, only images given by URL can be ordered.
    void setFileStore(FileStore *files);

    // The whole order (lines, addresses, timeline, packages, connected orders).
    Result<SalesOrder> get(qint64 orderId) const;
    // ORD-5: the order's total minus what Gelato charges (its purchase receipts).
    static double margin(const SalesOrder &order);

    // ORD-1. Checks lines (known variant, quantity > 0, ORD-2 mixing) before storing; the address
    // is checked later (a draft may be incomplete). Fills isGelato, itemReferenceIds, totals.
    Result<qint64> create(SalesOrder order);
    // `order create FILE.json` (cli.md format): errors name the JSON field ("lines[1].quantity: …").
    Result<SalesOrder> parseJson(const QByteArray &json) const;
    // Told after each order created (done of total), or on a dry run after each row checked;
    // answering false stops: the orders created so far are removed again (nothing half-imported
    // stays), a dry run ends with `cancelled` and no report. Runs on any thread (each thread its own
    // connection); the orders are stored in chunks of one transaction each, and orderChanged() is
    // emitted once per chunk, from the calling thread.
    using ImportProgress = std::function<bool(qint64 done, qint64 total)>;
    Result<OrderImportReport> importCsv(const QString &path, bool dryRun,
                                        const ImportProgress &progress = {});
    // Edits a local draft (customer, addresses, lines, shipping choice); refused once sent.
    Result<void> update(const SalesOrder &order);
    // For one line about to be added: ORD-2, and a Gelato good must have its print images
    // complete (PROD-3); the message of the rule when refused.
    Result<void> checkLine(const SalesOrder &order, const OrderLine &line) const;

    // Everything that blocks quoting and confirming (empty: ready).
    Result<QList<OrderProblem>> problems(qint64 orderId) const;
    QList<OrderProblem> problems(const SalesOrder &order) const;

    // ORD-4: `orders:quote`, then ShippingRates. Blocked (with problems()) like confirm.
    void quote(qint64 orderId, QObject *context, Callback<QList<ShippingRate>> done);
    // Keeps the chosen shipping ("standard", "express" or a uid) on the order.
    Result<void> chooseShipping(qint64 orderId, const QString &shipping);

    // ORD-5: sends to Gelato exactly once (draft, save id, patch to order; search by reference
    // first when an earlier attempt may have reached Gelato). asGelatoDraft (ORD-7) stops after the
    // draft. Confirming an order already sent is refused, naming its state.
    void confirm(qint64 orderId, bool asGelatoDraft, QObject *context, Callback<SalesOrder> done);
    // ORD-7: a Gelato draft becomes a real order / is deleted (the order returns to local draft).
    void promoteDraft(qint64 orderId, QObject *context, Callback<SalesOrder> done);
    void deleteDraft(qint64 orderId, QObject *context, Callback<SalesOrder> done);
    // ORD-6: 409 → "already in production"; cancelling a cancelled order is refused.
    void cancel(qint64 orderId, QObject *context, Callback<SalesOrder> done);
    // ORD-8: reads the order (and its connected orders) from Gelato and stores what changed;
    // source is User for the button/command, Poll for the reconciliation job.
    void refresh(qint64 orderId, OrderEvent::Source source, QObject *context, Callback<SalesOrder> done);
    // The reconciliation job: refreshes every order still in progress; the count refreshed, or an
    // error naming each order that could not be read (with the count of those that were).
    // progress hears "done of total" before each order; its false stops the run there (the orders
    // already refreshed stay so) and it answers with the count refreshed so far.
    void reconcile(QObject *context, Callback<int> done, ProgressReport progress = {});

    // CONF-2 for one order (its stored billing entity) and the latest known (for Settings).
    CompanyCheck companyCheck(qint64 orderId) const;
    CompanyCheck latestCompanyCheck() const;

Q_SIGNALS:
    void orderChanged(qint64 orderId);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Bottega
