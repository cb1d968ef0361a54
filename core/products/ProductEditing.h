// ProductEditing: the use case behind `product set ID FIELD VALUE [--variant VID]`: one named field
// of a product or variant, parsed strictly and validated before it is written. The repositories
// mark name, price and quantity changes as needing an update on Poleepo (PROD-5).
#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QStringList>

namespace Bottega {

class Database;

class ProductEditing final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::ProductEditing)

public:
    explicit ProductEditing(const Database &database);

    // The field names of docs/cli.md, and those a variant has.
    static QStringList productFields();
    static QStringList variantFields();

    // variantId 0: the product's own field; otherwise the field of that variant of the product.
    Result<void> set(qint64 productId, const QString &field, const QString &value, qint64 variantId = 0);

private:
    Result<void> setOnProduct(qint64 productId, const QString &field, const QString &value);
    Result<void> setOnVariant(qint64 productId, qint64 variantId, const QString &field, const QString &value);

    const Database &m_database;
};

} // namespace Bottega
