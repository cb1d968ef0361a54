#include "core/orders/OrderService.h"

#include "core/gelato/GelatoClient.h"
#include "core/orders/CompanyMatch.h"
#include "core/orders/GelatoOrderAnswer.h"
#include "core/orders/GelatoOrderFlow.h"
#include "core/orders/GelatoOrderRequest.h"
#include "core/orders/OrderCsv.h"
#include "core/orders/OrderInput.h"
#include "core/orders/OrderState.h"
#include "core/products/PrintImages.h"
#include "core/settings/Settings.h"
#include "core/store/Database.h"
#include "core/store/OrderSendRepository.h"
#include "core/store/PrintImageRepository.h"
#include "core/store/SalesOrderRepository.h"
#include "core/store/VariantRepository.h"

#include <QElapsedTimer>
#include <QFile>
#include <QPointer>
#include <QSet>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Bottega {

struct OrderService::Private
{
    Database &database;
    GelatoClient &gelato;
    Settings &settings;
    FileStore *files = nullptr;
    GelatoOrderFlow *flow = nullptr; // a child of the service
};

namespace {

// OrderInput::missingParts as one refusal naming the order: "M-1: customer: …; lines: …".
Result<void> checkMissingParts(const SalesOrder &order)
{
    const QList<FieldProblem> missing = OrderInput::missingParts(order);
    if (missing.isEmpty())
        return {};
    QStringList messages;
    for (const FieldProblem &problem : missing)
        messages.append(problem.message);
    return makeError(order.reference % ": "_L1 % messages.join("; "_L1));
}

// The caller's callback, always called from the event loop (a command may ask before its loop
// runs) and dropped once its context is gone. The work itself goes on: a send half done must
// finish even when the window that asked has closed.
template<typename T>
std::function<void(Result<T>)> guarded(QObject *receiver, QObject *context,
                                       std::function<void(Result<T>)> done)
{
    QPointer<QObject> guard(context);
    const bool hadContext = context != nullptr;
    auto call = std::make_shared<std::function<void(Result<T>)>>(std::move(done));
    return [receiver, guard, hadContext, call](Result<T> result) {
        QMetaObject::invokeMethod(
                receiver,
                [guard, hadContext, call, result]() {
                    if ((hadContext && guard.isNull()) || !*call)
                        return;
                    (*call)(result);
                },
                Qt::QueuedConnection);
    };
}

// Fills what follows from the lines: totals, isGelato, stable and unique itemReferenceIds.
void completeLines(SalesOrder &order, const OrderInput &input)
{
    QSet<QString> used;
    for (const OrderLine &line : std::as_const(order.lines))
        if (!line.itemReferenceId.isEmpty())
            used.insert(line.itemReferenceId);
    double goods = 0, shipping = 0;
    bool isGelato = false;
    int next = 0;
    for (int i = 0; i < order.lines.size(); ++i) {
        OrderLine &line = order.lines[i];
        line.position = i;
        if (line.itemReferenceId.isEmpty()) {
            do
                line.itemReferenceId = GelatoOrderRequest::itemReferenceId(order, next++);
            while (used.contains(line.itemReferenceId));
            used.insert(line.itemReferenceId);
        }
        (line.kind == OrderLine::Kind::Shipping ? shipping : goods) += double(line.quantity) * line.unitPrice;
        if (auto gelato = input.isGelatoGood(line); gelato && *gelato)
            isGelato = true;
    }
    order.amountUntaxed = goods;
    order.amountShipping = shipping;
    order.amountTotal = goods + shipping + order.amountTax;
    order.isGelato = isGelato;
}

// create()'s checks of a new order and what follows from its lines, before it is stored.
Result<SalesOrder> checkedNewOrder(SalesOrder order, const OrderInput &input)
{
    if (auto missing = checkMissingParts(order); !missing)
        return makeError(missing.error());
    for (int i = 0; i < order.lines.size(); ++i) {
        const OrderLine &line = order.lines.at(i);
        if (line.quantity <= 0)
            return makeError(OrderService::tr("%1: line %2 (%3): the quantity must be greater than 0")
                                     .arg(order.reference)
                                     .arg(i + 1)
                                     .arg(line.sku.isEmpty() ? line.productName : line.sku));
        if (line.kind == OrderLine::Kind::Product && line.variantId > 0) {
            if (auto known = input.variant(line.variantId); !known)
                return makeError(u"%1: line %2: %3"_s.arg(order.reference).arg(i + 1).arg(known.error()));
        }
    }
    if (auto mixed = input.checkGoods(order); !mixed)
        return makeError(u"%1: %2"_s.arg(order.reference, mixed.error()));
    order.state = OrderState::Draft;
    order.shippingAddress.kind = Address::Kind::Shipping;
    if (order.billingAddress)
        order.billingAddress->kind = Address::Kind::Billing;
    completeLines(order, input);
    return order;
}

// An import stores its orders in chunks, each one transaction (one commit, so one fsync, for many
// orders instead of one each), ended at this many orders or after this long, whichever comes first:
// the write lock it holds meanwhile keeps the other threads' writes waiting.
constexpr int importChunkOrders = 100;
constexpr qint64 importChunkMs = 20;

} // namespace

OrderService::OrderService(Database &database, GelatoClient &gelato, Settings &settings, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(Private {database, gelato, settings}))
{
    d->flow = new GelatoOrderFlow(database, gelato, this);
    connect(d->flow, &GelatoOrderFlow::orderChanged, this, &OrderService::orderChanged);
}

OrderService::~OrderService() = default;

void OrderService::setFileStore(FileStore *files)
{
    d->files = files;
}

Result<SalesOrder> OrderService::get(qint64 orderId) const
{
    return SalesOrderRepository(d->database).get(orderId);
}

double OrderService::margin(const SalesOrder &order)
{
    return order.amountTotal - order.gelatoCostTotal;
}

Result<qint64> OrderService::create(SalesOrder order)
{
    auto checked = checkedNewOrder(std::move(order), OrderInput(d->database));
    if (!checked)
        return makeError(checked.error());
    auto created = SalesOrderRepository(d->database).create(*checked);
    if (created)
        Q_EMIT orderChanged(*created);
    return created;
}

Result<SalesOrder> OrderService::parseJson(const QByteArray &json) const
{
    return OrderInput(d->database).parseJson(json);
}

Result<OrderImportReport> OrderService::importCsv(const QString &path, bool dryRun,
                                                  const ImportProgress &progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(tr("cannot read %1: %2").arg(path, file.errorString()));
    const QString text = QString::fromUtf8(file.readAll());
    // A dry run reports the rows checked; an import, the orders stored.
    auto parsed = OrderCsv(d->database).parse(text, dryRun ? OrderCsv::Progress(progress) : OrderCsv::Progress());
    if (!parsed)
        return makeError(u"%1: %2"_s.arg(path, parsed.error()));
    OrderImportReport report;
    if (parsed->cancelled) {
        report.cancelled = true;
        return report;
    }
    report.errors = parsed->errors;
    for (const SalesOrder &order : std::as_const(parsed->orders))
        report.references.append(order.reference);
    if (dryRun || !report.errors.isEmpty())
        return report;

    // Nothing applied on any error or on cancel: the chunk under way is rolled back, and the chunks
    // committed before it are removed again.
    const OrderInput input = OrderInput::caching(d->database);
    SalesOrderRepository orders(d->database);
    QList<qint64> created; // committed
    const auto removeCreated = [&] {
        if (created.isEmpty())
            return;
        const auto removed = d->database.transaction([&](QSqlDatabase &) -> Result<void> {
            for (const qint64 id : std::as_const(created))
                if (auto r = orders.remove(id); !r)
                    return r;
            return {};
        });
        if (!removed) // one by one then, so that one that cannot go does not keep the others
            for (const qint64 id : std::as_const(created))
                (void)orders.remove(id);
        Q_EMIT orderChanged(created.constLast());
    };
    const qint64 total = parsed->orders.size();
    qint64 next = 0;
    while (next < total) {
        QList<qint64> chunk;
        bool stopped = false;
        QString failure;
        QElapsedTimer chunkTime;
        chunkTime.start();
        const auto stored = d->database.transaction([&](QSqlDatabase &) -> Result<void> {
            while (next < total && chunk.size() < importChunkOrders) {
                auto checked = checkedNewOrder(parsed->orders.at(next), input);
                auto id = checked ? orders.create(*checked) : Result<qint64>(makeError(checked.error()));
                if (!id) {
                    failure = id.error();
                    return makeError(failure);
                }
                chunk.append(*id);
                ++next;
                if (progress && !progress(created.size() + chunk.size(), total)) {
                    stopped = true;
                    return makeError(u"cancelled"_s);
                }
                if (chunkTime.elapsed() >= importChunkMs)
                    break;
            }
            return {};
        });
        if (!stored) {
            removeCreated();
            if (stopped)
                report.cancelled = true;
            else
                report.errors.append({0, u"reference"_s, failure.isEmpty() ? stored.error() : failure});
            return report;
        }
        created.append(chunk);
        // Once per chunk: the views re-read what is committed, not once per order.
        Q_EMIT orderChanged(chunk.constLast());
    }
    report.applied = true;
    return report;
}

Result<void> OrderService::update(const SalesOrder &order)
{
    SalesOrderRepository orders(d->database);
    auto stored = orders.get(order.id);
    if (!stored)
        return makeError(stored.error());
    if (stored->state != OrderState::Draft)
        return makeError(tr("%1: cannot be edited in state %2 (only drafts can)")
                                 .arg(stored->reference, OrderState::displayName(stored->state)));
    if (auto missing = checkMissingParts(order); !missing)
        return missing;
    const OrderInput input(d->database);
    for (int i = 0; i < order.lines.size(); ++i) {
        if (order.lines.at(i).quantity <= 0)
            return makeError(
                    tr("%1: line %2: the quantity must be greater than 0").arg(order.reference).arg(i + 1));
    }
    if (auto mixed = input.checkGoods(order); !mixed)
        return makeError(u"%1: %2"_s.arg(order.reference, mixed.error()));
    SalesOrder changed = order;
    // What only Gelato's answers and the state machine write stays as stored.
    changed.state = stored->state;
    changed.gelatoOrderId = stored->gelatoOrderId;
    changed.gelatoOrderReferenceId = stored->gelatoOrderReferenceId;
    changed.gelatoFulfillmentStatus = stored->gelatoFulfillmentStatus;
    changed.gelatoFinancialStatus = stored->gelatoFinancialStatus;
    changed.isDraft = stored->isDraft;
    completeLines(changed, input);
    if (auto r = orders.update(changed); !r)
        return r;
    if (auto r = orders.replaceLines(changed.id, changed.lines); !r)
        return r;
    Q_EMIT orderChanged(order.id);
    return {};
}

Result<void> OrderService::checkLine(const SalesOrder &order, const OrderLine &line) const
{
    if (line.quantity <= 0)
        return makeError(tr("the quantity must be greater than 0"));
    const OrderInput input(d->database);
    if (auto allowed = input.checkLine(order, line); !allowed)
        return allowed;
    if (line.kind != OrderLine::Kind::Product || line.variantId <= 0)
        return {};
    // A Gelato good makes the order one for Gelato, which cannot print what has no image (PROD-3).
    auto goods = input.variant(line.variantId);
    if (!goods)
        return makeError(goods.error());
    if (!goods->productUid.isEmpty() && !goods->missingPrintImages.isEmpty())
        return makeError(tr("%1 cannot be ordered from Gelato until its print images are complete "
                            "(missing: %2)")
                                 .arg(goods->sku.isEmpty() ? goods->name : goods->sku,
                                      goods->missingPrintImages.join(", "_L1)));
    return {};
}

Result<QList<OrderProblem>> OrderService::problems(qint64 orderId) const
{
    auto order = SalesOrderRepository(d->database).get(orderId);
    if (!order)
        return makeError(order.error());
    return problems(*order);
}

QList<OrderProblem> OrderService::problems(const SalesOrder &order) const
{
    QList<OrderProblem> found;
    for (const FieldProblem &problem : OrderInput::missingParts(order)) {
        if (problem.field == "customer"_L1) // no lines: named below, as no Gelato goods
            found.append({OrderProblem::Kind::Customer, problem.field, problem.message});
    }
    for (const FieldProblem &problem : AddressCheck::check(order.shippingAddress)) {
        found.append({OrderProblem::Kind::ShippingAddress, problem.field,
                      AddressCheck::describe({problem}, Address::Kind::Shipping)});
    }
    if (order.billingAddress) {
        Address billing = *order.billingAddress;
        billing.kind = Address::Kind::Billing;
        for (const FieldProblem &problem : AddressCheck::check(billing)) {
            found.append({OrderProblem::Kind::BillingAddress, problem.field,
                          AddressCheck::describe({problem}, Address::Kind::Billing)});
        }
    }
    if (!GelatoOrderRequest::isSupportedCurrency(order.currency)) {
        found.append({OrderProblem::Kind::Currency, u"currency"_s,
                      tr("currency %1 is not one Gelato takes orders in (%2)")
                              .arg(order.currency, GelatoOrderRequest::supportedCurrencies())});
    }
    const OrderInput input(d->database);
    PrintImages printImages(d->database, d->files);
    bool anyGelato = false;
    for (int i = 0; i < order.lines.size(); ++i) {
        const OrderLine &line = order.lines.at(i);
        const QString field = u"lines[%1]"_s.arg(i);
        if (line.quantity <= 0)
            found.append({OrderProblem::Kind::Lines, field,
                          tr("line %1: the quantity must be greater than 0").arg(i + 1)});
        if (line.kind != OrderLine::Kind::Product)
            continue;
        if (line.variantId <= 0) {
            found.append({OrderProblem::Kind::Lines, field,
                          tr("line %1: %2 is not one of our variants")
                                  .arg(i + 1)
                                  .arg(line.sku.isEmpty() ? line.productName : line.sku)});
            continue;
        }
        auto gelato = input.isGelatoGood(line);
        if (!gelato) {
            found.append(
                    {OrderProblem::Kind::Lines, field, tr("line %1: %2").arg(i + 1).arg(gelato.error())});
            continue;
        }
        if (!*gelato)
            continue;
        anyGelato = true;
        if (auto orderable = printImages.checkOrderable(line.variantId); !orderable)
            found.append({OrderProblem::Kind::PrintImages, field, orderable.error()});
    }
    if (auto mixed = input.checkGoods(order); !mixed)
        found.append({OrderProblem::Kind::Lines, u"lines"_s, mixed.error()});
    else if (!anyGelato)
        found.append({OrderProblem::Kind::Lines, u"lines"_s,
                      tr("the order holds no Gelato goods: there is nothing for Gelato to make")});
    return found;
}

namespace {

// "WEB-1001: shipping address: city is required\n..." for a refused quote or confirm.
QString describeProblems(const SalesOrder &order, const QList<OrderProblem> &problems)
{
    QStringList lines;
    for (const OrderProblem &problem : problems)
        lines.append(problem.message);
    return order.reference % ": "_L1 % lines.join("\n"_L1);
}

// The product uid and the print file URL per placement of every Gelato variant on the order.
Result<QHash<qint64, GelatoPrintItem>> printItems(const Database &database, FileStore *files,
                                                  const QUrl &publicBase, const SalesOrder &order)
{
    QHash<qint64, GelatoPrintItem> items;
    const OrderInput input(database);
    PrintImages printImages(database, files);
    PrintImageRepository images(database);
    for (const OrderLine &line : order.lines) {
        if (line.kind != OrderLine::Kind::Product || line.variantId <= 0 || items.contains(line.variantId))
            continue;
        auto goods = input.variant(line.variantId);
        if (!goods)
            return makeError(goods.error());
        auto variant = VariantRepository(database).get(line.variantId);
        if (!variant)
            return makeError(variant.error());
        auto placements = images.placements(variant->productId);
        if (!placements)
            return makeError(placements.error());
        auto stored = images.listForProduct(variant->productId);
        if (!stored)
            return makeError(stored.error());
        GelatoPrintItem item;
        item.productUid = goods->productUid;
        for (const QString &placement : std::as_const(*placements)) {
            std::optional<PrintImage> chosen;
            for (const PrintImage &image : std::as_const(*stored)) {
                if (image.placement != placement)
                    continue;
                if (image.variantId == line.variantId)
                    chosen = image; // an override wins over the product's default
                else if (image.variantId == 0 && !chosen)
                    chosen = image;
            }
            if (!chosen)
                continue; // problems() has named it already
            auto url = printImages.signedUrlFor(*chosen, publicBase);
            if (!url)
                return makeError(url.error());
            item.files.append({placement, url->toString(QUrl::FullyEncoded)});
        }
        items.insert(line.variantId, item);
    }
    return items;
}

} // namespace

void OrderService::quote(qint64 orderId, QObject *context, Callback<QList<ShippingRate>> done)
{
    auto answer = guarded(this, context, std::move(done));
    auto order = SalesOrderRepository(d->database).get(orderId);
    if (!order)
        return answer(makeError(order.error()));
    if (const auto found = problems(*order); !found.isEmpty())
        return answer(makeError(describeProblems(*order, found)));
    auto items = printItems(d->database, d->files, d->settings.serverPublicUrl(), *order);
    if (!items)
        return answer(makeError(u"%1: %2"_s.arg(order->reference, items.error())));
    const QString reference = order->reference;
    const QString shippingType = order->shippingType;
    d->gelato.quoteOrder(GelatoOrderRequest::quote(*order, *items), this,
                         [this, orderId, reference, shippingType, answer](Result<QList<GelatoQuote>> quotes) {
                             if (!quotes)
                                 return answer(makeError(u"%1: %2"_s.arg(reference, quotes.error())));
                             const QList<ShippingRate> rates = ShippingRates::fromQuotes(*quotes);
                             // The chosen type's methods are kept, so that confirm sends them.
                             for (const ShippingRate &rate : rates) {
                                 if (rate.type != shippingType)
                                     continue;
                                 SalesOrderRepository orders(d->database);
                                 if (auto stored = orders.get(orderId); stored) {
                                     stored->shipmentMethodUid = rate.shipmentMethodUid;
                                     if (orders.update(*stored))
                                         Q_EMIT orderChanged(orderId);
                                 }
                             }
                             answer(rates);
                         });
}

Result<void> OrderService::chooseShipping(qint64 orderId, const QString &shipping)
{
    SalesOrderRepository orders(d->database);
    auto order = orders.get(orderId);
    if (!order)
        return makeError(order.error());
    if (order->state != OrderState::Draft)
        return makeError(tr("%1: the shipping cannot change in state %2")
                                 .arg(order->reference, OrderState::displayName(order->state)));
    const QString value = shipping.trimmed();
    if (value.isEmpty())
        return makeError(
                tr("%1: shipping: say standard, express or a shipment method uid").arg(order->reference));
    if (value.compare("standard"_L1, Qt::CaseInsensitive) == 0
        || value.compare("express"_L1, Qt::CaseInsensitive) == 0) {
        if (order->shippingType != value.toLower())
            order->shipmentMethodUid.clear(); // the uids of the other type no longer apply
        order->shippingType = value.toLower();
    } else {
        order->shipmentMethodUid = value;
    }
    if (auto r = orders.update(*order); !r)
        return r;
    Q_EMIT orderChanged(orderId);
    return {};
}

void OrderService::confirm(qint64 orderId, bool asGelatoDraft, QObject *context, Callback<SalesOrder> done)
{
    auto answer = guarded(this, context, std::move(done));
    auto order = SalesOrderRepository(d->database).get(orderId);
    if (!order)
        return answer(makeError(order.error()));
    // `sending` is a retry after a timeout or a crash: allowed, and it searches Gelato first.
    if (order->state != OrderState::Draft && order->state != OrderState::Sending)
        return answer(makeError(tr("%1: already sent to Gelato (state: %2); it cannot be confirmed again")
                                        .arg(order->reference, OrderState::displayName(order->state))));
    if (d->flow->isSending(orderId))
        return answer(makeError(tr("%1: is being sent to Gelato already").arg(order->reference)));
    if (const auto found = problems(*order); !found.isEmpty())
        return answer(makeError(describeProblems(*order, found)));
    auto items = printItems(d->database, d->files, d->settings.serverPublicUrl(), *order);
    if (!items)
        return answer(makeError(u"%1: %2"_s.arg(order->reference, items.error())));
    // Always created as a draft first (ORD-5): promoted once its id is saved here.
    d->flow->send(*order, GelatoOrderRequest::order(*order, *items, true), asGelatoDraft, answer);
}

void OrderService::promoteDraft(qint64 orderId, QObject *context, Callback<SalesOrder> done)
{
    auto answer = guarded(this, context, std::move(done));
    auto order = SalesOrderRepository(d->database).get(orderId);
    if (!order)
        return answer(makeError(order.error()));
    d->flow->promoteDraft(*order, answer);
}

void OrderService::deleteDraft(qint64 orderId, QObject *context, Callback<SalesOrder> done)
{
    auto answer = guarded(this, context, std::move(done));
    auto order = SalesOrderRepository(d->database).get(orderId);
    if (!order)
        return answer(makeError(order.error()));
    d->flow->deleteDraft(*order, answer);
}

void OrderService::cancel(qint64 orderId, QObject *context, Callback<SalesOrder> done)
{
    auto answer = guarded(this, context, std::move(done));
    auto order = SalesOrderRepository(d->database).get(orderId);
    if (!order)
        return answer(makeError(order.error()));
    d->flow->cancel(*order, answer);
}

void OrderService::refresh(qint64 orderId, OrderEvent::Source source, QObject *context,
                           Callback<SalesOrder> done)
{
    auto answer = guarded(this, context, std::move(done));
    auto order = SalesOrderRepository(d->database).get(orderId);
    if (!order)
        return answer(makeError(order.error()));
    d->flow->refresh(*order, source, answer);
}

void OrderService::reconcile(QObject *context, Callback<int> done, ProgressReport progress)
{
    d->flow->reconcile(guarded(this, context, std::move(done)), std::move(progress));
}

CompanyCheck OrderService::companyCheck(qint64 orderId) const
{
    auto json = OrderSendRepository(d->database).billingEntity(orderId);
    if (!json || json->isEmpty())
        return {};
    return CompanyMatch::compare(d->settings.companyName(), d->settings.companyBillingAddress(),
                                 GelatoOrderAnswer::billingEntityFromJson(*json));
}

CompanyCheck OrderService::latestCompanyCheck() const
{
    auto json = OrderSendRepository(d->database).latestBillingEntity();
    if (!json || json->isEmpty())
        return {};
    return CompanyMatch::compare(d->settings.companyName(), d->settings.companyBillingAddress(),
                                 GelatoOrderAnswer::billingEntityFromJson(*json));
}

} // namespace Bottega
