#include "core/fulfilment/PoleepoOrderImport.h"

#include "core/domain/SalesOrder.h"
#include "core/messages/MessageText.h"
#include "core/orders/GelatoOrderRequest.h"
#include "core/orders/OrderInput.h"
#include "core/orders/OrderNews.h"
#include "core/orders/OrderState.h"
#include "core/orders/OrderUpdate.h"
#include "core/poleepo/PoleepoApi.h"
#include "core/store/Database.h"
#include "core/store/FulfilmentRepository.h"
#include "core/store/OrderEventRepository.h"
#include "core/store/SalesOrderRepository.h"
#include "core/store/VariantRepository.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

Address addressOf(const PoleepoOrder &order)
{
    Address address;
    address.kind = Address::Kind::Shipping;
    address.firstName
            = order.deliveryAddress.name.isEmpty() ? order.customerFirstname : order.deliveryAddress.name;
    address.lastName = order.deliveryAddress.surname.isEmpty() ? order.customerLastname
                                                               : order.deliveryAddress.surname;
    address.addressLine1 = order.deliveryAddress.address;
    address.postCode = order.deliveryAddress.postcode;
    address.city = order.deliveryAddress.city;
    address.state = order.deliveryAddress.stateIso;
    address.country = order.deliveryAddress.countryIso;
    address.email = order.customerEmail;
    address.phone = order.customerPhone;
    return address;
}

// What a malformed order lacks, by the names of Poleepo's fields.
QStringList missingParts(const PoleepoOrder &order)
{
    QStringList missing;
    const PoleepoAddress &a = order.deliveryAddress;
    if (a.address.isEmpty() && a.city.isEmpty() && a.countryIso.isEmpty())
        missing.append(u"delivery_address"_s);
    else {
        if (a.address.isEmpty())
            missing.append(u"delivery_address.address"_s);
        if (a.city.isEmpty())
            missing.append(u"delivery_address.city"_s);
        if (a.countryIso.isEmpty())
            missing.append(u"delivery_address.country_iso"_s);
    }
    if (order.customerEmail.isEmpty())
        missing.append(u"customer.email"_s); // Gelato cannot take an order without one (ORD-3)
    if (order.rows.isEmpty())
        missing.append(u"rows"_s);
    return missing;
}

OrderNews newsOf(const PoleepoOrder &order)
{
    OrderNews news;
    news.source = OrderEvent::Source::Poleepo;
    news.poleepoStatus = order.status;
    for (const QString &shippingId : order.shippingIds)
        news.shipments.append({shippingId, QString(), QString(), QString()});
    return news;
}

} // namespace

PoleepoOrderImport::PoleepoOrderImport(Database &database, const Clock *clock)
    : m_database(database), m_clock(clock), m_update(std::make_unique<OrderUpdate>(database, clock))
{
}

PoleepoOrderImport::~PoleepoOrderImport() = default;

Message PoleepoOrderImport::attention(const QString &code, const QStringList &args)
{
    if (code.isEmpty())
        return {};
    return Message::of(u"attention."_s + code, {args.join(u", "_s)});
}

QString PoleepoOrderImport::attentionText(const QString &code, const QStringList &args)
{
    return MessageText::render(attention(code, args));
}

Result<PoleepoOrderImport::Imported> PoleepoOrderImport::importOrder(const PoleepoOrder &order)
{
    if (order.id.isEmpty())
        return makeError(tr("a Poleepo order without an id"));
    Imported imported;
    auto done = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        auto known = SalesOrderRepository(m_database).findByPoleepoOrderId(order.id);
        if (!known)
            return makeError(known.error());
        if (!known->has_value()) {
            auto created = create(order);
            if (!created)
                return makeError(created.error());
            imported = *created;
            return {};
        }
        imported.orderId = **known;
        auto outcome = m_update->apply(imported.orderId, newsOf(order));
        if (!outcome)
            return makeError(outcome.error());
        imported.changes = outcome->changes;
        return {};
    });
    if (done && PoleepoApi::isCanceledStatus(order.status))
        done = m_database.transaction(
                [&](QSqlDatabase &) { return applyCancel(imported.orderId, imported); });
    if (!done)
        return makeError(done.error());
    return imported;
}

Result<void> PoleepoOrderImport::applyCancel(qint64 orderId, Imported &imported)
{
    auto order = SalesOrderRepository(m_database).get(orderId);
    if (!order)
        return makeError(order.error());
    if (order->state == OrderState::Cancelled)
        return {};
    // Only while Gelato has nothing to print: a local draft, or an order Gelato failed.
    const QStringList cancellable {OrderState::Draft, OrderState::Failed};
    if (cancellable.contains(order->state)) {
        auto changed
                = m_update->setState(orderId, cancellable, OrderState::Cancelled, OrderEvent::Source::Poleepo,
                                     Message::of(u"order.cancelled-in-poleepo"_s));
        if (!changed)
            return makeError(changed.error());
        if (*changed)
            imported.changes.append(Message::of(u"order.cancelled-in-poleepo"_s));
        return {};
    }
    FulfilmentRepository fulfilment(m_database, m_clock);
    auto current = fulfilment.decision(orderId);
    if (!current)
        return makeError(current.error());
    const FulfilmentRepository::Decision decision {u"attention"_s, u"poleepo-cancelled"_s, {order->state}};
    if (current->attentionCode == decision.attentionCode)
        return {};
    if (auto r = fulfilment.setDecision(orderId, decision); !r)
        return r;
    const Message message = attention(decision.attentionCode, decision.attentionArgs);
    OrderEvent event;
    event.orderId = orderId;
    event.source = OrderEvent::Source::Poleepo;
    event.kind = u"attention"_s;
    event.message = message;
    if (auto r = OrderEventRepository(m_database).append(event); !r)
        return makeError(r.error());
    imported.changes.append(message);
    return {};
}

Result<PoleepoOrderImport::Imported> PoleepoOrderImport::create(const PoleepoOrder &poleepo)
{
    SalesOrderRepository orders(m_database);
    SalesOrder order;
    order.source = SalesOrder::Source::Poleepo;
    order.channel = poleepo.sourceId;
    order.poleepoOrderId = poleepo.id;
    order.state = OrderState::Draft; // not sent to Gelato yet; the marketplace sale is confirmed
    order.currency = poleepo.currency.isEmpty() ? u"EUR"_s : poleepo.currency;
    order.customerFirstName = poleepo.customerFirstname;
    order.customerLastName = poleepo.customerLastname;
    order.customerEmail = poleepo.customerEmail;
    order.customerPhone = poleepo.customerPhone;
    order.shippingAddress = addressOf(poleepo);
    order.reference = poleepo.referenceId;
    if (!order.reference.isEmpty()) {
        auto taken = orders.findByReference(order.reference);
        if (!taken)
            return makeError(taken.error());
        if (taken->has_value())
            order.reference.clear();
    }
    if (order.reference.isEmpty())
        order.reference = u"POLEEPO-"_s + poleepo.id;

    VariantRepository variants(m_database);
    const OrderInput input(m_database);
    QStringList unknownSkus, gelatoSkus, otherSkus;
    double goods = 0;
    for (int i = 0; i < poleepo.rows.size(); ++i) {
        const PoleepoOrderRow &row = poleepo.rows.at(i);
        OrderLine line;
        line.position = i;
        line.sku = row.sku;
        line.productName = row.title;
        line.quantity = qMax<qint64>(1, qint64(std::llround(row.quantity)));
        line.unitPrice = row.price.value_or(0);
        line.itemReferenceId = GelatoOrderRequest::itemReferenceId(order, i);
        auto variant = row.sku.isEmpty() ? Result<std::optional<Variant>>(std::optional<Variant>())
                                         : variants.findBySku(row.sku);
        if (!variant)
            return makeError(variant.error());
        if (variant->has_value()) {
            line.variantId = (*variant)->id;
            auto gelato = input.isGelatoGood(line);
            if (!gelato)
                return makeError(gelato.error());
            (*gelato ? gelatoSkus : otherSkus).append(row.sku);
        } else {
            unknownSkus.append(row.sku.isEmpty() ? tr("(row %1 without a SKU)").arg(i + 1) : row.sku);
        }
        goods += double(line.quantity) * line.unitPrice;
        order.lines.append(line);
    }
    order.isGelato = !gelatoSkus.isEmpty();
    order.amountUntaxed = goods;
    order.amountTotal = poleepo.totalPrice.value_or(goods);

    FulfilmentRepository::Decision decision;
    if (const QStringList missing = missingParts(poleepo); !missing.isEmpty())
        decision = {u"attention"_s, u"missing"_s, missing};
    else if (!unknownSkus.isEmpty())
        decision = {u"attention"_s, u"unknown-sku"_s, unknownSkus};
    else if (!gelatoSkus.isEmpty() && !otherSkus.isEmpty())
        decision = {u"attention"_s, u"mixed-goods"_s, otherSkus};
    else
        decision.fulfilment = gelatoSkus.isEmpty() ? u"other"_s : u"gelato"_s;

    auto created = orders.create(order);
    if (!created)
        return makeError(created.error());
    Imported imported;
    imported.orderId = *created;
    imported.created = true;
    if (auto r = FulfilmentRepository(m_database, m_clock).setDecision(imported.orderId, decision); !r)
        return makeError(r.error());
    OrderEvent event;
    event.orderId = imported.orderId;
    event.source = OrderEvent::Source::Poleepo;
    event.kind = u"imported"_s;
    event.message = decision.attentionCode.isEmpty()
            ? Message::of(u"order.imported-from-poleepo"_s, {poleepo.id, poleepo.sourceId})
            : Message::of(u"order.imported-from-poleepo-attention"_s,
                          {poleepo.id, poleepo.sourceId,
                           attention(decision.attentionCode, decision.attentionArgs).toStored()});
    if (auto r = OrderEventRepository(m_database).append(event); !r)
        return makeError(r.error());
    // Status and shippings: recorded the way every later import records them.
    auto outcome = m_update->apply(imported.orderId, newsOf(poleepo));
    if (!outcome)
        return makeError(outcome.error());
    return imported;
}

} // namespace Bottega
