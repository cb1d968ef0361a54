// SecretNames: the one list of secret names (docs/cli.md "Secret names") and the rules around them:
// which names are valid, the error for one that is not, and the environment variable of each.
#pragma once

#include "core/domain/Result.h"

#include <QString>
#include <QStringList>

namespace Bottega {

class SecretNames final
{
public:
    SecretNames() = delete;

    static const QString &gelatoApiKey();
    static const QString &gelatoWebhookSecret();
    static const QString &poleepoClientId();
    static const QString &poleepoClientSecret();
    // "poleepo.webhook-secret.": followed by a Poleepo webhook record's name.
    static const QString &poleepoWebhookSecretPrefix();

    // The fixed names, in the order `secret status` lists them.
    static const QStringList &knownNames();
    // "poleepo.webhook-secret.<webhookName>"; webhookName must be letters, digits, '-' or '_'.
    static QString poleepoWebhookSecret(const QString &webhookName);

    static bool isValid(const QString &name);
    // Ok for a valid name; otherwise an error that names it and says what a valid name looks like.
    static Result<void> validate(const QString &name);

    // BOTTEGA_ + upper-case, '.' and '-' as '_': gelato.api-key -> BOTTEGA_GELATO_API_KEY.
    static QString environmentVariable(const QString &name);
};

} // namespace Bottega
