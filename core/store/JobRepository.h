// JobRepository: the scheduler_jobs table, i.e. each job's persisted state and its lease. The lease
// is taken with one conditional UPDATE, so that two processes sharing a database (SQLite file or
// PostgreSQL) never both run the same job (SCHED-3).
#pragma once

#include "core/domain/Result.h"

#include <QList>
#include <QString>
#include <optional>

namespace Bottega {

class Database;

struct JobRow
{
    QString name;
    bool enabled = true;
    int intervalSeconds = 0;
    int minIntervalSeconds = 0;
    std::optional<qint64> lastRunAt; // ms since epoch, UTC
    QString lastResult;
    bool lastOk = true;
    std::optional<qint64> nextRunAt;
    QString leaseOwner;
    std::optional<qint64> leaseUntil;
};

class JobRepository final
{
public:
    explicit JobRepository(const Database &database);

    // Inserts the job with these defaults unless it exists; keeps the minimum interval current
    // (it is a property of the code, not a user setting) and raises a stored interval below it.
    Result<void> ensure(const JobRow &defaults);

    Result<QList<JobRow>> list() const;
    Result<std::optional<JobRow>> find(const QString &name) const;
    // Enabled periodic jobs whose next run is due and whose lease is free, in name order.
    Result<QStringList> due(qint64 nowMs) const;

    // Takes the lease if it is free or expired. false: someone else holds it.
    Result<bool> acquireLease(const QString &name, const QString &owner, qint64 nowMs, qint64 untilMs);
    Result<void> renewLease(const QString &name, const QString &owner, qint64 untilMs);
    // Records the run's result, schedules the next one and releases the lease.
    Result<void> finishRun(const QString &name, const QString &owner, qint64 ranAtMs, bool ok,
                           const QString &result, std::optional<qint64> nextRunAt);

    Result<void> setEnabled(const QString &name, bool enabled, std::optional<qint64> nextRunAt);
    Result<void> setInterval(const QString &name, int seconds, std::optional<qint64> nextRunAt);

private:
    const Database &m_database;
};

} // namespace Bottega
