// The keychain store on a machine without a session bus (a server, a container, a CI runner): every
// operation must end in a readable Failed at once, neither a crash nor a hang nor a wait. The real keyring is
// tested in tests/keyring.
#include "core/secrets/KeychainSecretStore.h"
#include "tests/core/secrets/SecretTestCalls.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

TEST(KeychainWithoutSessionBus, ReportsReadableFailures)
{
    // Set before anything in this process opens the session bus. A socket path that cannot exist.
    QTemporaryDir dir;
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + QFile::encodeName(dir.filePath(u"no-bus"_s)));

    KeychainSecretStore store(u"BottegaTest-no-bus"_s);
    EXPECT_EQ(store.serviceName(), u"BottegaTest-no-bus"_s);
    EXPECT_EQ(store.retryDelay(), std::chrono::milliseconds(2000));
    QSignalSpy waiting(&store, &KeychainSecretStore::waitingForKeyring);
    const QString expected = u"no keyring service: there is no D-Bus session bus (on a server, use "
                             "$CREDENTIALS_DIRECTORY or BOTTEGA_* environment variables)"_s;

    QElapsedTimer timer;
    timer.start();
    const SecretLookup lookup = readSecret(store, u"gelato.api-key"_s);
    EXPECT_EQ(lookup.status, SecretLookup::Status::Failed);
    EXPECT_EQ(lookup.source, u"keychain"_s);
    EXPECT_TRUE(lookup.value.isEmpty());
    EXPECT_EQ(lookup.error, expected);

    const auto written = writeSecret(store, u"gelato.api-key"_s, u"k-never-stored"_s);
    EXPECT_EQ(written.error(), expected);
    EXPECT_EQ(removeSecret(store, u"gelato.api-key"_s).error(), expected);
    // Without a bus no keyring can ever come, so nothing waits for the retry delay.
    EXPECT_EQ(waiting.count(), 0);
    EXPECT_LT(timer.elapsed(), 1500);
}

TEST(KeychainWithoutSessionBus, InvalidNamesFailBeforeAnyJob)
{
    KeychainSecretStore store(u"BottegaTest-no-bus"_s);
    const SecretLookup lookup = readSecret(store, u"not a name"_s);
    EXPECT_EQ(lookup.status, SecretLookup::Status::Failed);
    EXPECT_TRUE(lookup.error.startsWith(u"\"not a name\" is not a secret name"_s))
            << qPrintable(lookup.error);
    EXPECT_EQ(writeSecret(store, u"gelato.api-key"_s, QString()).error(),
              u"gelato.api-key: the value is empty"_s);
}
