// The command-line contract of docs/cli.md, exercised through the real executable.
#include "tests/app/BottegaProcess.h"
#include "tests/support/database/TestDatabase.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace Bottega;
using namespace Bottega::Test;

namespace {

QJsonDocument parseJson(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << qPrintable(text);
    return document;
}

// Whether any file under dir contains needle.
bool anyFileContains(const QString &dir, const QByteArray &needle)
{
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            return true;
    }
    return false;
}

} // namespace

TEST(Cli, VersionAndHelp)
{
    BottegaProcess bottega;
    const auto version = bottega.run({u"--version"_s});
    EXPECT_EQ(version.exitCode, 0) << qPrintable(version.err);
    EXPECT_TRUE(version.out.startsWith(u"bottega 0."_s)) << qPrintable(version.out);

    const auto help = bottega.run({u"--help"_s});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(help.out.contains(u"config get KEY"_s)) << qPrintable(help.out);
}

TEST(Cli, WindowWithoutDisplaySaysSoInTheUsersLanguageBeforeQtAborts)
{
    BottegaProcess bottega;
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        bottega.environment().remove(QString::fromLatin1(name));

    const auto english = bottega.run({});
    EXPECT_EQ(english.exitCode, 1) << qPrintable(english.err);
    EXPECT_EQ(english.err.count(u'\n'), 1) << qPrintable(english.err);
    EXPECT_TRUE(english.err.contains(u"needs a desktop session"_s)) << qPrintable(english.err);
    EXPECT_TRUE(english.err.contains(u"bottega serve"_s)) << qPrintable(english.err);
    EXPECT_FALSE(english.err.contains(u"Reinstalling"_s)) << qPrintable(english.err);

    const auto italian = bottega.run({u"--lang"_s, u"it"_s});
    EXPECT_EQ(italian.exitCode, 1) << qPrintable(italian.err);
    EXPECT_TRUE(italian.err.contains(u"sessione desktop"_s)) << qPrintable(italian.err);
    EXPECT_TRUE(italian.err.contains(u"bottega serve"_s)) << qPrintable(italian.err);

    // A command still runs headless, and the window starts when a platform is named.
    EXPECT_EQ(bottega.run({u"config"_s, u"list"_s}).exitCode, 0);
}

TEST(Cli, UnknownCommandIsAUsageError)
{
    BottegaProcess bottega;
    const auto result = bottega.run({u"frobnicate"_s});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains(u"unknown command \"frobnicate\""_s)) << qPrintable(result.err);
    EXPECT_TRUE(result.err.contains(u"Usage: bottega"_s));
    EXPECT_TRUE(result.out.isEmpty());
}

TEST(Cli, UnknownOptionIsAUsageError)
{
    BottegaProcess bottega;
    const auto result = bottega.run({u"config"_s, u"list"_s, u"--frobnicate"_s});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains(u"frobnicate"_s)) << qPrintable(result.err);
    EXPECT_TRUE(result.err.contains(u"Usage: bottega"_s));
}

TEST(Cli, OptionOfAnotherCommandIsAUsageError)
{
    BottegaProcess bottega;
    const auto result = bottega.run({u"config"_s, u"list"_s, u"--listen"_s, u"127.0.0.1:1"_s});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains(u"does not take --listen"_s)) << qPrintable(result.err);
}

TEST(Cli, ConfigSetThenGet)
{
    BottegaProcess bottega;
    const auto set = bottega.run({u"config"_s, u"set"_s, u"server.listen"_s, u"127.0.0.1:8089"_s});
    ASSERT_EQ(set.exitCode, 0) << qPrintable(set.err);
    const auto get = bottega.run({u"config"_s, u"get"_s, u"server.listen"_s});
    EXPECT_EQ(get.exitCode, 0);
    EXPECT_EQ(get.out.trimmed(), u"127.0.0.1:8089"_s);

    const auto json = bottega.run({u"--json"_s, u"config"_s, u"get"_s, u"server.listen"_s});
    EXPECT_EQ(parseJson(json.out).object().value(u"value"_s).toString(), u"127.0.0.1:8089"_s);
}

TEST(Cli, ConfigRejectsBadValueAndKeepsTheOldOne)
{
    BottegaProcess bottega;
    ASSERT_EQ(bottega.run({u"config"_s, u"set"_s, u"server.listen"_s, u"127.0.0.1:8089"_s}).exitCode, 0);
    const auto bad = bottega.run({u"config"_s, u"set"_s, u"server.listen"_s, u"127.0.0.1:99999"_s});
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_TRUE(bad.err.contains(u"server.listen"_s)) << qPrintable(bad.err);
    EXPECT_EQ(bottega.run({u"config"_s, u"get"_s, u"server.listen"_s}).out.trimmed(), u"127.0.0.1:8089"_s);

    const auto unknown = bottega.run({u"config"_s, u"get"_s, u"no.such.key"_s});
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_TRUE(unknown.err.contains(u"no.such.key"_s)) << qPrintable(unknown.err);
}

TEST(Cli, ConfigListJsonHasEveryKey)
{
    BottegaProcess bottega;
    const auto result = bottega.run({u"config"_s, u"list"_s, u"--json"_s});
    ASSERT_EQ(result.exitCode, 0) << qPrintable(result.err);
    QStringList keys;
    for (const QJsonValue &row : parseJson(result.out).array())
        keys.append(row.toObject().value(u"key"_s).toString());
    for (const QString &key :
         {u"gelato.enabled"_s, u"gelato.order-url"_s, u"gelato.product-url"_s, u"gelato.ecommerce-url"_s,
          u"gelato.shipment-url"_s, u"poleepo.enabled"_s, u"poleepo.url"_s, u"server.listen"_s,
          u"server.public-url"_s, u"company.name"_s, u"company.billing-address"_s,
          u"orders.auto-send-gelato"_s, u"log.retention-days"_s, u"webhook.retention-days"_s})
        EXPECT_TRUE(keys.contains(key)) << qPrintable(key);
}

TEST(Cli, SecretOnTheCommandLineIsRefused)
{
    BottegaProcess bottega;
    const auto result = bottega.run({u"secret"_s, u"set"_s, u"gelato.api-key"_s, u"k123"_s});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains(u"standard input"_s)) << qPrintable(result.err);
    EXPECT_FALSE(result.err.contains(u"k123"_s));
    EXPECT_FALSE(anyFileContains(bottega.dataDir(), "k123"));
}

TEST(Cli, SecretWithUnknownNameIsRefused)
{
    BottegaProcess bottega;
    const auto result = bottega.run({u"secret"_s, u"set"_s, u"gelato.api key"_s}, "x");
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains(u"gelato.api key"_s)) << qPrintable(result.err);
}

TEST(Cli, SecretWithoutKeyringSaysSoAndStoresNothing)
{
    BottegaProcess bottega; // its D-Bus address points nowhere
    const auto result = bottega.run({u"secret"_s, u"set"_s, u"gelato.api-key"_s}, "k123");
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_TRUE(result.err.contains(u"keyring"_s)) << qPrintable(result.err);
    EXPECT_FALSE(result.err.contains(u"k123"_s));
    EXPECT_FALSE(anyFileContains(bottega.dataDir(), "k123"));
}

TEST(Cli, SecretStatusFromEnvironmentAndCredentialsDirectory)
{
    BottegaProcess bottega;
    QTemporaryDir credentials;
    QFile file(credentials.filePath(u"poleepo.client-secret"_s));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("cs-from-file\n");
    file.close();
    bottega.environment().insert(u"CREDENTIALS_DIRECTORY"_s, credentials.path());
    bottega.environment().insert(u"BOTTEGA_GELATO_API_KEY"_s, u"k-from-env"_s);
    // Two Poleepo webhook records: each one's secret is listed, set or missing.
    ASSERT_EQ(bottega.run({u"webhook"_s, u"add-record"_s, u"orders"_s, u"--events"_s, u"STATUS_ORDER"_s})
                      .exitCode,
              0);
    ASSERT_EQ(bottega.run({u"webhook"_s, u"add-record"_s, u"ships"_s, u"--events"_s, u"STATUS_SHIPMENT"_s})
                      .exitCode,
              0);
    bottega.environment().insert(u"BOTTEGA_POLEEPO_WEBHOOK_SECRET_ORDERS"_s, u"whs-orders"_s);

    const auto result = bottega.run({u"secret"_s, u"status"_s, u"--json"_s});
    // The keyring is unreachable here, so status reports that for the rest (exit 1) but still lists.
    const QJsonArray rows = parseJson(result.out).array();
    QJsonObject apiKey, clientSecret, clientId, ordersSecret, shipsSecret;
    for (const QJsonValue &row : rows) {
        const QJsonObject object = row.toObject();
        if (object.value(u"name"_s) == u"poleepo.webhook-secret.orders"_s)
            ordersSecret = object;
        if (object.value(u"name"_s) == u"poleepo.webhook-secret.ships"_s)
            shipsSecret = object;
        if (object.value(u"name"_s) == u"gelato.api-key"_s)
            apiKey = object;
        if (object.value(u"name"_s) == u"poleepo.client-secret"_s)
            clientSecret = object;
        if (object.value(u"name"_s) == u"poleepo.client-id"_s)
            clientId = object;
    }
    EXPECT_TRUE(apiKey.value(u"set"_s).toBool());
    EXPECT_EQ(apiKey.value(u"source"_s).toString(), u"environment"_s);
    EXPECT_TRUE(clientSecret.value(u"set"_s).toBool());
    EXPECT_EQ(clientSecret.value(u"source"_s).toString(), u"credentials directory"_s);
    EXPECT_FALSE(clientId.value(u"set"_s).toBool());
    EXPECT_TRUE(ordersSecret.value(u"set"_s).toBool()) << qPrintable(result.out);
    EXPECT_EQ(ordersSecret.value(u"source"_s).toString(), u"environment"_s);
    ASSERT_FALSE(shipsSecret.isEmpty()) << "a record without its secret is listed too";
    EXPECT_FALSE(shipsSecret.value(u"set"_s).toBool());
    EXPECT_FALSE(result.out.contains(u"whs-orders"_s));
    EXPECT_FALSE(result.out.contains(u"k-from-env"_s));
    EXPECT_FALSE(result.out.contains(u"cs-from-file"_s));
    EXPECT_FALSE(result.err.contains(u"k-from-env"_s));
}

TEST(Cli, NotADatabaseIsRefusedAndLeftUntouched)
{
    BottegaProcess bottega;
    const QString path = QDir(bottega.dataDir()).filePath(u"notes.txt"_s);
    const QByteArray content = "these are my notes, not a database\n";
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    const auto result = bottega.run({u"--db"_s, path, u"job"_s, u"list"_s});
    EXPECT_NE(result.exitCode, 0);
    EXPECT_TRUE(result.err.contains(path)) << qPrintable(result.err);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), content);
}

TEST(Cli, NewerSchemaIsRefused)
{
    BottegaProcess bottega;
    ASSERT_EQ(bottega.run({u"job"_s, u"list"_s}).exitCode, 0);
    const QString path = QDir(bottega.dataDir()).filePath(u"bottega.sqlite"_s);
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"newer-schema"_s);
        db.setDatabaseName(path);
        ASSERT_TRUE(db.open());
        QSqlQuery query(db);
        ASSERT_TRUE(query.exec(
                u"INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 0)"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"newer-schema"_s);

    const auto result = bottega.run({u"job"_s, u"list"_s});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_TRUE(result.err.contains(u"9999"_s)) << qPrintable(result.err);
    EXPECT_TRUE(result.err.contains(u"newer"_s)) << qPrintable(result.err);
}

TEST(Cli, JobListSetAndRun)
{
    BottegaProcess bottega;
    const auto list = bottega.run({u"job"_s, u"list"_s, u"--json"_s});
    ASSERT_EQ(list.exitCode, 0) << qPrintable(list.err);
    QJsonObject cleanup;
    for (const QJsonValue &row : parseJson(list.out).array()) {
        if (row.toObject().value(u"name"_s) == u"cleanup-api-log"_s)
            cleanup = row.toObject();
    }
    ASSERT_FALSE(cleanup.isEmpty()) << qPrintable(list.out);
    EXPECT_EQ(cleanup.value(u"intervalSeconds"_s).toInt(), 86400);
    for (const char *key :
         {"name", "enabled", "intervalSeconds", "minIntervalSeconds", "lastRun", "lastResult", "nextRun"})
        EXPECT_TRUE(cleanup.contains(QLatin1StringView(key))) << key;

    const auto tooShort = bottega.run({u"job"_s, u"set"_s, u"cleanup-api-log"_s, u"--interval"_s, u"60"_s});
    EXPECT_EQ(tooShort.exitCode, 1);
    EXPECT_TRUE(tooShort.err.contains(u"minimum"_s)) << qPrintable(tooShort.err);

    const auto set = bottega.run({u"job"_s, u"set"_s, u"cleanup-api-log"_s, u"--interval"_s, u"7200"_s,
                                  u"--enabled"_s, u"false"_s, u"--json"_s});
    ASSERT_EQ(set.exitCode, 0) << qPrintable(set.err);
    EXPECT_EQ(parseJson(set.out).object().value(u"intervalSeconds"_s).toInt(), 7200);
    EXPECT_FALSE(parseJson(set.out).object().value(u"enabled"_s).toBool());

    const auto run = bottega.run({u"job"_s, u"run"_s, u"cleanup-api-log"_s});
    EXPECT_EQ(run.exitCode, 0) << qPrintable(run.err);
    const auto after = bottega.run({u"job"_s, u"list"_s, u"--json"_s});
    for (const QJsonValue &row : parseJson(after.out).array()) {
        if (row.toObject().value(u"name"_s) == u"cleanup-api-log"_s) {
            EXPECT_FALSE(row.toObject().value(u"lastRun"_s).isNull());
            EXPECT_TRUE(row.toObject().value(u"lastResult"_s).toString().contains(u"removed"_s));
        }
    }

    const auto unknown = bottega.run({u"job"_s, u"run"_s, u"no-such-job"_s});
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_TRUE(unknown.err.contains(u"no-such-job"_s)) << qPrintable(unknown.err);
}

TEST(Cli, WorksOnPostgreSql)
{
    auto server = TestDatabase::create(Backend::PostgreSql, TestDatabase::Schema::Empty);
    ASSERT_TRUE(server.ok()) << qPrintable(server.error());
    (*server)->closeDatabase(); // bottega creates the schema itself
    const DatabaseLocation &location = (*server)->location();
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setHost(location.host);
    url.setPort(location.port);
    url.setUserName(location.user);
    url.setPath(u"/"_s + location.name);

    BottegaProcess bottega;
    const QString db = url.toString();
    const auto set = bottega.run(
            {u"--db"_s, db, u"job"_s, u"set"_s, u"cleanup-api-log"_s, u"--interval"_s, u"7200"_s});
    ASSERT_EQ(set.exitCode, 0) << qPrintable(set.err);
    const auto list = bottega.run({u"--db"_s, db, u"job"_s, u"list"_s, u"--json"_s});
    ASSERT_EQ(list.exitCode, 0) << qPrintable(list.err);
    EXPECT_TRUE(list.out.contains(u"7200"_s));
    // Nothing was written to the default SQLite file.
    EXPECT_FALSE(QFile::exists(QDir(bottega.dataDir()).filePath(u"bottega.sqlite"_s)));
}
