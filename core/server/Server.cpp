#include "core/server/Server.h"

#include "core/domain/Clock.h"
#include "core/http/ApiLogSink.h"
#include "core/http/Redactor.h"
#include "core/server/FileStreamer.h"
#include "core/server/GuardedTcpServer.h"
#include "core/server/HttpRequestReader.h"
#include "core/server/HttpWire.h"
#include "core/server/RouteTable.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QPointer>
#include <QTcpSocket>
#include <optional>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// The endpoint as the API log shows it: path and query, without scheme and host.
QUrl endpointOf(const QUrl &url)
{
    QUrl endpoint;
    endpoint.setPath(url.path(QUrl::FullyEncoded), QUrl::TolerantMode);
    endpoint.setQuery(url.query(QUrl::FullyEncoded), QUrl::TolerantMode);
    return endpoint;
}

QList<std::pair<QByteArray, QByteArray>> headersOf(const QByteArray &head)
{
    QList<std::pair<QByteArray, QByteArray>> headers;
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            headers.emplaceBack(lines.at(i).left(colon).trimmed(), lines.at(i).mid(colon + 1).trimmed());
    }
    return headers;
}

} // namespace

// One request from its arrival to its answer: what the answer and the API log row need.
struct Exchange
{
    QPointer<QTcpSocket> socket;
    GuardedTcpServer::RequestHead head;
    ServerRequest request;
    QDateTime startedAt; // from the server's clock, for the API log
    QElapsedTimer elapsed; // only measures how long the answer took (the log's duration)
    std::optional<ServerResponse> response; // set once answered
};

struct Server::Private
{
    Server *q = nullptr;
    RouteTable routes;
    qint64 bodyLimit = 1024 * 1024;
    int idleTimeoutMs = 30000;
    ApiLogSink *sink = nullptr;
    const Clock *clock = Clock::system();
    Redactor redactor;
    qsizetype bodyCap = 64 * 1024;
    QPointer<GuardedTcpServer> listener;
    // What other threads may read (the window's status bar): under the mutex.
    mutable QMutex stateMutex;
    bool listening = false;
    ListenAddress address;
    // Per connection, the requests not yet written back, oldest first: a later request answered
    // first waits for the earlier ones (HTTP/1.1 answers go in request order).
    QHash<QTcpSocket *, QList<std::shared_ptr<Exchange>>> inFlight;

    void dispatch(QTcpSocket *socket, const GuardedTcpServer::RequestHead &head, const QByteArray &body);
    void route(const std::shared_ptr<Exchange> &exchange);
    void complete(const std::shared_ptr<Exchange> &exchange, ServerResponse response);
    void writeReady(QTcpSocket *socket);
    void write(Exchange &exchange);
    void onRejected(const GuardedTcpServer::RequestHead &head, int status, const QString &message,
                    qint64 receivedBytes, const QByteArray &headBytes);
    void log(ApiLogEntry entry, const QByteArray &requestBody, const QByteArray &responseBody,
             const QList<std::pair<QByteArray, QByteArray>> &requestHeaders) const;
    // The row write() logs, without its time and duration.
    ApiLogEntry entryFor(const ServerRequest &request, const ServerResponse &response, qint64 contentLength) const;
    // Headers, bodies and error redacted and capped.
    void redactInto(ApiLogEntry &entry, const QByteArray &requestBody, const QByteArray &responseBody,
                    const QList<std::pair<QByteArray, QByteArray>> &requestHeaders) const;
};

Server::Server(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
    addRoute("GET", u"/health"_s, [](const ServerRequest &) {
        const QJsonObject health {{u"status"_s, u"ok"_s},
                                  {u"version"_s, QCoreApplication::applicationVersion()}};
        return ServerResponse::json(200, QJsonDocument(health).toJson(QJsonDocument::Compact));
    });
}

Server::~Server()
{
    // The listener (and with it its connections) goes while the route table and the sink are still
    // there.
    delete d->listener;
}

void Server::addRoute(const QByteArray &method, const QString &pathPattern, Handler handler)
{
    addRoute(method, pathPattern, QString(), std::move(handler));
}

void Server::addRoute(const QByteArray &method, const QString &pathPattern, const QString &service,
                      Handler handler)
{
    addDeferredRoute(method, pathPattern, service,
                     [handler = std::move(handler)](const ServerRequest &request, const ServerReply &reply) {
                         reply.send(handler(request));
                     });
}

void Server::addDeferredRoute(const QByteArray &method, const QString &pathPattern, const QString &service,
                              DeferredHandler handler)
{
    d->routes.add({method, pathPattern, service, std::move(handler)});
}

void Server::setBodyLimit(qint64 bytes)
{
    d->bodyLimit = bytes;
    if (d->listener)
        d->listener->setBodyLimit(bytes);
}

qint64 Server::bodyLimit() const
{
    return d->bodyLimit;
}

void Server::setApiLogSink(ApiLogSink *sink)
{
    d->sink = sink;
}

void Server::setClock(const Clock *clock)
{
    d->clock = clock ? clock : Clock::system();
}

void Server::addRedactedValue(const QByteArray &secret)
{
    d->redactor.addValue(secret);
}

void Server::setBodyCap(int bytes)
{
    d->bodyCap = bytes;
}

void Server::setIdleTimeoutMs(int ms)
{
    d->idleTimeoutMs = ms;
    if (d->listener)
        d->listener->setIdleTimeoutMs(ms);
}

Result<ListenAddress> Server::listen(const ListenAddress &address)
{
    close();
    auto *listener = new GuardedTcpServer(this);
    listener->setBodyLimit(d->bodyLimit);
    listener->setIdleTimeoutMs(d->idleTimeoutMs);
    if (!listener->listen(address.address, address.port)) {
        QString cause;
        switch (listener->serverError()) {
        case QAbstractSocket::AddressInUseError:
            cause = tr("the address is already in use");
            break;
        case QAbstractSocket::SocketAccessError:
            cause = tr("permission denied (ports below 1024 need administrator rights)");
            break;
        case QAbstractSocket::SocketAddressNotAvailableError:
            cause = tr("the address does not belong to this machine");
            break;
        default:
            cause = listener->errorString();
            break;
        }
        delete listener;
        return makeError(tr("cannot listen on %1: %2").arg(address.toString(), cause));
    }
    connect(listener, &GuardedTcpServer::requestRejected, this,
            [this](const GuardedTcpServer::RequestHead &head, int status, const QString &message,
                   qint64 received, const QByteArray &headBytes) {
                d->onRejected(head, status, message, received, headBytes);
            });
    listener->setRequestHandler([this](QTcpSocket *socket, const GuardedTcpServer::RequestHead &head,
                                       const QByteArray &body) { d->dispatch(socket, head, body); });
    d->listener = listener;
    const QMutexLocker lock(&d->stateMutex);
    d->listening = true;
    d->address = address;
    d->address.port = listener->serverPort();
    return d->address;
}

bool Server::isListening() const
{
    const QMutexLocker lock(&d->stateMutex);
    return d->listening;
}

ListenAddress Server::address() const
{
    const QMutexLocker lock(&d->stateMutex);
    return d->address;
}

void Server::close()
{
    if (!d->listener)
        return;
    {
        const QMutexLocker lock(&d->stateMutex);
        d->listening = false;
    }
    d->listener->close(); // the port is free from here on
    // Open connections are the listener's children and go with it, later: close() may be called
    // from a handler, whose socket must outlive the call.
    d->listener->deleteLater();
    d->listener = nullptr;
}

void Server::Private::route(const std::shared_ptr<Exchange> &exchange)
{
    const ServerRequest &request = exchange->request;
    const qint64 declared = request.header("Content-Length").toLongLong();
    if (declared > bodyLimit || request.body.size() > bodyLimit) {
        complete(exchange, ServerResponse::error(413, HttpRequestReader::bodyTooLargeMessage(bodyLimit)));
        return;
    }

    const RouteTable::Match match = routes.match(request.method, request.path);
    if (match.route) {
        exchange->request.service = match.route->service;
        // The reply holds the exchange, not the server: answered after the server has gone, it
        // writes nothing.
        QPointer<Server> server = q;
        const ServerReply reply(
                [server, exchange](ServerResponse response) {
                    if (server)
                        server->d->complete(exchange, std::move(response));
                },
                [exchange] {
                    return exchange->socket && exchange->socket->state() == QAbstractSocket::ConnectedState;
                });
        match.route->handler(request, reply);
        return;
    }
    if (match.allowedMethods.isEmpty()) {
        complete(exchange,
                 ServerResponse::error(404,
                                       QCoreApplication::translate("Bottega::Server", "no such path: %1")
                                               .arg(request.path)));
        return;
    }
    ServerResponse response = ServerResponse::error(
            405,
            QCoreApplication::translate("Bottega::Server", "%1 is not allowed on %2 (allowed: %3)")
                    .arg(QString::fromLatin1(request.method.isEmpty() ? "this method" : request.method),
                         request.path, QString::fromLatin1(match.allowedMethods.join(", "))));
    response.headers.emplaceBack("Allow", match.allowedMethods.join(", "));
    complete(exchange, std::move(response));
}

void Server::Private::dispatch(QTcpSocket *socket, const GuardedTcpServer::RequestHead &head, const QByteArray &body)
{
    auto exchange = std::make_shared<Exchange>();
    exchange->elapsed.start();
    exchange->startedAt = clock->now();
    exchange->socket = socket;
    exchange->head = head;

    ServerRequest &request = exchange->request;
    request.method = head.method;
    request.url = QUrl::fromEncoded(head.target);
    request.path = request.url.path();
    request.query = QUrlQuery(request.url);
    request.headers = head.headers;
    request.body = body;
    request.peer = socket->peerAddress();
    request.service = RouteTable::serviceFor(request.path);

    if (!inFlight.contains(socket)) {
        // Forgotten with its connection; answers still to come for it are logged, not written.
        QObject::connect(socket, &QObject::destroyed, q, [this, socket] { inFlight.remove(socket); });
    }
    inFlight[socket].append(exchange);
    route(exchange);
}

void Server::Private::complete(const std::shared_ptr<Exchange> &exchange, ServerResponse response)
{
    if (exchange->response)
        return;
    exchange->response = std::move(response);
    QTcpSocket *socket = exchange->socket;
    if (socket && socket->state() == QAbstractSocket::ConnectedState && inFlight.contains(socket)) {
        writeReady(socket);
        return;
    }
    // The client left before its answer: nothing to write, the call is still logged.
    if (socket)
        inFlight[socket].removeOne(exchange);
    const QString gone = QCoreApplication::translate("Bottega::Server",
                                                     "the client closed the connection before the answer");
    QString &note = exchange->response->logNote;
    note = note.isEmpty() ? gone : note + u"; "_s + gone;
    write(*exchange);
}

void Server::Private::writeReady(QTcpSocket *socket)
{
    // Looked up again after each answer: a listener of requestHandled may close the connection.
    for (auto it = inFlight.find(socket);
         it != inFlight.end() && !it->isEmpty() && it->constFirst()->response; it = inFlight.find(socket)) {
        const std::shared_ptr<Exchange> exchange = it->takeFirst();
        write(*exchange);
    }
}

// Writes the answer (unless the client has gone), logs it and tells the listeners.
void Server::Private::write(Exchange &exchange)
{
    ServerResponse &response = *exchange.response;
    const ServerRequest &request = exchange.request;
    QTcpSocket *socket = exchange.socket;
    // A socket lives as long as its listener (its parent).
    const bool connected = socket && listener && socket->state() == QAbstractSocket::ConnectedState;

    // Files are streamed and end the connection; otherwise keep-alive unless the client said no.
    std::unique_ptr<QFile> file;
    qint64 contentLength = response.body.size();
    if (!response.filePath.isEmpty()) {
        file = std::make_unique<QFile>(response.filePath);
        if (file->open(QIODevice::ReadOnly)) {
            contentLength = file->size();
        } else {
            file.reset();
            response = ServerResponse::error(
                    500,
                    QCoreApplication::translate("Bottega::Server", "cannot read the file: %1")
                            .arg(request.path));
            contentLength = response.body.size();
        }
    }
    if (connected) {
        const GuardedTcpServer::RequestHead &head = exchange.head;
        const bool isHead = request.method == "HEAD";
        const bool close = head.close || (head.http10 && !head.keepAlive) || file;
        listener->write(socket,
                        HttpWire::response(response.status, response.contentType, response.headers,
                                           isHead || file ? QByteArray() : response.body, close,
                                           contentLength));
        if (file && !isHead) {
            auto *streamer = new FileStreamer(socket, std::move(file));
            streamer->start();
        } else if (close) {
            socket->disconnectFromHost();
        }
    }

    if (sink && !response.loggedByHandler) {
        ApiLogEntry entry = entryFor(request, response, contentLength);
        entry.time = exchange.startedAt;
        entry.durationMs = exchange.elapsed.elapsed();
        log(std::move(entry), request.body, response.filePath.isEmpty() ? response.body : QByteArray(),
            request.headers);
    }
    Q_EMIT q->requestHandled(request.method, request.path, response.status);
}

void Server::Private::onRejected(const GuardedTcpServer::RequestHead &head, int status,
                                 const QString &message, qint64 receivedBytes, const QByteArray &headBytes)
{
    const QUrl target = QUrl::fromEncoded(head.target);
    if (sink) {
        ApiLogEntry entry;
        entry.time = clock->now();
        entry.direction = ApiLogEntry::Direction::Inbound;
        entry.service = RouteTable::serviceFor(target.path());
        entry.method = head.method;
        entry.url = redactor.redactUrl(endpointOf(target));
        entry.status = status;
        entry.requestSize = std::max(head.contentLength, receivedBytes);
        entry.error = message;
        log(std::move(entry), {}, {}, headersOf(headBytes));
    }
    Q_EMIT q->requestHandled(head.method, target.path(), status);
}

ApiLogEntry Server::Private::entryFor(const ServerRequest &request, const ServerResponse &response,
                                      qint64 contentLength) const
{
    ApiLogEntry entry;
    entry.direction = ApiLogEntry::Direction::Inbound;
    entry.service = request.service;
    entry.method = request.method;
    entry.url = redactor.redactUrl(endpointOf(request.url));
    entry.status = response.status;
    entry.requestSize = request.body.size();
    entry.responseSize = contentLength;
    entry.error = response.logNote;
    QList<std::pair<QByteArray, QByteArray>> answerHeaders {{"Content-Type", response.contentType}};
    answerHeaders += response.headers;
    entry.responseHeaders = redactor.formatHeaders(answerHeaders);
    return entry;
}

void Server::Private::redactInto(ApiLogEntry &entry, const QByteArray &requestBody, const QByteArray &responseBody,
                                 const QList<std::pair<QByteArray, QByteArray>> &requestHeaders) const
{
    entry.requestHeaders = redactor.formatHeaders(requestHeaders);
    entry.requestBody = Redactor::capBody(redactor.redact(requestBody), bodyCap);
    entry.responseBody = Redactor::capBody(redactor.redact(responseBody), bodyCap);
    entry.error = redactor.redact(entry.error);
    entry.responseSize = entry.responseSize ? entry.responseSize : responseBody.size();
}

void Server::Private::log(ApiLogEntry entry, const QByteArray &requestBody, const QByteArray &responseBody,
                          const QList<std::pair<QByteArray, QByteArray>> &requestHeaders) const
{
    redactInto(entry, requestBody, responseBody, requestHeaders);
    sink->record(entry);
}

ApiLogEntry Server::inboundLogEntry(const ServerRequest &request, const ServerResponse &response) const
{
    ApiLogEntry entry = d->entryFor(request, response, response.body.size());
    d->redactInto(entry, request.body, response.body, request.headers);
    return entry;
}

} // namespace Bottega
