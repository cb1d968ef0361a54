// ProductCsv: bulk mapping by CSV (PROD-6). Exports one row per variant; imports a CSV that adds or
// changes each variant's Gelato "Product UID" and "Design File URL" (matched by Variant ID or SKU).
// Every row is checked first: a file with any error changes nothing, a clean one is applied in one
// transaction, and a dry run only reports what would change.
#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace Bottega {

class Database;

struct ProductCsvChange
{
    int row = 0; // the header is row 1
    qint64 productId = 0;
    qint64 variantId = 0;
    QString sku;
    QString column; // "Product UID" or "Design File URL"
    QString oldValue, newValue;
};

struct ProductCsvRowError
{
    int row = 0;
    QString message; // without the row number
};

struct ProductCsvReport
{
    QList<ProductCsvChange> changes;
    QList<ProductCsvRowError> errors;
    bool applied = false; // written to the database (never on a dry run or with errors)
};

class ProductCsv final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::ProductCsv)

public:
    explicit ProductCsv(const Database &database);

    static QStringList exportColumns();

    // Products (not archived) by name, each variant one row; a product without variants one row.
    Result<QString> exportText();
    Result<void> exportFile(const QString &path);

    // Errors that stop the whole file (unreadable, broken quoting, database) are the Result's;
    // per-row problems are in the report.
    Result<ProductCsvReport> importText(const QString &text, bool dryRun);
    Result<ProductCsvReport> importFile(const QString &path, bool dryRun);

private:
    const Database &m_database;
};

} // namespace Bottega
