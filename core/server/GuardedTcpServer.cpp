#include "core/server/GuardedTcpServer.h"

#include "core/server/HttpWire.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// Room for the request line and headers on top of the body limit. QtHttpServer has no header limit
// of its own; this bounds what one request may make it buffer.
constexpr qint64 maxHeadBytes = 64 * 1024;

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

QString GuardedTcpServer::bodyTooLargeMessage(qint64 limit)
{
    return QCoreApplication::translate("Bottega::Server",
                                       "the request body is larger than the limit of %1 bytes")
            .arg(limit);
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

GuardedTcpServer::RequestHead GuardedTcpServer::parseHead(const QByteArray &headBytes)
{
    RequestHead head;
    // Lines as views into the head: no copy per line.
    const QByteArrayView all = QByteArrayView(headBytes).trimmed();
    qsizetype lineEnd = all.indexOf('\n');
    const QByteArrayView firstLine = lineEnd < 0 ? all : all.first(lineEnd);
    const QList<QByteArray> requestLine = firstLine.trimmed().toByteArray().split(' ');
    if (requestLine.size() == 3) {
        head.method = requestLine.at(0);
        head.target = requestLine.at(1);
        head.http10 = requestLine.at(2) == "HTTP/1.0";
    }
    const bool methodOk = !head.method.isEmpty()
            && std::all_of(head.method.cbegin(), head.method.cend(),
                           [](char c) { return c >= 'A' && c <= 'Z'; });
    const bool targetOk = head.target.startsWith('/') || head.target.startsWith("http://")
            || head.target.startsWith("https://") || head.target == "*";
    if (!methodOk || !targetOk || (!head.http10 && requestLine.value(2) != "HTTP/1.1")) {
        head.problem = QCoreApplication::translate("Bottega::Server", "the request line is not HTTP/1.1");
        return head;
    }

    // One pass over the header lines, without a copy per line.
    bool hasLength = false;
    while (lineEnd >= 0) {
        const qsizetype start = lineEnd + 1;
        lineEnd = all.indexOf('\n', start);
        const QByteArrayView line = all.sliced(start, (lineEnd < 0 ? all.size() : lineEnd) - start);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArrayView name = line.first(colon).trimmed();
        head.headers.emplaceBack(name.toByteArray(), line.sliced(colon + 1).trimmed().toByteArray());
        const auto is = [&name](QByteArrayView known) {
            return name.compare(known, Qt::CaseInsensitive) == 0;
        };
        const bool isLength = is("content-length");
        if (!isLength && !is("transfer-encoding") && !is("expect") && !is("connection"))
            continue;
        const QByteArray value = head.headers.constLast().second.toLower();
        if (isLength) {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            if (!ok || length < 0 || (hasLength && length != head.contentLength)) {
                head.problem = QCoreApplication::translate(
                        "Bottega::Server", "the Content-Length header is not a single number");
                return head;
            }
            hasLength = true;
            head.contentLength = length;
        } else if (is("transfer-encoding")) {
            head.chunked = value.contains("chunked");
        } else if (is("expect")) {
            head.expectContinue = value == "100-continue";
        } else {
            head.close = value.contains("close");
            head.keepAlive = value.contains("keep-alive");
        }
    }
    // Both lengths at once is how requests are smuggled past proxies (RFC 9112, 6.3).
    if (hasLength && head.chunked)
        head.problem = QCoreApplication::translate(
                "Bottega::Server", "Content-Length and Transfer-Encoding must not come together");
    return head;
}

void GuardedTcpServer::onReadyRead(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    Connection &connection = *it;
    connection.lastActivityMs = m_clock.elapsed();
    if (connection.rejected) {
        socket->readAll(); // dropped: see lingerMs
        if (connection.closeTimer && connection.lastActivityMs - connection.rejectedAtMs < lingerMs - quietMs)
            connection.closeTimer->start(quietMs);
        return;
    }
    const QByteArray bytes = socket->readAll();
    connection.received += bytes.size();
    if (connection.buffer.isEmpty())
        connection.buffer = bytes;
    else
        connection.buffer += bytes;
    readRequests(socket, connection);
}

bool GuardedTcpServer::readRequests(QTcpSocket *socket, Connection &connection)
{
    // Several requests may have come at once (pipelining): each is handed on in its order.
    while (!connection.buffer.isEmpty() || connection.headComplete) {
        if (!connection.headComplete) {
            // Blank lines between keep-alive requests are allowed before a request line.
            qsizetype start = 0;
            while (connection.buffer.sliced(start).startsWith("\r\n"))
                start += 2;
            const qsizetype end = connection.buffer.indexOf("\r\n\r\n", start);
            if (end < 0) {
                connection.buffer.remove(0, start);
                if (connection.buffer.size() < maxHeadBytes)
                    return true; // the rest of the head is still to come
                connection.head = connection.buffer.first(maxHeadBytes);
                connection.parsed = parseHead(connection.head);
                reject(socket, connection, 400,
                       connection.parsed.problem.isEmpty()
                               ? QCoreApplication::translate("Bottega::Server", "the request head is too large")
                               : connection.parsed.problem);
                return false;
            }
            connection.head = connection.buffer.sliced(start, end - start);
            connection.buffer.remove(0, end + 4);
            connection.received = connection.head.size() + 4 + connection.buffer.size();
            connection.parsed = parseHead(connection.head);
            if (!connection.parsed.problem.isEmpty()) {
                reject(socket, connection, 400, connection.parsed.problem);
                return false;
            }
            if (connection.parsed.contentLength > m_bodyLimit) {
                reject(socket, connection, 413, bodyTooLargeMessage(m_bodyLimit));
                return false;
            }
            if (connection.parsed.expectContinue)
                socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            connection.headComplete = true;
            connection.body.clear();
            connection.chunkLeft = -1;
            connection.chunkTrailer = false;
        }
        if (connection.parsed.chunked) {
            const bool complete = readChunks(connection);
            if (!connection.parsed.problem.isEmpty()) {
                reject(socket, connection, 400, connection.parsed.problem);
                return false;
            }
            // Chunked bodies carry no length: their size is checked as it arrives.
            if (connection.body.size() > m_bodyLimit || connection.buffer.size() > m_bodyLimit + maxHeadBytes) {
                reject(socket, connection, 413, bodyTooLargeMessage(m_bodyLimit));
                return false;
            }
            if (!complete)
                return true;
        } else {
            const qint64 length = std::max<qint64>(0, connection.parsed.contentLength);
            if (connection.buffer.size() < length)
                return true; // the rest of the body is still to come
            connection.body = connection.buffer.first(length);
            connection.buffer.remove(0, length);
        }
        connection.headComplete = false;
        const RequestHead head = std::move(connection.parsed);
        const QByteArray body = std::exchange(connection.body, {});
        connection.parsed = {};
        connection.received = connection.buffer.size();
        // The handler may close the connection (and so end this object's record of it).
        const QPointer<QTcpSocket> guard(socket);
        if (m_handler)
            m_handler(socket, head, body);
        if (!guard || !m_connections.contains(socket))
            return false;
    }
    return true;
}

bool GuardedTcpServer::readChunks(Connection &connection)
{
    QByteArray &buffer = connection.buffer;
    for (;;) {
        if (connection.chunkTrailer) {
            // Trailer lines up to an empty one; their contents are not used.
            const qsizetype end = buffer.indexOf("\r\n");
            if (end < 0)
                return false;
            buffer.remove(0, end + 2);
            if (end == 0)
                return true;
            continue;
        }
        if (connection.chunkLeft < 0) {
            const qsizetype end = buffer.indexOf("\r\n");
            if (end < 0)
                return false;
            QByteArrayView sizeLine = QByteArrayView(buffer).first(end);
            if (const qsizetype extension = sizeLine.indexOf(';'); extension >= 0)
                sizeLine = sizeLine.first(extension);
            bool ok = false;
            const qint64 size = sizeLine.trimmed().toLongLong(&ok, 16);
            buffer.remove(0, end + 2);
            if (!ok || size < 0) {
                connection.parsed.problem
                        = QCoreApplication::translate("Bottega::Server", "the chunked body is not well formed");
                return false;
            }
            if (size == 0) {
                connection.chunkTrailer = true;
                continue;
            }
            connection.chunkLeft = size;
        }
        if (connection.chunkLeft > m_bodyLimit) {
            connection.body.resize(m_bodyLimit + 1); // over the limit: refused by the caller
            return false;
        }
        // The chunk's data and its CRLF.
        if (buffer.size() < connection.chunkLeft + 2)
            return false;
        connection.body += QByteArrayView(buffer).first(connection.chunkLeft);
        buffer.remove(0, connection.chunkLeft + 2);
        connection.chunkLeft = -1;
    }
}

void GuardedTcpServer::reject(QTcpSocket *socket, Connection &connection, int status, const QString &message)
{
    connection.rejected = true;
    connection.buffer.clear();
    connection.body.clear();
    socket->readAll();

    const QByteArray body = QJsonDocument(QJsonObject {{u"error"_s, message}}).toJson(QJsonDocument::Compact);
    socket->write(HttpWire::response(status, "application/json", {}, body, true));
    connection.rejectedAtMs = m_clock.elapsed();
    connection.closeTimer = new QTimer(socket);
    connection.closeTimer->setSingleShot(true);
    connect(connection.closeTimer, &QTimer::timeout, socket, [socket] { socket->disconnectFromHost(); });
    connection.closeTimer->start(quietMs);
    Q_EMIT requestRejected(connection.parsed, status, message, connection.received, connection.head);
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
