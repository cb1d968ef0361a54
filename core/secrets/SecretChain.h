// SecretChain: the secret store the app uses. Reads ask each store in order (keychain, credentials
// directory, environment) and the first that finds the secret wins; writes go to the first writable one.
#pragma once

#include "core/secrets/SecretStore.h"

#include <QObject>
#include <memory>
#include <vector>

namespace Bottega {

class SecretChain final : public QObject, public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretChain)

public:
    // Takes ownership of the stores; the order given is the order asked.
    explicit SecretChain(std::vector<std::unique_ptr<SecretStore>> stores, QObject *parent = nullptr);
    ~SecretChain() override;

    // The standard chain: KeychainSecretStore(keychainService), then $CREDENTIALS_DIRECTORY, then
    // BOTTEGA_* environment variables.
    static std::unique_ptr<SecretChain> createDefault(const QString &keychainService
                                                      = QStringLiteral("Bottega"));

    QString name() const override;
    bool isWritable() const override; // true when any store is writable
    QStringList storeNames() const;

    // A store's failure (a locked keyring) does not stop the chain: a later store may still have the
    // secret. Only when none has it is the first failure reported instead of NotFound.
    void read(const QString &key, ReadCallback done) override;
    void write(const QString &key, const QString &value, WriteCallback done) override;
    void remove(const QString &key, WriteCallback done) override;

private:
    struct ReadState;

    void readFrom(std::size_t index, const std::shared_ptr<ReadState> &state);
    SecretStore *firstWritable() const;
    void refuse(WriteCallback done);

    std::vector<std::unique_ptr<SecretStore>> m_stores;
};

} // namespace Bottega
