// ServerTestBase: the fixture of the built-in server suites: a Server on 127.0.0.1 (free port), an
// API-log sink that records, and helpers that talk to it over real loopback HTTP.
#pragma once

#include "core/server/Server.h"
#include "tests/support/TestUtil.h"
#include "tests/support/fakes/RecordingApiLogSink.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <gtest/gtest.h>
#include <memory>

namespace Bottega::Test {

struct ClientAnswer
{
    int status = 0;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QString error;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

class ServerTestBase : public ::testing::Test
{
protected:
    void SetUp() override
    {
        server.setApiLogSink(&log);
        ListenAddress any;
        any.port = 0;
        const auto listening = server.listen(any);
        ASSERT_TRUE(listening.ok()) << qPrintable(listening.error());
        port = listening->port;
    }

    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port) + pathAndQuery);
    }

    // One request through QNetworkAccessManager, waited for.
    ClientAnswer request(const QByteArray &method, const QUrl &target, const QByteArray &body = {},
                         const QList<std::pair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest request(target);
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        if (!body.isEmpty() && !request.hasRawHeader("Content-Type"))
            request.setRawHeader("Content-Type", "application/json");
        // QNetworkAccessManager knows a HEAD answer has no body only through head().
        std::unique_ptr<QNetworkReply> reply(
                method == "HEAD" ? network.head(request) : network.sendCustomRequest(request, method, body));
        EXPECT_TRUE(waitUntil([&reply] { return reply->isFinished(); })) << "no answer";
        ClientAnswer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        answer.headers = reply->rawHeaderPairs();
        if (reply->error() != QNetworkReply::NoError)
            answer.error = reply->errorString();
        return answer;
    }

    ClientAnswer get(const QString &pathAndQuery) { return request("GET", url(pathAndQuery)); }

    // Raw bytes over a plain socket, for what QNetworkAccessManager would not send. Returns
    // everything the server sent until it closed or `waitMs` passed.
    QByteArray raw(const QByteArray &bytes, int waitMs = 1000, bool *closed = nullptr)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        EXPECT_TRUE(waitUntil([&socket] { return socket.state() == QAbstractSocket::ConnectedState; }));
        socket.write(bytes);
        QByteArray received;
        waitUntil(
                [&socket, &received] {
                    received += socket.readAll();
                    return socket.state() == QAbstractSocket::UnconnectedState;
                },
                waitMs);
        received += socket.readAll();
        if (closed)
            *closed = socket.state() == QAbstractSocket::UnconnectedState;
        return received;
    }

    Server server;
    RecordingApiLogSink log;
    quint16 port = 0;
    QNetworkAccessManager network;
};

} // namespace Bottega::Test
