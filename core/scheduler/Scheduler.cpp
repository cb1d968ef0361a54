#include "core/scheduler/Scheduler.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/JobRepository.h"

#include <QCoreApplication>
#include <QHash>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>
#include <map>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcScheduler, "bottega.scheduler")

namespace Bottega {

namespace {

// A run holds its lease this long and renews it while it runs, so a crashed process frees the
// job within a few minutes.
constexpr qint64 leaseMs = 5 * 60 * 1000;
constexpr int leaseRenewMs = 60 * 1000;
constexpr int maxIntervalSeconds = 31 * 24 * 3600;

} // namespace

struct Scheduler::Private
{
    Database &database;
    const Clock *clock;
    JobRepository repository;
    std::map<QString, JobDefinition> definitions;
    QStringList order;
    QSet<QString> running;
    QHash<QString, std::shared_ptr<TaskProgress>> progress; // of the runs of this process
    QTimer tick;
    QTimer renew;
    QString owner;
    bool started = false;
    bool ensured = false;
    bool stopping = false;

    Private(Database &db, const Clock *c) : database(db), clock(c ? c : &db.clock()), repository(db) { }

    std::optional<qint64> nextRunFrom(qint64 nowMs, int intervalSeconds, bool enabled) const
    {
        if (!enabled || intervalSeconds <= 0)
            return std::nullopt;
        return nowMs + qint64(intervalSeconds) * 1000;
    }

    // Writes missing job rows with their defaults, once per process.
    Result<void> ensureRows()
    {
        if (ensured)
            return {};
        const qint64 now = clock->nowMs();
        for (const QString &name : std::as_const(order)) {
            const JobDefinition &definition = definitions.at(name);
            JobRow defaults;
            defaults.name = name;
            defaults.enabled = definition.enabledByDefault;
            defaults.intervalSeconds = definition.defaultIntervalSeconds;
            defaults.minIntervalSeconds = definition.minIntervalSeconds;
            defaults.nextRunAt
                    = nextRunFrom(now, definition.defaultIntervalSeconds, definition.enabledByDefault);
            if (auto result = repository.ensure(defaults); !result)
                return result;
        }
        ensured = true;
        return {};
    }

    Result<JobState> stateFrom(const JobRow &row) const
    {
        JobState state;
        state.name = row.name;
        const auto it = definitions.find(row.name);
        state.title = it != definitions.end() && it->second.title
                ? QCoreApplication::translate("Bottega::Scheduler", it->second.title)
                : row.name;
        state.enabled = row.enabled;
        state.intervalSeconds = row.intervalSeconds;
        state.minIntervalSeconds = row.minIntervalSeconds;
        if (row.lastRunAt)
            state.lastRun = QDateTime::fromMSecsSinceEpoch(*row.lastRunAt, Qt::UTC);
        state.lastResult = row.lastResult;
        state.lastOk = row.lastOk;
        if (row.nextRunAt)
            state.nextRun = QDateTime::fromMSecsSinceEpoch(*row.nextRunAt, Qt::UTC);
        state.running = running.contains(row.name) || (row.leaseUntil && *row.leaseUntil >= clock->nowMs());
        return state;
    }
};

Scheduler::Scheduler(Database &database, const Clock *clock, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(database, clock))
{
    d->owner = u"%1:%2:%3"_s.arg(QHostInfo::localHostName())
                       .arg(QCoreApplication::applicationPid())
                       .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    d->tick.setInterval(1000);
    connect(&d->tick, &QTimer::timeout, this, &Scheduler::runDueJobs);
    d->renew.setInterval(leaseRenewMs);
    connect(&d->renew, &QTimer::timeout, this, [this] {
        for (const QString &name : std::as_const(d->running)) {
            const auto renewed = d->repository.renewLease(name, d->owner, d->clock->nowMs() + leaseMs);
            if (!renewed)
                qCWarning(lcScheduler) << renewed.error();
        }
    });
}

Scheduler::~Scheduler() = default;

void Scheduler::runDueJobs()
{
    if (d->stopping)
        return;
    const auto due = d->repository.due(d->clock->nowMs());
    if (!due) {
        qCWarning(lcScheduler) << due.error();
        return;
    }
    for (const QString &name : *due) {
        if (d->definitions.count(name) && !d->running.contains(name))
            runNow(name, {});
    }
}

void Scheduler::registerJob(JobDefinition definition)
{
    const QString name = definition.name;
    if (!d->definitions.count(name))
        d->order.append(name);
    d->definitions[name] = std::move(definition);
    d->ensured = false;
}

QStringList Scheduler::jobNames() const
{
    return d->order;
}

Result<void> Scheduler::start()
{
    if (auto ensured = d->ensureRows(); !ensured)
        return ensured;
    d->stopping = false;
    if (!d->started) {
        d->started = true;
        d->tick.start();
    }
    return {};
}

void Scheduler::stop()
{
    d->stopping = true;
    d->tick.stop();
    // A shutdown does not wait for the whole of a long run: the cancellable ones stop at their next
    // safe point, keeping what they did.
    for (const QString &name : std::as_const(d->running))
        (void)cancel(name);
    if (d->running.isEmpty())
        QTimer::singleShot(0, this, [this] { Q_EMIT finishedAll(); });
}

bool Scheduler::isRunningAnyJob() const
{
    return !d->running.isEmpty();
}

Result<QList<JobState>> Scheduler::jobs() const
{
    if (auto ensured = d->ensureRows(); !ensured)
        return makeError(ensured.error());
    const auto rows = d->repository.list();
    if (!rows)
        return makeError(rows.error());
    QList<JobState> states;
    // Registered jobs first, in registration order; rows of jobs this build does not know follow.
    for (const QString &name : std::as_const(d->order)) {
        for (const JobRow &row : *rows) {
            if (row.name == name)
                states.append(*d->stateFrom(row));
        }
    }
    for (const JobRow &row : *rows) {
        if (!d->definitions.count(row.name))
            states.append(*d->stateFrom(row));
    }
    return states;
}

Result<JobState> Scheduler::job(const QString &name) const
{
    if (auto ensured = d->ensureRows(); !ensured)
        return makeError(ensured.error());
    const auto row = d->repository.find(name);
    if (!row)
        return makeError(row.error());
    if (!row->has_value() || !d->definitions.count(name))
        return makeError(tr("unknown job \"%1\"; known jobs: %2").arg(name, d->order.join(u", "_s)));
    return d->stateFrom(**row);
}

void Scheduler::runNow(const QString &name, JobDefinition::Done done)
{
    auto fail = [this, done](const QString &message) {
        if (done)
            QTimer::singleShot(0, this, [done, message] { done(JobResult::failure(message)); });
    };
    const auto it = d->definitions.find(name);
    if (it == d->definitions.end()) {
        fail(tr("unknown job \"%1\"; known jobs: %2").arg(name, d->order.join(u", "_s)));
        return;
    }
    if (d->running.contains(name)) {
        fail(tr("%1 is already running").arg(name));
        return;
    }
    if (auto ensured = d->ensureRows(); !ensured) {
        fail(ensured.error());
        return;
    }
    const qint64 startedAt = d->clock->nowMs();
    const auto acquired = d->repository.acquireLease(name, d->owner, startedAt, startedAt + leaseMs);
    if (!acquired) {
        fail(acquired.error());
        return;
    }
    if (!*acquired) {
        fail(tr("%1 is already running in another process").arg(name));
        return;
    }

    d->running.insert(name);
    auto progress = std::make_shared<TaskProgress>();
    d->progress.insert(name, progress);
    if (!d->renew.isActive())
        d->renew.start();
    qCDebug(lcScheduler) << "running" << name;
    Q_EMIT jobStarted(name);

    auto finished = std::make_shared<bool>(false);
    QPointer<Scheduler> self(this);
    JobDefinition::Done complete = [self, name, startedAt, done, finished](const JobResult &result) {
        if (*finished || !self)
            return;
        *finished = true;
        Private &p = *self->d;
        const auto row = p.repository.find(name);
        const int interval = row && row->has_value() ? (*row)->intervalSeconds : 0;
        const bool enabled = row && row->has_value() ? (*row)->enabled : false;
        const qint64 now = p.clock->nowMs();
        const auto recorded
                = p.repository.finishRun(name, p.owner, startedAt, result.ok, result.message.toStored(),
                                         p.nextRunFrom(now, interval, enabled));
        if (!recorded)
            qCWarning(lcScheduler) << recorded.error();
        p.running.remove(name);
        p.progress.remove(name);
        if (p.running.isEmpty())
            p.renew.stop();
        Q_EMIT self->jobFinished(name, result);
        if (done)
            done(result);
        if (p.stopping && p.running.isEmpty())
            Q_EMIT self->finishedAll();
    };
    // The job body runs from the event loop, never inside the caller's stack.
    const JobDefinition::Run run = it->second.run;
    const JobDefinition::RunTracked runTracked = it->second.runTracked;
    QTimer::singleShot(0, this, [run, runTracked, progress, complete] {
        if (runTracked)
            runTracked(progress, complete);
        else if (run)
            run(complete);
        else
            complete(JobResult::failure(tr("the job has nothing to run")));
    });
}

std::shared_ptr<TaskProgress> Scheduler::progress(const QString &name) const
{
    return d->progress.value(name);
}

QString Scheduler::progressTitle(const QString &name) const
{
    const auto it = d->definitions.find(name);
    if (it == d->definitions.end())
        return name;
    const char *title = it->second.progressTitle ? it->second.progressTitle : it->second.title;
    return title ? QCoreApplication::translate("Bottega::Scheduler", title) : name;
}

bool Scheduler::isCancellable(const QString &name) const
{
    const auto it = d->definitions.find(name);
    return it != d->definitions.end() && it->second.cancellable;
}

bool Scheduler::cancel(const QString &name)
{
    const auto progress = d->progress.value(name);
    if (!progress || !isCancellable(name))
        return false;
    progress->requestCancel();
    return true;
}

Result<void> Scheduler::setEnabled(const QString &name, bool enabled)
{
    const auto state = job(name);
    if (!state)
        return makeError(state.error());
    return d->repository.setEnabled(name, enabled,
                                    d->nextRunFrom(d->clock->nowMs(), state->intervalSeconds, enabled));
}

Result<void> Scheduler::setInterval(const QString &name, int seconds)
{
    const auto state = job(name);
    if (!state)
        return makeError(state.error());
    if (seconds < 0 || seconds > maxIntervalSeconds)
        return makeError(tr("%1: interval %2 s is out of range 0–%3 s")
                                 .arg(name)
                                 .arg(seconds)
                                 .arg(maxIntervalSeconds));
    if (seconds == 0 && state->minIntervalSeconds > 0)
        return makeError(tr("%1 cannot be manual only: its interval must be at least %2 s")
                                 .arg(name)
                                 .arg(state->minIntervalSeconds));
    if (seconds > 0 && seconds < state->minIntervalSeconds)
        return makeError(tr("%1: interval %2 s is below the minimum of %3 s")
                                 .arg(name)
                                 .arg(seconds)
                                 .arg(state->minIntervalSeconds));
    return d->repository.setInterval(name, seconds,
                                     d->nextRunFrom(d->clock->nowMs(), seconds, state->enabled));
}

void Scheduler::setTickIntervalMs(int ms)
{
    d->tick.setInterval(ms);
}

QString Scheduler::ownerId() const
{
    return d->owner;
}

} // namespace Bottega
