// OrderCsv: sales orders from a CSV file (ORD-1, `order import-csv`): a header row naming the
// columns (cli.md's JSON names), one row per line, rows sharing a reference forming one order.
// Every bad row is reported with its row and column; the caller applies nothing when any is.
#pragma once

#include "core/domain/Result.h"
#include "core/domain/SalesOrder.h"
#include "core/orders/OrderService.h"

#include <QCoreApplication>
#include <functional>

namespace Bottega {

class Database;

class OrderCsv final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::OrderCsv)

public:
    struct Orders
    {
        QList<SalesOrder> orders; // in the order of their first row
        QList<OrderImportReport::RowError> errors;
        bool cancelled = false; // stopped on request: orders and errors are incomplete
    };
    // Told after each data row checked (done of total); answering false stops the check.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    // Columns: reference (required), currency, firstName, lastName, companyName, addressLine1,
    // addressLine2, city, postCode, state, country, email, phone, shipping, variantId or sku,
    // quantity, price, kind (product, service, shipping) and name (for services and shipping).
    static QStringList columns();

    explicit OrderCsv(const Database &database);
    // An error only when the file cannot be read as CSV at all. Each variant is read once per parse.
    Result<Orders> parse(const QString &text, const Progress &progress = {}) const;

private:
    const Database &m_database;
};

} // namespace Bottega
