// WebhookTestBase: a fresh database (SQLite or PostgreSQL), an in-memory secret store, the real
// Server on a free loopback port with the webhook routes, and a client that posts to it.
#pragma once

#include "core/secrets/InMemorySecretStore.h"
#include "core/server/Server.h"
#include "core/store/WebhookQueueRepository.h"
#include "core/webhooks/WebhookIntake.h"
#include "tests/support/TestClock.h"
#include "tests/support/TestUtil.h"
#include "tests/support/database/TestDatabase.h"
#include "core/store/ApiLogRepository.h"
#include <QSignalSpy>
#include "tests/support/fakes/RecordingApiLogSink.h"

#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <memory>

namespace Bottega::Test {

struct PostAnswer
{
    int status = 0;
    QByteArray body;
};

class WebhookTestBase : public DatabaseTest
{
protected:
    void SetUp() override
    {
        DatabaseTest::SetUp();
        if (HasFatalFailure())
            return;
        server.setApiLogSink(&log);
        ListenAddress any;
        any.port = 0;
        const auto listening = server.listen(any);
        ASSERT_TRUE(listening.ok()) << qPrintable(listening.error());
        port = listening->port;
    }

    void TearDown() override
    {
        intake.reset();
        server.close();
        DatabaseTest::TearDown();
    }

    void setSecret(const QString &key, const QString &value)
    {
        bool written = false;
        secrets.write(key, value, [&written](const Result<void> &r) {
            EXPECT_TRUE(r.ok()) << qPrintable(r.error());
            written = true;
        });
        ASSERT_TRUE(waitUntil([&written] { return written; }));
    }

    // The intake on the server, its secrets loaded.
    void startIntake()
    {
        intake = std::make_unique<WebhookIntake>(db(), secrets);
        intake->registerRoutes(server);
        intake->loadSecrets();
        ASSERT_TRUE(waitUntil([this] { return intake->secretsLoaded(); }));
    }

    PostAnswer post(const QString &path, const QByteArray &body,
                    const QList<std::pair<QByteArray, QByteArray>> &headers,
                    const QByteArray &method = "POST")
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port) + path));
        request.setRawHeader("Content-Type", "application/json");
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(request, method, body));
        EXPECT_TRUE(waitUntil([&reply] { return reply->isFinished(); }, 10000)) << "no answer";
        return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
    }

    PostAnswer postGelato(const QByteArray &body, const QByteArray &signature = "s3cret")
    {
        return post(QStringLiteral("/gelato/webhook"), body, {{"signature", signature}});
    }

    static QByteArray poleepoSignature(const QByteArray &secret, const QByteArray &body)
    {
        return QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
    }

    QList<WebhookQueueItem> queued()
    {
        const auto items = WebhookQueueRepository(db()).list({});
        EXPECT_TRUE(items.ok()) << qPrintable(items.error());
        return items.ok() ? *items : QList<WebhookQueueItem>();
    }

    // The queue once the intake has moved on what it stored (its inbox is moved after each commit
    // without a writer thread, within milliseconds with one; flush() waits for that).
    QList<WebhookQueueItem> storedQueue()
    {
        if (intake)
            intake->flush();
        return queued();
    }

    // The API-log rows in the database (an accepted call's row is stored with the call), oldest
    // first, once the intake has moved on what it stored.
    QList<ApiLogEntry> storedLog()
    {
        if (intake)
            intake->flush();
        ApiLogRepository::Query query;
        query.oldestFirst = true;
        const auto rows = ApiLogRepository(db()).list(query);
        EXPECT_TRUE(rows.ok()) << qPrintable(rows.error());
        return rows.ok() ? *rows : QList<ApiLogEntry>();
    }

    static int sumOf(const QSignalSpy &spy)
    {
        int sum = 0;
        for (const QList<QVariant> &arguments : spy)
            sum += arguments.at(0).toInt();
        return sum;
    }

    TestClock clock; // not used unless a test sets it: db().setClock(&clock), server.setClock(&clock)
    InMemorySecretStore secrets;
    Server server;
    RecordingApiLogSink log;
    quint16 port = 0;
    QNetworkAccessManager network;
    std::unique_ptr<WebhookIntake> intake;
};

} // namespace Bottega::Test
