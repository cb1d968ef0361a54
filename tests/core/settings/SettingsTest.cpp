#include "core/settings/Settings.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace Bottega;
using namespace Qt::StringLiterals;

namespace {

class SettingsTest : public ::testing::Test
{
protected:
    QString path() const { return m_dir.filePath(u"bottega.ini"_s); }

    QTemporaryDir m_dir;
};

QByteArray fileContent(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace

TEST_F(SettingsTest, EveryKeyOfTheCliSpecIsDefinedOnceWithADescription)
{
    const QStringList expected
            = {u"gelato.enabled"_s,       u"gelato.order-url"_s,        u"gelato.product-url"_s,
               u"gelato.ecommerce-url"_s, u"gelato.shipment-url"_s,     u"poleepo.enabled"_s,
               u"poleepo.url"_s,          u"poleepo.batch-size"_s,      u"server.listen"_s,
               u"server.public-url"_s,
               u"company.name"_s,         u"company.billing-address"_s, u"orders.auto-send-gelato"_s,
               u"log.retention-days"_s,   u"webhook.retention-days"_s};
    EXPECT_EQ(Settings::keys(), expected);
    for (const SettingDefinition &definition : Settings::definitions()) {
        EXPECT_FALSE(Settings::description(definition).isEmpty()) << qPrintable(definition.key);
        EXPECT_EQ(Settings::definition(definition.key), &definition);
        EXPECT_FALSE(Settings::typeName(definition.type).isEmpty());
        if (definition.type == SettingDefinition::Type::Integer) {
            EXPECT_LT(definition.minimum, definition.maximum) << qPrintable(definition.key);
        }
    }
    EXPECT_EQ(Settings::definition(u"nope"_s), nullptr);
}

TEST_F(SettingsTest, DefaultsWithoutAFile)
{
    Settings settings(path());
    EXPECT_FALSE(settings.gelatoEnabled());
    EXPECT_EQ(settings.gelatoOrderUrl(), QUrl(u"https://order.gelatoapis.com/v4/"_s));
    EXPECT_EQ(settings.gelatoProductUrl(), QUrl(u"https://product.gelatoapis.com/v3/"_s));
    EXPECT_EQ(settings.gelatoEcommerceUrl(), QUrl(u"https://ecommerce.gelatoapis.com/v1/"_s));
    EXPECT_EQ(settings.gelatoShipmentUrl(), QUrl(u"https://shipment.gelatoapis.com/v1/"_s));
    EXPECT_FALSE(settings.poleepoEnabled());
    EXPECT_EQ(settings.poleepoUrl(), QUrl(u"https://api.poleepo.cloud"_s));
    EXPECT_EQ(settings.serverListen().toString(), u"127.0.0.1:8069"_s);
    EXPECT_EQ(settings.serverPublicUrl(), QUrl(u"http://127.0.0.1:8069"_s));
    EXPECT_EQ(settings.companyName(), QString());
    EXPECT_EQ(settings.companyBillingAddress(), QString());
    EXPECT_FALSE(settings.ordersAutoSendGelato());
    EXPECT_EQ(settings.logRetentionDays(), 30);
    EXPECT_EQ(settings.webhookRetentionDays(), 30);

    EXPECT_EQ(settings.text(u"gelato.enabled"_s), u"false"_s);
    EXPECT_EQ(settings.text(u"server.listen"_s), u"127.0.0.1:8069"_s);
    EXPECT_EQ(settings.text(u"server.public-url"_s), QString());
    EXPECT_EQ(settings.text(u"log.retention-days"_s), u"30"_s);
    for (const QString &key : Settings::keys())
        EXPECT_TRUE(settings.isDefault(key)) << qPrintable(key);
    EXPECT_FALSE(QFile::exists(path())) << "reading must not create the file";
}

TEST_F(SettingsTest, BoolAcceptsTheUsualSpellings)
{
    Settings settings(path());
    const QList<std::pair<QString, bool>> cases
            = {{u"true"_s, true}, {u"false"_s, false}, {u"1"_s, true},     {u"0"_s, false},
               {u"yes"_s, true},  {u"NO"_s, false},    {u" True "_s, true}};
    for (const auto &[text, expected] : cases) {
        const auto result = settings.set(u"gelato.enabled"_s, text);
        ASSERT_TRUE(result.ok()) << qPrintable(text) << ": " << qPrintable(result.error());
        EXPECT_EQ(settings.gelatoEnabled(), expected) << qPrintable(text);
        EXPECT_EQ(settings.text(u"gelato.enabled"_s), expected ? u"true"_s : u"false"_s);
    }
    const auto bad = settings.set(u"gelato.enabled"_s, u"maybe"_s);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error(), u"gelato.enabled: \"maybe\" is not true or false (also accepted: yes/no, 1/0)"_s);
    EXPECT_TRUE(settings.gelatoEnabled()) << "a refused value leaves the old one";
}

TEST_F(SettingsTest, IntegerChecksNumberAndRange)
{
    Settings settings(path());
    ASSERT_TRUE(settings.set(u"log.retention-days"_s, u" 90 "_s).ok());
    EXPECT_EQ(settings.logRetentionDays(), 90);
    ASSERT_TRUE(settings.set(u"webhook.retention-days"_s, u"3650"_s).ok());
    EXPECT_EQ(settings.webhookRetentionDays(), 3650);
    ASSERT_TRUE(settings.set(u"webhook.retention-days"_s, u"1"_s).ok());
    EXPECT_EQ(settings.webhookRetentionDays(), 1);

    EXPECT_EQ(settings.poleepoBatchSize(), 100);
    ASSERT_TRUE(settings.set(u"poleepo.batch-size"_s, u"25"_s).ok());
    EXPECT_EQ(settings.poleepoBatchSize(), 25);
    EXPECT_EQ(settings.set(u"poleepo.batch-size"_s, u"0"_s).error(),
              u"poleepo.batch-size: 0 is out of range 1–1000"_s);
    EXPECT_EQ(settings.poleepoBatchSize(), 25);

    EXPECT_EQ(settings.set(u"log.retention-days"_s, u"0"_s).error(),
              u"log.retention-days: 0 is out of range 1–3650"_s);
    EXPECT_EQ(settings.set(u"log.retention-days"_s, u"3651"_s).error(),
              u"log.retention-days: 3651 is out of range 1–3650"_s);
    EXPECT_EQ(settings.set(u"log.retention-days"_s, u"-4"_s).error(),
              u"log.retention-days: -4 is out of range 1–3650"_s);
    EXPECT_EQ(settings.set(u"log.retention-days"_s, u"ten"_s).error(),
              u"log.retention-days: \"ten\" is not a whole number"_s);
    EXPECT_EQ(settings.set(u"log.retention-days"_s, u"1.5"_s).error(),
              u"log.retention-days: \"1.5\" is not a whole number"_s);
    EXPECT_EQ(settings.logRetentionDays(), 90);
}

TEST_F(SettingsTest, UrlMustBeHttpWithAHost)
{
    Settings settings(path());
    ASSERT_TRUE(settings.set(u"poleepo.url"_s, u"http://127.0.0.1:9000/api/"_s).ok());
    EXPECT_EQ(settings.poleepoUrl(), QUrl(u"http://127.0.0.1:9000/api/"_s));

    EXPECT_EQ(settings.set(u"poleepo.url"_s, u"ftp://example.com/"_s).error(),
              u"poleepo.url: \"ftp://example.com/\" is not an http or https URL"_s);
    EXPECT_EQ(settings.set(u"poleepo.url"_s, u"example.com"_s).error(),
              u"poleepo.url: \"example.com\" is not an http or https URL"_s);
    EXPECT_EQ(settings.set(u"gelato.order-url"_s, u"https://"_s).error(),
              u"gelato.order-url: \"https://\" has no host"_s);
    EXPECT_EQ(settings.set(u"gelato.order-url"_s, QString()).error(),
              u"gelato.order-url: a URL is required"_s);
    EXPECT_TRUE(settings.set(u"gelato.order-url"_s, u"http://exa mple.com/"_s)
                        .error()
                        .startsWith(u"gelato.order-url: \"http://exa mple.com/\" is not a valid URL"_s));
    EXPECT_EQ(settings.gelatoOrderUrl(), QUrl(u"https://order.gelatoapis.com/v4/"_s));
}

TEST_F(SettingsTest, PublicUrlMayBeEmptyAndThenFollowsTheListenAddress)
{
    Settings settings(path());
    ASSERT_TRUE(settings.set(u"server.listen"_s, u"0.0.0.0:8089"_s).ok());
    EXPECT_EQ(settings.serverPublicUrl(), QUrl(u"http://0.0.0.0:8089"_s));
    ASSERT_TRUE(settings.set(u"server.public-url"_s, u"https://shop.example.com/bottega"_s).ok());
    EXPECT_EQ(settings.serverPublicUrl(), QUrl(u"https://shop.example.com/bottega"_s));
    ASSERT_TRUE(settings.set(u"server.public-url"_s, QString()).ok());
    EXPECT_EQ(settings.serverPublicUrl(), QUrl(u"http://0.0.0.0:8089"_s));
    ASSERT_TRUE(settings.set(u"server.listen"_s, u"[::1]:8070"_s).ok());
    EXPECT_EQ(settings.serverPublicUrl(), QUrl(u"http://[::1]:8070"_s));
}

TEST_F(SettingsTest, ListenAddressIsValidatedAndNormalised)
{
    Settings settings(path());
    ASSERT_TRUE(settings.set(u"server.listen"_s, u"localhost:8089"_s).ok());
    EXPECT_EQ(settings.text(u"server.listen"_s), u"127.0.0.1:8089"_s);
    EXPECT_EQ(settings.serverListen().port, 8089);

    EXPECT_EQ(settings.set(u"server.listen"_s, u"abc"_s).error(),
              u"server.listen: \"abc\" is not HOST:PORT"_s);
    EXPECT_EQ(settings.set(u"server.listen"_s, u"127.0.0.1:99999"_s).error(),
              u"server.listen: port 99999 is out of range 0–65535"_s);
    EXPECT_EQ(settings.set(u"server.listen"_s, u"foo.example:80"_s).error(),
              u"server.listen: \"foo.example\" is not an IP address or localhost"_s);
    EXPECT_EQ(settings.text(u"server.listen"_s), u"127.0.0.1:8089"_s);
}

TEST_F(SettingsTest, ValuesPersistAcrossInstances)
{
    {
        Settings settings(path());
        ASSERT_TRUE(settings.set(u"server.listen"_s, u"127.0.0.1:8089"_s).ok());
        ASSERT_TRUE(settings.set(u"company.name"_s, u"Bottega, Rossi & Figli"_s).ok());
        ASSERT_TRUE(
                settings.set(u"company.billing-address"_s, u"Via Roma 1\n20100 Milano, MI\nItalia"_s).ok());
        ASSERT_TRUE(settings.set(u"orders.auto-send-gelato"_s, u"yes"_s).ok());
        ASSERT_TRUE(settings.set(u"log.retention-days"_s, u"7"_s).ok());
        // Written through at once: another process sees it without this instance being destroyed.
        Settings other(path());
        EXPECT_EQ(other.text(u"server.listen"_s), u"127.0.0.1:8089"_s);
    }
    Settings reopened(path());
    EXPECT_EQ(reopened.serverListen().toString(), u"127.0.0.1:8089"_s);
    EXPECT_EQ(reopened.companyName(), u"Bottega, Rossi & Figli"_s);
    EXPECT_EQ(reopened.companyBillingAddress(), u"Via Roma 1\n20100 Milano, MI\nItalia"_s);
    EXPECT_TRUE(reopened.ordersAutoSendGelato());
    EXPECT_EQ(reopened.logRetentionDays(), 7);
    EXPECT_FALSE(reopened.isDefault(u"log.retention-days"_s));
    EXPECT_TRUE(reopened.isDefault(u"webhook.retention-days"_s));
    EXPECT_EQ(reopened.filePath(), path());

    // A readable INI file: one section per prefix.
    const QByteArray content = fileContent(path());
    EXPECT_TRUE(content.contains("[server]")) << content.constData();
    EXPECT_TRUE(content.contains("listen=127.0.0.1:8089")) << content.constData();
}

TEST_F(SettingsTest, ResetGoesBackToTheDefault)
{
    Settings settings(path());
    ASSERT_TRUE(settings.set(u"log.retention-days"_s, u"7"_s).ok());
    ASSERT_TRUE(settings.reset(u"log.retention-days"_s).ok());
    EXPECT_EQ(settings.logRetentionDays(), 30);
    EXPECT_TRUE(settings.isDefault(u"log.retention-days"_s));
    EXPECT_EQ(Settings(path()).logRetentionDays(), 30);
}

TEST_F(SettingsTest, UnknownKeyIsRefusedEverywhere)
{
    Settings settings(path());
    const QString expected = u"unknown setting \"gelato.colour\"; see `bottega config list`"_s;
    EXPECT_EQ(settings.set(u"gelato.colour"_s, u"red"_s).error(), expected);
    EXPECT_EQ(settings.reset(u"gelato.colour"_s).error(), expected);
    EXPECT_EQ(Settings::find(u"gelato.colour"_s).error(), expected);
    EXPECT_EQ(Settings::parse(u"gelato.colour"_s, u"red"_s).error(), expected);
    EXPECT_FALSE(settings.value(u"gelato.colour"_s).isValid());
    EXPECT_EQ(settings.text(u"gelato.colour"_s), QString());
    EXPECT_FALSE(QFile::exists(path()));
}

TEST_F(SettingsTest, SecretNamesAreNeverSettings)
{
    Settings settings(path());
    EXPECT_EQ(settings.set(u"gelato.api-key"_s, u"k123"_s).error(),
              u"gelato.api-key is a secret: use `bottega secret set gelato.api-key`"_s);
    EXPECT_EQ(settings.set(u"poleepo.client-secret"_s, u"s"_s).error(),
              u"poleepo.client-secret is a secret: use `bottega secret set poleepo.client-secret`"_s);
    EXPECT_EQ(
            settings.set(u"poleepo.webhook-secret.orders"_s, u"s"_s).error(),
            u"poleepo.webhook-secret.orders is a secret: use `bottega secret set poleepo.webhook-secret.orders`"_s);
    EXPECT_FALSE(QFile::exists(path())) << "the secret must not reach the file";
}

TEST_F(SettingsTest, ParseValidatesWithoutStoring)
{
    const auto parsed = Settings::parse(u"log.retention-days"_s, u"12"_s);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->toInt(), 12);
    EXPECT_EQ(Settings::parse(u"log.retention-days"_s, u"0"_s).error(),
              u"log.retention-days: 0 is out of range 1–3650"_s);
    EXPECT_FALSE(QFile::exists(path()));
}

TEST_F(SettingsTest, UnwritableFileIsAReadableErrorAndChangesNothing)
{
    // Root ignores file permissions, so make the file impossible to create instead: its parent
    // "directory" is a regular file.
    QFile blocker(m_dir.filePath(u"not-a-directory"_s));
    ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const QString unwritable = m_dir.filePath(u"not-a-directory/bottega.ini"_s);

    Settings settings(unwritable);
    QSignalSpy spy(&settings, &Settings::changed);
    const auto result = settings.set(u"server.listen"_s, u"127.0.0.1:8089"_s);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(),
              u"server.listen: cannot save: the settings file %1 is not writable"_s.arg(unwritable));
    EXPECT_EQ(settings.text(u"server.listen"_s), u"127.0.0.1:8069"_s) << "memory must agree with the disk";
    EXPECT_EQ(spy.count(), 0);
    // Still refused on the next attempt, not reported once and then silently dropped.
    EXPECT_FALSE(settings.set(u"log.retention-days"_s, u"7"_s).ok());
    EXPECT_EQ(settings.logRetentionDays(), 30);

    // Once the directory can be created, the same instance saves again: the error was not sticky.
    ASSERT_TRUE(QFile::remove(blocker.fileName()));
    const auto retried = settings.set(u"log.retention-days"_s, u"7"_s);
    ASSERT_TRUE(retried.ok()) << qPrintable(retried.error());
    EXPECT_EQ(spy.count(), 1);
    Settings reopened(unwritable);
    EXPECT_EQ(reopened.logRetentionDays(), 7);
    EXPECT_EQ(reopened.text(u"server.listen"_s), u"127.0.0.1:8069"_s)
            << "the refused value never reached the disk";
}

TEST_F(SettingsTest, ChangedIsEmittedOncePerRealChange)
{
    Settings settings(path());
    QSignalSpy spy(&settings, &Settings::changed);
    ASSERT_TRUE(settings.set(u"gelato.enabled"_s, u"true"_s).ok());
    ASSERT_EQ(spy.count(), 1);
    EXPECT_EQ(spy.at(0).at(0).toString(), u"gelato.enabled"_s);

    ASSERT_TRUE(settings.set(u"gelato.enabled"_s, u"yes"_s).ok()); // same value, other spelling
    EXPECT_EQ(spy.count(), 1);
    EXPECT_FALSE(settings.set(u"gelato.enabled"_s, u"perhaps"_s).ok());
    EXPECT_EQ(spy.count(), 1);

    ASSERT_TRUE(settings.reset(u"gelato.enabled"_s).ok());
    ASSERT_EQ(spy.count(), 2);
    EXPECT_EQ(spy.at(1).at(0).toString(), u"gelato.enabled"_s);
}

TEST_F(SettingsTest, HandEditedBadValueFallsBackToTheDefault)
{
    {
        QSettings raw(path(), QSettings::IniFormat);
        raw.setValue(u"server/listen"_s, u"nonsense"_s);
        raw.setValue(u"log/retention-days"_s, u"0"_s);
        raw.setValue(u"gelato/enabled"_s, u"true"_s);
    }
    Settings settings(path());
    EXPECT_EQ(settings.serverListen().toString(), u"127.0.0.1:8069"_s);
    EXPECT_EQ(settings.logRetentionDays(), 30);
    EXPECT_TRUE(settings.gelatoEnabled());
    ASSERT_TRUE(settings.set(u"server.listen"_s, u"127.0.0.1:9000"_s).ok());
    EXPECT_EQ(settings.serverListen().port, 9000);
}
