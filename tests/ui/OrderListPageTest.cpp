// OrderListPage and OrderImportDialog with a real OrderService: the list re-reads when an order
// changes, a CSV file is previewed with its per-row errors and nothing imported, a good one is
// imported all at once; the editor warns when the company differs from Gelato's billing entity.
#include "ui/pages/OrderListPage.h"

#include "core/scheduler/BackgroundTasks.h"
#include "core/settings/Settings.h"
#include "core/store/SalesOrderRepository.h"
#include "tests/support/TestUtil.h"
#include "tests/support/WorkerThread.h"
#include "tests/ui/OrderFixture.h"
#include "ui/models/OrderTableModel.h"
#include "ui/pages/OrderEditorDialog.h"
#include "ui/pages/OrderImportDialog.h"
#include "ui/widgets/InlineMessage.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class OrderListPageTest : public OrderFixture
{
protected:
    QString writeCsv(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(text);
        return path;
    }

    QTemporaryDir m_dir;
};

TEST_F(OrderListPageTest, TheListReReadsWhenAnOrderChanges)
{
    OrderListPage page(&db(), &service());
    EXPECT_EQ(page.model()->rowCount(), 0);
    create(readyOrder(u"WEB-10"_s)); // through the service: orderChanged
    ASSERT_TRUE(waitUntil([&] { return page.model()->rowCount() == 1; }));
    EXPECT_EQ(page.model()->index(0, OrderTableModel::ReferenceColumn).data().toString(), u"WEB-10"_s);
    EXPECT_EQ(page.countLabel()->text(), u"1 order(s)"_s);
}

TEST_F(OrderListPageTest, OrdersAreFilteredByTheMarketplaceTheyCameFrom)
{
    {
        OrderListPage page(&db(), &service());
        EXPECT_TRUE(page.channelFilter()->isHidden()) << "no marketplace orders: no channel filter";
    }
    for (const auto &[reference, channel] : {std::pair {u"AMZ-1"_s, u"amazon-it"_s},
                                             {u"EB-1"_s, u"ebay"_s},
                                             {u"AMZ-2"_s, u"amazon-it"_s},
                                             {u"WEB-1"_s, QString()}}) {
        SalesOrder order = readyOrder(reference);
        order.channel = channel;
        ASSERT_TRUE(SalesOrderRepository(db()).create(order).ok());
    }
    OrderListPage page(&db(), &service());
    QComboBox *channels = page.channelFilter();
    EXPECT_FALSE(channels->isHidden());
    ASSERT_EQ(channels->count(), 3); // any, then each marketplace once, sorted
    EXPECT_EQ(channels->itemData(1).toString(), u"amazon-it"_s);
    EXPECT_EQ(channels->itemData(2).toString(), u"ebay"_s);
    EXPECT_EQ(page.model()->rowCount(), 4);
    channels->setCurrentIndex(1);
    ASSERT_EQ(page.model()->rowCount(), 2);
    for (int row = 0; row < 2; ++row)
        EXPECT_TRUE(page.model()
                            ->index(row, OrderTableModel::ReferenceColumn)
                            .data()
                            .toString()
                            .startsWith(u"AMZ-"_s));
    channels->setCurrentIndex(2);
    ASSERT_EQ(page.model()->rowCount(), 1);
    EXPECT_EQ(page.model()->index(0, OrderTableModel::ReferenceColumn).data().toString(), u"EB-1"_s);
    page.showState({}); // the dashboard's way in clears every filter
    EXPECT_EQ(channels->currentIndex(), 0);
    EXPECT_EQ(page.model()->rowCount(), 4);
}

TEST_F(OrderListPageTest, ImportPreviewListsEachBadRowAndImportsNothing)
{
    const QString path
            = writeCsv(u"bad.csv"_s,
                       "reference,firstName,lastName,addressLine1,city,postCode,country,email,sku,quantity\n"
                       "CSV-1,Anna,Neri,Via Po 3,Torino,10123,IT,anna@example.com,TS-M-O,1\n"
                       "CSV-2,Bruno,Neri,Via Po 4,Torino,10123,IT,bruno@example.com,NOPE,1\n"
                       "CSV-3,Carla,Neri,Via Po 5,Torino,10123,IT,carla@example.com,TS-L-O,0\n");
    OrderImportDialog preview(&service(), path);
    ASSERT_EQ(preview.report().errors.size(), 2) << preview.summary()->text().toStdString();
    QTableWidget *errors = preview.errorTable();
    ASSERT_EQ(errors->rowCount(), 2);
    EXPECT_EQ(errors->item(0, OrderImportDialog::RowColumn)->text(), u"2"_s);
    EXPECT_EQ(errors->item(0, OrderImportDialog::FieldColumn)->text(), u"sku"_s);
    EXPECT_TRUE(errors->item(0, OrderImportDialog::ProblemColumn)->text().contains(u"NOPE"_s));
    EXPECT_EQ(errors->item(1, OrderImportDialog::FieldColumn)->text(), u"quantity"_s);
    EXPECT_FALSE(preview.importButton()->isEnabled());
    EXPECT_FALSE(preview.apply());
    EXPECT_EQ(SalesOrderRepository(db()).count({}).value(), 0);
}

TEST_F(OrderListPageTest, ImportAppliesEveryOrderOfAGoodFile)
{
    const QString path
            = writeCsv(u"good.csv"_s,
                       "reference,firstName,lastName,addressLine1,city,postCode,country,email,sku,quantity\n"
                       "CSV-1,Anna,Neri,Via Po 3,Torino,10123,IT,anna@example.com,TS-M-O,1\n"
                       "CSV-1,Anna,Neri,Via Po 3,Torino,10123,IT,anna@example.com,TS-L-R,2\n"
                       "CSV-2,Bruno,Neri,Via Po 4,Torino,10123,IT,bruno@example.com,TS-L-O,1\n");
    OrderListPage page(&db(), &service());
    OrderImportDialog preview(&service(), path);
    EXPECT_TRUE(preview.errorTable()->isHidden());
    EXPECT_TRUE(preview.summary()->text().contains(u"CSV-1, CSV-2"_s))
            << preview.summary()->text().toStdString();
    ASSERT_TRUE(preview.importButton()->isEnabled());
    EXPECT_EQ(SalesOrderRepository(db()).count({}).value(), 0); // the preview was a dry run
    ASSERT_TRUE(preview.apply()) << preview.message()->text().toStdString();
    EXPECT_EQ(SalesOrderRepository(db()).count({}).value(), 2);
    ASSERT_TRUE(waitUntil([&] { return page.model()->rowCount() == 2; }));
    const auto first = SalesOrderRepository(db()).findByReference(u"CSV-1"_s);
    ASSERT_TRUE(first.ok() && first->has_value());
    EXPECT_EQ(SalesOrderRepository(db()).get(**first)->lines.size(), 2);
}

QByteArray ordersCsv(int count)
{
    QByteArray csv = "reference,firstName,lastName,addressLine1,city,postCode,country,email,sku,quantity\n";
    for (int i = 1; i <= count; ++i)
        csv += QByteArray("BULK-") + QByteArray::number(i)
                + ",Anna,Neri,Via Po 3,Torino,10123,IT,anna@example.com,TS-M-O,1\n";
    return csv;
}

TEST_F(OrderListPageTest, AnImportRunsOnTheWorkerThreadWithItsProgress)
{
    WorkerThread worker;
    BackgroundTasks tasks(worker.post());
    tasks.setProgressIntervalMs(10);
    QList<qint64> totals;
    QObject::connect(&tasks, &BackgroundTasks::progressed,
                     [&](int, qint64, qint64 total) { totals.append(total); });
    OrderImportDialog preview(&service(), writeCsv(u"bulk.csv"_s, ordersCsv(300)));
    preview.setTasks(&tasks);
    ASSERT_TRUE(preview.importButton()->isEnabled());
    QTest::mouseClick(preview.importButton(), Qt::LeftButton);
    EXPECT_TRUE(preview.isImporting());
    EXPECT_FALSE(preview.importButton()->isEnabled()) << "not twice";
    ASSERT_TRUE(waitUntil([&] { return !preview.isImporting(); }, 60000));
    EXPECT_TRUE(preview.applied());
    EXPECT_EQ(preview.result(), QDialog::Accepted);
    EXPECT_EQ(SalesOrderRepository(db()).count({}).value(), 300);
    EXPECT_TRUE(totals.isEmpty() || totals.constLast() == 300);
}

TEST_F(OrderListPageTest, CancellingAnImportKeepsNoOrder)
{
    WorkerThread worker;
    BackgroundTasks tasks(worker.post());
    OrderImportDialog preview(&service(), writeCsv(u"bulk.csv"_s, ordersCsv(2000)));
    preview.setTasks(&tasks);
    preview.show();
    QTest::mouseClick(preview.importButton(), Qt::LeftButton);
    ASSERT_TRUE(preview.isImporting());
    preview.reject(); // Cancel or Esc while it runs: stop it, the dialog stays to say so
    EXPECT_TRUE(preview.isVisible());
    ASSERT_TRUE(waitUntil([&] { return !preview.isImporting(); }, 60000));
    EXPECT_FALSE(preview.applied());
    EXPECT_TRUE(preview.report().cancelled);
    EXPECT_EQ(SalesOrderRepository(db()).count({}).value(), 0) << "what was created is removed again";
    EXPECT_EQ(preview.message()->type(), InlineMessage::Type::Warning);
    EXPECT_TRUE(preview.importButton()->isEnabled()) << "it can be started again";
}

TEST_F(OrderListPageTest, TheCheckRunsOnTheWorkerThreadAndShowsItsReport)
{
    WorkerThread worker;
    BackgroundTasks tasks(worker.post());
    tasks.setProgressIntervalMs(10);
    QList<qint64> done;
    QObject::connect(&tasks, &BackgroundTasks::progressed, [&](int, qint64 n, qint64) { done.append(n); });
    QByteArray csv = ordersCsv(400);
    csv += "BAD-1,Anna,Neri,Via Po 3,Torino,10123,IT,anna@example.com,NOPE,1\n";
    OrderImportDialog preview(&service(), writeCsv(u"check.csv"_s, csv), &tasks);
    EXPECT_TRUE(preview.isChecking());
    EXPECT_FALSE(preview.importButton()->isEnabled()) << "nothing to import before the check ends";
    ASSERT_TRUE(waitUntil([&] { return !preview.isChecking(); }, 60000));
    ASSERT_EQ(preview.report().errors.size(), 1) << preview.summary()->text().toStdString();
    EXPECT_EQ(preview.report().errors.at(0).row, 401);
    EXPECT_EQ(preview.errorTable()->item(0, OrderImportDialog::FieldColumn)->text(), u"sku"_s);
    EXPECT_FALSE(preview.importButton()->isEnabled());
    EXPECT_FALSE(done.isEmpty()) << "progress in rows";
}

TEST_F(OrderListPageTest, APreviewOfManyOrdersNamesTheFirstOnesAndCountsTheRest)
{
    OrderImportDialog preview(&service(), writeCsv(u"many.csv"_s, ordersCsv(50)));
    const QString summary = preview.summary()->text();
    EXPECT_TRUE(summary.contains(u"50 order(s) will be created"_s)) << summary.toStdString();
    EXPECT_TRUE(summary.contains(u"BULK-20"_s)) << summary.toStdString();
    EXPECT_FALSE(summary.contains(u"BULK-21"_s)) << summary.toStdString();
    EXPECT_TRUE(summary.contains(u"and 30 more"_s)) << summary.toStdString();
    EXPECT_EQ(SalesOrderRepository(db()).count({}).value(), 0) << "a check stores nothing";
}

TEST_F(OrderListPageTest, CancellingTheCheckClosesTheDialog)
{
    WorkerThread worker;
    BackgroundTasks tasks(worker.post());
    OrderImportDialog preview(&service(), writeCsv(u"big.csv"_s, ordersCsv(20000)), &tasks);
    preview.show();
    ASSERT_TRUE(preview.isChecking());
    preview.reject();
    ASSERT_TRUE(waitUntil([&] { return !preview.isChecking(); }, 60000));
    EXPECT_EQ(preview.result(), QDialog::Rejected);
    EXPECT_FALSE(preview.isVisible());
    EXPECT_FALSE(preview.importButton()->isEnabled());
    EXPECT_EQ(SalesOrderRepository(db()).count({}).value(), 0);
}

TEST_F(OrderListPageTest, TheEditorWarnsWhenTheCompanyDiffersFromGelatosBillingEntity)
{
    ASSERT_TRUE(rig().settings.set(u"company.name"_s, u"Bottega Srl"_s).ok());
    const qint64 id = create(readyOrder(u"WEB-11"_s));
    {
        OrderEditorDialog editor(&db(), &service(), id);
        EXPECT_FALSE(editor.companyWarning()->hasMessage()); // nothing from Gelato yet
        editor.confirm();
        ASSERT_TRUE(waitUntil([&] { return !editor.isBusy(); }, 8000));
        ASSERT_EQ(editor.message()->type(), InlineMessage::Type::Positive)
                << editor.message()->text().toStdString();
        const CompanyCheck check = service().companyCheck(id);
        ASSERT_EQ(check.state, CompanyCheck::State::Mismatch);
        EXPECT_TRUE(editor.companyWarning()->hasMessage());
        EXPECT_EQ(editor.companyWarning()->type(), InlineMessage::Type::Warning);
        EXPECT_TRUE(editor.companyWarning()->text().contains(check.message));
        EXPECT_TRUE(editor.companyWarning()->text().contains(u"Bottega Srl"_s))
                << editor.companyWarning()->text().toStdString();
    }
}

} // namespace
} // namespace Bottega::Test
