// EnvironmentSecretStore: reads secrets from BOTTEGA_* environment variables (the last resort for
// servers and containers). Read-only: write and remove fail with an error that says so.
#pragma once

#include "core/secrets/SecretStore.h"

#include <QObject>

namespace Bottega {

class EnvironmentSecretStore final : public QObject, public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentSecretStore)

public:
    explicit EnvironmentSecretStore(QObject *parent = nullptr);
    ~EnvironmentSecretStore() override;

    QString name() const override;
    bool isWritable() const override;

    // Reads the variable when called, so a variable set after construction is seen.
    void read(const QString &key, ReadCallback done) override;
    void write(const QString &key, const QString &value, WriteCallback done) override;
    void remove(const QString &key, WriteCallback done) override;

private:
    void refuse(const QString &key, WriteCallback done);
};

} // namespace Bottega
