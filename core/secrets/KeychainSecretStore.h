// KeychainSecretStore: secrets in the OS keychain through QtKeychain (Secret Service, KWallet, macOS
// Keychain, Windows Credential Manager). Asynchronous jobs, no plain-text fallback, readable errors.
#pragma once

#include "core/secrets/SecretStore.h"

#include <QObject>
#include <chrono>
#include <memory>

namespace QKeychain {
class Job;
}

namespace Bottega {

class KeychainSecretStore final : public QObject, public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainSecretStore)

public:
    // serviceName groups Bottega's entries in the keychain; tests use a unique one per run.
    explicit KeychainSecretStore(const QString &serviceName = QStringLiteral("Bottega"),
                                 QObject *parent = nullptr);
    ~KeychainSecretStore() override;

    QString serviceName() const;

    // How long to wait before the one retry when the keychain backend is not up yet (~2 s). A
    // session's keyring daemon often starts after the apps that autostart with it. Retries stop
    // once the backend has answered or a retry has failed as well.
    std::chrono::milliseconds retryDelay() const;
    void setRetryDelay(std::chrono::milliseconds delay);

    QString name() const override;
    bool isWritable() const override;

    void read(const QString &key, ReadCallback done) override;
    void write(const QString &key, const QString &value, WriteCallback done) override;
    void remove(const QString &key, WriteCallback done) override;

Q_SIGNALS:
    // The keychain did not answer and the request for key will be retried after retryDelay(); a
    // window can say "waiting for the keyring" meanwhile.
    void waitingForKeyring(const QString &key);

private:
    struct Request;

    void start(const std::shared_ptr<Request> &request);
    void finish(const std::shared_ptr<Request> &request, QKeychain::Job *job);
    void fail(const std::shared_ptr<Request> &request, const QString &error);
    static QString noKeyringService();

    QString m_serviceName;
    std::chrono::milliseconds m_retryDelay {2000};
    bool m_mayRetry = true;
};

} // namespace Bottega
