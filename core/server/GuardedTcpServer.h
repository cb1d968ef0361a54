// GuardedTcpServer: the listening socket of the built-in server. It sees every connection's bytes
// before QtHttpServer 6.4 buffers them, because that version reads whole bodies into memory, never
// answers "Expect: 100-continue", drops bad requests without a word and keeps idle connections
// forever. So here: a body over the limit is refused with 413 as soon as its Content-Length (or its
// size) shows it, a head that is not HTTP gets 400, 100-continue is answered, and connections silent
// for too long are closed.
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTimer>

class QTcpSocket;

namespace Bottega {

class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedTcpServer)

public:
    // What the guard read of a request's head (request line and headers).
    struct RequestHead
    {
        QByteArray method;
        QByteArray target; // path and query, as sent
        bool http10 = false;
        bool keepAlive = false; // "Connection: keep-alive" (matters for HTTP/1.0)
        bool close = false; // "Connection: close"
        qint64 contentLength = -1;
        bool chunked = false;
        bool expectContinue = false;
        QString problem; // why the head is not acceptable HTTP (answered with 400); empty if fine
    };

    explicit GuardedTcpServer(QObject *parent = nullptr);
    ~GuardedTcpServer() override;

    void setBodyLimit(qint64 bytes);
    void setIdleTimeoutMs(int ms);

    // The server answered the request on this connection: the next bytes start a new one.
    void requestCompleted(QTcpSocket *socket);
    // The head of the request being answered on this connection (empty if the guard did not see it).
    RequestHead headOf(QTcpSocket *socket) const;

    static RequestHead parseHead(const QByteArray &head);
    // "the request body is larger than the limit of 1048576 bytes"
    static QString bodyTooLargeMessage(qint64 limit);

Q_SIGNALS:
    // A request refused (400, 413) before QtHttpServer saw it; the answer is already on its way.
    void requestRejected(const Bottega::GuardedTcpServer::RequestHead &head, int status,
                         const QString &message, qint64 receivedBytes, const QByteArray &headBytes);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    struct Connection
    {
        QByteArray head; // the start of the current request, up to maxHeadBytes
        bool headComplete = false;
        RequestHead parsed;
        qint64 received = 0; // bytes of the current request so far
        qint64 lastActivityMs = 0;
        bool rejected = false;
        qint64 rejectedAtMs = 0;
        QPointer<QTimer> closeTimer; // after a 413: closes once the client is quiet
    };

    void onReadyRead(QTcpSocket *socket);
    void reject(QTcpSocket *socket, Connection &connection, int status, const QString &message);
    void closeIdleConnections();

    QHash<QTcpSocket *, Connection> m_connections;
    qint64 m_bodyLimit = 1024 * 1024;
    int m_idleTimeoutMs = 30000;
    // Stays a monotonic timer, not the injectable Clock: it only measures how long a connection has
    // been silent (idle timeout, quiet time after a 413), durations that the sweep QTimer acts on;
    // a wall-clock jump must not close every connection, and no test needs to move this time.
    QElapsedTimer m_clock;
    QTimer m_sweep;
};

} // namespace Bottega
