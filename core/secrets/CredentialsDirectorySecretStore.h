// CredentialsDirectorySecretStore: reads secrets from files named exactly as the secret in a
// directory, normally $CREDENTIALS_DIRECTORY (systemd LoadCredential=). Read-only.
#pragma once

#include "core/secrets/SecretStore.h"

#include <QObject>

namespace Bottega {

class CredentialsDirectorySecretStore final : public QObject, public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialsDirectorySecretStore)

public:
    // An empty directory means $CREDENTIALS_DIRECTORY; when that is unset too, nothing is found.
    explicit CredentialsDirectorySecretStore(const QString &directory = {}, QObject *parent = nullptr);
    ~CredentialsDirectorySecretStore() override;

    QString directory() const;

    QString name() const override;
    bool isWritable() const override;

    // The file's content without its trailing newline(s); a missing file is NotFound.
    void read(const QString &key, ReadCallback done) override;
    void write(const QString &key, const QString &value, WriteCallback done) override;
    void remove(const QString &key, WriteCallback done) override;

private:
    SecretLookup lookup(const QString &key) const;
    void refuse(const QString &key, WriteCallback done);

    QString m_directory;
};

} // namespace Bottega
