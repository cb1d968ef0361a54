// OrderTableModel on a real SQLite database: Qt's model tester, paging, sorting on every column and
// the list page's filters (state, source, Gelato status) and search, all done in SQL.
#include "ui/models/OrderTableModel.h"

#include "core/orders/OrderState.h"
#include "core/store/SalesOrderRepository.h"
#include "tests/ui/ProductFixture.h"
#include "ui/pages/OrderListPage.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class OrderTableModelTest : public ProductFixture
{
protected:
    qint64 add(const QString &reference, const QString &firstName, double total,
               SalesOrder::Source source = SalesOrder::Source::Manual, const QString &gelatoStatus = {},
               const QString &state = {})
    {
        SalesOrder order;
        order.reference = reference;
        order.customerFirstName = firstName;
        order.customerLastName = u"Rossi"_s;
        order.customerEmail = firstName.toLower() + u"@example.com"_s;
        order.amountTotal = total;
        order.source = source;
        order.gelatoFulfillmentStatus = gelatoStatus;
        const auto id = SalesOrderRepository(db()).create(order);
        EXPECT_TRUE(id.ok()) << id.error().toStdString();
        if (id.ok() && !state.isEmpty()) {
            EXPECT_TRUE(
                    SalesOrderRepository(db()).updateState(id.value(), state, OrderEvent::Source::User).ok());
        }
        return id.ok() ? id.value() : 0;
    }

    void addMany(int count)
    {
        for (int index = 1; index <= count; ++index)
            add(u"WEB-%1"_s.arg(index, 4, 10, QChar(u'0')), u"Customer%1"_s.arg(index, 4, 10, QChar(u'0')),
                index * 10.0);
    }

    static QStringList column(const OrderTableModel &model, int column)
    {
        QStringList result;
        for (int row = 0; row < model.rowCount(); ++row)
            result.append(model.index(row, column).data().toString());
        return result;
    }
};

TEST_F(OrderTableModelTest, PassesTheModelTesterThroughPagingSortingAndFilters)
{
    addMany(30);
    ProductModelWarnings warnings;
    {
        OrderTableModel paged(&db());
        paged.setPageSize(7);
        paged.refresh();
        ASSERT_EQ(paged.rowCount(), 7);
        QAbstractItemModelTester tester(&paged, QAbstractItemModelTester::FailureReportingMode::Warning);
        while (paged.canFetchMore({}))
            paged.fetchMore({});
        EXPECT_EQ(paged.rowCount(), 30);
    }
    // As for products: Qt 6.4's tester fetches from its own reset handler, so resets run in one page.
    OrderTableModel model(&db());
    model.setPageSize(1000);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    model.refresh();
    EXPECT_EQ(model.rowCount(), 30);
    for (int column = 0; column < OrderTableModel::ColumnCount; ++column)
        model.sort(column, column % 2 ? Qt::DescendingOrder : Qt::AscendingOrder);
    SalesOrderRepository::Query query;
    query.text = u"WEB-0007"_s;
    model.setQuery(query);
    EXPECT_EQ(model.rowCount(), 1);

    EXPECT_TRUE(warnings.messages().isEmpty()) << warnings.messages().join(u'\n').toStdString();
}

TEST_F(OrderTableModelTest, LoadsOnePageAtATimeFromTheDatabase)
{
    addMany(25);
    OrderTableModel model(&db());
    model.setPageSize(10);
    model.refresh();
    EXPECT_EQ(model.totalCount(), 25);
    EXPECT_EQ(model.rowCount(), 10);
    model.fetchMore({});
    model.fetchMore({});
    EXPECT_EQ(model.rowCount(), 25);
    EXPECT_FALSE(model.canFetchMore({}));
    // Pages follow the sort: no order twice, none missing.
    QStringList references = column(model, OrderTableModel::ReferenceColumn);
    references.removeDuplicates();
    EXPECT_EQ(references.size(), 25);
}

TEST_F(OrderTableModelTest, SortsInSqlByEveryColumn)
{
    add(u"B-2"_s, u"Carla"_s, 30, SalesOrder::Source::Poleepo, u"shipped"_s, OrderState::Shipped);
    add(u"A-1"_s, u"Bruno"_s, 5.5, SalesOrder::Source::Csv, u"created"_s, OrderState::Sent);
    add(u"C-3"_s, u"Anna"_s, 120, SalesOrder::Source::Manual);
    OrderTableModel model(&db());

    model.sort(OrderTableModel::ReferenceColumn, Qt::AscendingOrder);
    EXPECT_EQ(column(model, OrderTableModel::ReferenceColumn), (QStringList {u"A-1"_s, u"B-2"_s, u"C-3"_s}));
    model.sort(OrderTableModel::CustomerColumn, Qt::AscendingOrder);
    EXPECT_EQ(column(model, OrderTableModel::CustomerColumn),
              (QStringList {u"Anna Rossi"_s, u"Bruno Rossi"_s, u"Carla Rossi"_s}));
    model.sort(OrderTableModel::TotalColumn, Qt::DescendingOrder);
    EXPECT_EQ(column(model, OrderTableModel::ReferenceColumn), (QStringList {u"C-3"_s, u"B-2"_s, u"A-1"_s}));
    EXPECT_EQ(model.index(0, OrderTableModel::TotalColumn).data(OrderTableModel::RawRole).toDouble(), 120.0);
    EXPECT_TRUE(model.index(0, OrderTableModel::TotalColumn).data().toString().endsWith(u"EUR"_s));
    model.sort(OrderTableModel::SourceColumn, Qt::AscendingOrder); // csv, manual, poleepo
    EXPECT_EQ(column(model, OrderTableModel::ReferenceColumn), (QStringList {u"A-1"_s, u"C-3"_s, u"B-2"_s}));
    model.sort(OrderTableModel::GelatoStatusColumn, Qt::DescendingOrder); // shipped, created, ""
    // Sorted by the status code, shown as words (issue 13: never the code).
    EXPECT_EQ(column(model, OrderTableModel::GelatoStatusColumn),
              (QStringList {u"Shipped"_s, u"Created"_s, QString()}));
    EXPECT_EQ(model.index(0, OrderTableModel::GelatoStatusColumn).data(OrderTableModel::RawRole), u"shipped"_s);
    model.sort(OrderTableModel::StateColumn, Qt::AscendingOrder); // draft, sent, shipped
    EXPECT_EQ(column(model, OrderTableModel::StateColumn),
              (QStringList {OrderState::displayName(OrderState::Draft),
                            OrderState::displayName(OrderState::Sent),
                            OrderState::displayName(OrderState::Shipped)}));
    EXPECT_EQ(model.index(1, OrderTableModel::StateColumn).data(OrderTableModel::RawRole).toString(),
              OrderState::Sent);
}

TEST_F(OrderTableModelTest, TheListPageFiltersByStateSourceGelatoStatusAndSearch)
{
    add(u"P-1"_s, u"Carla"_s, 30, SalesOrder::Source::Poleepo, u"shipped"_s, OrderState::Shipped);
    add(u"CSV-1"_s, u"Bruno"_s, 5.5, SalesOrder::Source::Csv, u"created"_s, OrderState::Sent);
    add(u"M-1"_s, u"Anna"_s, 120, SalesOrder::Source::Manual);
    add(u"M-2"_s, u"Dario"_s, 12, SalesOrder::Source::Manual);
    OrderListPage page(&db(), nullptr);
    OrderTableModel *model = page.model();
    EXPECT_EQ(model->rowCount(), 4);
    EXPECT_EQ(page.countLabel()->text(), u"4 order(s)"_s);

    const auto choose = [](QComboBox *box, const QVariant &data) {
        const int index = box->findData(data);
        ASSERT_GE(index, 0) << data.toString().toStdString();
        box->setCurrentIndex(index);
    };
    choose(page.stateFilter(), OrderState::Draft);
    EXPECT_EQ(column(*model, OrderTableModel::ReferenceColumn).size(), 2);
    choose(page.stateFilter(), QString());

    choose(page.sourceFilter(), int(SalesOrder::Source::Csv));
    EXPECT_EQ(column(*model, OrderTableModel::ReferenceColumn), QStringList {u"CSV-1"_s});
    choose(page.sourceFilter(), -1);

    choose(page.gelatoStatusFilter(), u"shipped"_s);
    EXPECT_EQ(column(*model, OrderTableModel::ReferenceColumn), QStringList {u"P-1"_s});
    choose(page.gelatoStatusFilter(), QString(u""_s)); // not sent to Gelato
    EXPECT_EQ(model->rowCount(), 2);
    page.gelatoStatusFilter()->setCurrentIndex(0);
    EXPECT_EQ(model->rowCount(), 4);

    page.search()->setText(u"dario"_s); // the customer, case-insensitive
    page.applyFilters();
    EXPECT_EQ(column(*model, OrderTableModel::ReferenceColumn), QStringList {u"M-2"_s});
    page.search()->setText(u"csv-"_s); // the reference
    page.applyFilters();
    EXPECT_EQ(column(*model, OrderTableModel::ReferenceColumn), QStringList {u"CSV-1"_s});
    EXPECT_EQ(page.countLabel()->text(), u"1 order(s)"_s);
}

} // namespace
} // namespace Bottega::Test
