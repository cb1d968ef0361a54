#include "core/products/ProductEditing.h"

#include "core/store/Database.h"
#include "core/store/ProductRepository.h"
#include "core/store/VariantRepository.h"

#include <QHash>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <cmath>
#include <optional>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Bottega", text);
}

// A plain decimal number: no spaces, no thousands separators, no "inf"/"nan".
Result<double> parseNumber(const QString &field, const QString &value, double max = 1e9)
{
    static const QRegularExpression decimal(u"^[0-9]+(\\.[0-9]+)?$"_s);
    if (!decimal.match(value).hasMatch())
        return makeError(
                tr("%1: \"%2\" is not a number (use digits and a dot, e.g. 12.50)").arg(field, value));
    const double number = value.toDouble();
    if (!std::isfinite(number) || number > max)
        return makeError(tr("%1: %2 is out of range (0 to %3)").arg(field, value).arg(max));
    return number;
}

Result<qint64> parseInteger(const QString &field, const QString &value)
{
    static const QRegularExpression digits(u"^[0-9]{1,12}$"_s);
    if (!digits.match(value).hasMatch())
        return makeError(tr("%1: \"%2\" is not a whole number of 0 or more").arg(field, value));
    return value.toLongLong();
}

// GS1 check digit (EAN-8, EAN-13, UPC-A): weights 3 and 1 from the right, check digit excluded.
bool gs1CheckDigitOk(const QString &digits)
{
    int sum = 0;
    const qsizetype last = digits.size() - 1;
    for (qsizetype i = 0; i < last; ++i) {
        const int digit = digits.at(last - 1 - i).digitValue();
        sum += (i % 2 == 0) ? digit * 3 : digit;
    }
    return (10 - sum % 10) % 10 == digits.at(last).digitValue();
}

// Empty clears a code; otherwise it must be well formed.
Result<QString> parseCode(const QString &field, const QString &value)
{
    if (value.isEmpty())
        return value;
    static const QRegularExpression allDigits(u"^[0-9]+$"_s);
    if (field == "ean"_L1 || field == "upc"_L1) {
        const bool ean = field == "ean"_L1;
        if (!allDigits.match(value).hasMatch())
            return makeError(tr("%1: \"%2\" must contain digits only").arg(field, value));
        if (ean && value.size() != 8 && value.size() != 13)
            return makeError(tr("ean: \"%1\" must have 8 or 13 digits, not %2").arg(value).arg(value.size()));
        if (!ean && value.size() != 12)
            return makeError(tr("upc: \"%1\" must have 12 digits, not %2").arg(value).arg(value.size()));
        if (!gs1CheckDigitOk(value))
            return makeError(tr("%1: \"%2\" has a wrong check digit").arg(field, value));
        return value;
    }
    if (field == "isbn"_L1) {
        QString compact = value;
        compact.remove(u'-');
        static const QRegularExpression isbn(u"^([0-9]{9}[0-9Xx]|[0-9]{13})$"_s);
        if (!isbn.match(compact).hasMatch())
            return makeError(tr("isbn: \"%1\" must have 10 or 13 digits").arg(value));
        return compact.toUpper();
    }
    return value; // mpn: free text
}

Result<QString> parseText(const QString &field, const QString &value, bool required)
{
    const QString text = value.trimmed();
    if (required && text.isEmpty())
        return makeError(tr("%1: must not be empty").arg(field));
    return text;
}

QString unknownField(const QString &field, const QStringList &valid)
{
    return tr("unknown field \"%1\" (fields: %2)").arg(field, valid.join(u", "_s));
}

// One field of a product, parsed and checked; nothing is written.
Result<void> applyToProduct(Product &p, const QString &field, const QString &value)
{
    const QHash<QString, double *> numbers {{u"price"_s, &p.listPrice}, {u"weight"_s, &p.weight},
                                            {u"width"_s, &p.width},     {u"height"_s, &p.height},
                                            {u"depth"_s, &p.depth},     {u"vat-rate"_s, &p.vatRate}};
    const QHash<QString, QString *> codes {
            {u"ean"_s, &p.ean}, {u"upc"_s, &p.upc}, {u"isbn"_s, &p.isbn}, {u"mpn"_s, &p.mpn}};
    const QHash<QString, QString *> texts {{u"sku"_s, &p.sku},
                                           {u"internal-code"_s, &p.internalCode},
                                           {u"template-id"_s, &p.gelatoTemplateId},
                                           {u"category"_s, &p.categoryPath},
                                           {u"short-description"_s, &p.shortDescription},
                                           {u"long-description"_s, &p.longDescription}};
    if (numbers.contains(field)) {
        auto number = parseNumber(field, value, field == "vat-rate"_L1 ? 100 : 1e9);
        if (!number)
            return makeError(number.error());
        *numbers.value(field) = *number;
    } else if (codes.contains(field)) {
        auto code = parseCode(field, value);
        if (!code)
            return makeError(code.error());
        *codes.value(field) = *code;
    } else if (texts.contains(field)) {
        // Descriptions keep their text as given; the others are trimmed.
        if (field.endsWith("description"_L1)) {
            *texts.value(field) = value;
        } else {
            auto text = parseText(field, value, false);
            if (!text)
                return makeError(text.error());
            *texts.value(field) = *text;
        }
    } else if (field == "name"_L1) {
        auto text = parseText(field, value, true);
        if (!text)
            return makeError(text.error());
        p.name = *text;
    } else if (field == "quantity"_L1) {
        auto quantity = parseInteger(field, value);
        if (!quantity)
            return makeError(quantity.error());
        p.quantity = *quantity;
    }
    return {};
}

// One field of a variant, parsed and checked; nothing is written.
Result<void> applyToVariant(Variant &v, const QString &field, const QString &value)
{
    const QHash<QString, double *> numbers {{u"price-extra"_s, &v.priceExtra},
                                            {u"weight"_s, &v.weight},
                                            {u"width"_s, &v.width},
                                            {u"height"_s, &v.height},
                                            {u"depth"_s, &v.depth}};
    const QHash<QString, QString *> codes {
            {u"ean"_s, &v.ean}, {u"upc"_s, &v.upc}, {u"isbn"_s, &v.isbn}, {u"mpn"_s, &v.mpn}};
    const QHash<QString, QString *> texts {{u"sku"_s, &v.sku}, {u"product-uid"_s, &v.gelatoProductUid}};
    if (numbers.contains(field)) {
        auto number = parseNumber(field, value);
        if (!number)
            return makeError(number.error());
        *numbers.value(field) = *number;
    } else if (codes.contains(field)) {
        auto code = parseCode(field, value);
        if (!code)
            return makeError(code.error());
        *codes.value(field) = *code;
    } else if (texts.contains(field)) {
        auto text = parseText(field, value, false);
        if (!text)
            return makeError(text.error());
        *texts.value(field) = *text;
    } else if (field == "name"_L1) {
        auto text = parseText(field, value, true);
        if (!text)
            return makeError(text.error());
        v.title = *text;
    } else if (field == "quantity"_L1) {
        auto quantity = parseInteger(field, value);
        if (!quantity)
            return makeError(quantity.error());
        v.quantity = *quantity;
    }
    return {};
}

} // namespace

ProductEditing::ProductEditing(const Database &database) : m_database(database) { }

QStringList ProductEditing::productFields()
{
    return {u"name"_s,
            u"price"_s,
            u"price-extra"_s,
            u"sku"_s,
            u"ean"_s,
            u"upc"_s,
            u"isbn"_s,
            u"mpn"_s,
            u"vat-rate"_s,
            u"quantity"_s,
            u"weight"_s,
            u"width"_s,
            u"height"_s,
            u"depth"_s,
            u"category"_s,
            u"published"_s,
            u"short-description"_s,
            u"long-description"_s,
            u"internal-code"_s,
            u"template-id"_s,
            u"product-uid"_s};
}

QStringList ProductEditing::variantFields()
{
    return {u"name"_s,   u"price-extra"_s, u"sku"_s,       u"ean"_s,        u"upc"_s,
            u"isbn"_s,   u"mpn"_s,         u"quantity"_s,  u"weight"_s,     u"width"_s,
            u"height"_s, u"depth"_s,       u"published"_s, u"product-uid"_s};
}

QStringList ProductEditing::variantOnlyFields()
{
    return {u"price-extra"_s, u"product-uid"_s};
}

Result<void> ProductEditing::set(qint64 productId, const QString &field, const QString &value,
                                 qint64 variantId)
{
    return setFields(productId, {{field, value}}, variantId);
}

Result<void> ProductEditing::setFields(qint64 productId, const QList<FieldValue> &values, qint64 variantId,
                                       QString *refusedField)
{
    const auto refuse = [refusedField](const QString &field, const QString &message) -> Result<void> {
        if (refusedField)
            *refusedField = field;
        return makeError(message);
    };
    for (const FieldValue &edit : values) {
        if (!productFields().contains(edit.field))
            return refuse(edit.field, unknownField(edit.field, productFields()));
        if (variantId > 0 && !variantFields().contains(edit.field))
            return refuse(edit.field,
                          tr("\"%1\" is a product field, not a variant field (variant fields: %2)")
                                  .arg(edit.field, variantFields().join(u", "_s)));
        if (variantId == 0 && edit.field == "price-extra"_L1)
            return refuse(edit.field, tr("\"price-extra\" is a variant field: give --variant VID"));
        if (variantId == 0 && variantOnlyFields().contains(edit.field))
            return refuse(edit.field, tr("\"%1\" is a variant field: give --variant VID").arg(edit.field));
        // PROD-5: one way to publish, with the print-image rule: core/publishing/Publishing.
        if (edit.field == "published"_L1)
            return refuse(edit.field,
                          tr("\"published\" is not edited here: publishing on Poleepo checks the "
                             "print images (product set ID published true|false)"));
    }
    return variantId > 0 ? setOnVariant(productId, variantId, values, refusedField)
                         : setOnProduct(productId, values, refusedField);
}

Result<void> ProductEditing::setOnProduct(qint64 productId, const QList<FieldValue> &values,
                                          QString *refusedField)
{
    ProductRepository products(m_database);
    auto product = products.get(productId);
    if (!product)
        return makeError(product.error());
    for (const FieldValue &edit : values) {
        if (auto applied = applyToProduct(*product, edit.field, edit.value); !applied) {
            if (refusedField)
                *refusedField = edit.field;
            return applied;
        }
    }
    return products.update(*product);
}

Result<void> ProductEditing::setOnVariant(qint64 productId, qint64 variantId, const QList<FieldValue> &values,
                                          QString *refusedField)
{
    VariantRepository variants(m_database);
    auto variant = variants.get(variantId);
    if (!variant)
        return makeError(variant.error());
    if (variant->productId != productId)
        return makeError(tr("variant %1 is not a variant of product %2").arg(variantId).arg(productId));
    for (const FieldValue &edit : values) {
        if (auto applied = applyToVariant(*variant, edit.field, edit.value); !applied) {
            if (refusedField)
                *refusedField = edit.field;
            return applied;
        }
    }
    return variants.update(*variant);
}

} // namespace Bottega
