// GuardedTcpServer: the listening socket of the built-in server, and the reader of its requests
// (HTTP/1.1 and 1.0: the head read once, the body by Content-Length or chunked, several requests on
// one keep-alive connection, pipelined ones included). Each complete request goes to the request
// handler. A body over the limit is refused with 413 as soon as its Content-Length (or its size)
// shows it, a head that is not HTTP gets 400, 100-continue is answered, and connections silent for
// too long are closed. (It replaced QtHttpServer 6.4's parser, which read every head a second time
// and cost about 60,000 instructions a request: PERF-1.)
#pragma once

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
        QList<std::pair<QByteArray, QByteArray>> headers; // every header line, name and value trimmed
    };
    // A request read whole.
    using RequestHandler = std::function<void(QTcpSocket *socket, const RequestHead &head, const QByteArray &body)>;

    explicit GuardedTcpServer(QObject *parent = nullptr);
    ~GuardedTcpServer() override;

    void setBodyLimit(qint64 bytes);
    void setIdleTimeoutMs(int ms);
    void setRequestHandler(RequestHandler handler);

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
        QByteArray buffer; // read and not yet taken into a request
        QByteArray head; // the current request's head (for the API log of a refusal)
        bool headComplete = false;
        RequestHead parsed;
        QByteArray body; // of the current request, so far
        qint64 chunkLeft = -1; // chunked: bytes left of the current chunk; -1 before a chunk's size line
        bool chunkTrailer = false; // chunked: the last chunk came, its trailer is being read
        qint64 received = 0; // bytes of the current request so far
        qint64 lastActivityMs = 0;
        bool rejected = false;
        qint64 rejectedAtMs = 0;
        QPointer<QTimer> closeTimer; // after a 413: closes once the client is quiet
    };

    void onReadyRead(QTcpSocket *socket);
    // Takes what the buffer holds into requests; false when the connection was refused.
    bool readRequests(QTcpSocket *socket, Connection &connection);
    // Chunked body: decodes what the buffer holds; true once the body is complete.
    bool readChunks(Connection &connection);
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
