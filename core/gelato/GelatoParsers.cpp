#include "core/gelato/GelatoParsers.h"

#include "core/gelato/GelatoJsonReader.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <limits>

using namespace Qt::StringLiterals;

namespace Bottega::GelatoParsers {

namespace {

using Reader = GelatoJsonReader;

Result<QJsonDocument> parseDocument(const QByteArray &json, const QString &what)
{
    return parseGelatoDocument(json, what);
}

Result<QJsonObject> parseObject(const QByteArray &json, const QString &what)
{
    return parseGelatoObject(json, what);
}

Result<GelatoCatalog> readCatalog(Reader &reader, bool withAttributes)
{
    GelatoCatalog catalog;
    catalog.uid = reader.text(u"catalogUid"_s);
    catalog.title = reader.text(u"title"_s);
    if (withAttributes) {
        const QJsonArray attributes = reader.array(u"productAttributes"_s);
        for (qsizetype i = 0; i < attributes.size() && !reader.failed(); ++i) {
            auto attributeReader = reader.element(attributes, u"productAttributes"_s, i);
            if (!attributeReader)
                break;
            GelatoCatalogAttribute attribute;
            attribute.uid = attributeReader->text(u"productAttributeUid"_s);
            attribute.title = attributeReader->text(u"title"_s);
            const QJsonArray values = attributeReader->array(u"values"_s);
            for (qsizetype j = 0; j < values.size() && !attributeReader->failed(); ++j) {
                auto valueReader = attributeReader->element(values, u"values"_s, j);
                if (!valueReader)
                    break;
                attribute.values.append(
                        {valueReader->text(u"productAttributeValueUid"_s), valueReader->text(u"title"_s)});
                attributeReader->takeErrorFrom(*valueReader);
            }
            reader.takeErrorFrom(*attributeReader);
            catalog.attributes.append(attribute);
        }
    }
    if (reader.failed())
        return makeError(reader.error());
    return catalog;
}

GelatoProduct readProduct(Reader &reader)
{
    GelatoProduct product;
    product.uid = reader.text(u"productUid"_s);
    const QJsonObject attributes = reader.object(u"attributes"_s);
    for (auto it = attributes.constBegin(); it != attributes.constEnd(); ++it)
        product.attributes.insert(it.key(), it.value().toVariant().toString());
    const QJsonObject weight = reader.object(u"weight"_s);
    product.weight = weight.value(u"value"_s).toDouble();
    product.weightUnit = weight.value(u"measureUnit"_s).toString();
    product.supportedCountries = reader.strings(u"supportedCountries"_s, false);
    return product;
}

// A list of objects, bare or under `key` of an object; each read by `read`.
template<typename T, typename Read>
Result<QList<T>> parseList(const QByteArray &json, const QString &what, const QString &key, Read read)
{
    auto document = parseDocument(json, what);
    if (!document)
        return makeError(document.error());
    QJsonArray list;
    QString prefix;
    if (key.isEmpty() && document->isArray()) {
        list = document->array();
    } else if (!key.isEmpty() && document->isObject()) {
        Reader top(what, QString(), document->object());
        list = top.array(key);
        if (top.failed())
            return makeError(top.error());
        prefix = key;
    } else {
        return makeError(QCoreApplication::translate("Bottega::GelatoParsers",
                                                     "%1: the answer is not what Gelato documents")
                                 .arg(what));
    }
    QList<T> items;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString path = prefix + u'[' + QString::number(i) + u']';
        if (!list.at(i).isObject())
            return makeError(QCoreApplication::translate("Bottega::GelatoParsers", "%1: %2 is not an object")
                                     .arg(what, path));
        Reader reader(what, path, list.at(i).toObject());
        T item = read(reader);
        if (reader.failed())
            return makeError(reader.error());
        items.append(item);
    }
    return items;
}

} // namespace

Result<GelatoProduct> parseProduct(const QByteArray &json)
{
    const QString what = QCoreApplication::translate("Bottega::GelatoParsers", "Gelato product");
    auto object = parseObject(json, what);
    if (!object)
        return makeError(object.error());
    Reader reader(what, QString(), *object);
    GelatoProduct product = readProduct(reader);
    if (reader.failed())
        return makeError(reader.error());
    return product;
}

Result<QList<GelatoProduct>> parseProductSearch(const QByteArray &json)
{
    return parseList<GelatoProduct>(
            json, QCoreApplication::translate("Bottega::GelatoParsers", "Gelato product search"),
            u"products"_s, [](Reader &reader) { return readProduct(reader); });
}

Result<QList<GelatoPrice>> parsePrices(const QByteArray &json)
{
    return parseList<GelatoPrice>(json,
                                  QCoreApplication::translate("Bottega::GelatoParsers", "Gelato prices"),
                                  QString(), [](Reader &reader) {
                                      GelatoPrice price;
                                      price.productUid = reader.text(u"productUid"_s);
                                      price.country = reader.text(u"country"_s, false);
                                      price.quantity = int(
                                              reader.count(u"quantity"_s, std::numeric_limits<int>::max()));
                                      price.price = reader.number(u"price"_s);
                                      price.currency = reader.text(u"currency"_s);
                                      return price;
                                  });
}

Result<QList<GelatoStockAvailability>> parseStockAvailability(const QByteArray &json)
{
    return parseList<GelatoStockAvailability>(
            json, QCoreApplication::translate("Bottega::GelatoParsers", "Gelato stock availability"),
            u"productsAvailability"_s, [](Reader &reader) {
                GelatoStockAvailability stock;
                stock.productUid = reader.text(u"productUid"_s);
                const QJsonArray regions = reader.array(u"availability"_s);
                for (qsizetype i = 0; i < regions.size() && !reader.failed(); ++i) {
                    auto region = reader.element(regions, u"availability"_s, i);
                    if (!region)
                        break;
                    stock.regions.append({region->text(u"stockRegionUid"_s), region->text(u"status"_s),
                                          region->text(u"replenishmentDate"_s, false)});
                    reader.takeErrorFrom(*region);
                }
                return stock;
            });
}

Result<QList<GelatoShipmentMethod>> parseShipmentMethods(const QByteArray &json)
{
    return parseList<GelatoShipmentMethod>(
            json, QCoreApplication::translate("Bottega::GelatoParsers", "Gelato shipment methods"),
            u"shipmentMethods"_s, [](Reader &reader) {
                GelatoShipmentMethod method;
                method.uid = reader.text(u"shipmentMethodUid"_s);
                method.type = reader.text(u"type"_s);
                method.name = reader.text(u"name"_s);
                method.isBusiness = reader.flag(u"isBusiness"_s);
                method.isPrivate = reader.flag(u"isPrivate"_s);
                method.hasTracking = reader.flag(u"hasTracking"_s);
                method.supportedCountries = reader.strings(u"supportedCountries"_s);
                return method;
            });
}

Result<GelatoTemplate> parseTemplate(const QByteArray &json)
{
    const QString what = QCoreApplication::translate("Bottega::GelatoParsers", "Gelato template");
    auto object = parseObject(json, what);
    if (!object)
        return makeError(object.error());
    Reader reader(what, QString(), *object);
    GelatoTemplate parsed;
    parsed.id = reader.text(u"id"_s);
    parsed.title = reader.text(u"title"_s);
    parsed.description = reader.text(u"description"_s, false);
    parsed.previewUrl = reader.text(u"previewUrl"_s, false);
    const QJsonArray variants = reader.array(u"variants"_s);
    for (qsizetype i = 0; i < variants.size() && !reader.failed(); ++i) {
        auto variantReader = reader.element(variants, u"variants"_s, i);
        if (!variantReader)
            break;
        GelatoTemplateVariant variant;
        variant.id = variantReader->text(u"id"_s);
        variant.title = variantReader->text(u"title"_s);
        variant.productUid = variantReader->text(u"productUid"_s);
        const QJsonArray options = variantReader->array(u"variantOptions"_s, false);
        for (qsizetype j = 0; j < options.size() && !variantReader->failed(); ++j) {
            auto optionReader = variantReader->element(options, u"variantOptions"_s, j);
            if (!optionReader)
                break;
            variant.options.append({optionReader->text(u"name"_s), optionReader->text(u"value"_s)});
            variantReader->takeErrorFrom(*optionReader);
        }
        const QJsonArray placeholders = variantReader->array(u"imagePlaceholders"_s, false);
        for (qsizetype j = 0; j < placeholders.size() && !variantReader->failed(); ++j) {
            auto placeholderReader = variantReader->element(placeholders, u"imagePlaceholders"_s, j);
            if (!placeholderReader)
                break;
            GelatoImagePlaceholder placeholder;
            placeholder.name = placeholderReader->text(u"name"_s);
            placeholder.printArea = placeholderReader->text(u"printArea"_s);
            placeholder.width = placeholderReader->number(u"width"_s, false);
            placeholder.height = placeholderReader->number(u"height"_s, false);
            variantReader->takeErrorFrom(*placeholderReader);
            variant.placeholders.append(placeholder);
        }
        reader.takeErrorFrom(*variantReader);
        parsed.variants.append(variant);
    }
    if (reader.failed())
        return makeError(reader.error());
    return parsed;
}

Result<QList<GelatoCatalog>> parseCatalogs(const QByteArray &json)
{
    const QString what = QCoreApplication::translate("Bottega::GelatoParsers", "Gelato catalogs");
    auto document = parseDocument(json, what);
    if (!document)
        return makeError(document.error());
    // The documented answer is a bare list; accept {"data": [...]} too, as other v3 lists use it.
    QJsonArray list = document->isArray() ? document->array() : document->object().value(u"data"_s).toArray();
    if (!document->isArray() && !document->object().value(u"data"_s).isArray())
        return makeError(QCoreApplication::translate("Bottega::GelatoParsers", "%1: the answer is not a list")
                                 .arg(what));
    QList<GelatoCatalog> catalogs;
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!list.at(i).isObject())
            return makeError(
                    QCoreApplication::translate("Bottega::GelatoParsers", "%1: [%2] is not an object")
                            .arg(what)
                            .arg(i));
        Reader reader(what, u'[' + QString::number(i) + u']', list.at(i).toObject());
        auto catalog = readCatalog(reader, false);
        if (!catalog)
            return makeError(catalog.error());
        catalogs.append(*catalog);
    }
    return catalogs;
}

Result<GelatoCatalog> parseCatalog(const QByteArray &json)
{
    const QString what = QCoreApplication::translate("Bottega::GelatoParsers", "Gelato catalog");
    auto object = parseObject(json, what);
    if (!object)
        return makeError(object.error());
    Reader reader(what, QString(), *object);
    return readCatalog(reader, true);
}

} // namespace Bottega::GelatoParsers
