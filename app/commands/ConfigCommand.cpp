// `bottega config get KEY | set KEY VALUE | list`: the non-secret settings.
#include "app/CommandLine.h"
#include "app/Output.h"
#include "app/Runtime.h"
#include "app/commands/Command.h"
#include "core/settings/Settings.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bottega::Commands {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Bottega::Commands", text);
}

QJsonValue jsonValue(const Settings &settings, const QString &key)
{
    const QVariant value = settings.value(key);
    switch (Settings::definition(key)->type) {
    case SettingDefinition::Type::Bool:
        return value.toBool();
    case SettingDefinition::Type::Integer:
        return value.toInt();
    default:
        return settings.text(key);
    }
}

} // namespace

void config(Runtime &runtime, const CommandLine &commandLine, CommandDone done)
{
    Settings &settings = runtime.settings();
    const QStringList &args = commandLine.arguments;
    const QString action = args.value(0);

    if (action == u"get"_s && args.size() == 2) {
        const QString &key = args.at(1);
        if (const auto definition = Settings::find(key); !definition) {
            Output::error(definition.error());
            return done(ExitFailure);
        }
        if (commandLine.json)
            Output::json(QJsonObject {{u"key"_s, key}, {u"value"_s, jsonValue(settings, key)}});
        else
            Output::line(settings.text(key));
        return done(ExitOk);
    }
    if (action == u"set"_s && args.size() == 3) {
        if (auto stored = settings.set(args.at(1), args.at(2)); !stored) {
            Output::error(stored.error());
            return done(ExitFailure);
        }
        if (commandLine.json)
            Output::json(QJsonObject {{u"key"_s, args.at(1)}, {u"value"_s, jsonValue(settings, args.at(1))}});
        else
            Output::line(u"%1 = %2"_s.arg(args.at(1), settings.text(args.at(1))));
        return done(ExitOk);
    }
    if (action == u"list"_s && args.size() == 1) {
        QJsonArray rows;
        QList<QStringList> table {{tr("KEY"), tr("VALUE"), tr("DESCRIPTION")}};
        for (const SettingDefinition &definition : Settings::definitions()) {
            const QString description = Settings::description(definition);
            rows.append(QJsonObject {{u"key"_s, definition.key},
                                     {u"value"_s, jsonValue(settings, definition.key)},
                                     {u"isDefault"_s, settings.isDefault(definition.key)},
                                     {u"description"_s, description}});
            table.append({definition.key, settings.text(definition.key), description});
        }
        if (commandLine.json)
            Output::json(rows);
        else
            Output::table(table);
        return done(ExitOk);
    }
    Output::error(tr("usage: bottega config get KEY | config set KEY VALUE | config list"));
    done(ExitUsage);
}

} // namespace Bottega::Commands
