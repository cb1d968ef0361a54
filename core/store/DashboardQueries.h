// DashboardQueries: the dashboard's figures (APP-1), each counted by the database in one GROUP BY:
// orders by state, webhook calls by state and day, product batches by state, API errors by service
// and day; plus a change marker, a handful of index lookups that say whether any of them may have
// changed since it was last read, so the dashboard re-counts only when something happened.
#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

namespace Bottega {

class Database;

// The last `days` local calendar days up to and including today's, as [start, end) boundaries in
// UTC: days + 1 instants, local midnights (so a day that changes the clock hour is still one day).
struct DayRange
{
    QList<QDate> days;
    QList<QDateTime> boundaries; // days.size() + 1

    static DayRange lastDays(const QDateTime &now, int days);
    QDateTime start() const { return boundaries.isEmpty() ? QDateTime() : boundaries.first(); }
    QDateTime end() const { return boundaries.isEmpty() ? QDateTime() : boundaries.last(); }
};

// Counts per day for each key (a state, a service): series[key][i] counts days[i].
struct DailyCounts
{
    QList<QDate> days;
    QMap<QString, QList<qint64>> series;

    qint64 total() const;
    qint64 total(const QString &key) const;
};

class DashboardQueries final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::DashboardQueries)

public:
    // What changes when any figure may have changed. Equal markers: nothing to re-count (changes by
    // other processes to existing orders are told apart only by the next marker that differs).
    struct ChangeMarker
    {
        qint64 lastOrder = 0; // newest order id
        qint64 firstWebhook = 0; // oldest queue id: clean up removes from the start
        qint64 lastWebhook = 0;
        qint64 openWebhooks = 0; // Pending or Processing: falls as calls are processed
        qint64 failedWebhooks = 0; // rises when one fails, falls when retried
        qint64 lastBatch = 0;
        qint64 batchProgress = 0; // batches' processed counts and polls: moves while polling
        qint64 lastApiCall = 0;

        friend bool operator==(const ChangeMarker &, const ChangeMarker &) = default;
    };

    explicit DashboardQueries(const Database &database);

    // Every order's local state with how many orders are in it (states without orders absent).
    Result<QMap<QString, qint64>> ordersByState();
    // Webhook calls received in each day of `range`, by queue state ("Pending", "Done", ...).
    Result<DailyCounts> webhooksByStateAndDay(const DayRange &range);
    // Product batches by status ("new", "PENDING", "PROCESSING", "COMPLETED", "FAILED").
    Result<QMap<QString, qint64>> batchesByState();
    // API calls that failed (no answer) or were answered 4xx/5xx, in each day of `range`, by service.
    Result<DailyCounts> apiErrorsByServiceAndDay(const DayRange &range);
    Result<ChangeMarker> changeMarker();

private:
    // Counts grouped by `keyColumn` and the day of `timeColumn`, for rows matching `where`.
    Result<DailyCounts> countByDay(const QString &table, const QString &keyColumn, const QString &timeColumn,
                                   const QString &where, const DayRange &range, const QString &what);

    const Database &m_database;
};

} // namespace Bottega
