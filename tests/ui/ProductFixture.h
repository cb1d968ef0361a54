// ProductFixture: a fresh SQLite database with products for the products pages' suites, and a
// collector of QAbstractItemModelTester complaints so that a test can assert there were none.
#pragma once

#include "core/domain/Product.h"
#include "tests/support/database/TestDatabase.h"

#include <QStringList>
#include <QtMessageHandler>
#include <gtest/gtest.h>
#include <memory>

namespace Bottega::Test {

class ProductModelWarnings final
{
public:
    ProductModelWarnings();
    ~ProductModelWarnings();
    QStringList messages() const;

private:
    QtMessageHandler m_previous = nullptr;
};

class ProductFixture : public testing::Test
{
protected:
    void SetUp() override;

    Database &db() { return m_database->database(); }
    // The T-shirt of gelato-notes.md: (M, Orange), (L, Orange), (L, Red); placements "default" and
    // "back"; a default image on "default" only, so "back" is missing on every variant.
    static Product tShirt(const QString &name = QStringLiteral("T-shirt"),
                          const QString &sku = QStringLiteral("TS"));
    qint64 store(const Product &product);
    // count plain products "Product 00001"…, SKU "SKU-00001"…, price = index.
    void storeMany(int count);

private:
    std::unique_ptr<TestDatabase> m_database;
};

} // namespace Bottega::Test
