// Issue 14, point 5: a webhook call that arrives while its secret is still being read waits for the
// read (deferred answer) instead of being refused with 503; over real loopback HTTP, both engines.
#include "core/store/WebhookRecordRepository.h"
#include "tests/core/webhooks/WebhookTestBase.h"

#include <QElapsedTimer>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

// A secret store whose reads are held until open() is called: a slow keyring.
class GatedSecretStore final : public SecretStore
{
public:
    explicit GatedSecretStore(SecretStore &inner) : m_inner(inner) { }
    QString name() const override { return u"gated"_s; }
    bool isWritable() const override { return false; }
    void read(const QString &key, ReadCallback done) override
    {
        ++reads;
        if (m_open)
            return m_inner.read(key, std::move(done));
        m_held.append({key, std::move(done)});
    }
    void write(const QString &, const QString &, WriteCallback) override { }
    void remove(const QString &, WriteCallback) override { }
    void open()
    {
        m_open = true;
        for (auto &[key, done] : std::exchange(m_held, {}))
            m_inner.read(key, std::move(done));
    }
    int reads = 0;

private:
    SecretStore &m_inner;
    bool m_open = false;
    QList<std::pair<QString, ReadCallback>> m_held;
};

class WebhookSecretWaitTest : public WebhookTestBase
{
protected:
    void startGatedIntake()
    {
        intake = std::make_unique<WebhookIntake>(db(), gated);
        intake->registerRoutes(server);
        intake->loadSecrets();
    }

    void createRecord(const QString &name)
    {
        WebhookRecord record;
        record.name = name;
        record.events = QStringList {u"STATUS_ORDER"_s};
        record.active = true;
        const auto created = WebhookRecordRepository(db()).create(record);
        ASSERT_TRUE(created.ok()) << qPrintable(created.error());
    }

    QNetworkReply *send(const QString &path, const QByteArray &body, const QByteArray &header,
                        const QByteArray &value)
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port) + path));
        request.setRawHeader("Content-Type", "application/json");
        request.setRawHeader(header, value);
        return network.post(request, body);
    }

    static void spin(int ms)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < ms)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }

    GatedSecretStore gated {secrets};
};

TEST_P(WebhookSecretWaitTest, AGelatoCallBeforeItsSecretIsReadWaitsAndIsQueued)
{
    setSecret(u"gelato.webhook-secret"_s, u"s3cret"_s);
    startGatedIntake();
    const QByteArray body = readTestData(u"gelato/webhooks/order_status_updated.json"_s);

    std::unique_ptr<QNetworkReply> reply(send(u"/gelato/webhook"_s, body, "signature", "s3cret"));
    spin(300);
    EXPECT_FALSE(reply->isFinished()) << "answered before the secret was read: "
                                      << reply->readAll().constData();
    EXPECT_TRUE(queued().isEmpty());

    gated.open();
    ASSERT_TRUE(waitUntil([&reply] { return reply->isFinished(); }, 10000));
    EXPECT_EQ(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200)
            << reply->readAll().constData();
    ASSERT_EQ(queued().size(), 1);
    EXPECT_EQ(queued().at(0).eventId, u"os_5e5680ce494f6"_s);
}

TEST_P(WebhookSecretWaitTest, AWrongSignatureWaitingForTheSecretIsStill403)
{
    setSecret(u"gelato.webhook-secret"_s, u"s3cret"_s);
    startGatedIntake();
    std::unique_ptr<QNetworkReply> reply(send(u"/gelato/webhook"_s,
                                              readTestData(u"gelato/webhooks/order_status_updated.json"_s),
                                              "signature", "guess"));
    spin(100);
    gated.open();
    ASSERT_TRUE(waitUntil([&reply] { return reply->isFinished(); }, 10000));
    EXPECT_EQ(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 403);
    EXPECT_TRUE(queued().isEmpty());
}

TEST_P(WebhookSecretWaitTest, APoleepoRecordCreatedAfterStartIsAcceptedOnTheFirstCall)
{
    gated.open();
    startGatedIntake();
    ASSERT_TRUE(waitUntil([this] { return intake->secretsLoaded(); }));
    createRecord(u"shop-2"_s);
    setSecret(u"poleepo.webhook-secret.shop-2"_s, u"pole-secret"_s);
    createRecord(u"no-secret"_s);
    const QByteArray body
            = R"({"id":"ev-9","event":"STATUS_ORDER","timestamp":"2026-01-01T10:00:00Z","data":{"order_id":7,"status":"PAID"}})";
    const int readsBefore = gated.reads;

    // Two calls at once for the new record: both wait for one read of its secret.
    std::unique_ptr<QNetworkReply> first(send(u"/poleepo/webhook/shop-2"_s, body, "X-Poleepo-Signature",
                                              poleepoSignature("pole-secret", body)));
    std::unique_ptr<QNetworkReply> second(send(u"/poleepo/webhook/shop-2"_s, body, "X-Poleepo-Signature",
                                               poleepoSignature("pole-secret", body)));
    ASSERT_TRUE(waitUntil([&] { return first->isFinished() && second->isFinished(); }, 10000));

    EXPECT_EQ(first->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200)
            << first->readAll().constData();
    EXPECT_EQ(second->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200)
            << second->readAll().constData();
    EXPECT_EQ(gated.reads - readsBefore, 1);
    const auto items = queued();
    ASSERT_EQ(items.size(), 1); // the second is the same event: acknowledged as a duplicate
    EXPECT_EQ(items[0].recordName, u"shop-2"_s);

    // A record without a secret: after the read, refused as before.
    const PostAnswer missing = post(u"/poleepo/webhook/no-secret"_s, body,
                                    {{"X-Poleepo-Signature", poleepoSignature("x", body)}});
    EXPECT_EQ(missing.status, 503);
    EXPECT_TRUE(missing.body.contains("webhook secret not configured")) << missing.body.constData();
}

TEST_P(WebhookSecretWaitTest, BeyondTheWaitingLimitACallIs503NotDropped)
{
    setSecret(u"gelato.webhook-secret"_s, u"s3cret"_s);
    startGatedIntake();
    intake->setMaxWaitingForSecret(1);
    const QByteArray body = readTestData(u"gelato/webhooks/order_status_updated.json"_s);
    std::unique_ptr<QNetworkReply> waiting(send(u"/gelato/webhook"_s, body, "signature", "s3cret"));
    spin(200);

    const PostAnswer refused = postGelato(body);

    EXPECT_EQ(refused.status, 503);
    EXPECT_TRUE(refused.body.contains("not read yet")) << refused.body.constData();
    EXPECT_FALSE(waiting->isFinished());
    gated.open();
    ASSERT_TRUE(waitUntil([&waiting] { return waiting->isFinished(); }, 10000));
    EXPECT_EQ(waiting->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(WebhookSecretWaitTest);

} // namespace
} // namespace Bottega::Test
