// SchedulerPage on a real Scheduler: run now, enable/disable, change interval (the scheduler's rule
// shown in the dialog when the value is too small).
#include "ui/pages/SchedulerPage.h"

#include "tests/support/TestUtil.h"
#include "tests/ui/SchedulerFixture.h"
#include "ui/models/JobTableModel.h"
#include "ui/pages/IntervalDialog.h"
#include "ui/widgets/InlineMessage.h"

#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class SchedulerPageTest : public SchedulerFixture
{
protected:
    QPushButton *button(SchedulerPage &page, const QString &name)
    {
        return page.findChild<QPushButton *>(name);
    }
};

TEST_F(SchedulerPageTest, ShowsEveryJobAndSelectsTheFirst)
{
    SchedulerPage page(&scheduler());
    page.resize(900, 600);
    page.show();
    EXPECT_EQ(page.view()->model()->rowCount(), 4);
    EXPECT_EQ(page.selectedJob(), processWebhooks());
    EXPECT_TRUE(button(page, u"runButton"_s)->isEnabled());
    EXPECT_FALSE(page.message()->isVisible());
}

TEST_F(SchedulerPageTest, RunNowRunsTheSelectedJobAndShowsItsResult)
{
    SchedulerPage page(&scheduler());
    page.show();
    page.selectJob(cleanupWebhooks());
    QTest::mouseClick(button(page, u"runButton"_s), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return page.message()->type() == InlineMessage::Type::Error; }));
    EXPECT_EQ(runs(cleanupWebhooks()), 1);
    EXPECT_TRUE(page.message()->text().contains(cleanupWebhooksError()))
            << page.message()->text().toStdString();

    page.selectJob(processWebhooks());
    QTest::mouseClick(button(page, u"runButton"_s), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return page.message()->type() == InlineMessage::Type::Positive; }));
    EXPECT_EQ(runs(processWebhooks()), 1);
    EXPECT_TRUE(page.message()->text().contains(processWebhooksResult()));
}

TEST_F(SchedulerPageTest, TheToggleButtonDisablesAndEnablesTheJob)
{
    SchedulerPage page(&scheduler());
    page.selectJob(pollBatches());
    QPushButton *toggle = button(page, u"toggleButton"_s);
    EXPECT_EQ(toggle->text(), u"Disable"_s);

    QTest::mouseClick(toggle, Qt::LeftButton);
    EXPECT_FALSE(scheduler().job(pollBatches())->enabled);
    EXPECT_EQ(toggle->text(), u"Enable"_s);
    EXPECT_EQ(page.selectedJob(), pollBatches()); // the refresh keeps the selection

    QTest::mouseClick(toggle, Qt::LeftButton);
    EXPECT_TRUE(scheduler().job(pollBatches())->enabled);
}

TEST_F(SchedulerPageTest, AnIntervalBelowTheMinimumShowsTheSchedulersErrorInTheDialog)
{
    SchedulerPage page(&scheduler());
    page.show();
    page.selectJob(pollBatches());
    IntervalDialog *dialog = page.changeIntervalOfSelected();
    ASSERT_TRUE(dialog);
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_EQ(dialog->seconds(), 600);

    dialog->setSeconds(120);
    dialog->accept();
    const QString expected = scheduler().setInterval(pollBatches(), 120).error();
    ASSERT_FALSE(expected.isEmpty());
    EXPECT_EQ(dialog->errorText(), expected);
    EXPECT_TRUE(dialog->isVisible()); // stays open for a better value
    EXPECT_EQ(scheduler().job(pollBatches())->intervalSeconds, 600);

    QPointer<IntervalDialog> guard(dialog);
    dialog->setSeconds(1800);
    EXPECT_TRUE(dialog->errorText().isEmpty());
    dialog->accept();
    EXPECT_EQ(scheduler().job(pollBatches())->intervalSeconds, 1800);
    ASSERT_TRUE(waitUntil([&] { return guard.isNull(); })); // closed and deleted
    const int row = page.model()->rowOf(pollBatches());
    EXPECT_EQ(page.model()->index(row, JobTableModel::IntervalColumn).data(JobTableModel::RawRole).toInt(),
              1800);
}

TEST_F(SchedulerPageTest, WithoutASchedulerThePageSaysSo)
{
    SchedulerPage page(nullptr);
    page.show();
    EXPECT_TRUE(page.message()->isVisible());
    EXPECT_EQ(page.message()->type(), InlineMessage::Type::Warning);
    EXPECT_FALSE(button(page, u"runButton"_s)->isEnabled());
    EXPECT_EQ(page.changeIntervalOfSelected(), nullptr);
}

} // namespace
} // namespace Bottega::Test
