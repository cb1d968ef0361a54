// `bottega test-connection gelato|poleepo`: checks the stored credentials against the service
// (CONF-6) through ConnectionTest, as Settings' "Test connection" does.
#include "app/CommandLine.h"
#include "app/Output.h"
#include "app/Runtime.h"
#include "app/commands/Command.h"
#include "core/connections/ConnectionTest.h"
#include "core/settings/Settings.h"

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
    const QString name = commandLine.arguments.value(0);
    const auto service = ConnectionTest::serviceFromName(name);
    if (commandLine.arguments.size() != 1 || !service) {
        Output::error(tr("usage: bottega test-connection gelato|poleepo"));
        return done(ExitUsage);
    }
    const bool json = commandLine.json;
    runtime.connections().test(*service, &runtime.settings(),
                               [json, name, service, done](const Result<void> &result) {
                                   if (!result) {
                                       Output::error(result.error());
                                       return done(ExitFailure);
                                   }
                                   if (json)
                                       Output::json(QJsonObject {{u"service"_s, name}, {u"ok"_s, true}});
                                   else if (*service == ConnectionTest::Service::Gelato)
                                       Output::line(tr("Gelato: connection ok, the API key is accepted"));
                                   else
                                       Output::line(tr("%1: connection ok").arg(name));
                                   done(ExitOk);
                               });
}

} // namespace Bottega::Commands
