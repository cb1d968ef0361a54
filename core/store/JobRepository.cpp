#include "core/store/JobRepository.h"

#include "core/store/Database.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

Error sqlError(const QSqlQuery &query, const char *what)
{
    return makeError(QCoreApplication::translate("Bottega::JobRepository", "scheduler: cannot %1: %2")
                             .arg(QLatin1StringView(what), query.lastError().text()));
}

QVariant optionalValue(const std::optional<qint64> &value)
{
    return value ? QVariant::fromValue(*value) : QVariant(QMetaType::fromType<qint64>());
}

std::optional<qint64> optionalFrom(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

JobRow rowFrom(const QSqlQuery &query)
{
    JobRow row;
    row.name = query.value(0).toString();
    row.enabled = query.value(1).toInt() != 0;
    row.intervalSeconds = query.value(2).toInt();
    row.minIntervalSeconds = query.value(3).toInt();
    row.lastRunAt = optionalFrom(query.value(4));
    row.lastResult = query.value(5).toString();
    row.lastOk = query.value(6).isNull() || query.value(6).toInt() != 0;
    row.nextRunAt = optionalFrom(query.value(7));
    row.leaseOwner = query.value(8).toString();
    row.leaseUntil = optionalFrom(query.value(9));
    return row;
}

constexpr auto selectColumns = "SELECT name, enabled, interval_seconds, min_interval_seconds, last_run_at, "
                               "last_result, last_ok, next_run_at, lease_owner, lease_until "
                               "FROM scheduler_jobs"_L1;

} // namespace

JobRepository::JobRepository(const Database &database) : m_database(database) { }

Result<void> JobRepository::ensure(const JobRow &defaults)
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"INSERT INTO scheduler_jobs (name, enabled, interval_seconds, min_interval_seconds, "
                  "next_run_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING"_s);
    query.addBindValue(defaults.name);
    query.addBindValue(defaults.enabled ? 1 : 0);
    query.addBindValue(defaults.intervalSeconds);
    query.addBindValue(defaults.minIntervalSeconds);
    query.addBindValue(optionalValue(defaults.nextRunAt));
    if (!query.exec())
        return sqlError(query, "register a job");

    QSqlQuery update(m_database.connection());
    update.prepare(u"UPDATE scheduler_jobs SET min_interval_seconds = ?, interval_seconds = CASE "
                   "WHEN interval_seconds > 0 AND interval_seconds < ? THEN ? ELSE interval_seconds END "
                   "WHERE name = ?"_s);
    update.addBindValue(defaults.minIntervalSeconds);
    update.addBindValue(defaults.minIntervalSeconds);
    update.addBindValue(defaults.minIntervalSeconds);
    update.addBindValue(defaults.name);
    if (!update.exec())
        return sqlError(update, "update a job");
    return {};
}

Result<QList<JobRow>> JobRepository::list() const
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(selectColumns + " ORDER BY name"_L1))
        return sqlError(query, "list jobs");
    QList<JobRow> rows;
    while (query.next())
        rows.append(rowFrom(query));
    return rows;
}

Result<std::optional<JobRow>> JobRepository::find(const QString &name) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(selectColumns + " WHERE name = ?"_L1);
    query.addBindValue(name);
    if (!query.exec())
        return sqlError(query, "read a job");
    if (!query.next())
        return std::optional<JobRow>();
    return std::optional<JobRow>(rowFrom(query));
}

Result<QStringList> JobRepository::due(qint64 nowMs) const
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"SELECT name FROM scheduler_jobs WHERE enabled = 1 AND interval_seconds > 0 "
                  "AND next_run_at IS NOT NULL AND next_run_at <= ? "
                  "AND (lease_until IS NULL OR lease_until < ?) ORDER BY name"_s);
    query.addBindValue(nowMs);
    query.addBindValue(nowMs);
    if (!query.exec())
        return sqlError(query, "find due jobs");
    QStringList names;
    while (query.next())
        names.append(query.value(0).toString());
    return names;
}

Result<bool> JobRepository::acquireLease(const QString &name, const QString &owner, qint64 nowMs,
                                         qint64 untilMs)
{
    // One statement: the database serializes it, so of two processes only one sees a row changed.
    QSqlQuery query(m_database.connection());
    query.prepare(u"UPDATE scheduler_jobs SET lease_owner = ?, lease_until = ? "
                  "WHERE name = ? AND (lease_until IS NULL OR lease_until < ?)"_s);
    query.addBindValue(owner);
    query.addBindValue(untilMs);
    query.addBindValue(name);
    query.addBindValue(nowMs);
    if (!query.exec())
        return sqlError(query, "take the job lease");
    return query.numRowsAffected() == 1;
}

Result<void> JobRepository::renewLease(const QString &name, const QString &owner, qint64 untilMs)
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"UPDATE scheduler_jobs SET lease_until = ? WHERE name = ? AND lease_owner = ?"_s);
    query.addBindValue(untilMs);
    query.addBindValue(name);
    query.addBindValue(owner);
    if (!query.exec())
        return sqlError(query, "renew the job lease");
    return {};
}

Result<void> JobRepository::finishRun(const QString &name, const QString &owner, qint64 ranAtMs, bool ok,
                                      const QString &result, std::optional<qint64> nextRunAt)
{
    QSqlQuery query(m_database.connection());
    query.prepare(
            u"UPDATE scheduler_jobs SET last_run_at = ?, last_ok = ?, last_result = ?, next_run_at = ?, "
            "lease_owner = NULL, lease_until = NULL WHERE name = ? AND lease_owner = ?"_s);
    query.addBindValue(ranAtMs);
    query.addBindValue(ok ? 1 : 0);
    query.addBindValue(result);
    query.addBindValue(optionalValue(nextRunAt));
    query.addBindValue(name);
    query.addBindValue(owner);
    if (!query.exec())
        return sqlError(query, "record the job result");
    return {};
}

Result<void> JobRepository::setEnabled(const QString &name, bool enabled, std::optional<qint64> nextRunAt)
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"UPDATE scheduler_jobs SET enabled = ?, next_run_at = ? WHERE name = ?"_s);
    query.addBindValue(enabled ? 1 : 0);
    query.addBindValue(optionalValue(nextRunAt));
    query.addBindValue(name);
    if (!query.exec())
        return sqlError(query, "enable or disable a job");
    return {};
}

Result<void> JobRepository::setInterval(const QString &name, int seconds, std::optional<qint64> nextRunAt)
{
    QSqlQuery query(m_database.connection());
    query.prepare(u"UPDATE scheduler_jobs SET interval_seconds = ?, next_run_at = ? WHERE name = ?"_s);
    query.addBindValue(seconds);
    query.addBindValue(optionalValue(nextRunAt));
    query.addBindValue(name);
    if (!query.exec())
        return sqlError(query, "change a job interval");
    return {};
}

} // namespace Bottega
