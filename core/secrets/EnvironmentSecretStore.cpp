#include "core/secrets/EnvironmentSecretStore.h"

#include "core/secrets/SecretNames.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace Bottega {

EnvironmentSecretStore::EnvironmentSecretStore(QObject *parent) : QObject(parent) { }

EnvironmentSecretStore::~EnvironmentSecretStore() = default;

QString EnvironmentSecretStore::name() const
{
    return u"environment"_s;
}

bool EnvironmentSecretStore::isWritable() const
{
    return false;
}

void EnvironmentSecretStore::read(const QString &key, ReadCallback done)
{
    SecretLookup lookup;
    lookup.source = name();
    if (const auto valid = SecretNames::validate(key); !valid) {
        lookup.status = SecretLookup::Status::Failed;
        lookup.error = valid.error();
    } else {
        const QString variable = SecretNames::environmentVariable(key);
        // An empty variable counts as unset: an empty key is never a usable secret, and
        // `BOTTEGA_GELATO_API_KEY= bottega serve` is how shells "unset" a variable for one command.
        const QString value = qEnvironmentVariable(variable.toLatin1().constData());
        if (!value.isEmpty()) {
            lookup.status = SecretLookup::Status::Found;
            lookup.value = value;
        }
    }
    QTimer::singleShot(0, this, [done = std::move(done), lookup] { done(lookup); });
}

void EnvironmentSecretStore::write(const QString &key, const QString &value, WriteCallback done)
{
    Q_UNUSED(value)
    refuse(key, std::move(done));
}

void EnvironmentSecretStore::remove(const QString &key, WriteCallback done)
{
    refuse(key, std::move(done));
}

void EnvironmentSecretStore::refuse(const QString &key, WriteCallback done)
{
    Result<void> result = SecretNames::validate(key);
    if (result)
        result = makeError(tr("%1: environment variables are read-only; set %2 where Bottega is started")
                                   .arg(key, SecretNames::environmentVariable(key)));
    QTimer::singleShot(0, this, [done = std::move(done), result] { done(result); });
}

} // namespace Bottega
