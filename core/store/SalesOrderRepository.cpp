#include "core/store/SalesOrderRepository.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/OrderAddressRepository.h"
#include "core/store/OrderEventRepository.h"
#include "core/store/OrderPackageRepository.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqlValues.h"

#include <QVariantList>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// Written by both INSERT and UPDATE, bound by bindFields in this order.
constexpr auto writableColumns
        = "reference, source, channel, currency, customer_first_name, customer_last_name, customer_email, "
          "customer_phone, shipping_type, shipment_method_uid, amount_untaxed, amount_tax, amount_shipping, "
          "amount_total, gelato_order_id, gelato_order_reference_id, gelato_fulfillment_status, "
          "gelato_financial_status, delivery_estimate_min_at, delivery_estimate_max_at, "
          "gelato_cost_currency, "
          "gelato_cost_products, gelato_cost_shipping, gelato_cost_packaging, gelato_cost_vat, "
          "gelato_cost_total, gelato_cost_unknown, "
          "poleepo_order_id, poleepo_status, is_gelato, is_draft, notes"_L1;
constexpr int writableCount = 32;

constexpr auto addressColumns
        = "kind, first_name, last_name, company_name, address_line1, address_line2, city, "
          "post_code, state, country, email, phone"_L1;

void bindFields(SqlStatement &statement, const SalesOrder &order)
{
    statement.bind(Sql::text(order.reference))
            .bind(SalesOrder::sourceName(order.source))
            .bind(Sql::text(order.channel))
            .bind(Sql::text(order.currency))
            .bind(Sql::text(order.customerFirstName))
            .bind(Sql::text(order.customerLastName))
            .bind(Sql::text(order.customerEmail))
            .bind(Sql::text(order.customerPhone))
            .bind(Sql::text(order.shippingType))
            .bind(Sql::text(order.shipmentMethodUid))
            .bind(order.amountUntaxed)
            .bind(order.amountTax)
            .bind(order.amountShipping)
            .bind(order.amountTotal)
            .bind(Sql::text(order.gelatoOrderId))
            .bind(Sql::text(order.gelatoOrderReferenceId))
            .bind(Sql::text(order.gelatoFulfillmentStatus))
            .bind(Sql::text(order.gelatoFinancialStatus))
            .bind(Sql::timeOrNull(order.deliveryEstimateMin))
            .bind(Sql::timeOrNull(order.deliveryEstimateMax))
            .bind(Sql::text(order.gelatoCostCurrency))
            .bind(order.gelatoCostProducts)
            .bind(order.gelatoCostShipping)
            .bind(order.gelatoCostPackaging)
            .bind(order.gelatoCostVat)
            .bind(order.gelatoCostTotal)
            .bind(Sql::text(order.gelatoCostUnknown.join(u',')))
            .bind(Sql::text(order.poleepoOrderId))
            .bind(Sql::text(order.poleepoStatus))
            .bind(Sql::flag(order.isGelato))
            .bind(Sql::flag(order.isDraft))
            .bind(Sql::text(order.notes));
}

SalesOrder readOrder(const SqlStatement &row)
{
    SalesOrder order;
    order.id = row.integer(u"id"_s);
    order.reference = row.text(u"reference"_s);
    order.source = SalesOrder::sourceFromName(row.text(u"source"_s)).value_or(SalesOrder::Source::Manual);
    order.channel = row.text(u"channel"_s);
    order.state = row.text(u"state"_s);
    order.currency = row.text(u"currency"_s);
    order.customerFirstName = row.text(u"customer_first_name"_s);
    order.customerLastName = row.text(u"customer_last_name"_s);
    order.customerEmail = row.text(u"customer_email"_s);
    order.customerPhone = row.text(u"customer_phone"_s);
    order.shippingType = row.text(u"shipping_type"_s);
    order.shipmentMethodUid = row.text(u"shipment_method_uid"_s);
    order.amountUntaxed = row.number(u"amount_untaxed"_s);
    order.amountTax = row.number(u"amount_tax"_s);
    order.amountShipping = row.number(u"amount_shipping"_s);
    order.amountTotal = row.number(u"amount_total"_s);
    order.gelatoOrderId = row.text(u"gelato_order_id"_s);
    order.gelatoOrderReferenceId = row.text(u"gelato_order_reference_id"_s);
    order.gelatoFulfillmentStatus = row.text(u"gelato_fulfillment_status"_s);
    order.gelatoFinancialStatus = row.text(u"gelato_financial_status"_s);
    order.deliveryEstimateMin = row.time(u"delivery_estimate_min_at"_s);
    order.deliveryEstimateMax = row.time(u"delivery_estimate_max_at"_s);
    order.gelatoCostCurrency = row.text(u"gelato_cost_currency"_s);
    order.gelatoCostProducts = row.number(u"gelato_cost_products"_s);
    order.gelatoCostShipping = row.number(u"gelato_cost_shipping"_s);
    order.gelatoCostPackaging = row.number(u"gelato_cost_packaging"_s);
    order.gelatoCostVat = row.number(u"gelato_cost_vat"_s);
    order.gelatoCostTotal = row.number(u"gelato_cost_total"_s);
    order.gelatoCostUnknown = row.text(u"gelato_cost_unknown"_s).split(u',', Qt::SkipEmptyParts);
    order.poleepoOrderId = row.text(u"poleepo_order_id"_s);
    order.poleepoStatus = row.text(u"poleepo_status"_s);
    order.fulfilment = row.text(u"fulfilment"_s);
    order.attentionCode = row.text(u"attention_code"_s);
    order.attentionArgs = row.text(u"attention_args"_s).split(u'\n', Qt::SkipEmptyParts);
    order.isGelato = row.flag(u"is_gelato"_s);
    order.isDraft = row.flag(u"is_draft"_s);
    order.notes = row.text(u"notes"_s);
    order.createdAt = row.time(u"created_at"_s);
    order.updatedAt = row.time(u"updated_at"_s);
    return order;
}

QString sortColumn(SalesOrderRepository::Query::Sort sort)
{
    using Sort = SalesOrderRepository::Query::Sort;
    switch (sort) {
    case Sort::CreatedAt:
        return u"created_at"_s;
    case Sort::UpdatedAt:
        return u"updated_at"_s;
    case Sort::Reference:
        return u"reference"_s;
    case Sort::State:
        return u"state"_s;
    case Sort::Total:
        return u"amount_total"_s;
    case Sort::Customer:
        return u"LOWER(customer_first_name || ' ' || customer_last_name)"_s;
    case Sort::Source:
        return u"source"_s;
    case Sort::GelatoStatus:
        return u"gelato_fulfillment_status"_s;
    }
    return u"id"_s;
}

QString whereClause(const SalesOrderRepository::Query &query, QVariantList &values)
{
    QStringList conditions;
    if (!query.states.isEmpty()) {
        for (const QString &state : query.states)
            values.append(state);
        conditions.append(u"state IN ("_s + SqlStatement::placeholders(query.states.size()) + u')');
    }
    if (query.source) {
        conditions.append(u"source = ?"_s);
        values.append(SalesOrder::sourceName(*query.source));
    }
    if (!query.channel.isEmpty()) {
        conditions.append(u"channel = ?"_s);
        values.append(query.channel);
    }
    if (!query.gelatoStatuses.isEmpty()) {
        for (const QString &status : query.gelatoStatuses)
            values.append(status);
        conditions.append(u"gelato_fulfillment_status IN ("_s + SqlStatement::placeholders(query.gelatoStatuses.size()) + u')');
    }
    if (query.readyToSend) {
        conditions.append(u"source = 'poleepo' AND fulfilment = 'gelato' AND state = 'draft'"_s);
    }
    if (query.needsAttention) {
        conditions.append(u"fulfilment = 'attention'"_s);
    }
    if (query.isGelato) {
        conditions.append(u"is_gelato = ?"_s);
        values.append(*query.isGelato ? 1 : 0);
    }
    if (query.createdFrom.isValid()) {
        conditions.append(u"created_at >= ?"_s);
        values.append(query.createdFrom.toMSecsSinceEpoch());
    }
    if (query.createdTo.isValid()) {
        conditions.append(u"created_at < ?"_s);
        values.append(query.createdTo.toMSecsSinceEpoch());
    }
    if (!query.text.isEmpty()) {
        QStringList anyColumn;
        for (const auto column : {"reference"_L1, "customer_first_name"_L1, "customer_last_name"_L1,
                                  "customer_email"_L1, "gelato_order_id"_L1, "poleepo_order_id"_L1}) {
            anyColumn.append(u"LOWER("_s + column + u") LIKE ? ESCAPE '\\'"_s);
            values.append(Sql::containsPattern(query.text));
        }
        conditions.append(u'(' + anyColumn.join(" OR "_L1) + u')');
    }
    return conditions.isEmpty() ? QString() : u" WHERE "_s + conditions.join(" AND "_L1);
}

Result<std::optional<qint64>> findId(const Database &database, const QString &column, const QString &value,
                                     const QString &what)
{
    if (value.isEmpty())
        return std::optional<qint64>();
    SqlStatement select(database.connection(), u"SELECT id FROM sales_orders WHERE "_s + column + u" = ?"_s);
    select.bind(value);
    if (auto r = select.exec(what); !r)
        return makeError(r.error());
    if (!select.next())
        return std::optional<qint64>();
    return std::optional<qint64>(select.integer(u"id"_s));
}

} // namespace

SalesOrderRepository::SalesOrderRepository(const Database &database) : m_database(database) { }

Result<qint64> SalesOrderRepository::create(const SalesOrder &order)
{
    qint64 orderId = 0;
    auto stored = m_database.transaction([&](QSqlDatabase &db) -> Result<void> {
        auto existing = findByReference(order.reference);
        if (!existing)
            return makeError(existing.error());
        if (existing->has_value())
            return makeError(tr("an order with reference \"%1\" already exists").arg(order.reference));

        SqlStatement insert(db,
                            u"INSERT INTO sales_orders ("_s + writableColumns
                                    + u", state, created_at, updated_at) VALUES ("_s + SqlStatement::placeholders(writableCount + 3)
                                    + u") RETURNING id"_s);
        bindFields(insert, order);
        const qint64 now = m_database.clock().nowMs();
        insert.bind(Sql::text(order.state))
                .bind(order.createdAt.isValid() ? order.createdAt.toMSecsSinceEpoch() : now)
                .bind(now);
        if (auto r = insert.exec(tr("cannot save order \"%1\"").arg(order.reference)); !r)
            return r;
        if (!insert.next())
            return makeError(tr("cannot save order \"%1\": no id returned").arg(order.reference));
        orderId = insert.integer(u"id"_s);
        if (auto r
            = OrderAddressRepository(m_database).save(orderId, order.shippingAddress, order.billingAddress);
            !r)
            return r;
        if (auto r = writeLines(db, orderId, order.lines); !r)
            return r;
        OrderEvent created;
        created.orderId = orderId;
        created.source = order.source == SalesOrder::Source::Poleepo ? OrderEvent::Source::Poleepo
                                                                     : OrderEvent::Source::User;
        created.kind = u"created"_s;
        created.newState = order.state;
        if (auto r = OrderEventRepository(m_database).append(created); !r)
            return makeError(r.error());
        return {};
    });
    if (!stored)
        return makeError(stored.error());
    return orderId;
}

Result<void> SalesOrderRepository::writeLines(QSqlDatabase &db, qint64 orderId, const QList<OrderLine> &lines)
{
    SqlStatement clear(db, u"DELETE FROM order_lines WHERE order_id = ?"_s);
    clear.bind(orderId);
    if (auto r = clear.exec(tr("cannot save the lines of order %1").arg(orderId)); !r)
        return r;
    int position = 0;
    for (const OrderLine &line : lines) {
        SqlStatement insert(
                db,
                u"INSERT INTO order_lines (order_id, variant_id, product_name, sku, quantity, unit_price, "
                "kind, item_reference_id, gelato_item_id, gelato_item_status, position) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
        insert.bind(orderId)
                .bind(Sql::idOrNull(line.variantId))
                .bind(Sql::text(line.productName))
                .bind(Sql::text(line.sku))
                .bind(line.quantity)
                .bind(line.unitPrice)
                .bind(OrderLine::kindName(line.kind))
                .bind(Sql::text(line.itemReferenceId))
                .bind(Sql::text(line.gelatoItemId))
                .bind(Sql::text(line.gelatoItemStatus))
                .bind(line.position != 0 ? line.position : position);
        ++position;
        if (auto r = insert.exec(tr("cannot save line %1 (%2) of order %3")
                                         .arg(position)
                                         .arg(line.sku.isEmpty() ? line.productName : line.sku)
                                         .arg(orderId));
            !r)
            return r;
    }
    return {};
}

Result<SalesOrder> SalesOrderRepository::get(qint64 id)
{
    SqlStatement select(
            m_database.connection(),
            u"SELECT id, state, created_at, updated_at, fulfilment, attention_code, attention_args, "_s
                    + writableColumns + u" FROM sales_orders WHERE id = ?"_s);
    select.bind(id);
    if (auto r = select.exec(tr("cannot read order %1").arg(id)); !r)
        return makeError(r.error());
    if (!select.next())
        return makeError(tr("no order with id %1").arg(id));
    SalesOrder order = readOrder(select);
    auto addresses = OrderAddressRepository(m_database).listForOrder(id);
    if (!addresses)
        return makeError(addresses.error());
    for (const Address &address : std::as_const(*addresses)) {
        if (address.kind == Address::Kind::Billing)
            order.billingAddress = address;
        else
            order.shippingAddress = address;
    }
    if (auto r = readLines(order); !r)
        return makeError(r.error());
    auto events = OrderEventRepository(m_database).listForOrder(id);
    if (!events)
        return makeError(events.error());
    order.events = *events;
    OrderPackageRepository gelato(m_database);
    auto packages = gelato.packagesForOrder(id);
    if (!packages)
        return makeError(packages.error());
    order.packages = *packages;
    auto connected = gelato.connectedOrdersFor(id);
    if (!connected)
        return makeError(connected.error());
    order.connectedOrders = *connected;
    return order;
}

Result<void> SalesOrderRepository::readLines(SalesOrder &order)
{
    SqlStatement select(m_database.connection(),
                        u"SELECT id, order_id, variant_id, product_name, sku, quantity, unit_price, kind, "
                        "item_reference_id, gelato_item_id, gelato_item_status, position FROM order_lines "
                        "WHERE order_id = ? ORDER BY position, id"_s);
    select.bind(order.id);
    if (auto r = select.exec(tr("cannot read the lines of order %1").arg(order.id)); !r)
        return r;
    while (select.next()) {
        OrderLine line;
        line.id = select.integer(u"id"_s);
        line.orderId = select.integer(u"order_id"_s);
        line.variantId = select.integer(u"variant_id"_s);
        line.productName = select.text(u"product_name"_s);
        line.sku = select.text(u"sku"_s);
        line.quantity = select.integer(u"quantity"_s);
        line.unitPrice = select.number(u"unit_price"_s);
        line.kind = OrderLine::kindFromName(select.text(u"kind"_s)).value_or(OrderLine::Kind::Product);
        line.itemReferenceId = select.text(u"item_reference_id"_s);
        line.gelatoItemId = select.text(u"gelato_item_id"_s);
        line.gelatoItemStatus = select.text(u"gelato_item_status"_s);
        line.position = int(select.integer(u"position"_s));
        order.lines.append(line);
    }
    return {};
}

Result<std::optional<qint64>> SalesOrderRepository::findByReference(const QString &reference)
{
    return findId(m_database, u"reference"_s, reference, tr("cannot look up order \"%1\"").arg(reference));
}

Result<std::optional<qint64>> SalesOrderRepository::findByPoleepoOrderId(const QString &poleepoOrderId)
{
    return findId(m_database, u"poleepo_order_id"_s, poleepoOrderId,
                  tr("cannot look up Poleepo order %1").arg(poleepoOrderId));
}

Result<QList<SalesOrder>> SalesOrderRepository::list(const Query &query)
{
    QVariantList values;
    const QString direction = query.descending ? u" DESC"_s : u" ASC"_s;
    QString sql = u"SELECT id, state, created_at, updated_at, fulfilment, attention_code, attention_args, "_s
            + writableColumns + u" FROM sales_orders"_s + whereClause(query, values) + u" ORDER BY "_s
            + sortColumn(query.sort) + direction + u", id"_s + direction;
    SqlStatement::appendPage(sql, values, query.limit, query.offset);
    SqlStatement select(m_database.connection(), sql);
    select.bindAll(values);
    if (auto r = select.exec(tr("cannot read the orders")); !r)
        return makeError(r.error());
    QList<SalesOrder> orders;
    while (select.next())
        orders.append(readOrder(select));
    return orders;
}

Result<qint64> SalesOrderRepository::count(const Query &query)
{
    QVariantList values;
    const QString where = whereClause(query, values);
    return SqlStatement::count(m_database.connection(), u"sales_orders"_s, where, values,
                               tr("cannot count the orders"));
}

Result<QStringList> SalesOrderRepository::channels()
{
    SqlStatement select(m_database.connection(),
                        u"SELECT DISTINCT channel FROM sales_orders WHERE channel <> '' ORDER BY channel"_s);
    if (auto done = select.exec(tr("cannot read the orders' channels")); !done)
        return makeError(done.error());
    QStringList channels;
    while (select.next())
        channels.append(select.text(u"channel"_s));
    return channels;
}

Result<void> SalesOrderRepository::update(const SalesOrder &order)
{
    return m_database.transaction([&](QSqlDatabase &db) -> Result<void> {
        const QString assignments = QString(writableColumns).replace(u","_s, u" = ?,"_s) + u" = ?"_s;
        SqlStatement update(db,
                            u"UPDATE sales_orders SET "_s + assignments + u", updated_at = ? WHERE id = ?"_s);
        bindFields(update, order);
        update.bind(m_database.clock().nowMs()).bind(order.id);
        if (auto r = update.execOne(tr("cannot save order \"%1\"").arg(order.reference),
                                    tr("no order with id %1").arg(order.id));
            !r)
            return r;
        return OrderAddressRepository(m_database).save(order.id, order.shippingAddress, order.billingAddress);
    });
}

Result<void> SalesOrderRepository::replaceLines(qint64 orderId, const QList<OrderLine> &lines)
{
    return m_database.transaction([&](QSqlDatabase &db) { return writeLines(db, orderId, lines); });
}

Result<void> SalesOrderRepository::updateLineGelatoItem(qint64 lineId, const QString &gelatoItemId,
                                                        const QString &status)
{
    SqlStatement update(m_database.connection(),
                        u"UPDATE order_lines SET gelato_item_id = ?, gelato_item_status = ? WHERE id = ?"_s);
    update.bind(Sql::text(gelatoItemId)).bind(Sql::text(status)).bind(lineId);
    return update.execOne(tr("cannot save the Gelato item of line %1").arg(lineId),
                          tr("no order line with id %1").arg(lineId));
}

Result<bool> SalesOrderRepository::updateState(qint64 orderId, const QString &newState,
                                               OrderEvent::Source source, const QString &message)
{
    bool changed = false;
    auto done = m_database.transaction([&](QSqlDatabase &db) -> Result<void> {
        // Read inside the transaction (SQLite: already holding the write lock), so that two
        // handlers applying the same change record it once.
        SqlStatement current(db, u"SELECT state FROM sales_orders WHERE id = ?"_s);
        current.bind(orderId);
        if (auto r = current.exec(tr("cannot read the state of order %1").arg(orderId)); !r)
            return r;
        if (!current.next())
            return makeError(tr("no order with id %1").arg(orderId));
        const QString oldState = current.text(u"state"_s);
        if (oldState == newState)
            return {};
        SqlStatement update(
                db, u"UPDATE sales_orders SET state = ?, updated_at = ? WHERE id = ? AND state = ?"_s);
        update.bind(Sql::text(newState))
                .bind(m_database.clock().nowMs())
                .bind(orderId)
                .bind(Sql::text(oldState));
        if (auto r = update.exec(tr("cannot change the state of order %1").arg(orderId)); !r)
            return r;
        if (update.rowsAffected() == 0)
            return {}; // changed meanwhile by someone else, who recorded it
        OrderEvent event;
        event.orderId = orderId;
        event.source = source;
        event.kind = u"state"_s;
        event.oldState = oldState;
        event.newState = newState;
        event.message = message;
        if (auto r = OrderEventRepository(m_database).append(event); !r)
            return makeError(r.error());
        changed = true;
        return {};
    });
    if (!done)
        return makeError(done.error());
    return changed;
}

Result<void> SalesOrderRepository::remove(qint64 id)
{
    SqlStatement remove(m_database.connection(), u"DELETE FROM sales_orders WHERE id = ?"_s);
    remove.bind(id);
    return remove.execOne(tr("cannot delete order %1").arg(id), tr("no order with id %1").arg(id));
}

} // namespace Bottega
