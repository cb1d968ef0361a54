#include "core/webhooks/WebhookIntake.h"

#include "core/domain/Clock.h"
#include "core/secrets/SecretNames.h"
#include "core/secrets/SecretStore.h"
#include "core/server/Server.h"
#include "core/store/Database.h"
#include "core/store/WebhookRecordRepository.h"
#include "core/webhooks/WebhookIntakeWriter.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMessageAuthenticationCode>
#include <QMutex>
#include <QSqlDatabase>

using namespace Qt::StringLiterals;

// Off unless asked (QT_LOGGING_RULES="bottega.intake.info=true"): the writer's figures at the end.
Q_LOGGING_CATEGORY(lcIntake, "bottega.intake", QtWarningMsg)

namespace Bottega {

namespace {

const QByteArray gelatoSignatureHeader = "signature";
const QByteArray poleepoSignatureHeader = "X-Poleepo-Signature";
const QString poleepoPrefix = u"/poleepo/webhook/"_s;

bool isSignatureHeader(const QByteArray &name)
{
    return name.compare(gelatoSignatureHeader, Qt::CaseInsensitive) == 0
            || name.compare(poleepoSignatureHeader, Qt::CaseInsensitive) == 0;
}

// The headers as "Name: value" lines for the queue page; signatures never stored.
QString headerLines(const ServerRequest &request)
{
    QStringList lines;
    for (const auto &[name, value] : request.headers) {
        lines.append(QString::fromLatin1(name) + u": "_s
                     + (isSignatureHeader(name) ? u"[redacted]"_s : QString::fromUtf8(value)));
    }
    return lines.join(u'\n');
}

QString idText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toInteger());
    return {};
}

} // namespace

struct WebhookIntake::Inbox
{
    QMutex mutex;
    WebhookIntake *target = nullptr;
};

WebhookIntake::WebhookIntake(Database &database, SecretStore &secrets, QObject *parent)
    : QObject(parent), m_database(database), m_secrets(secrets), m_inbox(std::make_shared<Inbox>())
{
    m_inbox->target = this;
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(0);
    connect(&m_flushTimer, &QTimer::timeout, this, &WebhookIntake::endOfTurn);
}

WebhookIntake::~WebhookIntake()
{
    {
        const QMutexLocker lock(&m_inbox->mutex);
        m_inbox->target = nullptr;
    }
    // Calls still waiting for a secret are refused: the sender retries.
    const auto refuse = [](const QList<Waiting> &calls) {
        for (const Waiting &call : calls)
            call.reply.send(ServerResponse::error(503, tr("the server is stopping")));
    };
    refuse(std::exchange(m_waitingForGelato, {}));
    for (const QList<Waiting> &calls : std::exchange(m_waitingForPoleepo, {}))
        refuse(calls);
    // Calls verified but not yet committed are stored (and answered if their server is still there).
    flush();
    if (m_writer)
        qCInfo(lcIntake) << "webhook intake commits:" << m_writer->statistics();
    m_writer.reset();
}

void WebhookIntake::setMaxBatchSize(int calls)
{
    m_maxBatch = std::max(1, calls);
    if (m_writer)
        m_writer->setMaxCallsPerCommit(m_maxBatch);
}

void WebhookIntake::setCommitCompanion(std::function<void()> work)
{
    m_commitCompanion = std::move(work);
}

void WebhookIntake::setCommitThread(bool own)
{
    m_commitThread = own;
}

void WebhookIntake::setMaxUncommitted(int calls)
{
    m_maxUncommitted = std::max(1, calls);
}

QString WebhookIntake::commitStatistics() const
{
    return m_writer ? m_writer->statistics() : QString();
}

bool WebhookIntake::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // Every byte of the expected value is looked at whatever the input, so the time says nothing
    // about how much of a guess was right.
    unsigned difference = unsigned(a.size() ^ b.size());
    for (qsizetype i = 0; i < b.size(); ++i) {
        const char left = i < a.size() ? a.at(i) : char(0);
        difference |= unsigned(static_cast<unsigned char>(left ^ b.at(i)));
    }
    return difference == 0;
}

void WebhookIntake::setSecretsContext(QObject *context)
{
    m_secretsContext = context;
}

void WebhookIntake::setMaxWaitingForSecret(int calls)
{
    m_maxWaiting = std::max(0, calls);
}

void WebhookIntake::readSecret(const QString &key, std::function<void(const QString &)> store)
{
    ++m_pendingReads;
    // Started on the secret store's thread; the value comes back here through the inbox.
    auto start = [secrets = &m_secrets, inbox = m_inbox, key, store = std::move(store)] {
        secrets->read(key, [inbox, store](const SecretLookup &lookup) {
            const QString value = lookup.status == SecretLookup::Status::Found ? lookup.value : QString();
            const QMutexLocker lock(&inbox->mutex);
            if (WebhookIntake *target = inbox->target) {
                QMetaObject::invokeMethod(
                        target,
                        [target, store, value] {
                            store(value);
                            target->finishRead();
                        },
                        Qt::QueuedConnection);
            }
        });
    };
    if (m_secretsContext)
        QMetaObject::invokeMethod(m_secretsContext, std::move(start), Qt::QueuedConnection);
    else
        start();
}

void WebhookIntake::finishRead()
{
    if (--m_pendingReads == 0)
        Q_EMIT secretsReady();
}

void WebhookIntake::loadSecrets()
{
    m_loadStarted = true;
    ++m_pendingReads; // held until every read below has been started
    readSecret(SecretNames::gelatoWebhookSecret(), [this](const QString &value) {
        m_gelatoSecret = value.toUtf8();
        m_gelatoSecretRead = true;
        // The calls that came while it was read are handled now, in their order.
        const QList<Waiting> calls = std::exchange(m_waitingForGelato, {});
        m_waitingCount -= int(calls.size());
        for (const Waiting &call : calls)
            handleGelato(call.request, call.reply);
    });
    if (const auto records = WebhookRecordRepository(m_database).list()) {
        for (const WebhookRecord &record : *records) {
            const QString name = record.name;
            readSecret(SecretNames::poleepoWebhookSecret(name), [this, name](const QString &value) {
                if (value.isEmpty())
                    m_poleepoSecrets.remove(name);
                else
                    m_poleepoSecrets.insert(name, value.toUtf8());
            });
        }
    }
    finishRead();
}

void WebhookIntake::registerRoutes(Server &server)
{
    m_server = &server;
    server.addDeferredRoute(
            "POST", u"/gelato/webhook"_s, u"webhook"_s,
            [this](const ServerRequest &request, const ServerReply &reply) { handleGelato(request, reply); });
    server.addDeferredRoute("POST", poleepoPrefix + u'*', u"webhook"_s,
                            [this](const ServerRequest &request, const ServerReply &reply) {
                                handlePoleepo(request, reply);
                            });
}

bool WebhookIntake::mayWait(const ServerReply &reply)
{
    if (m_waitingCount < m_maxWaiting) {
        ++m_waitingCount;
        return true;
    }
    reply.send(ServerResponse::error(503, tr("webhook secret not read yet; try again")));
    return false;
}

void WebhookIntake::handleGelato(const ServerRequest &request, const ServerReply &reply)
{
    // Its secret still being read: the call waits for it rather than being refused (issue 14.5).
    if (m_loadStarted && !m_gelatoSecretRead) {
        if (mayWait(reply))
            m_waitingForGelato.append({request, reply});
        return;
    }
    // The signature first: an unsigned caller learns nothing and costs no database work.
    if (m_gelatoSecret.isEmpty())
        return reply.send(ServerResponse::error(503, tr("webhook secret not configured")));
    const QByteArray signature = request.header(gelatoSignatureHeader);
    if (signature.isEmpty())
        return reply.send(ServerResponse::error(401, tr("gelato webhook: the signature header is missing")));
    if (!constantTimeEquals(signature, m_gelatoSecret))
        return reply.send(ServerResponse::error(403, tr("gelato webhook: the signature is wrong")));
    enqueue(request, reply, u"gelato"_s, {});
}

void WebhookIntake::handlePoleepo(const ServerRequest &request, const ServerReply &reply)
{
    handlePoleepoCall(request, reply, true);
}

void WebhookIntake::handlePoleepoCall(const ServerRequest &request, const ServerReply &reply, bool mayRead)
{
    const QString name = request.path.mid(poleepoPrefix.size());
    const auto record = WebhookRecordRepository(m_database).findByName(name);
    if (!record)
        return reply.send(ServerResponse::error(500, record.error()));
    if (!record->has_value() || !(*record)->active)
        return reply.send(ServerResponse::error(404, tr("no active Poleepo webhook named %1").arg(name)));
    const auto secret = m_poleepoSecrets.constFind(name);
    if (secret == m_poleepoSecrets.cend()) {
        // Read just now and still missing: the record has no secret.
        if (!mayRead)
            return reply.send(ServerResponse::error(503, tr("webhook secret not configured")));
        // A record created after start (or whose first read is not done): the call waits for the
        // read of its secret and is handled then (issue 14.5); one read for all the waiting calls.
        if (!mayWait(reply))
            return;
        QList<Waiting> &waiting = m_waitingForPoleepo[name];
        waiting.append({request, reply});
        if (waiting.size() == 1) {
            readSecret(SecretNames::poleepoWebhookSecret(name), [this, name](const QString &value) {
                if (!value.isEmpty())
                    m_poleepoSecrets.insert(name, value.toUtf8());
                const QList<Waiting> calls = m_waitingForPoleepo.take(name);
                m_waitingCount -= int(calls.size());
                for (const Waiting &call : calls)
                    handlePoleepoCall(call.request, call.reply, false);
            });
        }
        return;
    }
    const QByteArray signature = request.header(poleepoSignatureHeader).trimmed().toLower();
    if (signature.isEmpty())
        return reply.send(
                ServerResponse::error(401, tr("poleepo webhook: the X-Poleepo-Signature header is missing")));
    const QByteArray expected
            = QMessageAuthenticationCode::hash(request.body, *secret, QCryptographicHash::Sha256).toHex();
    if (!constantTimeEquals(signature, expected))
        return reply.send(ServerResponse::error(403, tr("poleepo webhook: the signature is wrong")));
    enqueue(request, reply, u"poleepo"_s, name);
}

std::optional<ServerResponse> WebhookIntake::parse(const ServerRequest &request, const QString &source,
                                                   const QString &recordName, WebhookQueueItem &item)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return ServerResponse::error(400, tr("webhook body is not a JSON object"));
    const QJsonObject object = document.object();
    // PostgreSQL text cannot hold NUL: a sender's NUL would otherwise turn a verified call into a 500.
    const QString event = object.value("event"_L1).toString().remove(QChar(u'\0'));
    if (event.isEmpty())
        return ServerResponse::error(400, tr("webhook body has no event"));

    item.source = source;
    item.recordName = recordName;
    item.event = event;
    item.eventId = idText(object.value("id"_L1)).remove(QChar(u'\0'));
    item.body = request.body;
    item.headers = headerLines(request);
    return std::nullopt;
}

void WebhookIntake::enqueue(const ServerRequest &request, const ServerReply &reply, const QString &source,
                            const QString &recordName)
{
    // More calls than the queue can commit in time: refused now, so the sender retries, rather than
    // kept in memory without end.
    if (m_batch.size() + m_awaitingCommit.size() >= m_maxUncommitted) {
        ServerResponse busy = ServerResponse::error(503, tr("too many webhook calls waiting to be stored; try again"));
        busy.headers.emplaceBack("Retry-After", "1");
        return reply.send(std::move(busy));
    }
    Pending pending {{}, reply};
    if (auto refused = parse(request, source, recordName, pending.call.item))
        return reply.send(std::move(*refused));
    pending.call.item.receivedAt = m_database.clock().now();
    m_accepted->fetch_add(1, std::memory_order_relaxed);
    // Its API-log row goes into the inbox with it (one row written per call, not two).
    if (m_server)
        pending.call.log = m_server->inboundLogEntry(request, queuedAnswer());
    m_batch.append(std::move(pending));
    if (m_batch.size() >= m_maxBatch)
        endOfTurn();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void WebhookIntake::endOfTurn()
{
    if (m_commitThread)
        submitBatch();
    else
        flush();
}

void WebhookIntake::commitCompanionSoon()
{
    if (!m_commitCompanion)
        return;
    if (!m_commitThread) {
        (void)m_database.transaction([this](QSqlDatabase &) -> Result<void> {
            m_commitCompanion();
            return {};
        });
        return;
    }
    ensureWriter();
    m_writer->commitCompanion();
}

void WebhookIntake::ensureWriter()
{
    if (!m_writer) {
        // Woken on its thread after each commit; the answers are given here, on this thread.
        m_writer = std::make_unique<WebhookIntakeWriter>(m_database, m_commitCompanion, [this] {
            QMetaObject::invokeMethod(this, [this] { answerFinished(); }, Qt::QueuedConnection);
        });
        m_writer->setMaxCallsPerCommit(m_maxBatch);
    }
}

void WebhookIntake::submitBatch()
{
    m_flushTimer.stop();
    if (m_batch.isEmpty())
        return;
    ensureWriter();
    QList<WebhookInbox::Call> calls;
    calls.reserve(m_batch.size());
    for (Pending &pending : m_batch) {
        calls.append(std::move(pending.call));
        m_awaitingCommit.append(std::move(pending.reply));
    }
    m_batch.clear();
    m_writer->submit(std::move(calls));
}

void WebhookIntake::answerFinished()
{
    if (!m_writer)
        return;
    const QList<WebhookIntakeWriter::Finished> finished = m_writer->takeFinished();
    // The nudge for calls the writer moved on into the queue (after the answers below, if any).
    const int moved = m_writer->takeMoved();
    if (finished.isEmpty()) {
        if (moved > 0)
            Q_EMIT queued(moved);
        return;
    }
    // The calls verified meanwhile go to the writer before these answers are written: their commit
    // overlaps the answering.
    submitBatch();
    for (const WebhookIntakeWriter::Finished &batch : finished) {
        const QList<ServerReply> replies = m_awaitingCommit.mid(0, batch.calls);
        m_awaitingCommit.remove(0, batch.calls);
        answer(replies, batch.outcomes);
    }
    if (moved > 0)
        Q_EMIT queued(moved);
}

void WebhookIntake::flush()
{
    m_flushTimer.stop();
    if (m_commitThread) {
        submitBatch();
        if (m_writer) {
            m_writer->waitUntilIdle();
            answerFinished();
        }
        return;
    }
    if (m_batch.isEmpty()) {
        moveHere(); // what an earlier failed move left
        return;
    }
    const QList<Pending> batch = std::exchange(m_batch, {});
    if (!m_inboxHere)
        m_inboxHere = std::make_unique<WebhookInbox>(m_database);
    QList<WebhookInbox::Call> calls;
    QList<ServerReply> replies;
    calls.reserve(batch.size());
    replies.reserve(batch.size());
    for (const Pending &pending : batch) {
        calls.append(pending.call);
        replies.append(pending.reply);
    }
    // Repeated event ids, also within the batch, are acknowledged without a row.
    answer(replies, m_inboxHere->commit(calls, m_commitCompanion));
    moveHere();
}

void WebhookIntake::moveHere()
{
    if (!m_inboxHere || !m_inboxHere->hasUnmoved())
        return;
    const auto moved = m_inboxHere->move();
    if (!moved) {
        qWarning("webhook intake: %s", qUtf8Printable(moved.error())); // tried again at the next batch
        return;
    }
    if (*moved > 0)
        Q_EMIT queued(*moved);
}

Result<int> WebhookIntake::moveLeftovers()
{
    WebhookInbox inbox(m_database);
    if (auto r = inbox.findLeftovers(); !r)
        return makeError(r.error());
    const auto moved = inbox.move();
    if (moved && *moved > 0)
        Q_EMIT queued(*moved);
    return moved;
}

ServerResponse WebhookIntake::queuedAnswer()
{
    return ServerResponse::json(200, R"({"status":"queued"})");
}

void WebhookIntake::answer(const QList<ServerReply> &replies,
                           const Result<QList<WebhookInbox::Outcome>> &outcomes)
{
    if (!outcomes) {
        // Rolled back: nothing of the batch is stored, so nothing is acknowledged; senders retry.
        for (const ServerReply &reply : replies)
            reply.send(ServerResponse::error(503, tr("webhook not stored: %1").arg(outcomes.error())));
        Q_EMIT batchFinished(int(replies.size()), false);
        return;
    }
    for (qsizetype i = 0; i < replies.size(); ++i) {
        if (outcomes->at(i).duplicate) {
            replies.at(i).send(ServerResponse::json(200, R"({"status":"duplicate"})"));
            continue;
        }
        ServerResponse response = queuedAnswer();
        // Its API-log row was stored with it in the inbox.
        response.loggedByHandler = !m_server.isNull();
        replies.at(i).send(std::move(response));
    }
    Q_EMIT batchFinished(int(replies.size()), true);
}

} // namespace Bottega
