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

// Whether a window can be shown at all. On X11/Wayland systems Qt aborts without a display, with a
// text that tells a back-office user nothing; this is checked first. Other systems always have one.
bool hasDisplay()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS) && !defined(Q_OS_ANDROID)
    return qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || !qEnvironmentVariableIsEmpty("DISPLAY")
            || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    return true;
#endif
}

// Said in the user's language (--lang or the system's), then exit 1.
int refuseWithoutDisplay(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    setApplicationIdentity();
    const Bottega::CommandLine commandLine = Bottega::CommandLine::parse(QCoreApplication::arguments());
    Bottega::Translations::install(commandLine.language);
    Bottega::Output::error(QCoreApplication::translate(
            "Bottega::WindowLauncher",
            "the window needs a desktop session (no display found); on a server, run `bottega serve`"));
    return Bottega::ExitFailure;
}

} // namespace

int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    if (!Bottega::CommandLine::wantsWindow(arguments))
        return runCommand(argc, argv);
    if (!hasDisplay())
        return refuseWithoutDisplay(argc, argv);

    QApplication app(argc, argv);
    setApplicationIdentity();
    QApplication::setApplicationDisplayName(u"Bottega"_s);
    return Bottega::WindowLauncher::run(app);
}
