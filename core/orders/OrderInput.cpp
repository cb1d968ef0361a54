#include "core/orders/OrderInput.h"

#include "core/orders/GelatoOrderRequest.h"
#include "core/products/PrintImages.h"
#include "core/store/Database.h"
#include "core/store/ProductRepository.h"
#include "core/store/SalesOrderRepository.h"
#include "core/store/VariantRepository.h"
#include "core/csv/CsvFormat.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// The largest whole number a JSON number holds exactly (2^53); a larger one, or 1e300, turned into
// an integer would be arbitrary (undefined, past qint64).
constexpr double maxJsonQuantity = 9007199254740992.0;

Address addressFromJson(const QJsonObject &object, Address::Kind kind)
{
    Address address;
    address.kind = kind;
    for (const QString &field : Address::fieldNames()) {
        const QString value = object.value(field).toString().trimmed();
        address.setField(field, field == "country"_L1 ? value.toUpper() : value);
    }
    return address;
}

// "standard" / "express" are types; anything else is a shipment method uid (cli.md).
void applyShipping(SalesOrder &order, const QString &shipping)
{
    const QString value = shipping.trimmed();
    if (value.compare("standard"_L1, Qt::CaseInsensitive) == 0
        || value.compare("express"_L1, Qt::CaseInsensitive) == 0)
        order.shippingType = value.toLower();
    else
        order.shipmentMethodUid = value;
}

QString lineName(const OrderLine &line)
{
    return line.sku.isEmpty() ? line.productName : line.sku;
}

} // namespace

// A variant id that cannot be read is asked again (and fails with its message); a SKU no variant has
// is remembered as such.
struct OrderInput::Cache
{
    QHash<qint64, Goods> byId;
    QHash<QString, std::optional<Goods>> bySku;
};

OrderInput::OrderInput(const Database &database) : m_database(database) { }

OrderInput OrderInput::caching(const Database &database)
{
    OrderInput input(database);
    input.m_cache = std::make_shared<Cache>();
    return input;
}

QList<FieldProblem> OrderInput::missingParts(const SalesOrder &order)
{
    QList<FieldProblem> missing;
    if (order.customerFirstName.trimmed().isEmpty() && order.customerLastName.trimmed().isEmpty()
        && order.customerEmail.trimmed().isEmpty())
        missing.append({u"customer"_s, tr("customer: a first or last name, or an email, is required")});
    if (order.lines.isEmpty())
        missing.append({u"lines"_s, tr("lines: an order needs at least one line")});
    return missing;
}

namespace {

OrderInput::Goods goodsOf(const Product &product, const Variant &variant)
{
    OrderInput::Goods goods;
    goods.variantId = variant.id;
    goods.sku = product.skuOf(variant);
    QString title = variant.title;
    if (title.isEmpty()) {
        QStringList values;
        for (const VariantOption &option : variant.options)
            values.append(option.value);
        title = values.join(" / "_L1);
    }
    goods.name = title.isEmpty() ? product.name : product.name % " ("_L1 % title % u')';
    goods.productUid = variant.gelatoProductUid.isEmpty() ? product.gelatoProductUid : variant.gelatoProductUid;
    goods.price = product.listPrice + variant.priceExtra;
    if (!goods.productUid.isEmpty())
        goods.missingPrintImages = PrintImages::missingPlacements(product, variant.id);
    return goods;
}

} // namespace

Result<OrderInput::Goods> OrderInput::variant(qint64 variantId) const
{
    if (m_cache) {
        if (const auto known = m_cache->byId.constFind(variantId); known != m_cache->byId.cend())
            return *known;
    }
    auto variant = VariantRepository(m_database).get(variantId);
    if (!variant)
        return makeError(tr("no variant with id %1").arg(variantId));
    auto product = ProductRepository(m_database).get(variant->productId);
    if (!product)
        return makeError(product.error());
    Goods goods = goodsOf(*product, *variant);
    if (m_cache)
        m_cache->byId.insert(variantId, goods);
    return goods;
}

Result<QList<OrderInput::Goods>> OrderInput::catalogue(int productLimit) const
{
    ProductRepository products(m_database);
    ProductRepository::Query query;
    query.limit = productLimit;
    const auto listed = products.list(query);
    if (!listed)
        return makeError(listed.error());
    QList<Goods> all;
    for (const Product &summary : *listed) {
        auto product = products.get(summary.id);
        if (!product)
            return makeError(product.error());
        for (const Variant &variant : std::as_const(product->variants)) {
            if (!variant.archived)
                all.append(goodsOf(*product, variant));
        }
    }
    return all;
}

Result<std::optional<OrderInput::Goods>> OrderInput::variantBySku(const QString &sku) const
{
    if (m_cache) {
        if (const auto known = m_cache->bySku.constFind(sku); known != m_cache->bySku.cend())
            return *known;
    }
    auto found = VariantRepository(m_database).findBySku(sku);
    if (!found)
        return makeError(found.error());
    if (!found->has_value()) {
        if (m_cache)
            m_cache->bySku.insert(sku, std::nullopt);
        return std::optional<Goods>();
    }
    auto goods = variant((*found)->id);
    if (!goods)
        return makeError(goods.error());
    if (m_cache)
        m_cache->bySku.insert(sku, *goods);
    return std::optional<Goods>(*goods);
}

Result<bool> OrderInput::isGelatoGood(const OrderLine &line) const
{
    if (line.kind != OrderLine::Kind::Product || line.variantId <= 0)
        return false;
    auto goods = variant(line.variantId);
    if (!goods)
        return makeError(goods.error());
    return !goods->productUid.isEmpty();
}

Result<void> OrderInput::checkGoods(const SalesOrder &order) const
{
    QStringList gelato, other;
    for (const OrderLine &line : order.lines) {
        if (line.kind != OrderLine::Kind::Product)
            continue;
        auto isGelato = isGelatoGood(line);
        if (!isGelato)
            return makeError(isGelato.error());
        (*isGelato ? gelato : other).append(lineName(line));
    }
    if (!gelato.isEmpty() && !other.isEmpty())
        return makeError(tr("a Gelato order holds only Gelato goods: %1 not made by Gelato (services and "
                            "shipping lines are allowed)")
                                 .arg(other.join(", "_L1)));
    return {};
}

Result<void> OrderInput::checkLine(const SalesOrder &order, const OrderLine &line) const
{
    if (line.kind != OrderLine::Kind::Product)
        return {}; // services and shipping join any order (ORD-2)
    auto adding = isGelatoGood(line);
    if (!adding)
        return makeError(adding.error());
    for (const OrderLine &existing : order.lines) {
        if (existing.kind != OrderLine::Kind::Product)
            continue;
        auto isGelato = isGelatoGood(existing);
        if (!isGelato)
            return makeError(isGelato.error());
        if (*isGelato && !*adding)
            return makeError(tr("%1 is not a Gelato product and cannot be added to a Gelato order: a Gelato "
                                "order holds only Gelato goods (services and shipping lines are allowed)")
                                     .arg(lineName(line)));
        if (!*isGelato && *adding)
            return makeError(tr("%1 is a Gelato product and cannot be added to an order of goods Gelato "
                                "does not make (%2): a Gelato order holds only Gelato goods")
                                     .arg(lineName(line), lineName(existing)));
    }
    return {};
}

Result<SalesOrder> OrderInput::parseJson(const QByteArray &json) const
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(tr("the order is not valid JSON: %1 at offset %2")
                                 .arg(parseError.errorString())
                                 .arg(parseError.offset));
    if (!document.isObject())
        return makeError(tr("the order must be a JSON object"));
    const QJsonObject root = document.object();
    QStringList errors;
    SalesOrder order;
    order.source = SalesOrder::Source::Manual;
    order.reference = root.value("reference"_L1).toString().trimmed();
    if (order.reference.isEmpty())
        errors.append(tr("reference: is required"));
    if (root.contains("currency"_L1))
        order.currency = root.value("currency"_L1).toString().trimmed().toUpper();
    if (order.currency.size() != 3)
        errors.append(tr("currency: \"%1\" is not a three-letter ISO 4217 code").arg(order.currency));
    order.shippingAddress
            = addressFromJson(root.value("shippingAddress"_L1).toObject(), Address::Kind::Shipping);
    if (root.value("billingAddress"_L1).isObject())
        order.billingAddress
                = addressFromJson(root.value("billingAddress"_L1).toObject(), Address::Kind::Billing);
    const QJsonObject customer = root.value("customer"_L1).toObject();
    order.customerFirstName
            = customer.value("firstName"_L1).toString(order.shippingAddress.firstName).trimmed();
    order.customerLastName = customer.value("lastName"_L1).toString(order.shippingAddress.lastName).trimmed();
    order.customerEmail = customer.value("email"_L1).toString(order.shippingAddress.email).trimmed();
    order.customerPhone = customer.value("phone"_L1).toString(order.shippingAddress.phone).trimmed();
    if (root.contains("shipping"_L1))
        applyShipping(order, root.value("shipping"_L1).toString());
    order.notes = root.value("notes"_L1).toString();

    const QJsonArray lines = root.value("lines"_L1).toArray();
    if (lines.isEmpty())
        errors.append(tr("lines: an order needs at least one line"));
    for (int i = 0; i < lines.size(); ++i) {
        const QJsonObject object = lines.at(i).toObject();
        const QString at = u"lines[%1]"_s.arg(i);
        OrderLine line;
        line.position = i;
        const QString kind = object.value("kind"_L1).toString(u"product"_s);
        const auto parsedKind = OrderLine::kindFromName(kind);
        if (!parsedKind) {
            errors.append(tr("%1.kind: \"%2\" is not product, service or shipping").arg(at, kind));
            continue;
        }
        line.kind = *parsedKind;
        const QJsonValue quantity = object.value("quantity"_L1);
        if (quantity.isUndefined()) {
            line.quantity = 1;
        } else if (!quantity.isDouble() || quantity.toDouble() != std::floor(quantity.toDouble())
                   || quantity.toDouble() <= 0 || quantity.toDouble() > maxJsonQuantity) {
            errors.append(tr("%1.quantity: must be a whole number greater than 0 (got %2)")
                                  .arg(at, quantity.toVariant().toString()));
        } else {
            line.quantity = qint64(quantity.toDouble());
        }
        std::optional<double> price;
        if (object.contains("price"_L1)) {
            if (!object.value("price"_L1).isDouble() || object.value("price"_L1).toDouble() < 0)
                errors.append(tr("%1.price: must be a number not below 0").arg(at));
            else
                price = object.value("price"_L1).toDouble();
        }
        if (line.kind == OrderLine::Kind::Product) {
            std::optional<Goods> goods;
            if (object.contains("variantId"_L1)) {
                const qint64 id = object.value("variantId"_L1).toInteger(-1);
                auto found = id > 0 ? variant(id) : Result<Goods>(makeError(QString()));
                if (!found) {
                    errors.append(tr("%1.variantId: no variant with id %2")
                                          .arg(at, object.value("variantId"_L1).toVariant().toString()));
                    continue;
                }
                goods = *found;
            } else if (object.contains("sku"_L1)) {
                const QString sku = object.value("sku"_L1).toString().trimmed();
                auto found = variantBySku(sku);
                if (!found)
                    return makeError(found.error());
                if (!found->has_value()) {
                    errors.append(tr("%1.sku: no variant with SKU \"%2\"").arg(at, sku));
                    continue;
                }
                goods = **found;
            } else {
                errors.append(tr("%1: a product line needs variantId or sku").arg(at));
                continue;
            }
            line.variantId = goods->variantId;
            line.sku = goods->sku;
            line.productName = goods->name;
            line.unitPrice = price.value_or(goods->price);
        } else {
            line.productName = object.value("name"_L1).toString().trimmed();
            if (line.productName.isEmpty())
                errors.append(tr("%1.name: a service or shipping line needs a name").arg(at));
            line.unitPrice = price.value_or(0);
        }
        order.lines.append(line);
    }
    if (errors.isEmpty()) {
        if (auto mixed = checkGoods(order); !mixed)
            errors.append(u"lines: "_s % mixed.error());
    }
    if (!errors.isEmpty())
        return makeError(errors.join(u'\n'));
    return order;
}

} // namespace Bottega
