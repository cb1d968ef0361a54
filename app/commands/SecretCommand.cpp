// `bottega secret set NAME` (value from standard input, never from the command line) and
// `bottega secret status` (which secrets are set and where; never their values).
#include "app/CommandLine.h"
#include "app/Output.h"
#include "app/Runtime.h"
#include "app/commands/Command.h"
#include "core/secrets/SecretNames.h"
#include "core/secrets/SecretStore.h"
#include "core/store/WebhookRecordRepository.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <memory>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Bottega::Commands {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Bottega::Commands", text);
}

// Reads the secret from standard input; on a terminal, asks for it without echo.
QString readSecretFromStdin(const QString &name)
{
    const bool terminal = ::isatty(STDIN_FILENO);
    termios saved {};
    if (terminal) {
        Output::error(tr("enter the value of %1 (not shown), then press Enter:").arg(name));
        ::tcgetattr(STDIN_FILENO, &saved);
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    }
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        return {};
    QByteArray bytes = terminal ? input.readLine() : input.readAll();
    if (terminal)
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    // One trailing newline is the terminal's or echo's, not the secret's.
    if (bytes.endsWith('\n'))
        bytes.chop(1);
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    return QString::fromUtf8(bytes);
}

void setSecret(Runtime &runtime, const CommandLine &commandLine, const CommandDone &done)
{
    const QStringList &args = commandLine.arguments;
    if (args.size() > 2) {
        Output::error(tr("secret values are read from standard input, never from the command line: "
                         "echo -n VALUE | bottega secret set %1")
                              .arg(args.at(1)));
        return done(ExitUsage);
    }
    const QString name = args.at(1);
    if (auto valid = SecretNames::validate(name); !valid) {
        Output::error(valid.error());
        return done(ExitUsage);
    }
    const QString value = readSecretFromStdin(name);
    if (value.isEmpty()) {
        Output::error(tr("no value for %1 on standard input").arg(name));
        return done(ExitFailure);
    }
    const bool json = commandLine.json;
    runtime.secrets().write(name, value, [name, json, done](const Result<void> &written) {
        if (!written) {
            Output::error(tr("cannot store %1: %2").arg(name, written.error()));
            return done(ExitFailure);
        }
        if (json)
            Output::json(QJsonObject {{u"name"_s, name}, {u"set"_s, true}});
        else
            Output::line(tr("%1 stored").arg(name));
        done(ExitOk);
    });
}

// Looks the names up one after the other (the keychain serializes anyway) and prints them all.
struct StatusWalk : std::enable_shared_from_this<StatusWalk>
{
    // lupdate files the strings of these members under this struct's name.
    static QString tr(const char *text)
    {
        return QCoreApplication::translate("Bottega::Commands::StatusWalk", text);
    }

    SecretStore *store = nullptr;
    QStringList names;
    QList<SecretLookup> lookups;
    bool json = false;
    CommandDone done;

    void next()
    {
        if (lookups.size() == names.size())
            return print();
        auto self = shared_from_this();
        store->read(names.at(lookups.size()), [self](const SecretLookup &lookup) {
            SecretLookup safe = lookup;
            safe.value.clear(); // status never carries a value further than this line
            self->lookups.append(safe);
            self->next();
        });
    }

    void print()
    {
        QJsonArray rows;
        QList<QStringList> table {{tr("SECRET"), tr("STATE"), tr("SOURCE")}};
        bool failed = false;
        for (qsizetype i = 0; i < names.size(); ++i) {
            const SecretLookup &lookup = lookups.at(i);
            const bool found = lookup.status == SecretLookup::Status::Found;
            failed |= lookup.status == SecretLookup::Status::Failed;
            QJsonObject row {{u"name"_s, names.at(i)}, {u"set"_s, found}};
            if (found)
                row.insert(u"source"_s, lookup.source);
            if (lookup.status == SecretLookup::Status::Failed)
                row.insert(u"error"_s, lookup.error);
            rows.append(row);
            const QString state = found                             ? tr("set")
                    : lookup.status == SecretLookup::Status::Failed ? tr("unknown: %1").arg(lookup.error)
                                                                    : tr("not set");
            table.append({names.at(i), state, found ? lookup.source : QString()});
        }
        if (json)
            Output::json(rows);
        else
            Output::table(table);
        done(failed ? ExitFailure : ExitOk);
    }
};

} // namespace

void secret(Runtime &runtime, const CommandLine &commandLine, CommandDone done)
{
    const QStringList &args = commandLine.arguments;
    const QString action = args.value(0);
    if (action == u"set"_s && args.size() >= 2)
        return setSecret(runtime, commandLine, done);
    if (action == u"status"_s && args.size() == 1) {
        auto walk = std::make_shared<StatusWalk>();
        walk->store = &runtime.secrets();
        walk->names = SecretNames::knownNames();
        // Each Poleepo webhook record needs its secret: without it every call of that record fails.
        const auto records = WebhookRecordRepository(runtime.database()).list();
        if (!records) {
            Output::error(records.error());
            return done(ExitFailure);
        }
        for (const WebhookRecord &record : *records)
            walk->names.append(SecretNames::poleepoWebhookSecret(record.name));
        walk->json = commandLine.json;
        walk->done = std::move(done);
        walk->next();
        return;
    }
    Output::error(tr("usage: bottega secret set NAME (value on standard input) | secret status"));
    done(ExitUsage);
}

} // namespace Bottega::Commands
