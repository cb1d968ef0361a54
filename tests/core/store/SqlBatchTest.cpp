// SqlBatch on SQLite and PostgreSQL: writes run in order with every value kept exactly (quotes,
// backslashes, "?" and NULL inside values), a failure names its write and stops the rest, a write
// that changes no row fails with its own message, and on PostgreSQL a statement sent twice is
// prepared and let go when the batch goes away.
#include "core/store/SqlBatch.h"

#include "core/store/SqlStatement.h"
#include "tests/support/database/TestDatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

class SqlBatchTest : public DatabaseTest
{
protected:
    void SetUp() override
    {
        DatabaseTest::SetUp();
        if (HasFatalFailure())
            return;
        QSqlQuery create(db().connection());
        ASSERT_TRUE(create.exec(u"CREATE TABLE batch_rows (id BIGINT PRIMARY KEY, label TEXT, amount "
                                "DOUBLE PRECISION, counter BIGINT)"_s))
                << qPrintable(create.lastError().text());
    }

    static const QString insert;

    static SqlBatch::Text text(const QString &value)
    {
        return [value] { return value; };
    }

    QStringList rows()
    {
        SqlStatement select(db().connection(),
                            u"SELECT id, label, amount, counter FROM batch_rows ORDER BY id"_s);
        EXPECT_TRUE(select.exec(u"rows"_s).ok());
        QStringList found;
        while (select.next())
            found.append(u"%1|%2|%3|%4"_s.arg(select.integer(u"id"_s))
                                 .arg(select.value(u"label"_s).isNull() ? u"NULL"_s : select.text(u"label"_s))
                                 .arg(select.number(u"amount"_s))
                                 .arg(select.integer(u"counter"_s)));
        return found;
    }

    int preparedByBatches()
    {
        QSqlQuery query(db().connection());
        EXPECT_TRUE(query.exec(
                u"SELECT COUNT(*) FROM pg_prepared_statements WHERE name LIKE 'bottega_batch_%'"_s));
        return query.next() ? query.value(0).toInt() : -1;
    }
};

const QString SqlBatchTest::insert = u"INSERT INTO batch_rows (id, label, amount, counter) VALUES (?, ?, ?, ?)"_s;

TEST_P(SqlBatchTest, WritesRunInOrderAndKeepEveryCharacterOfTheirValues)
{
    SqlBatch batch(db());
    const QString awkward = u"it's a \"quote\", a back\\slash, a ? and ; DROP TABLE batch_rows; -- è 日本\n"_s;
    batch.add(insert, {1, awkward, 1.25, Q_INT64_C(9007199254740993)}, text(u"row 1"_s));
    batch.add(insert, {2, QVariant(QMetaType::fromType<QString>()), -0.5, 0}, text(u"row 2"_s));
    batch.add(u"UPDATE batch_rows SET counter = counter + ? WHERE id = ?"_s, {7, 2}, text(u"row 2 again"_s));
    EXPECT_EQ(batch.size(), 3);

    const auto flushed = db().transaction([&](QSqlDatabase &) { return batch.flush(); });

    ASSERT_TRUE(flushed.ok()) << qPrintable(flushed.error());
    EXPECT_TRUE(batch.isEmpty());
    EXPECT_EQ(rows(), (QStringList {u"1|"_s + awkward + u"|1.25|9007199254740993"_s, u"2|NULL|-0.5|7"_s}));
}

TEST_P(SqlBatchTest, TheFirstFailingWriteIsNamedAndTheRestIsNotRun)
{
    SqlBatch batch(db());
    batch.add(insert, {1, u"one"_s, 1.0, 1}, text(u"cannot save row 1"_s));
    batch.add(insert, {1, u"one again"_s, 1.0, 1}, text(u"cannot save row 1 again"_s));
    batch.add(insert, {3, u"three"_s, 3.0, 3}, text(u"cannot save row 3"_s));

    const auto flushed = db().transaction([&](QSqlDatabase &) { return batch.flush(); });

    ASSERT_FALSE(flushed.ok());
    EXPECT_TRUE(flushed.error().startsWith(u"cannot save row 1 again: "_s)) << qPrintable(flushed.error());
    EXPECT_TRUE(batch.isEmpty());
    EXPECT_TRUE(rows().isEmpty()) << "the transaction was rolled back";
}

TEST_P(SqlBatchTest, AWriteThatChangesNoRowFailsWithItsOwnMessage)
{
    SqlBatch batch(db());
    batch.add(insert, {1, u"one"_s, 1.0, 1}, text(u"cannot save row 1"_s));
    batch.add(u"UPDATE batch_rows SET label = ? WHERE id = ?"_s, {u"two"_s, 2}, text(u"cannot save row 2"_s),
              text(u"no row 2"_s));

    const auto flushed = db().transaction([&](QSqlDatabase &) { return batch.flush(); });

    ASSERT_FALSE(flushed.ok());
    EXPECT_EQ(flushed.error(), u"no row 2"_s);
}

TEST_P(SqlBatchTest, AWriteOfSeveralRowsThatChangesFewerFailsWithItsOwnMessage)
{
    SqlBatch batch(db());
    batch.add(insert, {1, u"one"_s, 1.0, 1}, text(u"cannot save row 1"_s));
    batch.add(insert, {2, u"two"_s, 2.0, 2}, text(u"cannot save row 2"_s));
    const QString update = u"UPDATE batch_rows SET counter = counter + 1 WHERE id IN (?, ?)"_s;
    batch.add(update, {1, 2}, text(u"cannot count 1 and 2"_s), text(u"not both of 1 and 2"_s), 2);
    ASSERT_TRUE(db().transaction([&](QSqlDatabase &) { return batch.flush(); }).ok());
    EXPECT_EQ(rows(), (QStringList {u"1|one|1|2"_s, u"2|two|2|3"_s}));

    batch.add(update, {2, 3}, text(u"cannot count 2 and 3"_s), text(u"not both of 2 and 3"_s), 2);
    const auto flushed = db().transaction([&](QSqlDatabase &) { return batch.flush(); });
    ASSERT_FALSE(flushed.ok());
    EXPECT_EQ(flushed.error(), u"not both of 2 and 3"_s);
    EXPECT_EQ(rows(), (QStringList {u"1|one|1|2"_s, u"2|two|2|3"_s})) << "the transaction was rolled back";
}

TEST_P(SqlBatchTest, AStatementSentAgainIsPreparedOnceAndLetGoWithTheBatch)
{
    // SQLite keeps a prepared statement per text from the first flush: only the rows are checked.
    const bool postgres = db().engine() == Database::Engine::PostgreSql;
    {
        SqlBatch batch(db());
        for (int i = 1; i <= 4; ++i) {
            batch.add(insert, {i, u"row %1"_s.arg(i), i * 1.5, i}, text(u"row"_s));
            ASSERT_TRUE(batch.flush().ok());
            if (postgres) {
                EXPECT_EQ(preparedByBatches(), i == 1 ? 0 : 1) << "after flush " << i;
            }
        }
        // Twice in one message, the first time it is prepared: prepared once.
        SqlBatch other(db());
        other.add(insert, {10, u"ten"_s, 10.0, 10}, text(u"row"_s));
        ASSERT_TRUE(other.flush().ok());
        other.add(insert, {11, u"eleven"_s, 11.0, 11}, text(u"row"_s));
        other.add(insert, {12, u"twelve"_s, 12.0, 12}, text(u"row"_s));
        ASSERT_TRUE(other.flush().ok());
        if (postgres) {
            EXPECT_EQ(preparedByBatches(), 2);
        }
    }
    if (postgres) {
        EXPECT_EQ(preparedByBatches(), 0);
    }
    EXPECT_EQ(rows().size(), 7);
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(SqlBatchTest);
