// `bottega test-connection gelato|poleepo`: checks the stored credentials against the service
// (CONF-6). Gelato: `GET catalogs` with the API key; Poleepo is not available yet in this version.
#include "app/CommandLine.h"
#include "app/Output.h"
#include "app/Runtime.h"
#include "app/commands/Command.h"
#include "core/gelato/GelatoClient.h"

#include <QCoreApplication>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bottega::Commands {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Bottega::Commands", text);
}

} // namespace

void testConnection(Runtime &runtime, const CommandLine &commandLine, CommandDone done)
{
    const QString service = commandLine.arguments.value(0);
    if (commandLine.arguments.size() != 1 || (service != u"gelato"_s && service != u"poleepo"_s)) {
        Output::error(tr("usage: bottega test-connection gelato|poleepo"));
        return done(ExitUsage);
    }
    if (service == u"poleepo"_s) {
        Output::error(tr("Poleepo connection test is not available yet in this version"));
        return done(ExitFailure);
    }
    const bool json = commandLine.json;
    runtime.gelato().testConnection(&runtime.gelato(), [json, done](Result<void> result) {
        if (!result) {
            Output::error(result.error());
            return done(ExitFailure);
        }
        if (json)
            Output::json(QJsonObject {{u"service"_s, u"gelato"_s}, {u"ok"_s, true}});
        else
            Output::line(tr("Gelato: connection ok, the API key is accepted"));
        done(ExitOk);
    });
}

} // namespace Bottega::Commands
