// Fuzz target: the webhook intake (HOOK-1, HOOK-3, REL-3) on a real SQLite store: the request's
// path and headers, its body and its signature, through WebhookIntake::handleGelato/handlePoleepo
// and the batch commit. The input is
//   byte 0      bit 0: Poleepo's route (else Gelato's); bit 1: add the right signature header
//   then        the path on the first line, "Name: value" header lines, a blank line, the body.
// Besides sanitizer findings: every call is answered, with 200 only when it was signed right,
// and never with 500.
#include "core/secrets/InMemorySecretStore.h"
#include "core/secrets/SecretNames.h"
#include "core/server/ServerReply.h"
#include "core/store/WebhookRecordRepository.h"
#include "core/webhooks/WebhookIntake.h"
#include "tests/fuzz/FuzzSupport.h"

#include <QCoreApplication>
#include <QMessageAuthenticationCode>
#include <memory>
#include <optional>

using namespace Bottega;
using namespace Qt::StringLiterals;

namespace {

const QString gelatoSecret = u"gelato-fuzz-secret"_s;
const QString poleepoRecord = u"shop"_s;
const QString poleepoSecret = u"poleepo-fuzz-secret"_s;

struct Intake
{
    InMemorySecretStore secrets;
    std::unique_ptr<WebhookIntake> intake;
};

Intake &intake()
{
    static Intake *instance = nullptr; // lives until exit, like the store
    if (instance)
        return *instance;
    Database &database = Fuzz::database();
    instance = new Intake;
    WebhookRecord record;
    record.name = poleepoRecord;
    record.events = {u"STATUS_ORDER"_s, u"STATUS_SHIPMENT"_s};
    if (const auto created = WebhookRecordRepository(database).create(record); !created)
        Fuzz::fail("cannot store the Poleepo webhook record", created.error());
    int written = 0;
    const auto count = [&written](const Result<void> &) {
        ++written;
    };
    instance->secrets.write(SecretNames::gelatoWebhookSecret(), gelatoSecret, count);
    instance->secrets.write(SecretNames::poleepoWebhookSecret(poleepoRecord), poleepoSecret, count);
    while (written < 2)
        QCoreApplication::processEvents();
    instance->intake = std::make_unique<WebhookIntake>(database, instance->secrets);
    instance->intake->loadSecrets();
    while (!instance->intake->secretsLoaded())
        QCoreApplication::processEvents();
    return *instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    Intake &target = intake();
    const bool poleepo = data[0] & 1;
    const bool sign = data[0] & 2;
    const QByteArray input = Fuzz::bytes(data + 1, size - 1);

    ServerRequest request;
    request.method = "POST";
    const qsizetype blank = input.indexOf("\n\n");
    const QByteArray head = blank < 0 ? input : input.left(blank);
    request.body = blank < 0 ? QByteArray() : input.mid(blank + 2);
    const QList<QByteArray> lines = head.split('\n');
    request.path = QString::fromUtf8(lines.first());
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            request.headers.append({lines.at(i).left(colon), lines.at(i).mid(colon + 1).trimmed()});
    }
    if (sign && poleepo) {
        request.headers.append({"X-Poleepo-Signature",
                                QMessageAuthenticationCode::hash(request.body, poleepoSecret.toUtf8(),
                                                                 QCryptographicHash::Sha256)
                                        .toHex()});
    } else if (sign) {
        request.headers.append({"signature", gelatoSecret.toUtf8()});
    }

    std::optional<ServerResponse> answer;
    const ServerReply reply([&answer](ServerResponse response) { answer = std::move(response); },
                            [] { return true; });
    if (poleepo)
        target.intake->handlePoleepo(request, reply);
    else
        target.intake->handleGelato(request, reply);
    target.intake->flush();
    QCoreApplication::processEvents();

    if (!answer)
        Fuzz::fail("a webhook call was not answered");
    if (answer->status == 500)
        Fuzz::fail("a webhook call was answered 500", QString::fromUtf8(answer->body));
    if (answer->status == 200) {
        // Only a call carrying the right signature may be stored.
        const QByteArray expected = poleepo
                ? QMessageAuthenticationCode::hash(request.body, poleepoSecret.toUtf8(),
                                                   QCryptographicHash::Sha256)
                          .toHex()
                : gelatoSecret.toUtf8();
        const QByteArray given = request.header(poleepo ? "X-Poleepo-Signature" : "signature");
        if (given.trimmed().toLower() != expected.toLower() && given != expected)
            Fuzz::fail("a call without the right signature was queued");
    }
    return 0;
}
