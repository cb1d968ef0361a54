// `bottega serve [--listen HOST:PORT]`: the headless process (APP-2). The built-in server (on its own
// thread) and the scheduler run until SIGTERM/SIGINT; then the port is closed and what was verified
// is committed and answered, running jobs finish, and it exits 0.
#include "app/CommandLine.h"
#include "app/Output.h"
#include "app/Runtime.h"
#include "app/SignalWatcher.h"
#include "app/commands/Command.h"
#include "core/scheduler/Scheduler.h"
#include "core/server/Server.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Bottega::Commands {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Bottega::Commands", text);
}

} // namespace

void serve(Runtime &runtime, const CommandLine &commandLine, CommandDone done)
{
    if (!commandLine.arguments.isEmpty()) {
        Output::error(tr("usage: bottega serve [--listen HOST:PORT]"));
        return done(ExitUsage);
    }
    if (auto locked = runtime.lockDataDir(); !locked) {
        Output::error(locked.error());
        return done(ExitFailure);
    }
    if (auto started = runtime.startServer(commandLine.option(u"listen"_s)); !started) {
        Output::error(started.error());
        return done(ExitFailure);
    }
    if (auto started = runtime.scheduler().start(); !started) {
        Output::error(started.error());
        return done(ExitFailure);
    }
    Output::line(tr("Listening on http://%1").arg(runtime.server().address().toString()));

    auto *watcher = new SignalWatcher(QCoreApplication::instance());
    Scheduler *scheduler = &runtime.scheduler();
    Runtime *owner = &runtime;
    QObject::connect(watcher, &SignalWatcher::terminationRequested, scheduler,
                     [scheduler, watcher, owner](int) {
                         Output::line(tr("Stopping: waiting for running jobs"));
                         watcher->deleteLater();
                         // No new calls from here; the verified ones are committed and answered.
                         owner->stopServer();
                         scheduler->stop();
                     });
    QObject::connect(scheduler, &Scheduler::finishedAll, scheduler, [owner, done] {
        owner->stopServer();
        Output::line(tr("Stopped"));
        done(ExitOk);
    });
}

} // namespace Bottega::Commands
