// WebhookIntake: the webhook routes of the built-in server (HOOK-1, HOOK-3): verifies the sender's
// signature, then stores the call durably (WebhookInbox: a row of the inbox, moved on into the queue
// and the API log in bulk) before answering. The verified calls of one event-loop turn share one
// transaction (group commit, PERF-1): each is answered once that commit is on disk, 503 if it
// failed. An accepted call's API-log row is built here (Server::inboundLogEntry) and stored with
// it. With setCommitThread(true) (the app's server) the commits run on a writer thread of their own
// (WebhookIntakeWriter), so the next calls are read and verified while the last ones are written;
// the calls that came meanwhile share the next commit.
// Processing is WebhookProcessor's job, nudged through queued().
// Thread: owned by the server thread (it lives where the Server lives and uses that thread's own
// database connection; its writer, when there is one, uses the writer thread's). Secrets are read on the secret store's thread (setSecretsContext) and
// handed back by queued calls; a call whose secret is still being read waits for it (deferred
// answer) instead of being refused.
#pragma once

#include "core/domain/WebhookQueueItem.h"
#include "core/webhooks/WebhookInbox.h"
#include "core/server/ServerReply.h"
#include "core/server/ServerTypes.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace Bottega {

class Database;
class SecretStore;
class Server;
class WebhookIntakeWriter;

class WebhookIntake final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookIntake)

public:
    WebhookIntake(Database &database, SecretStore &secrets, QObject *parent = nullptr);
    ~WebhookIntake() override;

    // Reads the Gelato secret and the secrets of the Poleepo records once and caches them; a call
    // arriving before its secret is read waits for that read. secretsLoaded() follows.
    void loadSecrets();
    bool secretsLoaded() const { return m_pendingReads == 0 && m_loadStarted; }

    // The object in whose thread the secret store lives: reads are started there and their values
    // come back to this object's thread by queued calls. nullptr (the default): this thread.
    void setSecretsContext(QObject *context);
    // How many calls may wait for a secret that is being read (default 4096); more are answered 503.
    void setMaxWaitingForSecret(int calls);

    // POST /gelato/webhook and POST /poleepo/webhook/<name>.
    void registerRoutes(Server &server);

    // Answer through reply: at once when the call is refused, after the batch commit otherwise.
    void handleGelato(const ServerRequest &request, const ServerReply &reply);
    void handlePoleepo(const ServerRequest &request, const ServerReply &reply);

    // A batch is committed at the end of the event-loop turn, or at once when it has this many
    // calls (default 256).
    void setMaxBatchSize(int calls);
    // Commits on a writer thread of its own (with its own database connection) instead of on this
    // thread; set before the first call. Answers still come from this thread, after the commit.
    void setCommitThread(bool own);
    // How many verified calls may wait for their commit (default 4096); more are answered 503 (the
    // sender retries): a burst larger than the queue can commit is refused, never dropped.
    void setMaxUncommitted(int calls);
    // How many calls were accepted (verified, to be stored) so far; read from any thread, as long as
    // the pointer is kept (the processor's burst probe).
    std::shared_ptr<const std::atomic<quint64>> acceptedCounter() const { return m_accepted; }
    // The writer thread's figures (calls per commit, wait for the write lock, commit time); empty
    // without a writer thread.
    QString commitStatistics() const;
    // Work done inside every batch transaction after the queue rows (the app writes its buffered
    // API-log rows there: one fsync for both). It must not fail the transaction.
    void setCommitCompanion(std::function<void()> work);
    // Runs the commit companion in a transaction of its own (its work came without calls to commit):
    // on the writer thread when there is one (the server thread does not wait), here otherwise.
    void commitCompanionSoon();
    // Commits the calls collected so far and answers them (also done on destruction); with a writer
    // thread it waits for the commits under way.
    void flush();

    // At start, before the first call: moves on into the queue the calls a crash left in the inbox
    // (answered, not yet moved). Returns how many.
    Result<int> moveLeftovers();

    // Same length and same bytes, in a time that does not depend on where they differ.
    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

Q_SIGNALS:
    void secretsReady();
    // Calls reached the webhook queue (moved from the inbox; repeats not counted): the processor's
    // nudge.
    void queued(int calls);
    // A batch of calls was committed (or, committed false, rolled back and answered 503).
    void batchFinished(int calls, bool committed);

private:
    // Verified call to queue item: nullopt when it is to be queued, otherwise the refusal.
    static std::optional<ServerResponse> parse(const ServerRequest &request, const QString &source,
                                               const QString &recordName, WebhookQueueItem &item);
    void enqueue(const ServerRequest &request, const ServerReply &reply, const QString &source,
                 const QString &recordName);
    void endOfTurn();
    void ensureWriter();
    void submitBatch(); // to the writer thread
    void answerFinished(); // the writer's finished batches
    void answer(const QList<ServerReply> &replies, const Result<QList<WebhookInbox::Outcome>> &outcomes);
    void moveHere(); // without a writer thread: the inbox into the queue, now
    static ServerResponse queuedAnswer();
    void readSecret(const QString &key, std::function<void(const QString &)> store);
    void finishRead();
    void handlePoleepoCall(const ServerRequest &request, const ServerReply &reply, bool mayRead);
    bool mayWait(const ServerReply &reply);

    QObject *m_secretsContext = nullptr;
    struct Waiting
    {
        ServerRequest request;
        ServerReply reply;
    };
    bool m_gelatoSecretRead = false;
    QList<Waiting> m_waitingForGelato; // until the Gelato secret has been read
    QHash<QString, QList<Waiting>> m_waitingForPoleepo; // by record name, until its secret is read
    int m_waitingCount = 0;
    int m_maxWaiting = 4096;

    Database &m_database;
    SecretStore &m_secrets;
    QPointer<Server> m_server; // the server whose routes this serves (for the API-log rows)
    std::unique_ptr<WebhookInbox> m_inboxHere; // without a writer thread; made at the first commit
    // Where answers of secret reads are posted; cleared (under its lock) when this object goes, so a
    // read finishing on another thread never posts to a deleted intake.
    struct Inbox;
    std::shared_ptr<Inbox> m_inbox;
    bool m_loadStarted = false;
    int m_pendingReads = 0;
    QByteArray m_gelatoSecret; // empty: not configured
    QHash<QString, QByteArray> m_poleepoSecrets; // by record name
    struct Pending
    {
        WebhookInbox::Call call;
        ServerReply reply;
    };
    QList<Pending> m_batch; // verified, waiting for the turn's commit
    QTimer m_flushTimer; // 0 ms, single shot: the end of the turn
    int m_maxBatch = 256;
    int m_maxUncommitted = 4096;
    std::function<void()> m_commitCompanion;
    bool m_commitThread = false;
    std::unique_ptr<WebhookIntakeWriter> m_writer; // made at the first commit, with the companion
    QList<ServerReply> m_awaitingCommit; // submitted to the writer, in its order
    std::shared_ptr<std::atomic<quint64>> m_accepted = std::make_shared<std::atomic<quint64>>(0);
};

} // namespace Bottega
