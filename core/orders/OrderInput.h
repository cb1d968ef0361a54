// OrderInput: sales orders as they come in (ORD-1): the `order create` JSON of cli.md (OrderCsv
// builds on it for CSV), each line resolved to one of our variants (by id or SKU), and the ORD-2 rule that a
// Gelato order holds only Gelato goods. Errors name the JSON field or the CSV row and column.
#pragma once

#include "core/domain/Result.h"
#include "core/domain/SalesOrder.h"
#include "core/orders/AddressCheck.h"
#include "core/orders/OrderService.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <memory>

namespace Bottega {

class Database;

class OrderInput final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::OrderInput)

public:
    // One of our variants as an order line sees it.
    struct Goods
    {
        qint64 variantId = 0;
        QString sku;
        QString name; // product name and variant title: "T-shirt (M, White)"
        QString productUid; // empty: not a Gelato good
        double price = 0; // the product's list price plus the variant's extra
        // Gelato goods only: the placements without a print image (PROD-3); such a variant
        // cannot be ordered from Gelato until they are set.
        QStringList missingPrintImages;
    };

    explicit OrderInput(const Database &database);
    // An input that remembers each variant it read (by id and by SKU) for its own lifetime: for a
    // CSV import, which looks the same few goods up for every row. Changes made to a variant while
    // it lives are not seen by it.
    static OrderInput caching(const Database &database);

    // What every stored order needs, whatever its source: a customer (a first or last name, or an
    // email) and at least one line. Each problem names its field ("customer", "lines").
    static QList<FieldProblem> missingParts(const SalesOrder &order);

    Result<Goods> variant(qint64 variantId) const;
    // Every variant on sale of the first productLimit products (by name), for a line picker.
    Result<QList<Goods>> catalogue(int productLimit) const;
    // Empty when no variant has that SKU.
    Result<std::optional<Goods>> variantBySku(const QString &sku) const;

    Result<SalesOrder> parseJson(const QByteArray &json) const;

    // ORD-2 over the whole order, and for one line about to join it: the rule's message.
    Result<void> checkGoods(const SalesOrder &order) const;
    Result<void> checkLine(const SalesOrder &order, const OrderLine &line) const;
    // Whether the line is a Gelato good (a product line whose variant has a product uid).
    Result<bool> isGelatoGood(const OrderLine &line) const;

private:
    struct Cache;
    const Database &m_database;
    std::shared_ptr<Cache> m_cache; // null: every lookup reads the database
};

} // namespace Bottega
