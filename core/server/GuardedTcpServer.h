// GuardedTcpServer: the listening socket of the built-in server, and the reader of its requests
// (HTTP/1.1 and 1.0: the head read once, the body by Content-Length or chunked, several requests on
// one keep-alive connection, pipelined ones included). Each complete request goes to the request
// handler. A body over the limit is refused with 413 as soon as its Content-Length (or its size)
// shows it, a head that is not HTTP gets 400, 100-continue is answered, and connections silent for
// too long are closed. (It replaced QtHttpServer 6.4's parser, which read every head a second time
// and cost about 60,000 instructions a request: PERF-1.)
#pragma once

#include "core/server/HttpRequestReader.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTimer>
#include <functional>

class QTcpSocket;

namespace Bottega {

class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedTcpServer)

public:
    using RequestHead = HttpRequestReader::Head;
    // A request read whole.
    using RequestHandler = std::function<void(QTcpSocket *socket, const RequestHead &head, const QByteArray &body)>;

    explicit GuardedTcpServer(QObject *parent = nullptr);
    ~GuardedTcpServer() override;

    void setBodyLimit(qint64 bytes);
    void setIdleTimeoutMs(int ms);
    void setRequestHandler(RequestHandler handler);

    // Writes to one of its connections, after what the socket still holds: what the kernel takes
    // now is sent at once, the rest (a large answer, a slow reader) goes through the socket's
    // buffer. Errors come through the socket as usual.
    void write(QTcpSocket *socket, const QByteArray &bytes);

Q_SIGNALS:
    // A request refused (400, 413) before any handler saw it; the answer is already on its way.
    void requestRejected(const Bottega::GuardedTcpServer::RequestHead &head, int status,
                         const QString &message, qint64 receivedBytes, const QByteArray &headBytes);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    struct Connection
    {
        HttpRequestReader reader; // refused: the connection is closing
        qint64 lastActivityMs = 0;
        qint64 rejectedAtMs = 0;
        QPointer<QTimer> closeTimer; // after a 413: closes once the client is quiet
    };

    void onReadyRead(QTcpSocket *socket);
    void reject(QTcpSocket *socket, Connection &connection, int status, const QString &message);
    void closeIdleConnections();

    QHash<QTcpSocket *, Connection> m_connections;
    RequestHandler m_handler;
    qint64 m_bodyLimit = 1024 * 1024;
    int m_idleTimeoutMs = 30000;
    // Stays a monotonic timer, not the injectable Clock: it only measures how long a connection has
    // been silent (idle timeout, quiet time after a 413), durations that the sweep QTimer acts on;
    // a wall-clock jump must not close every connection, and no test needs to move this time.
    QElapsedTimer m_clock;
    QTimer m_sweep;
};

} // namespace Bottega
