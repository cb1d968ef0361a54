// The scheduler on both engines: persisted state, due runs, intervals, and the lease that keeps two
// processes sharing a database from running one job at once (SCHED-1, SCHED-3).
#include "core/scheduler/Scheduler.h"

#include "core/store/Database.h"
#include "tests/support/TestClock.h"
#include "tests/support/TestUtil.h"
#include "tests/support/database/TestDatabase.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace Bottega;
using namespace Bottega::Test;

namespace {

// A job whose runs the test counts and, when asked, finishes only when the test says so.
struct CountingJob
{
    int runs = 0;
    bool holdOpen = false;
    JobDefinition::Done pending;
    JobResult result = JobResult::success(u"did it"_s);

    JobDefinition definition(const QString &name, int interval, int minimum = 0)
    {
        JobDefinition job;
        job.name = name;
        job.title = "Counting job";
        job.defaultIntervalSeconds = interval;
        job.minIntervalSeconds = minimum;
        job.run = [this](JobDefinition::Done done) {
            ++runs;
            if (holdOpen)
                pending = done;
            else
                done(result);
        };
        return job;
    }
};

class SchedulerTest : public DatabaseTest
{
protected:
    TestClock clock;
};

JobResult runAndWait(Scheduler &scheduler, const QString &name)
{
    std::optional<JobResult> outcome;
    scheduler.runNow(name, [&outcome](const JobResult &result) { outcome = result; });
    EXPECT_TRUE(waitUntil([&] { return outcome.has_value(); }));
    return outcome.value_or(JobResult::failure(u"no answer"_s));
}

} // namespace

TEST_P(SchedulerTest, StartWritesDefaultsAndListsInRegistrationOrder)
{
    CountingJob a, b;
    Scheduler scheduler(db(), &clock);
    scheduler.registerJob(b.definition(u"zeta"_s, 60, 10));
    scheduler.registerJob(a.definition(u"alpha"_s, 0));
    ASSERT_TRUE(scheduler.start().ok());

    const auto jobs = scheduler.jobs();
    ASSERT_TRUE(jobs.ok()) << qPrintable(jobs.error());
    ASSERT_EQ(jobs->size(), 2);
    EXPECT_EQ(jobs->at(0).name, u"zeta"_s);
    EXPECT_EQ(jobs->at(0).intervalSeconds, 60);
    EXPECT_EQ(jobs->at(0).minIntervalSeconds, 10);
    EXPECT_EQ(jobs->at(0).nextRun, clock.now().addSecs(60));
    EXPECT_FALSE(jobs->at(0).lastRun.isValid());
    EXPECT_EQ(jobs->at(0).title, u"Counting job"_s);
    EXPECT_EQ(jobs->at(1).name, u"alpha"_s);
    EXPECT_FALSE(jobs->at(1).nextRun.isValid()); // manual only
}

TEST_P(SchedulerTest, StateSurvivesARestart)
{
    CountingJob job;
    {
        Scheduler scheduler(db(), &clock);
        scheduler.registerJob(job.definition(u"sync"_s, 120, 60));
        ASSERT_TRUE(scheduler.start().ok());
        ASSERT_TRUE(scheduler.setInterval(u"sync"_s, 300).ok());
        ASSERT_TRUE(scheduler.setEnabled(u"sync"_s, false).ok());
    }
    Scheduler restarted(db(), &clock);
    restarted.registerJob(job.definition(u"sync"_s, 120, 60));
    ASSERT_TRUE(restarted.start().ok());
    const auto state = restarted.job(u"sync"_s);
    ASSERT_TRUE(state.ok());
    EXPECT_EQ(state->intervalSeconds, 300);
    EXPECT_FALSE(state->enabled);
}

TEST_P(SchedulerTest, DueJobRunsOnTheTimerAndSchedulesTheNextRun)
{
    CountingJob job;
    Scheduler scheduler(db(), &clock);
    scheduler.setTickIntervalMs(10);
    scheduler.registerJob(job.definition(u"tick"_s, 60));
    QSignalSpy started(&scheduler, &Scheduler::jobStarted); // emitted when a run starts, before its body
    const QDateTime start = clock.now();
    ASSERT_TRUE(scheduler.start().ok());
    EXPECT_EQ(scheduler.job(u"tick"_s)->nextRun, start.addSecs(60));

    clock.advance(59);
    scheduler.runDueJobs();
    EXPECT_EQ(started.count(), 0) << "not due yet";

    clock.advance(1);
    ASSERT_TRUE(waitUntil([&] { return job.runs == 1 && !scheduler.isRunningAnyJob(); }))
            << "the timer runs it once due";
    const auto state = scheduler.job(u"tick"_s);
    ASSERT_TRUE(state.ok());
    EXPECT_EQ(state->lastRun, start.addSecs(60));
    EXPECT_EQ(state->nextRun, start.addSecs(120));
    EXPECT_EQ(state->lastResult, u"did it"_s);
    EXPECT_TRUE(state->lastOk);

    // The next run is a minute later, not sooner.
    clock.advance(59);
    scheduler.runDueJobs();
    EXPECT_EQ(started.count(), 1);
    clock.advance(1);
    scheduler.runDueJobs();
    EXPECT_EQ(started.count(), 2);
    ASSERT_TRUE(waitUntil([&] { return job.runs == 2 && !scheduler.isRunningAnyJob(); }));
    EXPECT_EQ(scheduler.job(u"tick"_s)->nextRun, start.addSecs(180));
}

TEST_P(SchedulerTest, DisabledJobDoesNotRunWhenDue)
{
    CountingJob job;
    Scheduler scheduler(db(), &clock);
    scheduler.registerJob(job.definition(u"tick"_s, 60));
    QSignalSpy started(&scheduler, &Scheduler::jobStarted);
    ASSERT_TRUE(scheduler.start().ok());
    ASSERT_TRUE(scheduler.setEnabled(u"tick"_s, false).ok());
    clock.advance(3600);
    scheduler.runDueJobs();
    EXPECT_EQ(started.count(), 0);
    EXPECT_FALSE(scheduler.job(u"tick"_s)->nextRun.isValid());
}

TEST_P(SchedulerTest, FailureIsRecorded)
{
    CountingJob job;
    job.result = JobResult::failure(u"Gelato refused the API key"_s);
    Scheduler scheduler(db(), &clock);
    scheduler.registerJob(job.definition(u"poll"_s, 600));
    const JobResult result = runAndWait(scheduler, u"poll"_s);
    EXPECT_FALSE(result.ok);
    const auto state = scheduler.job(u"poll"_s);
    EXPECT_FALSE(state->lastOk);
    EXPECT_EQ(state->lastResult, u"Gelato refused the API key"_s);
}

TEST_P(SchedulerTest, IntervalBelowTheMinimumIsRefused)
{
    CountingJob job;
    Scheduler scheduler(db(), &clock);
    scheduler.registerJob(job.definition(u"poll-batches"_s, 600, 600));
    ASSERT_TRUE(scheduler.start().ok());

    const auto tooShort = scheduler.setInterval(u"poll-batches"_s, 60);
    ASSERT_FALSE(tooShort.ok());
    EXPECT_TRUE(tooShort.error().contains(u"600"_s)) << qPrintable(tooShort.error());
    EXPECT_TRUE(tooShort.error().contains(u"poll-batches"_s));
    EXPECT_FALSE(scheduler.setInterval(u"poll-batches"_s, 0).ok()) << "cannot become manual-only";
    EXPECT_FALSE(scheduler.setInterval(u"poll-batches"_s, -5).ok());
    EXPECT_EQ(scheduler.job(u"poll-batches"_s)->intervalSeconds, 600);

    ASSERT_TRUE(scheduler.setInterval(u"poll-batches"_s, 900).ok());
    EXPECT_EQ(scheduler.job(u"poll-batches"_s)->nextRun, clock.now().addSecs(900));
}

TEST_P(SchedulerTest, UnknownJobIsNamed)
{
    CountingJob job;
    Scheduler scheduler(db(), &clock);
    scheduler.registerJob(job.definition(u"known"_s, 60));
    const JobResult result = runAndWait(scheduler, u"unknown"_s);
    EXPECT_FALSE(result.ok);
    EXPECT_TRUE(result.message.text().contains(u"unknown"_s));
    EXPECT_TRUE(result.message.text().contains(u"known"_s));
    EXPECT_FALSE(scheduler.setEnabled(u"unknown"_s, true).ok());
}

TEST_P(SchedulerTest, TwoProcessesNeverRunTheSameJobAtOnce)
{
    // The second scheduler has its own connection to the same database, as another process would.
    auto otherDatabase = Database::open(testDatabase().location());
    ASSERT_TRUE(otherDatabase.ok()) << qPrintable(otherDatabase.error());

    CountingJob first, second;
    first.holdOpen = true;
    Scheduler one(db(), &clock);
    Scheduler two(**otherDatabase, &clock);
    one.registerJob(first.definition(u"import"_s, 60));
    two.registerJob(second.definition(u"import"_s, 60));
    ASSERT_TRUE(one.start().ok());
    ASSERT_TRUE(two.start().ok());
    EXPECT_NE(one.ownerId(), two.ownerId());

    one.runNow(u"import"_s, {});
    ASSERT_TRUE(waitUntil([&] { return first.runs == 1; }));
    EXPECT_TRUE(two.job(u"import"_s)->running);

    const JobResult refused = runAndWait(two, u"import"_s);
    EXPECT_FALSE(refused.ok);
    EXPECT_TRUE(refused.message.text().contains(u"another process"_s)) << qPrintable(refused.message.text());
    EXPECT_EQ(second.runs, 0);

    // Due on the timer too (and the 5-minute lease not yet expired): the other process stays out.
    clock.advance(61);
    two.runDueJobs();
    EXPECT_FALSE(two.isRunningAnyJob());

    first.pending(JobResult::success());
    ASSERT_TRUE(waitUntil([&] { return !one.isRunningAnyJob(); }));
    EXPECT_TRUE(runAndWait(two, u"import"_s).ok);
    EXPECT_EQ(second.runs, 1);
}

TEST_P(SchedulerTest, LeaseOfACrashedProcessExpires)
{
    auto otherDatabase = Database::open(testDatabase().location());
    ASSERT_TRUE(otherDatabase.ok());
    CountingJob crashed, survivor;
    crashed.holdOpen = true; // never finishes: the process "dies" holding the lease
    auto doomed = std::make_unique<Scheduler>(db(), &clock);
    doomed->registerJob(crashed.definition(u"import"_s, 600));
    doomed->runNow(u"import"_s, {});
    ASSERT_TRUE(waitUntil([&] { return crashed.runs == 1; }));

    Scheduler other(**otherDatabase, &clock);
    other.registerJob(survivor.definition(u"import"_s, 600));
    EXPECT_FALSE(runAndWait(other, u"import"_s).ok);

    clock.advance(5 * 60); // the 5-minute lease, never renewed, ends now
    EXPECT_FALSE(runAndWait(other, u"import"_s).ok) << "held up to its last millisecond";
    clock.advanceMs(1);
    EXPECT_TRUE(runAndWait(other, u"import"_s).ok);
    EXPECT_EQ(survivor.runs, 1);
    crashed.pending = {};
    doomed.reset();
}

TEST_P(SchedulerTest, StopWaitsForRunningJobsAndDoneCountsOnce)
{
    CountingJob job;
    job.holdOpen = true;
    Scheduler scheduler(db(), &clock);
    scheduler.registerJob(job.definition(u"long"_s, 60));
    ASSERT_TRUE(scheduler.start().ok());
    QSignalSpy finishedJobs(&scheduler, &Scheduler::jobFinished);
    QSignalSpy finishedAll(&scheduler, &Scheduler::finishedAll);

    scheduler.runNow(u"long"_s, {});
    ASSERT_TRUE(waitUntil([&] { return job.runs == 1; }));
    scheduler.stop();
    spinFor(30);
    EXPECT_EQ(finishedAll.count(), 0) << "a job is still running";

    job.pending(JobResult::success(u"first"_s));
    job.pending(JobResult::success(u"second"_s));
    ASSERT_TRUE(waitUntil([&] { return finishedAll.count() == 1; }));
    EXPECT_EQ(finishedJobs.count(), 1);
    EXPECT_EQ(scheduler.job(u"long"_s)->lastResult, u"first"_s);
}

TEST_P(SchedulerTest, ATrackedRunGetsItsProgressObjectWhichCancelReachesWhileItRuns)
{
    Scheduler scheduler(db(), &clock);
    std::shared_ptr<TaskProgress> seen;
    JobDefinition::Done pending;
    JobDefinition job;
    job.name = u"reconcile"_s;
    job.title = "Reconcile";
    job.progressTitle = "Reconciling";
    job.cancellable = true;
    job.runTracked = [&](std::shared_ptr<TaskProgress> progress, JobDefinition::Done done) {
        seen = progress;
        progress->setTotal(40);
        progress->setDone(12);
        pending = done;
    };
    scheduler.registerJob(job);
    CountingJob plain;
    scheduler.registerJob(plain.definition(u"plain"_s, 0));
    plain.holdOpen = true;
    ASSERT_TRUE(scheduler.start().ok());

    EXPECT_EQ(scheduler.progress(u"reconcile"_s), nullptr) << "not running";
    EXPECT_FALSE(scheduler.cancel(u"reconcile"_s));
    std::optional<JobResult> outcome;
    scheduler.runNow(u"reconcile"_s, [&outcome](const JobResult &result) { outcome = result; });
    ASSERT_TRUE(waitUntil([&] { return seen != nullptr; }));
    EXPECT_EQ(scheduler.progress(u"reconcile"_s), seen) << "the same object the run reports to";
    EXPECT_EQ(scheduler.progressTitle(u"reconcile"_s), u"Reconciling"_s);
    EXPECT_EQ(scheduler.progressTitle(u"plain"_s), u"Counting job"_s) << "the title when none is given";
    EXPECT_TRUE(scheduler.isCancellable(u"reconcile"_s));
    EXPECT_EQ(seen->done(), 12);
    EXPECT_EQ(seen->total(), 40);
    EXPECT_FALSE(seen->cancelRequested());
    EXPECT_TRUE(scheduler.cancel(u"reconcile"_s));
    EXPECT_TRUE(seen->cancelRequested());

    // A job that does not say it can be cancelled is not.
    scheduler.runNow(u"plain"_s, {});
    ASSERT_TRUE(waitUntil([&] { return plain.runs == 1; }));
    ASSERT_NE(scheduler.progress(u"plain"_s), nullptr);
    EXPECT_FALSE(scheduler.isCancellable(u"plain"_s));
    EXPECT_FALSE(scheduler.cancel(u"plain"_s));
    EXPECT_FALSE(scheduler.progress(u"plain"_s)->cancelRequested());
    plain.pending(JobResult::success());

    pending(JobResult::failure(u"stopped"_s));
    ASSERT_TRUE(waitUntil([&] { return outcome.has_value(); }));
    EXPECT_EQ(scheduler.progress(u"reconcile"_s), nullptr) << "forgotten once the run is over";
    EXPECT_EQ(scheduler.job(u"reconcile"_s)->lastResult, u"stopped"_s);
}

TEST_P(SchedulerTest, StopAsksACancellableRunToStopAndWaitsForIt)
{
    Scheduler scheduler(db(), &clock);
    std::shared_ptr<TaskProgress> seen;
    JobDefinition::Done pending;
    JobDefinition job;
    job.name = u"cleanup"_s;
    job.title = "Cleanup";
    job.cancellable = true;
    job.runTracked = [&](std::shared_ptr<TaskProgress> progress, JobDefinition::Done done) {
        seen = progress;
        pending = done;
    };
    scheduler.registerJob(job);
    ASSERT_TRUE(scheduler.start().ok());
    scheduler.runNow(u"cleanup"_s, {});
    ASSERT_TRUE(waitUntil([&] { return seen != nullptr; }));
    QSignalSpy all(&scheduler, &Scheduler::finishedAll);
    scheduler.stop();
    EXPECT_TRUE(seen->cancelRequested());
    QCoreApplication::processEvents();
    EXPECT_EQ(all.size(), 0) << "the run is still going";
    pending(JobResult::cancelledAfter(Message::of(u"job.api-log-removed"_s, {u"5"_s, u"30"_s})));
    ASSERT_TRUE(waitUntil([&] { return all.size() == 1; }));
    EXPECT_FALSE(scheduler.job(u"cleanup"_s)->lastOk);
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(SchedulerTest);
