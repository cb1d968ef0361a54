// `bottega batch generate | poll | list | show ID | resubmit ID`: Poleepo product batches (BATCH-1..4)
// through the same use cases as the jobs generate-batches and poll-batches.
#include "app/CommandLine.h"
#include "app/Output.h"
#include "app/Runtime.h"
#include "app/commands/Command.h"
#include "core/publishing/BatchGeneration.h"
#include "core/publishing/BatchPolling.h"
#include "core/settings/Settings.h"
#include "core/store/ProductBatchRepository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bottega::Commands {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Bottega::Commands", text);
}

QJsonObject batchJson(const ProductBatch &batch)
{
    return {{u"id"_s, batch.id},
            {u"poleepoBatchId"_s, batch.poleepoBatchId},
            {u"status"_s, batch.status},
            {u"total"_s, batch.total},
            {u"processed"_s, batch.processed},
            {u"pollCount"_s, batch.pollCount},
            {u"error"_s, batch.error},
            {u"createdAt"_s, Output::time(batch.createdAt)},
            {u"submittedAt"_s, Output::time(batch.submittedAt)},
            {u"lastPolledAt"_s, Output::time(batch.lastPolledAt)},
            {u"notBefore"_s, Output::time(batch.notBefore)}};
}

QJsonObject itemJson(const ProductBatchItem &item)
{
    return {{u"id"_s, item.id},
            {u"productId"_s, item.productId},
            {u"variantId"_s, item.variantId > 0 ? QJsonValue(item.variantId) : QJsonValue(QJsonValue::Null)},
            {u"sku"_s, item.sku},
            {u"status"_s, ProductBatchItem::statusName(item.status)},
            {u"code"_s, item.code},
            {u"message"_s, item.message},
            {u"poleepoProductId"_s, item.poleepoProductId},
            {u"resubmittedIn"_s,
             item.resubmittedIn > 0 ? QJsonValue(item.resubmittedIn) : QJsonValue(QJsonValue::Null)},
            {u"payload"_s, QJsonDocument::fromJson(item.payload.toUtf8()).object()}};
}

int list(Runtime &runtime, bool json)
{
    ProductBatchRepository::Query query;
    query.limit = 0;
    auto batches = ProductBatchRepository(runtime.database()).list(query);
    if (!batches) {
        Output::error(batches.error());
        return ExitFailure;
    }
    QJsonArray rows;
    QList<QStringList> table {
            {tr("ID"), tr("STATUS"), tr("TOTAL"), tr("PROCESSED"), tr("SUBMITTED"), tr("ERROR")}};
    for (const ProductBatch &batch : *batches) {
        rows.append(batchJson(batch));
        table.append({QString::number(batch.id), batch.status, QString::number(batch.total),
                      QString::number(batch.processed), Output::timeText(batch.submittedAt), batch.error});
    }
    if (json)
        Output::json(rows);
    else
        Output::table(table);
    return ExitOk;
}

int show(Runtime &runtime, const QString &idText, bool json)
{
    bool ok = false;
    const qint64 id = idText.toLongLong(&ok);
    if (!ok || id <= 0) {
        Output::error(tr("batch show: \"%1\" is not a batch id").arg(idText));
        return ExitUsage;
    }
    auto batch = ProductBatchRepository(runtime.database()).get(id);
    if (!batch) {
        Output::error(batch.error());
        return ExitFailure;
    }
    if (json) {
        QJsonObject object = batchJson(*batch);
        QJsonArray items;
        for (const ProductBatchItem &item : batch->items)
            items.append(itemJson(item));
        object.insert(u"items"_s, items);
        Output::json(object);
        return ExitOk;
    }
    Output::line(tr("Batch %1 (%2): %3, %4 of %5 processed, submitted %6")
                         .arg(batch->id)
                         .arg(batch->poleepoBatchId.isEmpty() ? u"-"_s : batch->poleepoBatchId, batch->status)
                         .arg(batch->processed)
                         .arg(batch->total)
                         .arg(Output::timeText(batch->submittedAt)));
    if (!batch->error.isEmpty())
        Output::line(tr("Error: %1").arg(batch->error));
    QList<QStringList> table {{tr("SKU"), tr("VARIANT"), tr("STATUS"), tr("POLEEPO ID"), tr("MESSAGE")}};
    for (const ProductBatchItem &item : batch->items)
        table.append({item.sku, item.variantId > 0 ? QString::number(item.variantId) : tr("parent"),
                      ProductBatchItem::statusName(item.status), item.poleepoProductId,
                      item.code.isEmpty() ? item.message : tr("%1: %2").arg(item.code, item.message)});
    Output::table(table);
    return ExitOk;
}

} // namespace

void batch(Runtime &runtime, const CommandLine &commandLine, CommandDone done)
{
    const QStringList &args = commandLine.arguments;
    const QString sub = args.value(0);
    const bool json = commandLine.json;
    const auto usage = [&done] {
        Output::error(tr("usage: bottega batch generate | poll | list | show ID | resubmit ID"));
        done(ExitUsage);
    };
    if ((sub == u"generate"_s || sub == u"poll"_s || sub == u"list"_s) && args.size() != 1)
        return usage();
    if ((sub == u"show"_s || sub == u"resubmit"_s) && args.size() != 2)
        return usage();
    if (sub == u"list"_s)
        return done(list(runtime, json));
    if (sub == u"show"_s)
        return done(show(runtime, args.at(1), json));
    if (sub == u"generate"_s) {
        return runtime.batchGeneration().generate(
                &runtime.settings(), [json, done](Result<BatchGeneration::Report> report) {
                    if (!report) {
                        Output::error(report.error());
                        return done(ExitFailure);
                    }
                    if (report->switchedOff) {
                        Output::error(BatchGeneration::switchedOffText());
                        return done(ExitFailure);
                    }
                    QJsonArray leftOut;
                    for (const BatchPayload::LeftOut &left : report->leftOut) {
                        leftOut.append(QJsonObject {{u"productId"_s, left.productId},
                                                    {u"variantId"_s, left.variantId},
                                                    {u"name"_s, left.name},
                                                    {u"reason"_s, left.reason}});
                        if (!json)
                            Output::line(tr("left out: %1 (%2)").arg(left.name, left.reason));
                    }
                    QJsonArray ids;
                    for (qint64 id : report->batchIds)
                        ids.append(id);
                    if (json)
                        Output::json(QJsonObject {{u"batches"_s, ids},
                                                  {u"entries"_s, report->entries},
                                                  {u"leftOut"_s, leftOut},
                                                  {u"error"_s, report->error}});
                    else
                        Output::line(
                                tr("%1 batches submitted, %2 entries").arg(ids.size()).arg(report->entries));
                    if (!report->error.isEmpty()) {
                        Output::error(report->error);
                        return done(ExitFailure);
                    }
                    done(ExitOk);
                });
    }
    if (sub == u"poll"_s) {
        return runtime.batchPolling().poll(
                &runtime.settings(), [json, done](Result<BatchPolling::Report> report) {
                    if (!report) {
                        Output::error(report.error());
                        return done(ExitFailure);
                    }
                    if (report->switchedOff) {
                        Output::error(BatchGeneration::switchedOffText());
                        return done(ExitFailure);
                    }
                    if (json)
                        Output::json(QJsonObject {{u"asked"_s, report->asked},
                                                  {u"finished"_s, report->finished},
                                                  {u"waiting"_s, report->waiting},
                                                  {u"errors"_s, QJsonArray::fromStringList(report->errors)}});
                    else
                        Output::line(tr("%1 batches asked, %2 finished, %3 waiting for Poleepo's limit")
                                             .arg(report->asked)
                                             .arg(report->finished)
                                             .arg(report->waiting));
                    for (const QString &error : report->errors)
                        Output::error(error);
                    done(report->errors.isEmpty() ? ExitOk : ExitFailure);
                });
    }
    if (sub == u"resubmit"_s) {
        bool ok = false;
        const qint64 id = args.at(1).toLongLong(&ok);
        if (!ok || id <= 0) {
            Output::error(tr("batch resubmit: \"%1\" is not a batch id").arg(args.at(1)));
            return done(ExitUsage);
        }
        return runtime.batchGeneration().resubmit(
                id, &runtime.settings(), [json, id, done](Result<qint64> created) {
                    if (!created) {
                        Output::error(created.error());
                        return done(ExitFailure);
                    }
                    if (json)
                        Output::json(QJsonObject {{u"batch"_s, id}, {u"resubmittedIn"_s, *created}});
                    else
                        Output::line(tr("the failed items of batch %1 were sent again in batch %2")
                                             .arg(id)
                                             .arg(*created));
                    done(ExitOk);
                });
    }
    usage();
}

} // namespace Bottega::Commands
