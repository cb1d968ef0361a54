// KeychainSecretStore against a real gnome-keyring (Secret Service over D-Bus). Runs only through
// run-with-keyring.sh, which starts a private session bus and a throwaway unlocked keyring.
#include "core/secrets/KeychainSecretStore.h"
#include "core/secrets/SecretChain.h"
#include "tests/core/secrets/SecretTestCalls.h"
#include "tests/support/TestUtil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>
#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

namespace {

// A service name of its own per run: even on a developer's machine the entries cannot collide with
// real ones, and a crashed run leaves nothing that a later run could mistake for its own.
QString uniqueService()
{
    return u"BottegaTest-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

constexpr int keyringTimeoutMs = 20000;

} // namespace

TEST(KeychainSecretStoreKeyring, RunsInsideAPrivateSession)
{
    // Guards against running this suite outside the wrapper, against someone's real keyring.
    const QString home = qEnvironmentVariable("HOME");
    EXPECT_TRUE(home.contains(u"bottega-keyring."_s))
            << "run through tests/keyring/run-with-keyring.sh; HOME is " << qPrintable(home);
    EXPECT_FALSE(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"));
}

TEST(KeychainSecretStoreKeyring, WritesReadsOverwritesAndRemoves)
{
    KeychainSecretStore store(uniqueService());
    const QString key = u"gelato.api-key"_s;

    const SecretLookup before = readSecret(store, key, keyringTimeoutMs);
    ASSERT_EQ(before.status, SecretLookup::Status::NotFound) << qPrintable(before.error);

    const auto written = writeSecret(store, key, u"k123"_s, keyringTimeoutMs);
    ASSERT_TRUE(written.ok()) << qPrintable(written.error());
    const SecretLookup found = readSecret(store, key, keyringTimeoutMs);
    ASSERT_EQ(found.status, SecretLookup::Status::Found) << qPrintable(found.error);
    EXPECT_EQ(found.value, u"k123"_s);
    EXPECT_EQ(found.source, u"keychain"_s);

    ASSERT_TRUE(writeSecret(store, key, u"k456-ünïcödé €"_s, keyringTimeoutMs).ok());
    EXPECT_EQ(readSecret(store, key, keyringTimeoutMs).value, u"k456-ünïcödé €"_s);

    const auto removed = removeSecret(store, key, keyringTimeoutMs);
    ASSERT_TRUE(removed.ok()) << qPrintable(removed.error());
    EXPECT_EQ(readSecret(store, key, keyringTimeoutMs).status, SecretLookup::Status::NotFound);
}

TEST(KeychainSecretStoreKeyring, EntriesAreSeparatedByServiceAndName)
{
    const QString service = uniqueService();
    KeychainSecretStore store(service);
    KeychainSecretStore otherService(uniqueService());
    ASSERT_TRUE(writeSecret(store, u"poleepo.webhook-secret.orders"_s, u"hook-1"_s, keyringTimeoutMs).ok());
    ASSERT_TRUE(writeSecret(store, u"poleepo.client-secret"_s, u"client"_s, keyringTimeoutMs).ok());

    EXPECT_EQ(readSecret(store, u"poleepo.webhook-secret.orders"_s, keyringTimeoutMs).value, u"hook-1"_s);
    EXPECT_EQ(readSecret(store, u"poleepo.client-secret"_s, keyringTimeoutMs).value, u"client"_s);
    EXPECT_EQ(readSecret(otherService, u"poleepo.client-secret"_s, keyringTimeoutMs).status,
              SecretLookup::Status::NotFound);

    // A second store object on the same service sees the same keyring.
    KeychainSecretStore again(service);
    EXPECT_EQ(readSecret(again, u"poleepo.webhook-secret.orders"_s, keyringTimeoutMs).value, u"hook-1"_s);

    EXPECT_TRUE(removeSecret(store, u"poleepo.webhook-secret.orders"_s, keyringTimeoutMs).ok());
    EXPECT_TRUE(removeSecret(store, u"poleepo.client-secret"_s, keyringTimeoutMs).ok());
    EXPECT_TRUE(removeSecret(store, u"poleepo.client-secret"_s, keyringTimeoutMs).ok())
            << "already gone is fine";
}

TEST(KeychainSecretStoreKeyring, DefaultChainWritesToTheKeychainAndReadsItFirst)
{
    qputenv("BOTTEGA_GELATO_WEBHOOK_SECRET", "from-environment");
    const auto secrets = SecretChain::createDefault(uniqueService());

    EXPECT_EQ(readSecret(*secrets, u"gelato.webhook-secret"_s, keyringTimeoutMs).source, u"environment"_s);
    ASSERT_TRUE(writeSecret(*secrets, u"gelato.webhook-secret"_s, u"from-keychain"_s, keyringTimeoutMs).ok());
    const SecretLookup lookup = readSecret(*secrets, u"gelato.webhook-secret"_s, keyringTimeoutMs);
    EXPECT_EQ(lookup.value, u"from-keychain"_s);
    EXPECT_EQ(lookup.source, u"keychain"_s);
    ASSERT_TRUE(removeSecret(*secrets, u"gelato.webhook-secret"_s, keyringTimeoutMs).ok());
    EXPECT_EQ(readSecret(*secrets, u"gelato.webhook-secret"_s, keyringTimeoutMs).source, u"environment"_s);
    qunsetenv("BOTTEGA_GELATO_WEBHOOK_SECRET");
}

TEST(KeychainSecretStoreKeyring, ValueIsNotPlainTextInTheThrowawayKeyringFile)
{
    KeychainSecretStore store(uniqueService());
    const QString value = u"plain-marker-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    ASSERT_TRUE(writeSecret(store, u"gelato.api-key"_s, value, keyringTimeoutMs).ok());

    // The keyring file lives under the wrapper's XDG_DATA_HOME (so the user's keyring is untouched)
    // and is encrypted: the value is nowhere in it as plain text.
    const QDir keyrings(qEnvironmentVariable("XDG_DATA_HOME") + u"/keyrings"_s);
    QByteArray everything;
    const bool written = waitUntil([&] {
        everything.clear();
        for (const QFileInfo &file : keyrings.entryInfoList({u"*.keyring"_s}, QDir::Files)) {
            QFile keyring(file.filePath());
            if (keyring.open(QIODevice::ReadOnly))
                everything += keyring.readAll();
        }
        return !everything.isEmpty();
    });
    ASSERT_TRUE(written) << "no keyring file in " << qPrintable(keyrings.path());
    EXPECT_FALSE(everything.contains(value.toUtf8()));
    EXPECT_TRUE(removeSecret(store, u"gelato.api-key"_s, keyringTimeoutMs).ok());
}

TEST(KeychainSecretStoreKeyring, DestroyedStoreWithARunningJobDoesNotCrash)
{
    bool called = false;
    {
        KeychainSecretStore store(uniqueService());
        store.write(u"gelato.api-key"_s, u"v"_s, [&called](const Result<void> &) { called = true; });
        store.read(u"gelato.api-key"_s, [&called](const SecretLookup &) { called = true; });
    }
    // The jobs still run to their end inside QtKeychain, which runs one job at a time: the witness's
    // read answers only after both have finished. Nobody is called back, nothing crashes.
    KeychainSecretStore witness(uniqueService());
    EXPECT_EQ(readSecret(witness, u"gelato.api-key"_s, keyringTimeoutMs).status,
              SecretLookup::Status::NotFound);
    EXPECT_FALSE(called);
}
