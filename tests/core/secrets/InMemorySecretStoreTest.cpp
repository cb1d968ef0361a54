#include "core/secrets/InMemorySecretStore.h"

#include "tests/core/secrets/SecretTestCalls.h"
#include "tests/support/TestUtil.h"

#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

TEST(InMemorySecretStore, WritesReadsAndRemoves)
{
    InMemorySecretStore store;
    EXPECT_TRUE(store.isWritable());
    EXPECT_EQ(store.name(), u"memory"_s);

    const SecretLookup missing = readSecret(store, u"gelato.api-key"_s);
    EXPECT_EQ(missing.status, SecretLookup::Status::NotFound);
    EXPECT_EQ(missing.source, u"memory"_s);

    ASSERT_TRUE(writeSecret(store, u"gelato.api-key"_s, u"k123"_s).ok());
    SecretLookup found = readSecret(store, u"gelato.api-key"_s);
    EXPECT_EQ(found.status, SecretLookup::Status::Found);
    EXPECT_EQ(found.value, u"k123"_s);
    EXPECT_EQ(found.source, u"memory"_s);
    EXPECT_EQ(store.keys(), QStringList {u"gelato.api-key"_s});

    ASSERT_TRUE(writeSecret(store, u"gelato.api-key"_s, u"k456"_s).ok());
    EXPECT_EQ(readSecret(store, u"gelato.api-key"_s).value, u"k456"_s);

    ASSERT_TRUE(removeSecret(store, u"gelato.api-key"_s).ok());
    EXPECT_EQ(readSecret(store, u"gelato.api-key"_s).status, SecretLookup::Status::NotFound);
    EXPECT_TRUE(removeSecret(store, u"gelato.api-key"_s).ok()) << "removing what is gone is fine";
}

TEST(InMemorySecretStore, RefusesInvalidNamesAndEmptyValues)
{
    InMemorySecretStore store;
    const SecretLookup lookup = readSecret(store, u"gelato.token"_s);
    EXPECT_EQ(lookup.status, SecretLookup::Status::Failed);
    EXPECT_TRUE(lookup.error.startsWith(u"\"gelato.token\" is not a secret name"_s))
            << qPrintable(lookup.error);

    const auto badName = writeSecret(store, u"poleepo.webhook-secret.a b"_s, u"v"_s);
    ASSERT_FALSE(badName.ok());
    EXPECT_TRUE(badName.error().contains(u"letters, digits"_s)) << qPrintable(badName.error());

    const auto empty = writeSecret(store, u"gelato.api-key"_s, QString());
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error(), u"gelato.api-key: the value is empty"_s);
    EXPECT_TRUE(store.keys().isEmpty());

    EXPECT_FALSE(removeSecret(store, u"nope"_s).ok());
}

TEST(InMemorySecretStore, DestroyedStoreNeverCallsBack)
{
    bool called = false;
    {
        InMemorySecretStore store;
        store.read(u"gelato.api-key"_s, [&called](const SecretLookup &) { called = true; });
        store.write(u"gelato.api-key"_s, u"v"_s, [&called](const Result<void> &) { called = true; });
    }
    spinFor(20);
    EXPECT_FALSE(called);
}
