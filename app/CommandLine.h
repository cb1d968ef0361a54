// CommandLine: the global options and commands of docs/cli.md, parsed once with QCommandLineParser.
// Options are declared globally (so `--json` works anywhere on the line) and then checked against
// the options the chosen command accepts, so that a stray option is an error, not silently ignored.
#pragma once

#include <QCommandLineParser>
#include <QStringList>

namespace Bottega {

struct CommandLine
{
    enum class Outcome { Run, ShowHelp, ShowVersion, UsageError };

    Outcome outcome = Outcome::Run;
    QString error; // for UsageError
    QString command; // "" (open the window), "config", "serve", ...
    QStringList arguments; // after the command: e.g. {"set", "server.listen", "127.0.0.1:8089"}
    QString dataDir; // --data-dir or BOTTEGA_DATA_DIR, empty for the default
    QString database; // --db or BOTTEGA_DB
    QString language; // --lang
    bool sandbox = false;
    bool json = false;
    QStringList optionNames; // command options given, e.g. {"listen", "interval"}

    QString option(const QString &name) const;
    QStringList optionValues(const QString &name) const;
    bool isSet(const QString &name) const;

    static CommandLine parse(const QStringList &arguments);
    static QString usage();
    // Whether the command line asks for the window (no command), decided before any QApplication
    // exists, so that commands never need a display.
    static bool wantsWindow(const QStringList &arguments);

private:
    QStringList m_values; // "name=value" pairs of command options
};

} // namespace Bottega
