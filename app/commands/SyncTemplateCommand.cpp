// `bottega product sync-template TEMPLATE_ID [--product ID]`: creates or re-syncs a product from a
// Gelato template (PROD-2) and prints the product. Asynchronous (network), so it lives apart from the
// other `product` subcommands, which dispatch to it. The same TemplateSync as the window's Synchronize;
// given no BackgroundTasks, it stores on this thread (nothing else waits on a command's thread).
#include "app/CommandLine.h"
#include "app/Output.h"
#include "app/Runtime.h"
#include "app/commands/Command.h"
#include "core/gelato/GelatoClient.h"
#include "core/products/TemplateSync.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Bottega::Commands {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Bottega::Commands", text);
}

} // namespace

void productSyncTemplate(Runtime &runtime, const CommandLine &commandLine,
                         std::function<int(qint64 productId)> printProduct, CommandDone done)
{
    if (commandLine.arguments.size() != 2 || commandLine.arguments.at(1).trimmed().isEmpty()) {
        Output::error(tr("usage: bottega product sync-template TEMPLATE_ID [--product ID]"));
        return done(ExitUsage);
    }
    std::optional<qint64> productId;
    if (commandLine.isSet(u"product"_s)) {
        bool ok = false;
        const qint64 id = commandLine.option(u"product"_s).toLongLong(&ok);
        if (!ok || id <= 0) {
            Output::error(tr("--product: \"%1\" is not a product id").arg(commandLine.option(u"product"_s)));
            return done(ExitUsage);
        }
        productId = id;
    }
    auto *sync = new TemplateSync(runtime.database(), runtime.gelato(), &runtime.gelato());
    QObject::connect(
            sync, &TemplateSync::finished, sync,
            [sync, printProduct, done, json = commandLine.json](const Result<TemplateSyncSummary> &result) {
                sync->deleteLater();
                if (!result) {
                    Output::error(result.error());
                    return done(ExitFailure);
                }
                if (!json) {
                    const TemplateSyncSummary &s = *result;
                    Output::line(s.changed()
                                         ? tr("Synchronized: %1 variants created, %2 updated, %3 removed, %4 "
                                              "archived, %5 values removed")
                                                   .arg(s.variantsCreated)
                                                   .arg(s.variantsUpdated)
                                                   .arg(s.variantsRemoved)
                                                   .arg(s.variantsArchived)
                                                   .arg(s.valuesRemoved)
                                         : tr("Already up to date: nothing changed"));
                }
                done(printProduct(result->productId));
            });
    sync->start(commandLine.arguments.at(1), productId);
}

} // namespace Bottega::Commands
