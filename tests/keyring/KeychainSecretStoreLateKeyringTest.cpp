// A keyring that comes up after Bottega (a desktop session that autostarts both): the first request
// fails, the store waits and retries once, and by then the keyring answers. Runs only through
// `run-with-keyring.sh --no-daemon`, whose bus has no keyring and cannot start one by itself.
#include "core/secrets/KeychainSecretStore.h"
#include "tests/core/secrets/SecretTestCalls.h"
#include "tests/support/TestUtil.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QUuid>
#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

TEST(KeychainSecretStoreLateKeyring, RetriesOnceAndFindsAKeyringThatStartedLate)
{
    const QByteArray password = qgetenv("BOTTEGA_KEYRING_PASSWORD");
    ASSERT_FALSE(password.isEmpty()) << "run through tests/keyring/run-with-keyring.sh --no-daemon";

    KeychainSecretStore store(u"BottegaTest-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces));
    store.setRetryDelay(std::chrono::milliseconds(1500));
    QSignalSpy waiting(&store, &KeychainSecretStore::waitingForKeyring);

    auto answer = std::make_shared<std::optional<SecretLookup>>();
    store.read(u"gelato.api-key"_s, [answer](const SecretLookup &lookup) { *answer = lookup; });
    ASSERT_TRUE(waitUntil([&] { return waiting.count() > 0 || answer->has_value(); }, 10000));
    ASSERT_FALSE(answer->has_value())
            << "no keyring yet, yet an answer: " << qPrintable(answer->value().error);
    EXPECT_EQ(waiting.at(0).at(0).toString(), u"gelato.api-key"_s);

    // The keyring arrives while the store waits.
    QProcess daemon;
    daemon.start(u"gnome-keyring-daemon"_s, {u"--unlock"_s, u"--components=secrets"_s});
    ASSERT_TRUE(daemon.waitForStarted(5000));
    daemon.write(password);
    daemon.closeWriteChannel();
    ASSERT_TRUE(daemon.waitForFinished(10000)); // it forks into the background once it is up
    ASSERT_EQ(daemon.exitCode(), 0) << daemon.readAllStandardError().constData();

    ASSERT_TRUE(waitUntil([&] { return answer->has_value(); }, 15000));
    EXPECT_EQ(answer->value().status, SecretLookup::Status::NotFound) << qPrintable(answer->value().error);
    EXPECT_EQ(waiting.count(), 1);

    // And it is the real keyring now.
    ASSERT_TRUE(writeSecret(store, u"gelato.api-key"_s, u"late-k"_s, 20000).ok());
    EXPECT_EQ(readSecret(store, u"gelato.api-key"_s, 20000).value, u"late-k"_s);
    EXPECT_TRUE(removeSecret(store, u"gelato.api-key"_s, 20000).ok());
    EXPECT_EQ(waiting.count(), 1) << "no further retries once the keyring answered";
}

TEST(KeychainSecretStoreNoKeyring, FailsAfterOneRetryAndThenAtOnce)
{
    ASSERT_FALSE(qEnvironmentVariableIsEmpty("BOTTEGA_KEYRING_PASSWORD"))
            << "run through tests/keyring/run-with-keyring.sh --no-daemon";
    KeychainSecretStore store(u"BottegaTest-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces));
    store.setRetryDelay(std::chrono::milliseconds(300));
    QSignalSpy waiting(&store, &KeychainSecretStore::waitingForKeyring);

    QElapsedTimer timer;
    timer.start();
    const SecretLookup first = readSecret(store, u"gelato.api-key"_s, 20000);
    EXPECT_GE(timer.elapsed(), 300) << "the first failure waits for the one retry";
    EXPECT_EQ(waiting.count(), 1);
    EXPECT_EQ(first.status, SecretLookup::Status::Failed);
    EXPECT_EQ(first.error, u"no keyring service (is a Secret Service such as gnome-keyring running?)"_s);

    // No keyring came: the next requests fail without waiting again.
    const auto written = writeSecret(store, u"gelato.api-key"_s, u"k"_s, 20000);
    EXPECT_EQ(written.error(), u"no keyring service (is a Secret Service such as gnome-keyring running?)"_s);
    EXPECT_EQ(readSecret(store, u"gelato.api-key"_s, 20000).status, SecretLookup::Status::Failed);
    EXPECT_EQ(waiting.count(), 1);
}
