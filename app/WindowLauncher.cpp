#include "app/WindowLauncher.h"

#include "app/CommandLine.h"
#include "app/Output.h"
#include "app/Runtime.h"
#include "app/Translations.h"
#include "app/commands/Command.h"
#include "core/scheduler/Scheduler.h"
#include "core/store/Database.h"
#include "ui/AppContext.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QIcon>
#include <QMessageBox>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace Bottega::WindowLauncher {

namespace {

int fail(const QString &message)
{
    Output::error(message);
    QMessageBox::critical(
            nullptr, QCoreApplication::translate("Bottega::WindowLauncher", "Bottega cannot start"), message);
    return ExitFailure;
}

} // namespace

AppContext contextFor(Runtime &runtime)
{
    AppContext context;
    context.settings = &runtime.settings();
    context.secrets = &runtime.secrets();
    context.database = &runtime.database();
    context.scheduler = &runtime.scheduler();
    context.server = &runtime.server();
    context.gelato = &runtime.gelato();
    context.catalog = &runtime.catalogBrowsing();
    context.connections = &runtime.connections();
    context.files = &runtime.files();
    context.orders = &runtime.orders();
    context.shipWithPoleepo = &runtime.shipWithPoleepo();
    context.packageTypes = &runtime.packageTypes();
    context.batchGeneration = &runtime.batchGeneration();
    context.tasks = &runtime.tasks();
    return context;
}

int run(QApplication &app)
{
    const CommandLine commandLine = CommandLine::parse(QCoreApplication::arguments());
    Translations::install(commandLine.language);
    if (commandLine.outcome == CommandLine::Outcome::UsageError) {
        Output::error(commandLine.error);
        return ExitUsage;
    }
    QApplication::setWindowIcon(QIcon(u":/icons/bottega.svg"_s));
    if (commandLine.sandbox)
        return fail(QCoreApplication::translate(
                "Bottega::CommandLine", "--sandbox: the sandbox is not available yet in this version"));

    auto created = Runtime::create(commandLine);
    if (!created)
        return fail(created.error());
    Runtime &runtime = **created;
    if (auto locked = runtime.lockDataDir(); !locked)
        return fail(locked.error());

    AppContext context = contextFor(runtime);
    // The window works without the server (another process may already receive the webhooks);
    // the status bar says why it is not listening.
    if (auto started = runtime.startServer(); !started)
        context.serverError = started.error();
    if (auto started = runtime.scheduler().start(); !started)
        return fail(started.error());
    QSettings windowState(QDir(runtime.dataDir()).filePath(u"window.ini"_s), QSettings::IniFormat);
    context.windowState = &windowState;

    MainWindow window(context);
    window.show();
    return app.exec();
}

} // namespace Bottega::WindowLauncher
