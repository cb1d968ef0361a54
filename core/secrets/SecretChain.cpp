#include "core/secrets/SecretChain.h"

#include "core/secrets/CredentialsDirectorySecretStore.h"
#include "core/secrets/EnvironmentSecretStore.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/secrets/SecretNames.h"

#include <QPointer>
#include <QTimer>
#include <optional>

using namespace Qt::StringLiterals;

namespace Bottega {

struct SecretChain::ReadState
{
    QString key;
    ReadCallback done;
    std::optional<SecretLookup> firstFailure;
};

SecretChain::SecretChain(std::vector<std::unique_ptr<SecretStore>> stores, QObject *parent)
    : QObject(parent), m_stores(std::move(stores))
{
}

SecretChain::~SecretChain() = default;

std::unique_ptr<SecretChain> SecretChain::createDefault(const QString &keychainService)
{
    std::vector<std::unique_ptr<SecretStore>> stores;
    stores.push_back(std::make_unique<KeychainSecretStore>(keychainService));
    stores.push_back(std::make_unique<CredentialsDirectorySecretStore>());
    stores.push_back(std::make_unique<EnvironmentSecretStore>());
    return std::make_unique<SecretChain>(std::move(stores));
}

QString SecretChain::name() const
{
    return u"chain"_s;
}

bool SecretChain::isWritable() const
{
    return firstWritable() != nullptr;
}

QStringList SecretChain::storeNames() const
{
    QStringList names;
    for (const auto &store : m_stores)
        names.append(store->name());
    return names;
}

void SecretChain::read(const QString &key, ReadCallback done)
{
    auto state = std::make_shared<ReadState>();
    state->key = key;
    state->done = std::move(done);
    if (const auto valid = SecretNames::validate(key); !valid) {
        SecretLookup failed;
        failed.status = SecretLookup::Status::Failed;
        failed.source = name();
        failed.error = valid.error();
        state->firstFailure = failed;
        // Past the end of the chain: reports the failure, from the event loop.
        return readFrom(m_stores.size(), state);
    }
    readFrom(0, state);
}

void SecretChain::readFrom(std::size_t index, const std::shared_ptr<ReadState> &state)
{
    if (index >= m_stores.size()) {
        SecretLookup result;
        result.source = name();
        if (state->firstFailure)
            result = *state->firstFailure;
        QTimer::singleShot(0, this, [state, result] { state->done(result); });
        return;
    }
    // The stores call back from the event loop; the guard covers a chain destroyed meanwhile
    // (its stores go with it, but a store's callback may already be queued).
    const QPointer<SecretChain> guard(this);
    m_stores[index]->read(state->key, [guard, index, state](const SecretLookup &lookup) {
        if (!guard)
            return;
        switch (lookup.status) {
        case SecretLookup::Status::Found:
            state->done(lookup);
            return;
        case SecretLookup::Status::Failed:
            if (!state->firstFailure)
                state->firstFailure = lookup;
            break;
        case SecretLookup::Status::NotFound:
            break;
        }
        guard->readFrom(index + 1, state);
    });
}

void SecretChain::write(const QString &key, const QString &value, WriteCallback done)
{
    SecretStore *store = firstWritable();
    if (!store)
        return refuse(std::move(done));
    const QPointer<SecretChain> guard(this);
    store->write(key, value, [guard, done = std::move(done)](const Result<void> &result) {
        if (guard)
            done(result);
    });
}

void SecretChain::remove(const QString &key, WriteCallback done)
{
    SecretStore *store = firstWritable();
    if (!store)
        return refuse(std::move(done));
    const QPointer<SecretChain> guard(this);
    store->remove(key, [guard, done = std::move(done)](const Result<void> &result) {
        if (guard)
            done(result);
    });
}

SecretStore *SecretChain::firstWritable() const
{
    for (const auto &store : m_stores) {
        if (store->isWritable())
            return store.get();
    }
    return nullptr;
}

void SecretChain::refuse(WriteCallback done)
{
    const Result<void> result = m_stores.empty()
            ? makeError(tr("no secret store is configured"))
            : makeError(
                    tr("no secret store can save secrets (%1: read-only); start a keyring service such "
                       "as gnome-keyring, or provide the secret as a credential file or BOTTEGA_* variable")
                            .arg(storeNames().join(u", "_s)));
    QTimer::singleShot(0, this, [done = std::move(done), result] { done(result); });
}

} // namespace Bottega
