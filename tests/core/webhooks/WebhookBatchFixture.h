// WebhookBatchFixture: the webhook intake on a real loopback server with its Gelato secret, and
// raw clients that each send one call on their own connection, all before the server's event loop
// runs again (so that they arrive in one turn), and read the answers back in the order sent.
#pragma once

#include "tests/core/webhooks/WebhookTestBase.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <vector>

namespace Bottega::Test {

using namespace Qt::StringLiterals;

class WebhookBatchFixture : public WebhookTestBase
{
protected:
    // true: the intake commits on its writer thread (as in the app); false: on this thread.
    virtual bool commitThread() const { return false; }

    void SetUp() override
    {
        WebhookTestBase::SetUp();
        if (HasFatalFailure())
            return;
        setSecret(u"gelato.webhook-secret"_s, u"s3cret"_s);
        startIntake();
        intake->setCommitThread(commitThread());
    }

    static QByteArray call(const QByteArray &eventId)
    {
        QJsonObject event
                = QJsonDocument::fromJson(readTestData(u"gelato/webhooks/order_status_updated.json"_s))
                          .object();
        event.insert(u"id"_s, QString::fromUtf8(eventId));
        const QByteArray body = QJsonDocument(event).toJson(QJsonDocument::Compact);
        return "POST /gelato/webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nsignature: "
               "s3cret\r\n"
               "Content-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }

    // Every call on its own connection, all written before the server's event loop runs again, so
    // that they arrive in one turn.
    void sendAll(const QList<QByteArray> &eventIds)
    {
        for (const QByteArray &id : eventIds) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, port);
            ASSERT_TRUE(socket->waitForConnected(2000));
            socket->write(call(id));
            ASSERT_TRUE(socket->waitForBytesWritten(2000));
            clients.push_back(std::move(socket));
        }
    }

    // The status and body of each client's answer, in the order sent.
    QList<PostAnswer> answers()
    {
        QList<QByteArray> received(qsizetype(clients.size()));
        const auto complete = [](const QByteArray &bytes) {
            const qsizetype end = bytes.indexOf("\r\n\r\n");
            if (end < 0)
                return false;
            const qsizetype at = bytes.toLower().indexOf("content-length:");
            const qsizetype lineEnd = bytes.indexOf("\r\n", at);
            const qsizetype length = bytes.mid(at + 15, lineEnd - at - 15).trimmed().toLongLong();
            return bytes.size() >= end + 4 + length;
        };
        EXPECT_TRUE(waitUntil([&] {
            bool all = true;
            for (size_t i = 0; i < clients.size(); ++i) {
                received[qsizetype(i)] += clients[i]->readAll();
                all = all && complete(received[qsizetype(i)]);
            }
            return all;
        })) << "not every call was answered";
        QList<PostAnswer> result;
        for (const QByteArray &bytes : std::as_const(received))
            result.append({bytes.mid(9, 3).toInt(), bytes.mid(bytes.indexOf("\r\n\r\n") + 4)});
        return result;
    }

    void exec(const QString &sql)
    {
        QSqlQuery query(db().connection());
        ASSERT_TRUE(query.exec(sql)) << qPrintable(sql) << ": " << qPrintable(query.lastError().text());
    }

    qint64 scalar(const QString &sql)
    {
        QSqlQuery query(db().connection());
        EXPECT_TRUE(query.exec(sql) && query.next()) << qPrintable(sql) << ": " << qPrintable(query.lastError().text());
        return query.value(0).toLongLong();
    }

    bool isPostgres() { return db().engine() == Database::Engine::PostgreSql; }

    std::vector<std::unique_ptr<QTcpSocket>> clients;
};

} // namespace Bottega::Test
