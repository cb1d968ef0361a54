#include "app/CommandLine.h"

#include <QCoreApplication>
#include <QHash>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

struct OptionSpec
{
    const char *name;
    const char *valueName; // nullptr: a flag
    const char *description;
};

// Options that belong to commands (global ones are declared in parse()).
const OptionSpec commandOptions[] = {
        {"listen", "HOST:PORT", QT_TRANSLATE_NOOP("Bottega::CommandLine", "serve: address to listen on.")},
        {"interval", "SECONDS", QT_TRANSLATE_NOOP("Bottega::CommandLine", "job set: interval in seconds.")},
        {"enabled", "true|false", QT_TRANSLATE_NOOP("Bottega::CommandLine", "job set: enable or disable.")},
        {"state", "STATE", QT_TRANSLATE_NOOP("Bottega::CommandLine", "webhook list: only this state.")},
        {"source", "SOURCE", QT_TRANSLATE_NOOP("Bottega::CommandLine", "webhook list: gelato or poleepo.")},
        {"limit", "N", QT_TRANSLATE_NOOP("Bottega::CommandLine", "webhook list: at most N rows.")},
        {"failed", nullptr, QT_TRANSLATE_NOOP("Bottega::CommandLine", "webhook retry: every failed one.")},
        {"events", "EVENTS",
         QT_TRANSLATE_NOOP("Bottega::CommandLine", "webhook add-record: comma-separated.")},
        {"variant", "VID",
         QT_TRANSLATE_NOOP("Bottega::CommandLine", "product set, set-print-image: the variant.")},
        {"product", "ID",
         QT_TRANSLATE_NOOP("Bottega::CommandLine", "product sync-template: the product to re-sync.")},
        {"dry-run", nullptr,
         QT_TRANSLATE_NOOP("Bottega::CommandLine", "product import-csv: only show the changes.")},
        {"status", "STATE", QT_TRANSLATE_NOOP("Bottega::CommandLine", "order list: only this state.")},
        {"shipping", "standard|express|UID",
         QT_TRANSLATE_NOOP("Bottega::CommandLine", "order confirm: the shipping to use.")},
        {"draft", nullptr,
         QT_TRANSLATE_NOOP("Bottega::CommandLine", "order confirm: send as a Gelato draft.")},
        {"service", "SERVICE",
         QT_TRANSLATE_NOOP("Bottega::CommandLine", "log list: gelato, poleepo, webhook, files or server.")},
        {"status-class", "CLASS", QT_TRANSLATE_NOOP("Bottega::CommandLine", "log list: 2xx, 4xx, 5xx or failed.")},
        {"since", "TIME",
         QT_TRANSLATE_NOOP("Bottega::CommandLine", "log list: calls since TIME (ISO date or time, or 30m, 24h, 7d ago).")},
        {"carrier", "C",
         QT_TRANSLATE_NOOP("Bottega::CommandLine", "order ship: Poleepo's carrier (id or name).")},
        {"pickup", "P",
         QT_TRANSLATE_NOOP("Bottega::CommandLine", "order ship: Poleepo's pickup address (id or name).")},
        {"package-type", "T",
         QT_TRANSLATE_NOOP("Bottega::CommandLine",
                           "order ship: a package type (name or id); once per package, or comma-separated.")},
};

// Which command options each command accepts.
const QHash<QString, QStringList> &acceptedOptions()
{
    static const QHash<QString, QStringList> accepted = {
            {u"serve"_s, {u"listen"_s}},
            {u"config"_s, {}},
            {u"secret"_s, {}},
            {u"job"_s, {u"interval"_s, u"enabled"_s}},
            {u"test-connection"_s, {}},
            {u"batch"_s, {}},
            {u"package-type"_s, {}},
            {u"webhook"_s, {u"state"_s, u"source"_s, u"limit"_s, u"failed"_s, u"events"_s}},
            {u"product"_s, {u"variant"_s, u"product"_s, u"dry-run"_s}},
            {u"order"_s,
             {u"status"_s, u"shipping"_s, u"draft"_s, u"dry-run"_s, u"carrier"_s, u"pickup"_s,
              u"package-type"_s}},
            {u"log"_s, {u"service"_s, u"status-class"_s, u"since"_s, u"limit"_s}},
    };
    return accepted;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("Bottega::CommandLine", text);
}

// Global options that take a value: needed to find the command before the parser runs.
bool takesValue(const QString &argument)
{
    static const QStringList withValue = {u"--data-dir"_s, u"--db"_s,      u"--lang"_s,    u"--listen"_s,
                                          u"--interval"_s, u"--enabled"_s, u"--variant"_s, u"--product"_s};
    static const QStringList webhookWithValue = {u"--state"_s, u"--source"_s, u"--limit"_s, u"--events"_s};
    static const QStringList orderWithValue = {u"--status"_s, u"--shipping"_s};
    static const QStringList logWithValue = {u"--service"_s, u"--status-class"_s, u"--since"_s};
    return withValue.contains(argument) || webhookWithValue.contains(argument)
            || orderWithValue.contains(argument) || logWithValue.contains(argument);
}

} // namespace

QString CommandLine::option(const QString &name) const
{
    const QStringList values = optionValues(name);
    return values.isEmpty() ? QString() : values.last();
}

QStringList CommandLine::optionValues(const QString &name) const
{
    QStringList values;
    const QString prefix = name + u'=';
    for (const QString &pair : m_values) {
        if (pair.startsWith(prefix))
            values.append(pair.mid(prefix.size()));
    }
    return values;
}

bool CommandLine::isSet(const QString &name) const
{
    return optionNames.contains(name);
}

bool CommandLine::wantsWindow(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == u"--"_s)
            return i + 1 >= arguments.size();
        if (argument.startsWith(u'-')) {
            if (argument == u"--help"_s || argument == u"-h"_s || argument == u"--version"_s
                || argument == u"-v"_s || argument == u"--help-all"_s)
                return false;
            if (takesValue(argument))
                ++i;
            continue;
        }
        return false;
    }
    return true;
}

CommandLine CommandLine::parse(const QStringList &arguments)
{
    CommandLine result;
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QCommandLineOption help({u"h"_s, u"help"_s}, tr("Show this help."));
    const QCommandLineOption version({u"v"_s, u"version"_s}, tr("Show the version."));
    const QCommandLineOption dataDir(u"data-dir"_s, tr("Where the database, settings and files live."),
                                     u"DIR"_s);
    const QCommandLineOption db(u"db"_s, tr("A SQLite file or postgresql://user:pass@host:port/dbname."),
                                u"URL"_s);
    const QCommandLineOption sandbox(u"sandbox"_s, tr("Use the built-in offline Gelato and Poleepo."));
    const QCommandLineOption lang(u"lang"_s, tr("Interface language: it or en."), u"it|en"_s);
    const QCommandLineOption json(u"json"_s, tr("Print JSON instead of text."));
    parser.addOptions({help, version, dataDir, db, sandbox, lang, json});
    QList<QCommandLineOption> commandOptionList;
    for (const OptionSpec &spec : commandOptions) {
        QCommandLineOption option(QString::fromLatin1(spec.name), tr(spec.description));
        if (spec.valueName)
            option.setValueName(QString::fromLatin1(spec.valueName));
        commandOptionList.append(option);
        parser.addOption(option);
    }
    parser.addPositionalArgument(u"command"_s, tr("The command; none opens the window."));

    if (!parser.parse(arguments)) {
        result.outcome = Outcome::UsageError;
        result.error = parser.errorText();
        return result;
    }
    // Read first, so that `--lang it --help` shows the help in Italian.
    result.language = parser.value(lang);
    if (parser.isSet(help)) {
        result.outcome = Outcome::ShowHelp;
        return result;
    }
    if (parser.isSet(version)) {
        result.outcome = Outcome::ShowVersion;
        return result;
    }

    result.dataDir = parser.isSet(dataDir) ? parser.value(dataDir) : qEnvironmentVariable("BOTTEGA_DATA_DIR");
    result.database = parser.isSet(db) ? parser.value(db) : qEnvironmentVariable("BOTTEGA_DB");
    result.sandbox = parser.isSet(sandbox);
    result.json = parser.isSet(json);
    if (!result.language.isEmpty() && result.language != u"it"_s && result.language != u"en"_s) {
        result.outcome = Outcome::UsageError;
        result.error = tr("--lang must be \"it\" or \"en\", not \"%1\"").arg(result.language);
        return result;
    }

    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty()) {
        result.command = positional.first();
        result.arguments = positional.mid(1);
    }
    const auto accepted = acceptedOptions().constFind(result.command);
    if (!result.command.isEmpty() && accepted == acceptedOptions().constEnd()) {
        result.outcome = Outcome::UsageError;
        result.error = tr("unknown command \"%1\"").arg(result.command);
        return result;
    }
    for (const QCommandLineOption &option : std::as_const(commandOptionList)) {
        if (!parser.isSet(option))
            continue;
        const QString name = option.names().constFirst();
        if (result.command.isEmpty() || !accepted->contains(name)) {
            result.outcome = Outcome::UsageError;
            result.error = result.command.isEmpty()
                    ? tr("option --%1 needs a command").arg(name)
                    : tr("the command \"%1\" does not take --%2").arg(result.command, name);
            return result;
        }
        result.optionNames.append(name);
        const QStringList values
                = option.valueName().isEmpty() ? QStringList {u"true"_s} : parser.values(option);
        for (const QString &value : values)
            result.m_values.append(name + u'=' + value);
    }
    return result;
}

QString CommandLine::usage()
{
    return tr("Usage: bottega [--data-dir DIR] [--db URL] [--lang it|en] [--sandbox] [--json] [COMMAND ...]\n"
              "\n"
              "Without a command, opens the window.\n"
              "\n"
              "Commands:\n"
              "  serve [--listen HOST:PORT]          webhook and file server plus scheduler, until SIGTERM\n"
              "  config get KEY | set KEY VALUE | list\n"
              "                                      non-secret settings\n"
              "  secret set NAME                     reads the value from standard input\n"
              "  secret status                       which secrets are set (never their values)\n"
              "  job list | run NAME | set NAME --interval SECONDS | --enabled true|false\n"
              "                                      the scheduler\n"
              "  webhook list [--state S] [--source S] [--limit N] | show ID | retry ID...|--failed\n"
              "  webhook process | cleanup | add-record NAME --events E,... | records\n"
              "                                      the webhook queue and Poleepo webhook records\n"
              "  test-connection gelato|poleepo      checks the credentials against the service\n"
              "  batch generate | poll | list | show ID | resubmit ID\n"
              "                                      Poleepo product batches\n"
              "  package-type list | import          package types for Poleepo shipping (import: Poleepo's)\n"
              "  product list | show ID              products, variants, print-image completeness\n"
              "  product sync-template TEMPLATE_ID [--product ID]\n"
              "                                      creates or re-syncs a product from a Gelato template\n"
              "  product set ID FIELD VALUE [--variant VID]\n"
              "  product set-print-image ID PLACEMENT URL_OR_FILE [--variant VID]\n"
              "  product import-csv FILE [--dry-run] | export-csv FILE\n"
              "                                      bulk mapping of Product UID and Design File URL\n"
              "  order list [--status S] | show ID   sales orders with Gelato state, timeline, tracking\n"
              "  order create FILE.json | import-csv FILE [--dry-run]\n"
              "                                      a local order from JSON, or many from CSV\n"
              "  order quote ID                      Gelato shipping rates for the order\n"
              "  order confirm ID [--shipping standard|express|UID] [--draft]\n"
              "                                      sends the order to Gelato (exactly once)\n"
              "  order cancel ID | refresh ID        cancel on Gelato; refresh from Gelato\n"
              "  order delivered-to-shop ID          every product of the order is at the shop\n"
              "  order ship ID --carrier C --pickup P --package-type T\n"
              "                                      ships with Poleepo and stores the label\n"
              "  order handed-over ID                tells Poleepo the parcel went to the carrier\n"
              "  log list [--service S] [--status-class 2xx|4xx|5xx|failed] [--since T] [--limit N]\n"
              "                                      the API log, newest first (100 calls unless --limit)\n"
              "  log cleanup                         removes calls older than log.retention-days\n"
              "\n"
              "Global options:\n"
              "  --data-dir DIR      where the database, settings and files live (BOTTEGA_DATA_DIR)\n"
              "  --db URL            a SQLite file or postgresql://user:pass@host:port/db (BOTTEGA_DB)\n"
              "  --lang it|en        interface language\n"
              "  --sandbox           built-in offline Gelato and Poleepo\n"
              "  --json              JSON output\n"
              "  --version, --help\n");
}

} // namespace Bottega
