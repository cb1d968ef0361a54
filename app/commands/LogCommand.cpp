// `bottega log list [--service S] [--status-class 2xx|4xx|5xx|failed] [--since T] [--limit N]` and
// `bottega log cleanup`: the API log (LOG-1..3) from the terminal. The cleanup is the one the
// scheduler's cleanup-api-log job runs (ApiLogRepository::deleteOlderThanDays, in chunks).
#include "app/CommandLine.h"
#include "app/Output.h"
#include "app/Runtime.h"
#include "app/commands/Command.h"
#include "core/domain/Clock.h"
#include "core/settings/Settings.h"
#include "core/store/ApiLogRepository.h"
#include "core/store/Database.h"
#include "ui/models/ApiLogText.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Bottega::Commands {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("Bottega::Commands", text, nullptr, n);
}

constexpr int defaultLimit = 100;

int usage()
{
    Output::error(tr("usage: bottega log list [--service S] [--status-class 2xx|4xx|5xx|failed] [--since T] "
                     "[--limit N] | cleanup"));
    return ExitUsage;
}

// "30m", "24h", "7d" before now; an ISO date (from its local midnight) or date and time (local
// unless it says its zone). Invalid when it is none of them.
QDateTime parseSince(const QString &text, const QDateTime &now)
{
    static const QRegularExpression relative(u"^(\\d{1,6})([mhd])$"_s);
    if (const auto match = relative.match(text); match.hasMatch()) {
        const qint64 amount = match.captured(1).toLongLong();
        const QChar unit = match.captured(2).at(0);
        const qint64 seconds = unit == u'm' ? 60 : unit == u'h' ? 3600 : 86400;
        return now.addSecs(-amount * seconds);
    }
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (date.isValid() && text.size() == 10)
        return QDateTime(date, QTime(0, 0));
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    return time;
}

QJsonObject rowJson(const ApiLogEntry &entry)
{
    return QJsonObject {
            {u"id"_s, entry.id},
            {u"time"_s, entry.time.toUTC().toString(Qt::ISODateWithMs)},
            {u"direction"_s,
             entry.direction == ApiLogEntry::Direction::Inbound ? u"inbound"_s : u"outbound"_s},
            {u"service"_s, entry.service},
            {u"method"_s, QString::fromLatin1(entry.method)},
            {u"url"_s, entry.url},
            {u"status"_s, entry.status},
            {u"statusText"_s, ApiLogText::status(entry.status)},
            {u"durationMs"_s, entry.durationMs},
            {u"requestSize"_s, entry.requestSize},
            {u"responseSize"_s, entry.responseSize},
            {u"attempts"_s, entry.attempts},
            {u"error"_s, entry.error},
    };
}

int list(Runtime &runtime, const CommandLine &commandLine)
{
    ApiLogRepository::Query query;
    query.limit = defaultLimit;
    if (commandLine.isSet(u"service"_s)) {
        static const QStringList services {u"gelato"_s, u"poleepo"_s, u"webhook"_s, u"files"_s, u"server"_s};
        query.service = commandLine.option(u"service"_s).toLower();
        if (!services.contains(query.service)) {
            Output::error(tr("--service: \"%1\" is not gelato, poleepo, webhook, files or server")
                                  .arg(commandLine.option(u"service"_s)));
            return ExitUsage;
        }
    }
    if (commandLine.isSet(u"status-class"_s)) {
        const QString statusClass = commandLine.option(u"status-class"_s).toLower();
        static const QRegularExpression classPattern(u"^([1-5])xx$"_s);
        if (const auto match = classPattern.match(statusClass); match.hasMatch()) {
            query.statusClass = match.captured(1).toInt();
        } else if (statusClass == u"failed"_s) {
            query.statusClass = -1;
        } else {
            Output::error(tr("--status-class: \"%1\" is not 2xx, 4xx, 5xx or failed")
                                  .arg(commandLine.option(u"status-class"_s)));
            return ExitUsage;
        }
    }
    if (commandLine.isSet(u"since"_s)) {
        query.from = parseSince(commandLine.option(u"since"_s), runtime.database().clock().now());
        if (!query.from.isValid()) {
            Output::error(tr("--since: \"%1\" is not a time (2026-12-01, 2026-12-01T08:00, or 30m, 24h, 7d "
                             "ago)")
                                  .arg(commandLine.option(u"since"_s)));
            return ExitUsage;
        }
    }
    if (commandLine.isSet(u"limit"_s)) {
        bool ok = false;
        query.limit = commandLine.option(u"limit"_s).toInt(&ok);
        if (!ok || query.limit <= 0) {
            Output::error(tr("--limit: \"%1\" is not a positive number").arg(commandLine.option(u"limit"_s)));
            return ExitUsage;
        }
    }
    const auto entries = ApiLogRepository(runtime.database()).listSummaries(query);
    if (!entries) {
        Output::error(entries.error());
        return ExitFailure;
    }
    if (commandLine.json) {
        QJsonArray rows;
        for (const ApiLogEntry &entry : *entries)
            rows.append(rowJson(entry));
        Output::json(rows);
        return ExitOk;
    }
    if (entries->isEmpty()) {
        Output::line(tr("No API log calls match."));
        return ExitOk;
    }
    QList<QStringList> table {{tr("ID"), tr("TIME"), tr("DIRECTION"), tr("SERVICE"), tr("METHOD"),
                               tr("ENDPOINT"), tr("STATUS"), tr("MS"), tr("ERROR")}};
    for (const ApiLogEntry &entry : *entries)
        table.append({QString::number(entry.id), Output::timeText(entry.time),
                      ApiLogText::direction(entry.direction), entry.service,
                      QString::fromLatin1(entry.method), entry.url, ApiLogText::status(entry.status),
                      QString::number(entry.durationMs), entry.error.section(u'\n', 0, 0)});
    Output::table(table);
    return ExitOk;
}

int cleanup(Runtime &runtime, const CommandLine &commandLine)
{
    const int days = runtime.settings().logRetentionDays();
    const auto removed = ApiLogRepository(runtime.database()).deleteOlderThanDays(days);
    if (!removed) {
        Output::error(removed.error());
        return ExitFailure;
    }
    if (commandLine.json)
        Output::json(QJsonObject {{u"removed"_s, *removed}, {u"retentionDays"_s, days}});
    else
        Output::line(tr("%n API log calls older than %1 days removed", int(*removed)).arg(days));
    return ExitOk;
}

} // namespace

void log(Runtime &runtime, const CommandLine &commandLine, CommandDone done)
{
    const QStringList &args = commandLine.arguments;
    const QString action = args.value(0);
    if (action == u"list"_s && args.size() == 1)
        return done(list(runtime, commandLine));
    if (action == u"cleanup"_s && args.size() == 1) {
        // The list's filters mean nothing here: refused rather than a cleanup the user did not ask for.
        if (!commandLine.optionNames.isEmpty()) {
            Output::error(tr("log cleanup does not take --%1").arg(commandLine.optionNames.constFirst()));
            return done(ExitUsage);
        }
        return done(cleanup(runtime, commandLine));
    }
    done(usage());
}

} // namespace Bottega::Commands
