#include "core/server/GuardedTcpServer.h"

#include "core/server/HttpWire.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <sys/socket.h>
#endif

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// After a 413 the connection is closed once the client has been quiet for quietMs, or after
// lingerMs at most. Reading (and dropping) what it still sends meanwhile lets it see the 413: closing
// with unread data would make the kernel send a reset instead.
constexpr int quietMs = 200;
constexpr int lingerMs = 2000;

} // namespace

GuardedTcpServer::GuardedTcpServer(QObject *parent) : QTcpServer(parent)
{
    m_clock.start();
    connect(&m_sweep, &QTimer::timeout, this, &GuardedTcpServer::closeIdleConnections);
}

GuardedTcpServer::~GuardedTcpServer() = default;

void GuardedTcpServer::setBodyLimit(qint64 bytes)
{
    m_bodyLimit = bytes;
    for (Connection &connection : m_connections)
        connection.reader.setBodyLimit(bytes);
}

void GuardedTcpServer::setRequestHandler(RequestHandler handler)
{
    m_handler = std::move(handler);
}

void GuardedTcpServer::setIdleTimeoutMs(int ms)
{
    m_idleTimeoutMs = std::max(1, ms);
    if (m_sweep.isActive())
        m_sweep.start(std::clamp(m_idleTimeoutMs / 4, 10, 5000));
}

void GuardedTcpServer::write(QTcpSocket *socket, const QByteArray &bytes)
{
    // QAbstractSocket sends every write from its buffer on a later turn of the event loop; under the
    // GLib event dispatcher, switching its write notifier on and off for that wakes the loop twice
    // (an eventfd write each) and costs a turn of its own. For an answer the kernel takes whole,
    // that was about a fifth of the server thread's time per call (PERF-1, wrk: 49.5 → 39.9 µs).
    qsizetype sent = 0;
#ifdef Q_OS_UNIX
    if (socket->bytesToWrite() == 0 && socket->state() == QAbstractSocket::ConnectedState) {
        if (const qintptr descriptor = socket->socketDescriptor(); descriptor >= 0) {
            ssize_t written = 0;
            do {
                written = ::send(int(descriptor), bytes.constData(), size_t(bytes.size()),
                                 MSG_NOSIGNAL | MSG_DONTWAIT);
            } while (written < 0 && errno == EINTR);
            // An error sends nothing here: the socket's own write meets it and reports it.
            sent = std::max<qsizetype>(0, written);
        }
    }
    if (sent > 0) {
        if (auto it = m_connections.find(socket); it != m_connections.end())
            it->lastActivityMs = m_clock.elapsed();
    }
#endif
    if (sent < bytes.size())
        socket->write(bytes.constData() + sent, bytes.size() - sent);
}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    Connection connection;
    connection.lastActivityMs = m_clock.elapsed();
    connection.reader.setBodyLimit(m_bodyLimit);
    m_connections.insert(socket, connection);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] {
        if (auto it = m_connections.find(socket); it != m_connections.end())
            it->lastActivityMs = m_clock.elapsed();
    });
    connect(socket, &QObject::destroyed, this, [this, socket] { m_connections.remove(socket); });
    if (!m_sweep.isActive())
        m_sweep.start(std::clamp(m_idleTimeoutMs / 4, 10, 5000));
    // Bytes that came with the connection (before readyRead was connected) are read now.
    if (socket->bytesAvailable() > 0)
        onReadyRead(socket);
}

void GuardedTcpServer::onReadyRead(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    Connection &connection = *it;
    connection.lastActivityMs = m_clock.elapsed();
    if (connection.reader.isRefused()) {
        socket->readAll(); // dropped: see lingerMs
        if (connection.closeTimer && connection.lastActivityMs - connection.rejectedAtMs < lingerMs - quietMs)
            connection.closeTimer->start(quietMs);
        return;
    }
    connection.reader.append(socket->readAll());
    // Several requests may have come at once (pipelining): each is handed on in its order.
    const QPointer<QTcpSocket> alive(socket);
    for (;;) {
        HttpRequestReader::Event event = connection.reader.next();
        switch (event.kind) {
        case HttpRequestReader::Event::Kind::NeedMore:
            return;
        case HttpRequestReader::Event::Kind::ContinueWanted:
            write(socket, "HTTP/1.1 100 Continue\r\n\r\n");
            continue;
        case HttpRequestReader::Event::Kind::Refused:
            reject(socket, connection, event.status, event.message);
            return;
        case HttpRequestReader::Event::Kind::Request:
            if (m_handler)
                m_handler(socket, event.head, event.body);
            // The handler may have closed the connection (and so ended this record of it).
            if (!alive || !m_connections.contains(socket))
                return;
            continue;
        }
    }
}

void GuardedTcpServer::reject(QTcpSocket *socket, Connection &connection, int status, const QString &message)
{
    socket->readAll();

    const QByteArray body = QJsonDocument(QJsonObject {{u"error"_s, message}}).toJson(QJsonDocument::Compact);
    write(socket, HttpWire::response(status, "application/json", {}, body, true));
    connection.rejectedAtMs = m_clock.elapsed();
    connection.closeTimer = new QTimer(socket);
    connection.closeTimer->setSingleShot(true);
    connect(connection.closeTimer, &QTimer::timeout, socket, [socket] { socket->disconnectFromHost(); });
    connection.closeTimer->start(quietMs);
    Q_EMIT requestRejected(connection.reader.head(), status, message, connection.reader.received(),
                           connection.reader.headBytes());
}

void GuardedTcpServer::closeIdleConnections()
{
    const qint64 now = m_clock.elapsed();
    QList<QTcpSocket *> idle;
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
        if (now - it->lastActivityMs > m_idleTimeoutMs)
            idle.append(it.key());
    }
    for (QTcpSocket *socket : std::as_const(idle)) {
        m_connections.remove(socket);
        socket->abort();
        socket->deleteLater();
    }
    if (m_connections.isEmpty())
        m_sweep.stop();
}

} // namespace Bottega
