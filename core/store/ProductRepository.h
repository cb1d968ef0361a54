// ProductRepository: the product aggregate (PROD-1..5): a product with its attributes and values,
// variants, print placements, print images and pictures. Variants and images have their own
// repositories (VariantRepository, PrintImageRepository) that this one composes.
#pragma once

#include "core/domain/Product.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <optional>

namespace Bottega {

class Database;

class ProductRepository final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::ProductRepository)

public:
    struct Query
    {
        enum class Sort { Name, Sku, ListPrice, Quantity, CreatedAt, UpdatedAt, Id };

        QString text; // found in name, SKU, internal code, EAN or Gelato template id (case-insensitive)
        bool includeArchived = false;
        std::optional<bool> publishedPoleepo;
        std::optional<bool> needsUpdate;
        QString gelatoTemplateId; // exact
        std::optional<bool> linkedToGelato; // has a Gelato template id
        // Some placement is covered neither by the product's default nor by an override on every
        // variant that is not archived (PrintImages' completeness rule, in SQL for the list).
        std::optional<bool> printImagesMissing;
        Sort sort = Sort::Name;
        bool descending = false;
        int limit = 100; // 0: no limit
        int offset = 0;
    };

    explicit ProductRepository(const Database &database);

    // Stores the product with its attributes, variants (options matched by name), placements,
    // product-default print images and pictures, in one transaction. Returns the product id.
    Result<qint64> create(const Product &product);
    // The product with everything in it.
    Result<Product> get(qint64 id);
    // Products only (no attributes, variants or images), filtered, sorted and paged in SQL.
    Result<QList<Product>> list(const Query &query);
    Result<qint64> count(const Query &query); // ignores limit and offset
    Result<std::optional<qint64>> findByGelatoTemplate(const QString &templateId);

    // Writes the product's own fields. A change of a field Poleepo receives marks the product
    // and its variants as needing an update on Poleepo (PROD-5).
    Result<void> update(const Product &product);
    // Makes the product's attributes these: existing ones (by name) and their values (by text) keep
    // their ids, missing ones are added, the others removed. Returns them as stored, with ids.
    Result<QList<ProductAttribute>> saveAttributes(qint64 productId,
                                                   const QList<ProductAttribute> &attributes);
    Result<void> setArchived(qint64 id, bool archived);
    // Refused while an order line refers to one of its variants: archive it instead.
    Result<void> remove(qint64 id);

private:
    Result<QList<ProductAttribute>> readAttributes(qint64 productId);

    const Database &m_database;
};

} // namespace Bottega
