// JobTableModel on a real Scheduler and SQLite database, checked by Qt's model tester.
#include "ui/models/JobTableModel.h"

#include "tests/support/TestUtil.h"
#include "tests/ui/SchedulerFixture.h"
#include "ui/DisplayFormat.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QIcon>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

// Collects the model tester's complaints (FailureReportingMode::Warning) so a test can assert that
// there were none; any other message goes to the previous handler.
class ModelTesterWarnings
{
public:
    ModelTesterWarnings()
    {
        s_messages.clear();
        m_previous = qInstallMessageHandler(&ModelTesterWarnings::handle);
        s_previous = m_previous;
    }
    ~ModelTesterWarnings() { qInstallMessageHandler(m_previous); }
    QStringList messages() const { return s_messages; }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (context.category && QByteArrayView(context.category).startsWith("qt.modeltest"))
            s_messages.append(message);
        else if (type >= QtWarningMsg && s_previous)
            s_previous(type, context, message);
    }

    QtMessageHandler m_previous = nullptr;
    static inline QtMessageHandler s_previous = nullptr;
    static inline QStringList s_messages;
};

class JobTableModelTest : public SchedulerFixture
{
};

TEST_F(JobTableModelTest, PassesTheModelTesterThroughRefreshesEditsAndRuns)
{
    ModelTesterWarnings warnings;
    JobTableModel model(&scheduler());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(JobTableModel::RawRole);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::Warning);

    ASSERT_EQ(model.rowCount(), 4);
    ASSERT_EQ(model.columnCount(), JobTableModel::ColumnCount);
    for (int column = 0; column < JobTableModel::ColumnCount; ++column)
        proxy.sort(column, column % 2 ? Qt::DescendingOrder : Qt::AscendingOrder);

    const QModelIndex enabled = model.index(model.rowOf(pollBatches()), JobTableModel::EnabledColumn);
    EXPECT_TRUE(model.setData(enabled, Qt::Unchecked, Qt::CheckStateRole));
    EXPECT_TRUE(model.setInterval(cleanupApiLog(), 7200).ok());
    scheduler().runNow(processWebhooks(), {});
    ASSERT_TRUE(waitUntil([&] { return model.jobAt(model.rowOf(processWebhooks())).lastRun.isValid(); }));
    model.refresh();

    EXPECT_TRUE(warnings.messages().isEmpty()) << warnings.messages().join(u'\n').toStdString();
}

TEST_F(JobTableModelTest, ShowsEachJobWithTitleIntervalAndRawValues)
{
    JobTableModel model(&scheduler());
    const int row = model.rowOf(pollBatches());
    ASSERT_GE(row, 0);

    EXPECT_EQ(model.index(row, JobTableModel::TitleColumn).data().toString(), u"Poll product batches"_s);
    EXPECT_EQ(model.index(row, 0).data(JobTableModel::NameRole).toString(), pollBatches());
    EXPECT_EQ(model.index(row, JobTableModel::EnabledColumn).data(Qt::CheckStateRole).value<Qt::CheckState>(),
              Qt::Checked);
    EXPECT_EQ(model.index(row, JobTableModel::IntervalColumn).data().toString(),
              DisplayFormat::interval(600));
    EXPECT_EQ(model.index(row, JobTableModel::IntervalColumn).data(JobTableModel::RawRole).toInt(), 600);
    EXPECT_FALSE(model.index(row, JobTableModel::LastRunColumn)
                         .data(JobTableModel::RawRole)
                         .toDateTime()
                         .isValid());
    EXPECT_TRUE(model.index(row, JobTableModel::NextRunColumn)
                        .data(JobTableModel::RawRole)
                        .toDateTime()
                        .isValid());
    EXPECT_EQ(model.headerData(JobTableModel::LastResultColumn, Qt::Horizontal).toString(), u"Last result"_s);

    const int manual = model.rowOf(cleanupWebhooks());
    EXPECT_EQ(model.index(manual, JobTableModel::IntervalColumn).data().toString(),
              DisplayFormat::interval(0));
    EXPECT_EQ(model.index(manual, JobTableModel::IntervalColumn).data(JobTableModel::RawRole).toInt(), 0);
}

TEST_F(JobTableModelTest, SortsIntervalsByTheirSecondsNotByTheirText)
{
    JobTableModel model(&scheduler());
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(JobTableModel::RawRole);
    proxy.sort(JobTableModel::IntervalColumn, Qt::AscendingOrder);

    QList<int> seconds;
    QStringList texts;
    for (int row = 0; row < proxy.rowCount(); ++row) {
        seconds.append(proxy.index(row, JobTableModel::IntervalColumn).data(JobTableModel::RawRole).toInt());
        texts.append(proxy.index(row, JobTableModel::IntervalColumn).data().toString());
    }
    EXPECT_EQ(seconds, (QList<int> {0, 90, 600, 3600}));
    // The display texts would sort otherwise ("Every 1 hour" before "Every 10 minutes"), which is
    // what the raw role is for.
    QStringList sortedTexts = texts.mid(1);
    sortedTexts.sort();
    EXPECT_NE(sortedTexts, texts.mid(1));
}

TEST_F(JobTableModelTest, CheckBoxEnablesAndDisablesTheJobInTheScheduler)
{
    JobTableModel model(&scheduler());
    const QModelIndex enabled = model.index(model.rowOf(pollBatches()), JobTableModel::EnabledColumn);
    EXPECT_TRUE(model.flags(enabled).testFlag(Qt::ItemIsUserCheckable));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    ASSERT_TRUE(model.setData(enabled, Qt::Unchecked, Qt::CheckStateRole));
    EXPECT_FALSE(scheduler().job(pollBatches())->enabled);
    EXPECT_EQ(enabled.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
    EXPECT_GE(changed.count(), 1);

    ASSERT_TRUE(model.setData(enabled, Qt::Checked, Qt::CheckStateRole));
    EXPECT_TRUE(scheduler().job(pollBatches())->enabled);
}

TEST_F(JobTableModelTest, IntervalBelowTheMinimumGivesTheSchedulersError)
{
    JobTableModel model(&scheduler());
    const Result<void> result = model.setInterval(pollBatches(), 60);
    ASSERT_FALSE(result.ok());
    EXPECT_TRUE(result.error().contains(pollBatches())) << result.error().toStdString();
    EXPECT_EQ(scheduler().job(pollBatches())->intervalSeconds, 600);
    EXPECT_EQ(model.index(model.rowOf(pollBatches()), JobTableModel::IntervalColumn)
                      .data(JobTableModel::RawRole),
              600);

    ASSERT_TRUE(model.setInterval(pollBatches(), 1200).ok());
    EXPECT_EQ(model.index(model.rowOf(pollBatches()), JobTableModel::IntervalColumn)
                      .data(JobTableModel::RawRole),
              1200);
}

TEST_F(JobTableModelTest, FollowsTheSchedulerWhenAJobRuns)
{
    JobTableModel model(&scheduler());
    model.setRefreshIntervalMs(0); // only the scheduler's signals may update it here
    const int ok = model.rowOf(processWebhooks());
    const int failing = model.rowOf(cleanupWebhooks());

    scheduler().runNow(processWebhooks(), {});
    scheduler().runNow(cleanupWebhooks(), {});
    ASSERT_TRUE(waitUntil([&] {
        return runs(processWebhooks()) == 1 && runs(cleanupWebhooks()) == 1
                && model.index(failing, JobTableModel::LastRunColumn)
                           .data(JobTableModel::RawRole)
                           .toDateTime()
                           .isValid();
    }));

    EXPECT_EQ(model.index(ok, JobTableModel::LastResultColumn).data().toString(), processWebhooksResult());
    EXPECT_TRUE(model.index(ok, 0).data(JobTableModel::LastOkRole).toBool());
    EXPECT_EQ(model.index(failing, JobTableModel::LastResultColumn).data().toString(),
              cleanupWebhooksError());
    EXPECT_FALSE(model.index(failing, 0).data(JobTableModel::LastOkRole).toBool());
    EXPECT_FALSE(model.index(failing, JobTableModel::LastResultColumn).data(Qt::DecorationRole).isNull());
    EXPECT_NE(model.index(ok, JobTableModel::LastRunColumn).data().toString(),
              model.index(model.rowOf(pollBatches()), JobTableModel::LastRunColumn).data().toString());
}

TEST_F(JobTableModelTest, ACancelledRunShowsAWarningNotAnError)
{
    JobDefinition stopped;
    stopped.name = u"stopped-job"_s;
    stopped.title = "Stopped job";
    stopped.run = [](JobDefinition::Done done) {
        done(JobResult::cancelledAfter(Message::of(u"job.api-log-removed"_s, {u"5000"_s, u"30"_s})));
    };
    scheduler().registerJob(stopped);
    JobTableModel model(&scheduler());
    model.setRefreshIntervalMs(0);
    const int row = model.rowOf(u"stopped-job"_s);
    ASSERT_GE(row, 0);
    scheduler().runNow(u"stopped-job"_s, {});
    ASSERT_TRUE(waitUntil([&] {
        return model.index(row, JobTableModel::LastRunColumn).data(JobTableModel::RawRole).toDateTime().isValid();
    }));
    EXPECT_EQ(model.index(row, JobTableModel::LastResultColumn).data().toString(),
              u"Cancelled: 5000 entries older than 30 days removed"_s);
    const auto image = [](const QVariant &icon) { return icon.value<QIcon>().pixmap(16).toImage(); };
    EXPECT_EQ(image(model.index(row, JobTableModel::LastResultColumn).data(Qt::DecorationRole)),
              QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(16).toImage());
}

TEST_F(JobTableModelTest, WithoutASchedulerTheTableIsEmpty)
{
    JobTableModel model(nullptr);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_FALSE(model.setInterval(pollBatches(), 600).ok());
}

} // namespace
} // namespace Bottega::Test
