// LockedSecretStore: a SecretStore that behaves like a locked keyring: every call fails later, from
// the event loop, with the readable error a real keychain store gives.
#pragma once

#include "core/secrets/SecretStore.h"

#include <QObject>

namespace Bottega::Test {

class LockedSecretStore final : public SecretStore
{
public:
    static QString lockedError();

    QString name() const override;
    bool isWritable() const override;
    void read(const QString &key, ReadCallback done) override;
    void write(const QString &key, const QString &value, WriteCallback done) override;
    void remove(const QString &key, WriteCallback done) override;

    int writeAttempts() const { return m_writeAttempts; }

private:
    QObject m_context; // callbacks die with the store
    int m_writeAttempts = 0;
};

} // namespace Bottega::Test
