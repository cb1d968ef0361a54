#include "core/store/DashboardQueries.h"

#include "core/store/Database.h"
#include "core/store/SqlStatement.h"

#include <QTimeZone>
#include <QVariantList>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// Counts by one key column into a map.
Result<QMap<QString, qint64>> countBy(const Database &database, const QString &sql, const QString &what)
{
    SqlStatement select(database.connection(), sql);
    if (auto r = select.exec(what); !r)
        return makeError(r.error());
    QMap<QString, qint64> counts;
    while (select.next())
        counts.insert(select.text(u"k"_s), select.integer(u"n"_s));
    return counts;
}

} // namespace

DayRange DayRange::lastDays(const QDateTime &now, int days)
{
    DayRange range;
    const QDate today = now.toLocalTime().date();
    for (int i = days - 1; i >= 0; --i)
        range.days.append(today.addDays(-i));
    for (const QDate &day : std::as_const(range.days))
        range.boundaries.append(day.startOfDay().toUTC());
    if (!range.days.isEmpty())
        range.boundaries.append(today.addDays(1).startOfDay().toUTC());
    return range;
}

qint64 DailyCounts::total() const
{
    qint64 sum = 0;
    for (auto it = series.cbegin(); it != series.cend(); ++it)
        for (const qint64 count : it.value())
            sum += count;
    return sum;
}

qint64 DailyCounts::total(const QString &key) const
{
    qint64 sum = 0;
    for (const qint64 count : series.value(key))
        sum += count;
    return sum;
}

DashboardQueries::DashboardQueries(const Database &database) : m_database(database) { }

Result<QMap<QString, qint64>> DashboardQueries::ordersByState()
{
    return countBy(m_database, u"SELECT state AS k, COUNT(*) AS n FROM sales_orders GROUP BY state"_s,
                   tr("cannot count the orders by state"));
}

Result<QMap<QString, qint64>> DashboardQueries::batchesByState()
{
    return countBy(m_database, u"SELECT status AS k, COUNT(*) AS n FROM product_batches GROUP BY status"_s,
                   tr("cannot count the batches by state"));
}

Result<DailyCounts> DashboardQueries::webhooksByStateAndDay(const DayRange &range)
{
    return countByDay(u"webhook_queue"_s, u"state"_s, u"received_at"_s, QString(), range,
                      tr("cannot count the webhook calls by day"));
}

Result<DailyCounts> DashboardQueries::apiErrorsByServiceAndDay(const DayRange &range)
{
    return countByDay(u"api_log"_s, u"service"_s, u"at"_s, u"(status = 0 OR status >= 400)"_s, range,
                      tr("cannot count the API errors by day"));
}

Result<DailyCounts> DashboardQueries::countByDay(const QString &table, const QString &keyColumn,
                                                 const QString &timeColumn, const QString &where,
                                                 const DayRange &range, const QString &what)
{
    DailyCounts counts;
    counts.days = range.days;
    if (range.days.isEmpty())
        return counts;
    // The day's index from the local midnights, so that the database needs no time zone: one CASE
    // branch per day boundary, the rows already limited to the range.
    QVariantList values;
    QString day = u"CASE"_s;
    for (int i = 1; i < range.boundaries.size() - 1; ++i) {
        day += u" WHEN %1 < ? THEN %2"_s.arg(timeColumn).arg(i - 1);
        values.append(range.boundaries.at(i).toMSecsSinceEpoch());
    }
    day += u" ELSE %1 END"_s.arg(range.days.size() - 1);
    QString sql = u"SELECT %1 AS k, %2 AS d, COUNT(*) AS n FROM %3 WHERE %4 >= ? AND %4 < ?"_s.arg(
            keyColumn, day, table, timeColumn);
    values.append(range.start().toMSecsSinceEpoch());
    values.append(range.end().toMSecsSinceEpoch());
    if (!where.isEmpty())
        sql += u" AND "_s + where;
    sql += u" GROUP BY 1, 2"_s;

    SqlStatement select(m_database.connection(), sql);
    select.bindAll(values);
    if (auto r = select.exec(what); !r)
        return makeError(r.error());
    while (select.next()) {
        const QString key = select.text(u"k"_s);
        const qint64 index = select.integer(u"d"_s);
        auto it = counts.series.find(key);
        if (it == counts.series.end())
            it = counts.series.insert(key, QList<qint64>(range.days.size(), 0));
        if (index >= 0 && index < it->size())
            (*it)[index] += select.integer(u"n"_s);
    }
    return counts;
}

Result<DashboardQueries::ChangeMarker> DashboardQueries::changeMarker()
{
    // Each part is an index lookup or a count over a small set (open and failed calls, batches).
    // The batches' status lengths tell its states apart (new 3, PENDING 7, PROCESSING 10,
    // COMPLETED 9, FAILED 6), so their sum moves when a batch moves on.
    SqlStatement select(
            m_database.connection(),
            u"SELECT (SELECT COALESCE(MAX(id), 0) FROM sales_orders) AS last_order, "
            "(SELECT COALESCE(MIN(id), 0) FROM webhook_queue) AS first_webhook, "
            "(SELECT COALESCE(MAX(id), 0) FROM webhook_queue) AS last_webhook, "
            "(SELECT COUNT(*) FROM webhook_queue WHERE state IN ('Pending', 'Processing')) AS open_webhooks, "
            "(SELECT COUNT(*) FROM webhook_queue WHERE state = 'Failed') AS failed_webhooks, "
            "(SELECT COALESCE(MAX(id), 0) FROM product_batches) AS last_batch, "
            "(SELECT COALESCE(SUM(processed + poll_count + LENGTH(status)), 0) FROM product_batches) "
            "AS batch_progress, "
            "(SELECT COALESCE(MAX(id), 0) FROM api_log) AS last_api_call"_s);
    if (auto r = select.exec(tr("cannot read what changed for the dashboard")); !r)
        return makeError(r.error());
    ChangeMarker marker;
    if (select.next()) {
        marker.lastOrder = select.integer(u"last_order"_s);
        marker.firstWebhook = select.integer(u"first_webhook"_s);
        marker.lastWebhook = select.integer(u"last_webhook"_s);
        marker.openWebhooks = select.integer(u"open_webhooks"_s);
        marker.failedWebhooks = select.integer(u"failed_webhooks"_s);
        marker.lastBatch = select.integer(u"last_batch"_s);
        marker.batchProgress = select.integer(u"batch_progress"_s);
        marker.lastApiCall = select.integer(u"last_api_call"_s);
    }
    return marker;
}

} // namespace Bottega
