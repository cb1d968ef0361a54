#include "core/secrets/EnvironmentSecretStore.h"

#include "tests/core/secrets/SecretTestCalls.h"

#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

namespace {

// Sets a variable for one test and restores the environment afterwards.
class ScopedVariable
{
public:
    ScopedVariable(const char *name, const QByteArray &value) : m_name(name) { qputenv(name, value); }
    ~ScopedVariable() { qunsetenv(m_name); }
    ScopedVariable(const ScopedVariable &) = delete;
    ScopedVariable &operator=(const ScopedVariable &) = delete;

private:
    const char *m_name;
};

} // namespace

TEST(EnvironmentSecretStore, ReadsBottegaVariables)
{
    ScopedVariable apiKey("BOTTEGA_GELATO_API_KEY", "env-key");
    ScopedVariable webhook("BOTTEGA_POLEEPO_WEBHOOK_SECRET_ORDERS_EU", "hook-secret");
    EnvironmentSecretStore store;
    EXPECT_FALSE(store.isWritable());

    const SecretLookup found = readSecret(store, u"gelato.api-key"_s);
    EXPECT_EQ(found.status, SecretLookup::Status::Found);
    EXPECT_EQ(found.value, u"env-key"_s);
    EXPECT_EQ(found.source, u"environment"_s);
    EXPECT_EQ(readSecret(store, u"poleepo.webhook-secret.orders-eu"_s).value, u"hook-secret"_s);
}

TEST(EnvironmentSecretStore, UnsetOrEmptyIsNotFound)
{
    qunsetenv("BOTTEGA_POLEEPO_CLIENT_ID");
    EnvironmentSecretStore store;
    EXPECT_EQ(readSecret(store, u"poleepo.client-id"_s).status, SecretLookup::Status::NotFound);
    ScopedVariable empty("BOTTEGA_POLEEPO_CLIENT_ID", "");
    EXPECT_EQ(readSecret(store, u"poleepo.client-id"_s).status, SecretLookup::Status::NotFound);
}

TEST(EnvironmentSecretStore, IsReadOnly)
{
    EnvironmentSecretStore store;
    const auto written = writeSecret(store, u"gelato.api-key"_s, u"k123"_s);
    ASSERT_FALSE(written.ok());
    EXPECT_EQ(written.error(),
              u"gelato.api-key: environment variables are read-only; set BOTTEGA_GELATO_API_KEY where "
              u"Bottega is "
              "started"_s);
    EXPECT_FALSE(written.error().contains(u"k123"_s));
    EXPECT_FALSE(removeSecret(store, u"gelato.api-key"_s).ok());
    EXPECT_EQ(readSecret(store, u"bad name"_s).status, SecretLookup::Status::Failed);
}
