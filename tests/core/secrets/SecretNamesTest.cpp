#include "core/secrets/SecretNames.h"

#include <gtest/gtest.h>

using namespace Bottega;
using namespace Qt::StringLiterals;

TEST(SecretNames, KnownNamesAreTheOnesOfTheCliSpec)
{
    const QStringList expected = {u"gelato.api-key"_s, u"gelato.webhook-secret"_s, u"poleepo.client-id"_s,
                                  u"poleepo.client-secret"_s};
    EXPECT_EQ(SecretNames::knownNames(), expected);
    for (const QString &name : expected)
        EXPECT_TRUE(SecretNames::isValid(name)) << qPrintable(name);
    EXPECT_EQ(SecretNames::gelatoApiKey(), u"gelato.api-key"_s);
    EXPECT_EQ(SecretNames::poleepoWebhookSecret(u"orders"_s), u"poleepo.webhook-secret.orders"_s);
}

TEST(SecretNames, WebhookSecretsFollowThePattern)
{
    for (const QString &name : {u"poleepo.webhook-secret.orders"_s, u"poleepo.webhook-secret.Orders-2_b"_s})
        EXPECT_TRUE(SecretNames::isValid(name)) << qPrintable(name);

    for (const QString &name : {u"poleepo.webhook-secret.my hook"_s, u"poleepo.webhook-secret.a.b"_s,
                                u"poleepo.webhook-secret.../x"_s, u"poleepo.webhook-secret.é"_s}) {
        EXPECT_FALSE(SecretNames::isValid(name)) << qPrintable(name);
        EXPECT_EQ(SecretNames::validate(name).error(),
                  u"\"%1\": a webhook name may contain only letters, digits, '-' and '_'"_s.arg(name));
    }
    EXPECT_EQ(SecretNames::validate(u"poleepo.webhook-secret."_s).error(),
              u"\"poleepo.webhook-secret.\" needs a webhook name after the last dot, as "
              "poleepo.webhook-secret.orders"_s);
}

TEST(SecretNames, UnknownNamesAreRefusedWithTheList)
{
    for (const QString &name : {u"gelato.apikey"_s, QString(), u"../etc/passwd"_s, u"GELATO.API-KEY"_s}) {
        EXPECT_FALSE(SecretNames::isValid(name)) << qPrintable(name);
        EXPECT_EQ(SecretNames::validate(name).error(),
                  u"\"%1\" is not a secret name; the names are gelato.api-key, gelato.webhook-secret, "
                  "poleepo.client-id, poleepo.client-secret and poleepo.webhook-secret.<webhook-name>"_s.arg(
                          name));
    }
}

TEST(SecretNames, EnvironmentVariableNames)
{
    EXPECT_EQ(SecretNames::environmentVariable(u"gelato.api-key"_s), u"BOTTEGA_GELATO_API_KEY"_s);
    EXPECT_EQ(SecretNames::environmentVariable(u"gelato.webhook-secret"_s),
              u"BOTTEGA_GELATO_WEBHOOK_SECRET"_s);
    EXPECT_EQ(SecretNames::environmentVariable(u"poleepo.client-id"_s), u"BOTTEGA_POLEEPO_CLIENT_ID"_s);
    EXPECT_EQ(SecretNames::environmentVariable(u"poleepo.webhook-secret.orders-eu"_s),
              u"BOTTEGA_POLEEPO_WEBHOOK_SECRET_ORDERS_EU"_s);
}
