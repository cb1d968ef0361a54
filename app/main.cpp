// bottega: opens the window, or runs `serve` or an admin command (docs/cli.md).
#include "app/CommandLine.h"
#include "app/Output.h"
#include "app/Runtime.h"
#include "app/Translations.h"
#include "app/WindowLauncher.h"
#include "app/commands/Command.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTimer>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QString());
    QCoreApplication::setApplicationName(u"bottega"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(BOTTEGA_VERSION));
}

int runCommand(int argc, char **argv)
{
    using namespace Bottega;
    QCoreApplication app(argc, argv);
    setApplicationIdentity();
    const CommandLine commandLine = CommandLine::parse(QCoreApplication::arguments());
    Translations::install(commandLine.language);

    switch (commandLine.outcome) {
    case CommandLine::Outcome::ShowHelp:
        Output::line(CommandLine::usage());
        return ExitOk;
    case CommandLine::Outcome::ShowVersion:
        Output::line(u"bottega "_s + QCoreApplication::applicationVersion());
        return ExitOk;
    case CommandLine::Outcome::UsageError:
        Output::error(commandLine.error);
        std::fputs(qPrintable(CommandLine::usage()), stderr);
        return ExitUsage;
    case CommandLine::Outcome::Run:
        break;
    }
    if (commandLine.sandbox) {
        Output::error(QCoreApplication::translate(
                "Bottega::CommandLine", "--sandbox: the sandbox is not available yet in this version"));
        return ExitUsage;
    }
    const CommandFunction command = Commands::find(commandLine.command);
    auto runtime = Runtime::create(commandLine);
    if (!runtime) {
        Output::error(runtime.error());
        return ExitFailure;
    }
    int exitCode = ExitFailure;
    QTimer::singleShot(0, &app, [&] {
        command(**runtime, commandLine, [&exitCode, &app](int code) {
            exitCode = code;
            // Leave the loop after the current event, so that a command that reports from inside a
            // callback finishes its own work first.
            QTimer::singleShot(0, &app, [&app, code] { app.exit(code); });
        });
    });
    app.exec();
    return exitCode;
}

} // namespace

int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    if (!Bottega::CommandLine::wantsWindow(arguments))
        return runCommand(argc, argv);

    QApplication app(argc, argv);
    setApplicationIdentity();
    QApplication::setApplicationDisplayName(u"Bottega"_s);
    return Bottega::WindowLauncher::run(app);
}
