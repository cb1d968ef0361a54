#include "core/orders/OrderCsv.h"

#include "core/csv/CsvFormat.h"
#include "core/orders/OrderInput.h"
#include "core/store/Database.h"
#include "core/store/SalesOrderRepository.h"

#include <QHash>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Bottega {

QStringList OrderCsv::columns()
{
    return {u"reference"_s,    u"currency"_s,     u"firstName"_s, u"lastName"_s, u"companyName"_s,
            u"addressLine1"_s, u"addressLine2"_s, u"city"_s,      u"postCode"_s, u"state"_s,
            u"country"_s,      u"email"_s,        u"phone"_s,     u"shipping"_s, u"variantId"_s,
            u"sku"_s,          u"quantity"_s,     u"price"_s,     u"kind"_s,     u"name"_s};
}

OrderCsv::OrderCsv(const Database &database) : m_database(database) { }

Result<OrderCsv::Orders> OrderCsv::parse(const QString &text, const Progress &progress) const
{
    auto records = CsvFormat::parse(text);
    if (!records)
        return makeError(records.error());
    Orders result;
    if (records->isEmpty()) {
        result.errors.append(
                {0, QString(), tr("the file is empty: a header row and one row per line needed")});
        return result;
    }
    QHash<QString, int> at; // column name → index
    const QStringList header = records->constFirst();
    const QStringList known = columns();
    for (int i = 0; i < header.size(); ++i) {
        const QString name = header.at(i).trimmed();
        if (!known.contains(name))
            result.errors.append(
                    {0, name, tr("unknown column \"%1\" (known: %2)").arg(name, known.join(", "_L1))});
        else
            at.insert(name, i);
    }
    if (!at.contains(u"reference"_s))
        result.errors.append({0, u"reference"_s, tr("the column \"reference\" is missing")});
    if (!at.contains(u"variantId"_s) && !at.contains(u"sku"_s))
        result.errors.append({0, u"sku"_s, tr("a column \"sku\" or \"variantId\" is needed")});
    if (!result.errors.isEmpty())
        return result;

    const OrderInput input = OrderInput::caching(m_database);
    SalesOrderRepository orders(m_database);
    const qint64 rows = records->size() - 1;
    QHash<QString, int> orderIndex; // reference → index in result.orders
    QHash<QString, int> firstRow;
    for (int r = 1; r < records->size(); ++r) {
        if (progress && !progress(r - 1, rows)) {
            result.cancelled = true;
            return result;
        }
        const QStringList &record = records->at(r);
        auto field = [&](const QString &name) {
            const int index = at.value(name, -1);
            return index >= 0 && index < record.size() ? record.at(index).trimmed() : QString();
        };
        auto error = [&](const QString &column, const QString &message) {
            result.errors.append({r, column, message});
        };
        const QString reference = field(u"reference"_s);
        if (reference.isEmpty()) {
            error(u"reference"_s, tr("row %1, reference: is required").arg(r));
            continue;
        }
        if (!orderIndex.contains(reference)) {
            auto existing = orders.findByReference(reference);
            if (!existing)
                return makeError(existing.error());
            if (existing->has_value())
                error(u"reference"_s,
                      tr("row %1, reference: an order %2 exists already").arg(r).arg(reference));
            SalesOrder order;
            order.reference = reference;
            order.source = SalesOrder::Source::Csv;
            const QString currency = field(u"currency"_s).toUpper();
            if (!currency.isEmpty())
                order.currency = currency;
            if (order.currency.size() != 3)
                error(u"currency"_s,
                      tr("row %1, currency: \"%2\" is not a three-letter ISO 4217 code")
                              .arg(r)
                              .arg(currency));
            Address &address = order.shippingAddress;
            address.kind = Address::Kind::Shipping;
            for (const QString &name : Address::fieldNames())
                address.setField(name, name == "country"_L1 ? field(name).toUpper() : field(name));
            order.customerFirstName = address.firstName;
            order.customerLastName = address.lastName;
            order.customerEmail = address.email;
            order.customerPhone = address.phone;
            const QString shipping = field(u"shipping"_s);
            if (shipping.compare("standard"_L1, Qt::CaseInsensitive) == 0
                || shipping.compare("express"_L1, Qt::CaseInsensitive) == 0)
                order.shippingType = shipping.toLower();
            else
                order.shipmentMethodUid = shipping;
            orderIndex.insert(reference, int(result.orders.size()));
            firstRow.insert(reference, r);
            result.orders.append(order);
        }
        SalesOrder &order = result.orders[orderIndex.value(reference)];
        OrderLine line;
        line.position = int(order.lines.size());
        const QString kindText = field(u"kind"_s).isEmpty() ? u"product"_s : field(u"kind"_s).toLower();
        const auto kind = OrderLine::kindFromName(kindText);
        if (!kind) {
            error(u"kind"_s,
                  tr("row %1, kind: \"%2\" is not product, service or shipping").arg(r).arg(kindText));
            continue;
        }
        line.kind = *kind;
        const QString quantityText = field(u"quantity"_s);
        bool ok = true;
        line.quantity = quantityText.isEmpty() ? 1 : quantityText.toLongLong(&ok);
        if (!ok || line.quantity <= 0)
            error(u"quantity"_s,
                  tr("row %1, quantity: must be a whole number greater than 0 (got \"%2\")")
                          .arg(r)
                          .arg(quantityText));
        std::optional<double> price;
        if (const QString priceText = field(u"price"_s); !priceText.isEmpty()) {
            const double value = priceText.toDouble(&ok);
            // QString::toDouble reads "nan" and "inf" as numbers: neither is a price.
            if (!ok || !std::isfinite(value) || value < 0)
                error(u"price"_s,
                      tr("row %1, price: \"%2\" is not a number not below 0").arg(r).arg(priceText));
            else
                price = value;
        }
        if (line.kind == OrderLine::Kind::Product) {
            std::optional<OrderInput::Goods> goods;
            const QString variantText = field(u"variantId"_s);
            const QString sku = field(u"sku"_s);
            if (!variantText.isEmpty()) {
                const qint64 id = variantText.toLongLong(&ok);
                auto found
                        = ok && id > 0 ? input.variant(id) : Result<OrderInput::Goods>(makeError(QString()));
                if (!found) {
                    error(u"variantId"_s,
                          tr("row %1, variantId: no variant with id %2").arg(r).arg(variantText));
                    continue;
                }
                goods = *found;
            } else if (!sku.isEmpty()) {
                auto found = input.variantBySku(sku);
                if (!found)
                    return makeError(found.error());
                if (!found->has_value()) {
                    error(u"sku"_s, tr("row %1, sku: no variant with SKU \"%2\"").arg(r).arg(sku));
                    continue;
                }
                goods = **found;
            } else {
                error(u"sku"_s, tr("row %1, sku: a product line needs sku or variantId").arg(r));
                continue;
            }
            line.variantId = goods->variantId;
            line.sku = goods->sku;
            line.productName = goods->name;
            line.unitPrice = price.value_or(goods->price);
            // ORD-2, named at the row that breaks it.
            if (auto fits = input.checkLine(order, line); !fits) {
                error(variantText.isEmpty() ? u"sku"_s : u"variantId"_s,
                      tr("row %1: %2").arg(r).arg(fits.error()));
                continue;
            }
        } else {
            line.productName = field(u"name"_s);
            if (line.productName.isEmpty())
                error(u"name"_s, tr("row %1, name: a service or shipping line needs a name").arg(r));
            line.unitPrice = price.value_or(0);
        }
        order.lines.append(line);
    }
    if (progress && !progress(rows, rows)) {
        result.cancelled = true;
        return result;
    }
    if (result.orders.isEmpty() && result.errors.isEmpty())
        result.errors.append(
                {0, QString(), tr("the file holds no orders: a header row and one row per line needed")});
    return result;
}

} // namespace Bottega
