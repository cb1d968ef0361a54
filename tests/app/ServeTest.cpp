// `bottega serve`: health, signed file URLs, one instance per data dir, a busy port, clean stop.
#include "core/server/FileStore.h"
#include "tests/app/BottegaProcess.h"
#include "tests/support/TestUtil.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTcpServer>
#include <QUrlQuery>
#include <csignal>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace Bottega;
using namespace Bottega::Test;

namespace {

struct HttpAnswer
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
};

HttpAnswer get(const QUrl &url)
{
    QNetworkAccessManager manager;
    QNetworkReply *reply = manager.get(QNetworkRequest(url));
    EXPECT_TRUE(waitUntil([reply] { return reply->isFinished(); }, 10000));
    HttpAnswer answer {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
                       reply->header(QNetworkRequest::ContentTypeHeader).toByteArray()};
    delete reply;
    return answer;
}

// Starts `serve` on a free port and returns its base URL, or an empty URL on failure.
QUrl startServe(const BottegaProcess &bottega, QProcess *&process, QObject *parent)
{
    process = bottega.start({u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s}, parent);
    QString out;
    static const QRegularExpression listening(u"Listening on (http://\\S+)"_s);
    const bool started = waitUntil(
            [&] {
                out += QString::fromUtf8(process->readAllStandardOutput());
                return listening.match(out).hasMatch() || process->state() == QProcess::NotRunning;
            },
            15000);
    const auto match = listening.match(out);
    if (!started || !match.hasMatch()) {
        ADD_FAILURE() << "serve did not start: " << qPrintable(out)
                      << qPrintable(QString::fromUtf8(process->readAllStandardError()));
        return {};
    }
    return QUrl(match.captured(1));
}

int stopServe(QProcess *process)
{
    ::kill(pid_t(process->processId()), SIGTERM);
    EXPECT_TRUE(process->waitForFinished(15000));
    return process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
}

} // namespace

TEST(Serve, AnswersHealthServesSignedFilesAndStopsOnSigterm)
{
    BottegaProcess bottega;
    QObject owner;
    QProcess *serve = nullptr;
    const QUrl base = startServe(bottega, serve, &owner);
    ASSERT_TRUE(base.isValid());

    const HttpAnswer health = get(base.resolved(QUrl(u"/health"_s)));
    EXPECT_EQ(health.status, 200);
    EXPECT_TRUE(health.body.contains("\"ok\"")) << health.body.constData();

    // A file published by this install (same data dir, so the same signing key).
    const auto key = FileStore::loadOrCreateSigningKey(bottega.dataDir());
    ASSERT_TRUE(key.ok()) << qPrintable(key.error());
    FileStore files(bottega.dataDir(), *key);
    const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a") + QByteArray(64, 'x');
    const auto id = files.addData(png, u"png"_s);
    ASSERT_TRUE(id.ok()) << qPrintable(id.error());
    const QUrl signedUrl = files.signedUrl(base, *id);

    const HttpAnswer file = get(signedUrl);
    EXPECT_EQ(file.status, 200);
    EXPECT_EQ(file.body, png);
    EXPECT_EQ(file.contentType, "image/png");

    QUrl tampered = signedUrl;
    QUrlQuery query(tampered);
    QString sig = query.queryItemValue(u"sig"_s);
    sig[0] = sig.at(0) == u'0' ? u'1' : u'0';
    query.removeQueryItem(u"sig"_s);
    query.addQueryItem(u"sig"_s, sig);
    tampered.setQuery(query);
    EXPECT_EQ(get(tampered).status, 403);

    QUrl later = signedUrl;
    QUrlQuery laterQuery(later);
    laterQuery.removeQueryItem(u"exp"_s);
    laterQuery.addQueryItem(u"exp"_s, QString::number(QDateTime::currentSecsSinceEpoch() + 999999));
    later.setQuery(laterQuery);
    EXPECT_EQ(get(later).status, 403);

    EXPECT_EQ(stopServe(serve), 0);
    EXPECT_TRUE(QString::fromUtf8(serve->readAllStandardOutput()).contains(u"Stopped"_s));
}

TEST(Serve, SecondInstanceOnTheSameDataDirIsRefused)
{
    BottegaProcess bottega;
    QObject owner;
    QProcess *serve = nullptr;
    ASSERT_TRUE(startServe(bottega, serve, &owner).isValid());

    const auto second = bottega.run({u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s});
    EXPECT_EQ(second.exitCode, 1);
    EXPECT_TRUE(second.err.contains(u"already running"_s)) << qPrintable(second.err);
    EXPECT_EQ(stopServe(serve), 0);
}

TEST(Serve, BusyPortIsNamed)
{
    QTcpServer occupant;
    ASSERT_TRUE(occupant.listen(QHostAddress::LocalHost, 0));
    const QString address = u"127.0.0.1:%1"_s.arg(occupant.serverPort());

    BottegaProcess bottega;
    const auto result = bottega.run({u"serve"_s, u"--listen"_s, address});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_TRUE(result.err.contains(address)) << qPrintable(result.err);
}

TEST(Serve, BadListenAddressIsNamed)
{
    BottegaProcess bottega;
    const auto result = bottega.run({u"serve"_s, u"--listen"_s, u"127.0.0.1:99999"_s});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_TRUE(result.err.contains(u"99999"_s)) << qPrintable(result.err);
}
