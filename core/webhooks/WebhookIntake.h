// WebhookIntake: the webhook routes of the built-in server (HOOK-1, HOOK-3): verifies the sender's
// signature, then writes the call to the durable queue before answering. Nothing else happens on
// the request path; processing is WebhookProcessor's job, nudged through queued().
#pragma once

#include "core/server/ServerTypes.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <memory>

namespace Bottega {

class Database;
class SecretStore;
class Server;
class WebhookQueueRepository;

class WebhookIntake final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookIntake)

public:
    WebhookIntake(Database &database, SecretStore &secrets, QObject *parent = nullptr);
    ~WebhookIntake() override;

    // Reads the Gelato secret and the secrets of the Poleepo records once and caches them: the
    // request path never waits for a keyring. secretsLoaded() follows.
    void loadSecrets();
    bool secretsLoaded() const { return m_pendingReads == 0 && m_loadStarted; }

    // POST /gelato/webhook and POST /poleepo/webhook/<name>.
    void registerRoutes(Server &server);

    ServerResponse handleGelato(const ServerRequest &request);
    ServerResponse handlePoleepo(const ServerRequest &request);

    // Same length and same bytes, in a time that does not depend on where they differ.
    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

Q_SIGNALS:
    void secretsReady();
    // A new call was queued (not for duplicates): the processor's nudge.
    void queued(qint64 id);

private:
    ServerResponse enqueue(const ServerRequest &request, const QString &source, const QString &recordName);
    void readSecret(const QString &key, const std::function<void(const QString &)> &store);
    void finishRead();

    Database &m_database;
    SecretStore &m_secrets;
    std::unique_ptr<WebhookQueueRepository> m_queue; // its insert prepared once, not per call
    bool m_loadStarted = false;
    int m_pendingReads = 0;
    QByteArray m_gelatoSecret; // empty: not configured
    QHash<QString, QByteArray> m_poleepoSecrets; // by record name
    bool m_durableConfigured = false;
};

} // namespace Bottega
