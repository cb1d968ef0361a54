#include "core/secrets/SecretNames.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

bool isWebhookNameCharacter(QChar c)
{
    // ASCII only: the name ends up in an environment variable and in a file name.
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-'
            || c == u'_';
}

bool isValidWebhookName(const QString &webhookName)
{
    if (webhookName.isEmpty())
        return false;
    for (const QChar c : webhookName) {
        if (!isWebhookNameCharacter(c))
            return false;
    }
    return true;
}

} // namespace

const QString &SecretNames::gelatoApiKey()
{
    static const QString name = u"gelato.api-key"_s;
    return name;
}

const QString &SecretNames::gelatoWebhookSecret()
{
    static const QString name = u"gelato.webhook-secret"_s;
    return name;
}

const QString &SecretNames::poleepoClientId()
{
    static const QString name = u"poleepo.client-id"_s;
    return name;
}

const QString &SecretNames::poleepoClientSecret()
{
    static const QString name = u"poleepo.client-secret"_s;
    return name;
}

const QString &SecretNames::poleepoWebhookSecretPrefix()
{
    static const QString prefix = u"poleepo.webhook-secret."_s;
    return prefix;
}

const QStringList &SecretNames::knownNames()
{
    static const QStringList names
            = {gelatoApiKey(), gelatoWebhookSecret(), poleepoClientId(), poleepoClientSecret()};
    return names;
}

QString SecretNames::poleepoWebhookSecret(const QString &webhookName)
{
    return poleepoWebhookSecretPrefix() + webhookName;
}

bool SecretNames::isValid(const QString &name)
{
    return validate(name).ok();
}

Result<void> SecretNames::validate(const QString &name)
{
    if (knownNames().contains(name))
        return {};
    if (name.startsWith(poleepoWebhookSecretPrefix())) {
        const QString webhookName = name.mid(poleepoWebhookSecretPrefix().size());
        if (webhookName.isEmpty())
            return makeError(QCoreApplication::translate("Bottega::SecretNames",
                                                         "\"%1\" needs a webhook name after the last dot, as "
                                                         "poleepo.webhook-secret.orders")
                                     .arg(name));
        if (!isValidWebhookName(webhookName))
            return makeError(QCoreApplication::translate(
                                     "Bottega::SecretNames",
                                     "\"%1\": a webhook name may contain only letters, digits, '-' and '_'")
                                     .arg(name));
        return {};
    }
    return makeError(QCoreApplication::translate("Bottega::SecretNames",
                                                 "\"%1\" is not a secret name; the names are %2 and "
                                                 "poleepo.webhook-secret.<webhook-name>")
                             .arg(name, knownNames().join(u", "_s)));
}

QString SecretNames::environmentVariable(const QString &name)
{
    QString variable = name.toUpper();
    variable.replace(u'.', u'_');
    variable.replace(u'-', u'_');
    return u"BOTTEGA_"_s + variable;
}

} // namespace Bottega
