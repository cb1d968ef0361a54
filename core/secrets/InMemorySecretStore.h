// InMemorySecretStore: secrets held in this process only, for tests and the sandbox. Behaves like
// a real store: names are validated and every callback comes later from the event loop.
#pragma once

#include "core/secrets/SecretStore.h"

#include <QHash>
#include <QObject>

namespace Bottega {

class InMemorySecretStore final : public QObject, public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InMemorySecretStore)

public:
    explicit InMemorySecretStore(QObject *parent = nullptr);
    ~InMemorySecretStore() override;

    QString name() const override;
    bool isWritable() const override;

    void read(const QString &key, ReadCallback done) override;
    void write(const QString &key, const QString &value, WriteCallback done) override;
    void remove(const QString &key, WriteCallback done) override;

    // Names with a value, sorted (never the values themselves).
    QStringList keys() const;

private:
    QHash<QString, QString> m_values;
};

} // namespace Bottega
