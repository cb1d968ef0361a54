// ProductEditing: the use case behind `product set ID FIELD VALUE [--variant VID]` and the product
// and variant editors' Save: named fields of a product or variant, parsed strictly and validated
// before they are written. The repositories
// mark name, price and quantity changes as needing an update on Poleepo (PROD-5). "Published on
// Poleepo" is not edited here but through core/publishing/Publishing, which applies the
// print-image rule: one way to publish.
#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

namespace Bottega {

class Database;

class ProductEditing final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::ProductEditing)

public:
    explicit ProductEditing(const Database &database);

    // One field's new value, as typed.
    struct FieldValue
    {
        QString field; // a name of productFields()
        QString value;
    };

    // Every field name (docs/cli.md, plus internal-code, template-id and product-uid, which the
    // editors have), those a variant has, and those only a variant has.
    static QStringList productFields();
    static QStringList variantFields();
    static QStringList variantOnlyFields();

    // variantId 0: the product's own field; otherwise the field of that variant of the product.
    Result<void> set(qint64 productId, const QString &field, const QString &value, qint64 variantId = 0);
    // Several fields at once, as the product and variant editors save them: each parsed and checked
    // as set() does, in order; the first refused stops everything (nothing is written) and, when
    // refusedField is given, is named there.
    Result<void> setFields(qint64 productId, const QList<FieldValue> &values, qint64 variantId = 0,
                           QString *refusedField = nullptr);

private:
    Result<void> setOnProduct(qint64 productId, const QList<FieldValue> &values, QString *refusedField);
    Result<void> setOnVariant(qint64 productId, qint64 variantId, const QList<FieldValue> &values,
                              QString *refusedField);

    const Database &m_database;
};

} // namespace Bottega
