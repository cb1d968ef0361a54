// VariantRepository: a product's variants and the attribute values that tell them apart (part of
// the product aggregate; ProductRepository uses it). Changing a field Poleepo receives marks
// the variant as needing an update on Poleepo (PROD-5).
#pragma once

#include "core/domain/Result.h"
#include "core/domain/Variant.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace Bottega {

class Database;

class VariantRepository final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::VariantRepository)

public:
    explicit VariantRepository(const Database &database);

    // Options are matched by attribute name and value against the product's attributes; a missing
    // one is an error naming it.
    Result<qint64> create(const Variant &variant);
    Result<Variant> get(qint64 id);
    // In position order.
    Result<QList<Variant>> listForProduct(qint64 productId, bool includeArchived = true);
    Result<std::optional<Variant>> findBySku(const QString &sku);
    // Writes every field and replaces the options.
    Result<void> update(const Variant &variant);
    // Published on Poleepo for a whole selection at once (PROD-5); a newly published variant needs
    // sending. Returns how many changed.
    Result<int> setPublished(const QList<qint64> &ids, bool published);
    Result<void> setArchived(qint64 id, bool archived);
    // Refused while an order line refers to the variant: archive it instead.
    Result<void> remove(qint64 id);
    // Whether an order line refers to the variant (then it can only be archived).
    Result<bool> isOnOrder(qint64 id);

private:
    Result<void> writeOptions(QSqlDatabase &db, const Variant &variant, qint64 variantId);
    Result<void> readOptions(QList<Variant> &variants);

    const Database &m_database;
};

} // namespace Bottega
