// Scheduler: QTimer-driven periodic jobs (SCHED-1). The timers only decide *when*; each job's state
// (enabled, interval, last run, last result, next run) lives in the database, and a lease there
// makes sure two processes sharing one database never run the same job at once (SCHED-3).
// Long runs report their progress (done of total) to a TaskProgress per run, which the window's task
// list shows and through which a cancellable run is asked to stop (APP-5).
// Thread: owned by the main thread (its timers, its signals to the window); the app's jobs hand their
// work to the worker thread and call done back on this thread.
#pragma once

#include "core/domain/Message.h"
#include "core/domain/Result.h"
#include "core/scheduler/BackgroundTasks.h"

#include <QDateTime>
#include <QObject>
#include <functional>
#include <memory>

namespace Bottega {

class Clock;
class Database;

// A job's result: a fact (Message) stored as such and shown in the reader's language; an error
// text is a text message.
struct JobResult
{
    bool ok = true;
    Message message;
    bool cancelled = false; // stopped on request (APP-5): not ok, message says what it did
    static JobResult success(const Message &message = {}) { return {true, message}; }
    static JobResult failure(const Message &message) { return {false, message}; }
    // "Cancelled: <did>" (job.cancelled): a run stopped on request at a safe point.
    static JobResult cancelledAfter(const Message &did)
    {
        return {false, Message::of(QStringLiteral("job.cancelled"), {did.toStored()}), true};
    }
};

struct JobDefinition
{
    using Done = std::function<void(const JobResult &)>;
    using Run = std::function<void(Done done)>; // may finish later (network work); call done once

    QString name; // "process-webhooks", as in docs/cli.md
    const char *title = nullptr; // QT_TRANSLATE_NOOP("Bottega::Scheduler", "Process webhook queue")
    int defaultIntervalSeconds = 0; // 0: manual only
    int minIntervalSeconds = 0;
    bool enabledByDefault = true;
    Run run;

    // Long work (APP-5): runTracked, when set, is used instead of run and gets the run's progress
    // object, where it reports done of total and finds cancelRequested(); the Scheduler hands the same
    // object to whoever follows the run (the window's task list), under progressTitle
    // (QT_TRANSLATE_NOOP("Bottega::Scheduler", "Reconciling Gelato orders"); null: title).
    // cancellable: the run checks cancelRequested() between items or chunks, where stopping leaves
    // the data consistent, and then finishes with what it has done.
    using RunTracked = std::function<void(std::shared_ptr<TaskProgress> progress, Done done)>;
    RunTracked runTracked;
    const char *progressTitle = nullptr;
    bool cancellable = false;
};

struct JobState
{
    QString name;
    QString title; // translated
    bool enabled = true;
    int intervalSeconds = 0; // 0: manual only
    int minIntervalSeconds = 0;
    QDateTime lastRun; // invalid: never
    QString lastResult; // a stored Message: render it (core/messages/MessageText) to show it
    bool lastOk = true;
    QDateTime nextRun; // invalid: not scheduled
    bool running = false; // running in this or another process (lease held)
};

class Scheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Scheduler)

public:
    // clock: "now" for due times, leases and last runs; nullptr: the database's clock.
    explicit Scheduler(Database &database, const Clock *clock = nullptr, QObject *parent = nullptr);
    ~Scheduler() override;

    void registerJob(JobDefinition definition);
    QStringList jobNames() const;

    // Writes missing job rows with their defaults and starts the timer. Safe to call once.
    Result<void> start();
    // Stops starting new runs and asks the cancellable running ones to stop at their next safe
    // point; finishedAll() is emitted when running jobs are done (at once if none).
    void stop();
    bool isRunningAnyJob() const;

    Result<QList<JobState>> jobs() const;
    Result<JobState> job(const QString &name) const;

    // Runs a job now (holding the lease); done gets its result, or the reason it could not start
    // ("process-webhooks is already running in another process").
    void runNow(const QString &name, JobDefinition::Done done);
    Result<void> setEnabled(const QString &name, bool enabled);
    // Refuses an interval below the job's minimum, naming it.
    Result<void> setInterval(const QString &name, int seconds);

    // A job running in this process: its progress (null when it does not run here), its title for a
    // task list (translated), and whether it can be cancelled.
    std::shared_ptr<TaskProgress> progress(const QString &name) const;
    QString progressTitle(const QString &name) const;
    bool isCancellable(const QString &name) const;
    // Asks a cancellable job running here to stop at its next safe point; false when it does not
    // run here or cannot be cancelled. Its done still comes, with what it did.
    bool cancel(const QString &name);

    // Starts every enabled job that is due by the clock and not running anywhere: what the timer
    // does on each tick (a test that moved its clock calls it instead of waiting for a tick).
    void runDueJobs();
    // How often the timer looks for due jobs (tests make it short). Default 1 s.
    void setTickIntervalMs(int ms);
    // A unique id of this process for the lease ("host:pid:random").
    QString ownerId() const;

Q_SIGNALS:
    void jobStarted(const QString &name);
    void jobFinished(const QString &name, const Bottega::JobResult &result);
    void finishedAll();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Bottega
