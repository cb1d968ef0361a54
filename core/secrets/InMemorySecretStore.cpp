#include "core/secrets/InMemorySecretStore.h"

#include "core/secrets/SecretNames.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace Bottega {

InMemorySecretStore::InMemorySecretStore(QObject *parent) : QObject(parent) { }

InMemorySecretStore::~InMemorySecretStore() = default;

QString InMemorySecretStore::name() const
{
    return u"memory"_s;
}

bool InMemorySecretStore::isWritable() const
{
    return true;
}

void InMemorySecretStore::read(const QString &key, ReadCallback done)
{
    SecretLookup lookup;
    lookup.source = name();
    if (const auto valid = SecretNames::validate(key); !valid) {
        lookup.status = SecretLookup::Status::Failed;
        lookup.error = valid.error();
    } else if (const auto it = m_values.constFind(key); it != m_values.cend()) {
        lookup.status = SecretLookup::Status::Found;
        lookup.value = *it;
    }
    // The store is the context: if it is destroyed first, the callback is dropped.
    QTimer::singleShot(0, this, [done = std::move(done), lookup] { done(lookup); });
}

void InMemorySecretStore::write(const QString &key, const QString &value, WriteCallback done)
{
    Result<void> result = SecretNames::validate(key);
    if (result && value.isEmpty())
        result = makeError(tr("%1: the value is empty").arg(key));
    if (result)
        m_values.insert(key, value);
    QTimer::singleShot(0, this, [done = std::move(done), result] { done(result); });
}

void InMemorySecretStore::remove(const QString &key, WriteCallback done)
{
    Result<void> result = SecretNames::validate(key);
    if (result)
        m_values.remove(key);
    QTimer::singleShot(0, this, [done = std::move(done), result] { done(result); });
}

QStringList InMemorySecretStore::keys() const
{
    QStringList names = m_values.keys();
    names.sort();
    return names;
}

} // namespace Bottega
