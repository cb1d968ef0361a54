// `bottega webhook list|show|retry|process|cleanup|add-record|records`: the webhook queue and the
// Poleepo webhook records (HOOK-5, CONF-4) from the terminal.
#include "app/CommandLine.h"
#include "app/Output.h"
#include "app/Runtime.h"
#include "app/commands/Command.h"
#include "core/messages/MessageText.h"
#include "core/secrets/SecretNames.h"
#include "core/settings/Settings.h"
#include "core/store/WebhookQueueRepository.h"
#include "core/store/WebhookRecordRepository.h"
#include "core/webhooks/WebhookProcessor.h"
#include "core/webhooks/WebhookQueueActions.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Bottega::Commands {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("Bottega::Commands", text, nullptr, n);
}

QJsonObject rowJson(const WebhookQueueItem &item)
{
    return QJsonObject {{u"id"_s, item.id},
                        {u"source"_s, item.source},
                        {u"event"_s, item.event},
                        {u"eventId"_s, item.eventId},
                        {u"state"_s, WebhookQueueItem::stateName(item.state)},
                        {u"attempts"_s, item.attempts},
                        {u"lastError"_s, MessageText::renderStored(item.lastError)},
                        {u"note"_s, MessageText::renderStored(item.note)},
                        {u"noteMessage"_s, Output::storedMessage(item.note)},
                        {u"receivedAt"_s, Output::time(item.receivedAt)}};
}

int fail(const QString &message)
{
    Output::error(message);
    return ExitFailure;
}

int usage()
{
    Output::error(
            tr("usage: bottega webhook list [--state S] [--source S] [--limit N] | show ID | retry "
               "ID...|--failed "
               "| process | cleanup | add-record NAME --events STATUS_ORDER,STATUS_SHIPMENT | records"));
    return ExitUsage;
}

int list(Runtime &runtime, const CommandLine &commandLine)
{
    WebhookQueueRepository::Query query;
    if (commandLine.isSet(u"state"_s)) {
        query.state = WebhookQueueItem::stateFromName(commandLine.option(u"state"_s));
        if (!query.state) {
            Output::error(tr("--state: \"%1\" is not Pending, Processing, Done, Failed or Ignored")
                                  .arg(commandLine.option(u"state"_s)));
            return ExitUsage;
        }
    }
    query.source = commandLine.option(u"source"_s);
    if (commandLine.isSet(u"limit"_s)) {
        bool ok = false;
        query.limit = commandLine.option(u"limit"_s).toInt(&ok);
        if (!ok || query.limit <= 0) {
            Output::error(tr("--limit: \"%1\" is not a positive number").arg(commandLine.option(u"limit"_s)));
            return ExitUsage;
        }
    }
    const auto items = WebhookQueueRepository(runtime.database()).list(query);
    if (!items)
        return fail(items.error());
    QJsonArray rows;
    QList<QStringList> table {{tr("ID"), tr("SOURCE"), tr("EVENT"), tr("EVENT ID"), tr("STATE"),
                               tr("ATTEMPTS"), tr("RECEIVED"), tr("NOTE")}};
    for (const WebhookQueueItem &item : *items) {
        rows.append(rowJson(item));
        table.append({QString::number(item.id), item.source, item.event, item.eventId,
                      WebhookQueueItem::stateName(item.state), QString::number(item.attempts),
                      Output::timeText(item.receivedAt),
                      MessageText::renderStored(item.lastError.isEmpty() ? item.note : item.lastError)});
    }
    if (commandLine.json)
        Output::json(rows);
    else
        Output::table(table);
    return ExitOk;
}

int show(Runtime &runtime, const CommandLine &commandLine)
{
    bool ok = false;
    const qint64 id = commandLine.arguments.at(1).toLongLong(&ok);
    if (!ok) {
        Output::error(tr("webhook show: \"%1\" is not a webhook id").arg(commandLine.arguments.at(1)));
        return ExitUsage;
    }
    const auto item = WebhookQueueRepository(runtime.database()).get(id);
    if (!item)
        return fail(item.error());
    const QJsonDocument payload = QJsonDocument::fromJson(item->body);
    QJsonObject object = rowJson(*item);
    object.insert(u"recordName"_s, item->recordName);
    object.insert(u"note"_s, item->note);
    object.insert(u"processedAt"_s, Output::time(item->processedAt));
    object.insert(u"nextAttemptAt"_s, Output::time(item->nextAttemptAt));
    object.insert(u"headers"_s, item->headers);
    object.insert(u"body"_s, QString::fromUtf8(item->body));
    if (commandLine.json) {
        Output::json(object);
        return ExitOk;
    }
    Output::table({{tr("FIELD"), tr("VALUE")},
                   {tr("id"), QString::number(item->id)},
                   {tr("source"), item->source},
                   {tr("event"), item->event},
                   {tr("event id"), item->eventId},
                   {tr("state"), WebhookQueueItem::stateName(item->state)},
                   {tr("attempts"), QString::number(item->attempts)},
                   {tr("received"), Output::timeText(item->receivedAt)},
                   {tr("processed"), Output::timeText(item->processedAt)},
                   {tr("last error"), MessageText::renderStored(item->lastError)},
                   {tr("note"), MessageText::renderStored(item->note)}});
    Output::line(item->headers);
    Output::line(payload.isNull() ? QString::fromUtf8(item->body)
                                  : QString::fromUtf8(payload.toJson(QJsonDocument::Indented)));
    return ExitOk;
}

int retry(Runtime &runtime, const CommandLine &commandLine)
{
    QList<qint64> ids;
    for (const QString &argument : commandLine.arguments.mid(1)) {
        bool ok = false;
        const qint64 id = argument.toLongLong(&ok);
        if (!ok) {
            Output::error(tr("webhook retry: \"%1\" is not a webhook id").arg(argument));
            return ExitUsage;
        }
        ids.append(id);
    }
    const bool failed = commandLine.isSet(u"failed"_s);
    if (ids.isEmpty() && !failed)
        return usage();
    WebhookQueueActions actions(runtime.database());
    // The named ones first: an unknown id then changes nothing at all.
    auto requeued = actions.retry(ids);
    if (!requeued)
        return fail(requeued.error());
    if (failed) {
        const auto alsoFailed = actions.retryFailed();
        if (!alsoFailed)
            return fail(alsoFailed.error());
        *requeued += *alsoFailed;
    }
    if (commandLine.json)
        Output::json(QJsonObject {{u"requeued"_s, *requeued}});
    else
        Output::line(QCoreApplication::translate("Bottega::Commands", "%n webhooks back in the queue",
                                                 nullptr, *requeued));
    return ExitOk;
}

int process(Runtime &runtime, const CommandLine &commandLine)
{
    const auto summary = runtime.processWebhooksNow();
    if (!summary)
        return fail(summary.error());
    if (commandLine.json)
        Output::json(QJsonObject {{u"done"_s, summary->done},
                                  {u"ignored"_s, summary->ignored},
                                  {u"retried"_s, summary->retried},
                                  {u"failed"_s, summary->failed}});
    else
        Output::line(tr("%1 done, %2 ignored, %3 to retry, %4 failed")
                             .arg(summary->done)
                             .arg(summary->ignored)
                             .arg(summary->retried)
                             .arg(summary->failed));
    return ExitOk;
}

int cleanup(Runtime &runtime, const CommandLine &commandLine)
{
    const int days = runtime.settings().webhookRetentionDays();
    const auto removed = WebhookQueueActions(runtime.database()).cleanup(days);
    if (!removed)
        return fail(removed.error());
    if (commandLine.json)
        Output::json(QJsonObject {{u"removed"_s, *removed}, {u"retentionDays"_s, days}});
    else
        Output::line(QCoreApplication::translate("Bottega::Commands",
                                                 "%n processed webhooks older than %1 days removed", nullptr,
                                                 *removed)
                             .arg(days));
    return ExitOk;
}

QString recordUrl(Runtime &runtime, const QString &name)
{
    QString base = runtime.settings().serverPublicUrl().toString(QUrl::StripTrailingSlash);
    return base + u"/poleepo/webhook/"_s + name;
}

int addRecord(Runtime &runtime, const CommandLine &commandLine)
{
    const QString name = commandLine.arguments.at(1);
    static const QRegularExpression validName(u"^[A-Za-z0-9_-]+$"_s);
    if (!validName.match(name).hasMatch()) {
        Output::error(
                tr("webhook add-record: \"%1\" is not a valid name (letters, digits, '-' or '_', no spaces)")
                        .arg(name));
        return ExitUsage;
    }
    const QStringList events = commandLine.option(u"events"_s).split(u',', Qt::SkipEmptyParts);
    if (events.isEmpty()) {
        Output::error(tr("webhook add-record needs --events STATUS_ORDER,STATUS_SHIPMENT"));
        return ExitUsage;
    }
    for (const QString &event : events) {
        if (event != u"STATUS_ORDER"_s && event != u"STATUS_SHIPMENT"_s) {
            Output::error(tr("--events: \"%1\" is not STATUS_ORDER or STATUS_SHIPMENT").arg(event));
            return ExitUsage;
        }
    }
    WebhookRecord record;
    record.name = name;
    record.events = events;
    const auto created = WebhookRecordRepository(runtime.database()).create(record);
    if (!created)
        return fail(created.error());
    const QString url = recordUrl(runtime, name);
    if (commandLine.json)
        Output::json(QJsonObject {{u"id"_s, *created},
                                  {u"name"_s, name},
                                  {u"events"_s, QJsonArray::fromStringList(events)},
                                  {u"url"_s, url},
                                  {u"secret"_s, SecretNames::poleepoWebhookSecret(name)}});
    else
        Output::line(tr("%1: %2 (secret: %3)").arg(name, url, SecretNames::poleepoWebhookSecret(name)));
    return ExitOk;
}

int records(Runtime &runtime, const CommandLine &commandLine)
{
    const auto all = WebhookRecordRepository(runtime.database()).list();
    if (!all)
        return fail(all.error());
    QJsonArray rows;
    QList<QStringList> table {{tr("NAME"), tr("EVENTS"), tr("ACTIVE"), tr("URL")}};
    for (const WebhookRecord &record : *all) {
        const QString url = recordUrl(runtime, record.name);
        rows.append(QJsonObject {{u"id"_s, record.id},
                                 {u"name"_s, record.name},
                                 {u"events"_s, QJsonArray::fromStringList(record.events)},
                                 {u"active"_s, record.active},
                                 {u"url"_s, url}});
        table.append({record.name, record.events.join(u','), record.active ? tr("yes") : tr("no"), url});
    }
    if (commandLine.json)
        Output::json(rows);
    else
        Output::table(table);
    return ExitOk;
}

} // namespace

void webhook(Runtime &runtime, const CommandLine &commandLine, CommandDone done)
{
    const QStringList &args = commandLine.arguments;
    const QString action = args.value(0);
    if (action == u"list"_s && args.size() == 1)
        return done(list(runtime, commandLine));
    if (action == u"show"_s && args.size() == 2)
        return done(show(runtime, commandLine));
    if (action == u"retry"_s)
        return done(retry(runtime, commandLine));
    if (action == u"process"_s && args.size() == 1)
        return done(process(runtime, commandLine));
    if (action == u"cleanup"_s && args.size() == 1)
        return done(cleanup(runtime, commandLine));
    if (action == u"add-record"_s && args.size() == 2)
        return done(addRecord(runtime, commandLine));
    if (action == u"records"_s && args.size() == 1)
        return done(records(runtime, commandLine));
    done(usage());
}

} // namespace Bottega::Commands
