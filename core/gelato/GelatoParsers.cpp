#include "core/gelato/GelatoParsers.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace Bottega::GelatoParsers {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("Bottega::GelatoParsers", text);
}

// Reads required fields of one JSON object, remembering the first one missing so that the error
// names it with its full path ("variants[2].productUid").
class Reader
{
public:
    Reader(QString what, QString path, QJsonObject object)
        : m_what(std::move(what)), m_path(std::move(path)), m_object(std::move(object))
    {
    }

    QString text(const QString &key, bool required = true)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isString())
            return value.toString();
        if (required)
            fail(key, value.isUndefined() || value.isNull() ? Problem::Missing : Problem::NotText);
        return {};
    }

    double number(const QString &key, bool required = true)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isDouble())
            return value.toDouble();
        if (required)
            fail(key, value.isUndefined() || value.isNull() ? Problem::Missing : Problem::NotNumber);
        return 0;
    }

    // The array under key; a missing optional array is empty.
    QJsonArray array(const QString &key, bool required = true)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isArray())
            return value.toArray();
        if (required || !(value.isUndefined() || value.isNull()))
            fail(key, value.isUndefined() || value.isNull() ? Problem::Missing : Problem::NotArray);
        return {};
    }

    // The object at array[index], or an error naming it.
    std::optional<Reader> element(const QJsonArray &array, const QString &key, qsizetype index)
    {
        const QString path = field(key) + u'[' + QString::number(index) + u']';
        if (!array.at(index).isObject()) {
            failPath(path, translate("%1: %2 is not an object"));
            return std::nullopt;
        }
        return Reader(m_what, path, array.at(index).toObject());
    }

    bool failed() const { return !m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    void takeErrorFrom(const Reader &other)
    {
        if (m_error.isEmpty())
            m_error = other.m_error;
    }

private:
    enum class Problem { Missing, NotText, NotNumber, NotArray };

    QString field(const QString &key) const { return m_path.isEmpty() ? key : m_path + u'.' + key; }

    void fail(const QString &key, Problem problem)
    {
        switch (problem) {
        case Problem::Missing:
            failPath(field(key), translate("%1: %2 is missing"));
            break;
        case Problem::NotText:
            failPath(field(key), translate("%1: %2 is not text"));
            break;
        case Problem::NotNumber:
            failPath(field(key), translate("%1: %2 is not a number"));
            break;
        case Problem::NotArray:
            failPath(field(key), translate("%1: %2 is not a list"));
            break;
        }
    }

    void failPath(const QString &path, const QString &pattern)
    {
        if (m_error.isEmpty())
            m_error = pattern.arg(m_what, path);
    }

    QString m_what;
    QString m_path;
    QJsonObject m_object;
    QString m_error;
};

Result<QJsonDocument> parseDocument(const QByteArray &json, const QString &what)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(translate("%1: the answer is not JSON (%2 at byte %3)")
                                 .arg(what, parseError.errorString())
                                 .arg(parseError.offset));
    return document;
}

Result<QJsonObject> parseObject(const QByteArray &json, const QString &what)
{
    auto document = parseDocument(json, what);
    if (!document)
        return makeError(document.error());
    if (!document->isObject())
        return makeError(translate("%1: the answer is not a JSON object").arg(what));
    return document->object();
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

} // namespace

Result<GelatoTemplate> parseTemplate(const QByteArray &json)
{
    const QString what = translate("Gelato template");
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
    const QString what = translate("Gelato catalogs");
    auto document = parseDocument(json, what);
    if (!document)
        return makeError(document.error());
    // The documented answer is a bare list; accept {"data": [...]} too, as other v3 lists use it.
    QJsonArray list = document->isArray() ? document->array() : document->object().value(u"data"_s).toArray();
    if (!document->isArray() && !document->object().value(u"data"_s).isArray())
        return makeError(translate("%1: the answer is not a list").arg(what));
    QList<GelatoCatalog> catalogs;
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!list.at(i).isObject())
            return makeError(translate("%1: [%2] is not an object").arg(what).arg(i));
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
    const QString what = translate("Gelato catalog");
    auto object = parseObject(json, what);
    if (!object)
        return makeError(object.error());
    Reader reader(what, QString(), *object);
    return readCatalog(reader, true);
}

} // namespace Bottega::GelatoParsers
