// `bottega job list | run NAME | set NAME --interval SECONDS | --enabled true|false`: the scheduler.
#include "app/CommandLine.h"
#include "app/Output.h"
#include "app/Runtime.h"
#include "app/commands/Command.h"
#include "core/messages/MessageText.h"
#include "core/scheduler/Scheduler.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bottega::Commands {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Bottega::Commands", text);
}

QString intervalText(int seconds)
{
    return seconds > 0 ? tr("%1 s").arg(seconds) : tr("manual");
}

void list(Runtime &runtime, bool json, const CommandDone &done)
{
    const auto jobs = runtime.scheduler().jobs();
    if (!jobs) {
        Output::error(jobs.error());
        return done(ExitFailure);
    }
    QJsonArray rows;
    QList<QStringList> table {
            {tr("JOB"), tr("ENABLED"), tr("INTERVAL"), tr("LAST RUN"), tr("NEXT RUN"), tr("LAST RESULT")}};
    for (const JobState &job : *jobs) {
        rows.append(QJsonObject {{u"name"_s, job.name},
                                 {u"title"_s, job.title},
                                 {u"enabled"_s, job.enabled},
                                 {u"intervalSeconds"_s, job.intervalSeconds},
                                 {u"minIntervalSeconds"_s, job.minIntervalSeconds},
                                 {u"lastRun"_s, Output::time(job.lastRun)},
                                 {u"lastResult"_s, MessageText::renderStored(job.lastResult)},
                                 {u"lastResultMessage"_s, Output::storedMessage(job.lastResult)},
                                 {u"lastOk"_s, job.lastOk},
                                 {u"nextRun"_s, Output::time(job.nextRun)},
                                 {u"running"_s, job.running}});
        const QString lastResult = MessageText::renderStored(job.lastResult);
        const QString result = job.lastRun.isValid()
                ? (job.lastOk ? lastResult : tr("failed: %1").arg(lastResult))
                : QString();
        table.append({job.name, job.enabled ? tr("yes") : tr("no"), intervalText(job.intervalSeconds),
                      Output::timeText(job.lastRun), Output::timeText(job.nextRun), result});
    }
    if (json)
        Output::json(rows);
    else
        Output::table(table);
    done(ExitOk);
}

void set(Runtime &runtime, const CommandLine &commandLine, const CommandDone &done)
{
    const QString name = commandLine.arguments.at(1);
    if (!commandLine.isSet(u"interval"_s) && !commandLine.isSet(u"enabled"_s)) {
        Output::error(tr("job set needs --interval SECONDS or --enabled true|false"));
        return done(ExitUsage);
    }
    if (commandLine.isSet(u"interval"_s)) {
        bool ok = false;
        const int seconds = commandLine.option(u"interval"_s).toInt(&ok);
        if (!ok) {
            Output::error(tr("--interval: \"%1\" is not a number of seconds")
                                  .arg(commandLine.option(u"interval"_s)));
            return done(ExitUsage);
        }
        if (auto changed = runtime.scheduler().setInterval(name, seconds); !changed) {
            Output::error(changed.error());
            return done(ExitFailure);
        }
    }
    if (commandLine.isSet(u"enabled"_s)) {
        const QString text = commandLine.option(u"enabled"_s).toLower();
        if (text != u"true"_s && text != u"false"_s) {
            Output::error(tr("--enabled: \"%1\" is not true or false").arg(text));
            return done(ExitUsage);
        }
        if (auto changed = runtime.scheduler().setEnabled(name, text == u"true"_s); !changed) {
            Output::error(changed.error());
            return done(ExitFailure);
        }
    }
    const auto job = runtime.scheduler().job(name);
    if (!job) {
        Output::error(job.error());
        return done(ExitFailure);
    }
    if (commandLine.json)
        Output::json(QJsonObject {{u"name"_s, job->name},
                                  {u"enabled"_s, job->enabled},
                                  {u"intervalSeconds"_s, job->intervalSeconds},
                                  {u"nextRun"_s, Output::time(job->nextRun)}});
    else
        Output::line(tr("%1: %2, every %3")
                             .arg(name, job->enabled ? tr("enabled") : tr("disabled"),
                                  intervalText(job->intervalSeconds)));
    done(ExitOk);
}

} // namespace

void job(Runtime &runtime, const CommandLine &commandLine, CommandDone done)
{
    const QStringList &args = commandLine.arguments;
    const QString action = args.value(0);
    if (action == u"list"_s && args.size() == 1)
        return list(runtime, commandLine.json, done);
    if (action == u"set"_s && args.size() == 2)
        return set(runtime, commandLine, done);
    if (action == u"run"_s && args.size() == 2) {
        const bool json = commandLine.json;
        const QString name = args.at(1);
        runtime.scheduler().runNow(name, [json, name, done](const JobResult &result) {
            if (json)
                Output::json(QJsonObject {{u"name"_s, name},
                                          {u"ok"_s, result.ok},
                                          {u"result"_s, MessageText::render(result.message)},
                                          {u"resultMessage"_s, Output::message(result.message)}});
            else if (result.ok)
                Output::line(tr("%1: %2").arg(
                        name, result.message.isEmpty() ? tr("done") : MessageText::render(result.message)));
            if (!result.ok && !json)
                Output::error(MessageText::render(result.message));
            done(result.ok ? ExitOk : ExitFailure);
        });
        return;
    }
    Output::error(tr("usage: bottega job list | job run NAME | job set NAME --interval SECONDS | --enabled "
                     "true|false"));
    done(ExitUsage);
}

} // namespace Bottega::Commands
