#include "core/secrets/SecretChain.h"

#include "core/secrets/CredentialsDirectorySecretStore.h"
#include "core/secrets/EnvironmentSecretStore.h"
#include "core/secrets/InMemorySecretStore.h"
#include "tests/core/secrets/SecretTestCalls.h"
#include "tests/support/TestUtil.h"

#include <QFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

namespace {

// Builds chains from real stores and keeps raw pointers to look inside them afterwards.
class SecretChainTest : public ::testing::Test
{
protected:
    void TearDown() override { qunsetenv("BOTTEGA_GELATO_API_KEY"); }

    InMemorySecretStore *addMemory(QStringList seed = {})
    {
        auto store = std::make_unique<InMemorySecretStore>();
        InMemorySecretStore *raw = store.get();
        for (qsizetype i = 0; i + 1 < seed.size(); i += 2)
            EXPECT_TRUE(writeSecret(*raw, seed.at(i), seed.at(i + 1)).ok());
        m_stores.push_back(std::move(store));
        return raw;
    }

    // A credentials directory whose gelato.api-key file is too large: a store that fails.
    void addFailingCredentials()
    {
        QFile file(m_dir.filePath(u"gelato.api-key"_s));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(70 * 1024, 'x'));
        file.close();
        m_stores.push_back(std::make_unique<CredentialsDirectorySecretStore>(m_dir.path()));
    }

    void addCredentials(const QString &name, const QByteArray &content)
    {
        QTemporaryDir *dir = m_extraDirs.emplace_back(std::make_unique<QTemporaryDir>()).get();
        QFile file(dir->filePath(name));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        m_stores.push_back(std::make_unique<CredentialsDirectorySecretStore>(dir->path()));
    }

    void addEnvironment() { m_stores.push_back(std::make_unique<EnvironmentSecretStore>()); }

    std::unique_ptr<SecretChain> chain() { return std::make_unique<SecretChain>(std::move(m_stores)); }

    QTemporaryDir m_dir;
    std::vector<std::unique_ptr<QTemporaryDir>> m_extraDirs;
    std::vector<std::unique_ptr<SecretStore>> m_stores;
};

} // namespace

TEST_F(SecretChainTest, FirstStoreThatFindsTheSecretWins)
{
    addMemory({u"gelato.api-key"_s, u"from-first"_s});
    addCredentials(u"gelato.api-key"_s, "from-credentials\n");
    qputenv("BOTTEGA_GELATO_API_KEY", "from-environment");
    addEnvironment();
    auto secrets = chain();

    const SecretLookup lookup = readSecret(*secrets, u"gelato.api-key"_s);
    EXPECT_EQ(lookup.status, SecretLookup::Status::Found);
    EXPECT_EQ(lookup.value, u"from-first"_s);
    EXPECT_EQ(lookup.source, u"memory"_s);
}

TEST_F(SecretChainTest, FallsThroughStoresThatDoNotHaveIt)
{
    addMemory();
    addCredentials(u"poleepo.client-id"_s, "id-from-file\n");
    qputenv("BOTTEGA_GELATO_API_KEY", "from-environment");
    addEnvironment();
    auto secrets = chain();
    EXPECT_EQ(secrets->storeNames(),
              (QStringList {u"memory"_s, u"credentials directory"_s, u"environment"_s}));

    const SecretLookup fromFile = readSecret(*secrets, u"poleepo.client-id"_s);
    EXPECT_EQ(fromFile.value, u"id-from-file"_s);
    EXPECT_EQ(fromFile.source, u"credentials directory"_s);

    const SecretLookup fromEnvironment = readSecret(*secrets, u"gelato.api-key"_s);
    EXPECT_EQ(fromEnvironment.value, u"from-environment"_s);
    EXPECT_EQ(fromEnvironment.source, u"environment"_s);

    const SecretLookup nowhere = readSecret(*secrets, u"gelato.webhook-secret"_s);
    EXPECT_EQ(nowhere.status, SecretLookup::Status::NotFound);
    EXPECT_TRUE(nowhere.error.isEmpty());
}

TEST_F(SecretChainTest, AFailingStoreDoesNotStopTheChain)
{
    addFailingCredentials();
    qputenv("BOTTEGA_GELATO_API_KEY", "from-environment");
    addEnvironment();
    auto secrets = chain();

    const SecretLookup lookup = readSecret(*secrets, u"gelato.api-key"_s);
    EXPECT_EQ(lookup.status, SecretLookup::Status::Found);
    EXPECT_EQ(lookup.value, u"from-environment"_s);
}

TEST_F(SecretChainTest, WhenNothingIsFoundTheFailureIsReported)
{
    addFailingCredentials();
    addMemory();
    auto secrets = chain();

    const SecretLookup lookup = readSecret(*secrets, u"gelato.api-key"_s);
    EXPECT_EQ(lookup.status, SecretLookup::Status::Failed);
    EXPECT_EQ(lookup.source, u"credentials directory"_s);
    EXPECT_TRUE(lookup.error.startsWith(u"credential file "_s)) << qPrintable(lookup.error);
    EXPECT_TRUE(lookup.value.isEmpty());
}

TEST_F(SecretChainTest, WritesAndRemovesGoToTheFirstWritableStore)
{
    addEnvironment();
    addCredentials(u"poleepo.client-id"_s, "x");
    InMemorySecretStore *first = addMemory();
    InMemorySecretStore *second = addMemory();
    auto secrets = chain();
    EXPECT_TRUE(secrets->isWritable());

    ASSERT_TRUE(writeSecret(*secrets, u"gelato.api-key"_s, u"k123"_s).ok());
    EXPECT_EQ(first->keys(), QStringList {u"gelato.api-key"_s});
    EXPECT_TRUE(second->keys().isEmpty());
    const SecretLookup lookup = readSecret(*secrets, u"gelato.api-key"_s);
    EXPECT_EQ(lookup.value, u"k123"_s);
    EXPECT_EQ(lookup.source, u"memory"_s);

    ASSERT_TRUE(removeSecret(*secrets, u"gelato.api-key"_s).ok());
    EXPECT_TRUE(first->keys().isEmpty());
    EXPECT_EQ(readSecret(*secrets, u"gelato.api-key"_s).status, SecretLookup::Status::NotFound);
}

TEST_F(SecretChainTest, WithoutAWritableStoreWritesFailReadably)
{
    addCredentials(u"poleepo.client-id"_s, "x");
    addEnvironment();
    auto secrets = chain();
    EXPECT_FALSE(secrets->isWritable());

    const auto written = writeSecret(*secrets, u"gelato.api-key"_s, u"k123"_s);
    ASSERT_FALSE(written.ok());
    EXPECT_TRUE(written.error().startsWith(
            u"no secret store can save secrets (credentials directory, environment: read-only)"_s))
            << qPrintable(written.error());
    EXPECT_FALSE(written.error().contains(u"k123"_s));
    EXPECT_FALSE(removeSecret(*secrets, u"gelato.api-key"_s).ok());

    SecretChain empty(std::vector<std::unique_ptr<SecretStore>> {});
    EXPECT_EQ(writeSecret(empty, u"gelato.api-key"_s, u"k"_s).error(), u"no secret store is configured"_s);
    EXPECT_EQ(readSecret(empty, u"gelato.api-key"_s).status, SecretLookup::Status::NotFound);
}

TEST_F(SecretChainTest, InvalidNamesFailWithoutAskingTheStores)
{
    addMemory();
    auto secrets = chain();
    const SecretLookup lookup = readSecret(*secrets, u"gelato.password"_s);
    EXPECT_EQ(lookup.status, SecretLookup::Status::Failed);
    EXPECT_TRUE(lookup.error.startsWith(u"\"gelato.password\" is not a secret name"_s))
            << qPrintable(lookup.error);
    EXPECT_FALSE(writeSecret(*secrets, u"gelato.password"_s, u"x"_s).ok());
}

TEST_F(SecretChainTest, DestroyedChainNeverCallsBack)
{
    addMemory({u"gelato.api-key"_s, u"k"_s});
    addEnvironment();
    auto secrets = chain();
    bool called = false;
    secrets->read(u"gelato.api-key"_s, [&called](const SecretLookup &) { called = true; });
    secrets->write(u"gelato.api-key"_s, u"v"_s, [&called](const Result<void> &) { called = true; });
    secrets.reset();
    spinFor(20);
    EXPECT_FALSE(called);
}

TEST_F(SecretChainTest, DefaultChainAsksKeychainThenCredentialsThenEnvironment)
{
    const auto secrets = SecretChain::createDefault(u"BottegaTest"_s);
    EXPECT_EQ(secrets->storeNames(),
              (QStringList {u"keychain"_s, u"credentials directory"_s, u"environment"_s}));
    EXPECT_TRUE(secrets->isWritable());
}
