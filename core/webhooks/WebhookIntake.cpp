#include "core/webhooks/WebhookIntake.h"

#include "core/secrets/SecretNames.h"
#include "core/secrets/SecretStore.h"
#include "core/server/Server.h"
#include "core/store/Database.h"
#include "core/store/WebhookQueueRepository.h"
#include "core/store/WebhookRecordRepository.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>

using namespace Qt::StringLiterals;

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

WebhookIntake::WebhookIntake(Database &database, SecretStore &secrets, QObject *parent)
    : QObject(parent), m_database(database), m_secrets(secrets),
      m_queue(std::make_unique<WebhookQueueRepository>(database))
{
}

WebhookIntake::~WebhookIntake() = default;

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

void WebhookIntake::readSecret(const QString &key, const std::function<void(const QString &)> &store)
{
    ++m_pendingReads;
    m_secrets.read(key, [this, store](const SecretLookup &lookup) {
        store(lookup.status == SecretLookup::Status::Found ? lookup.value : QString());
        finishRead();
    });
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
    readSecret(SecretNames::gelatoWebhookSecret(),
               [this](const QString &value) { m_gelatoSecret = value.toUtf8(); });
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
    server.addRoute("POST", u"/gelato/webhook"_s, u"webhook"_s,
                    [this](const ServerRequest &request) { return handleGelato(request); });
    server.addRoute("POST", poleepoPrefix + u'*', u"webhook"_s,
                    [this](const ServerRequest &request) { return handlePoleepo(request); });
}

ServerResponse WebhookIntake::handleGelato(const ServerRequest &request)
{
    // The signature first: an unsigned caller learns nothing and costs no database work.
    if (!secretsLoaded() || m_gelatoSecret.isEmpty())
        return ServerResponse::error(503, tr("webhook secret not configured"));
    const QByteArray signature = request.header(gelatoSignatureHeader);
    if (signature.isEmpty())
        return ServerResponse::error(401, tr("gelato webhook: the signature header is missing"));
    if (!constantTimeEquals(signature, m_gelatoSecret))
        return ServerResponse::error(403, tr("gelato webhook: the signature is wrong"));
    return enqueue(request, u"gelato"_s, {});
}

ServerResponse WebhookIntake::handlePoleepo(const ServerRequest &request)
{
    const QString name = request.path.mid(poleepoPrefix.size());
    const auto record = WebhookRecordRepository(m_database).findByName(name);
    if (!record)
        return ServerResponse::error(500, record.error());
    if (!record->has_value() || !(*record)->active)
        return ServerResponse::error(404, tr("no active Poleepo webhook named %1").arg(name));
    const auto secret = m_poleepoSecrets.constFind(name);
    if (secret == m_poleepoSecrets.cend()) {
        // A record created after start: its secret is read now, for the sender's next try.
        readSecret(SecretNames::poleepoWebhookSecret(name), [this, name](const QString &value) {
            if (!value.isEmpty())
                m_poleepoSecrets.insert(name, value.toUtf8());
        });
        return ServerResponse::error(503, tr("webhook secret not configured"));
    }
    const QByteArray signature = request.header(poleepoSignatureHeader).trimmed().toLower();
    if (signature.isEmpty())
        return ServerResponse::error(401, tr("poleepo webhook: the X-Poleepo-Signature header is missing"));
    const QByteArray expected
            = QMessageAuthenticationCode::hash(request.body, *secret, QCryptographicHash::Sha256).toHex();
    if (!constantTimeEquals(signature, expected))
        return ServerResponse::error(403, tr("poleepo webhook: the signature is wrong"));
    return enqueue(request, u"poleepo"_s, name);
}

ServerResponse WebhookIntake::enqueue(const ServerRequest &request, const QString &source,
                                      const QString &recordName)
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

    WebhookQueueItem item;
    item.source = source;
    item.recordName = recordName;
    item.event = event;
    item.eventId = idText(object.value("id"_L1)).remove(QChar(u'\0'));
    item.body = request.body;
    item.headers = headerLines(request);
    item.receivedAt = QDateTime::currentDateTimeUtc();
    // Autocommit: the row is on disk (WAL, synchronous=FULL; PostgreSQL's commit) before we answer.
    const auto inserted = m_queue->insert(item);
    if (!inserted)
        return ServerResponse::error(500, inserted.error());
    if (inserted->duplicate)
        return ServerResponse::json(200, R"({"status":"duplicate"})");
    Q_EMIT queued(inserted->id);
    return ServerResponse::json(
            200,
            QJsonDocument(QJsonObject {{u"status"_s, u"queued"_s}, {u"id"_s, inserted->id}})
                    .toJson(QJsonDocument::Compact));
}

} // namespace Bottega
