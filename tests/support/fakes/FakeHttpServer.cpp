#include "tests/support/fakes/FakeHttpServer.h"

#include "core/server/HttpWire.h"

#include <QHttpServerRequest>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {

FakeHttpServer::FakeHttpServer(QObject *parent) : QAbstractHttpServer(parent)
{
    m_clock.start();
}

FakeHttpServer::~FakeHttpServer() = default;

bool FakeHttpServer::start()
{
    auto *tcpServer = new QTcpServer(this);
    if (!tcpServer->listen(QHostAddress::LocalHost, 0)) {
        ADD_FAILURE() << "FakeHttpServer: cannot listen on 127.0.0.1: "
                      << qPrintable(tcpServer->errorString());
        delete tcpServer;
        return false;
    }
    bind(tcpServer);
    m_port = tcpServer->serverPort();
    return true;
}

QUrl FakeHttpServer::baseUrl() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
}

QUrl FakeHttpServer::url(const QString &pathAndQuery) const
{
    return QUrl(baseUrl().toString() + pathAndQuery);
}

void FakeHttpServer::on(const QByteArray &method, const QString &path, Handler handler)
{
    for (Route &route : m_routes) {
        if (route.method == method.toUpper() && route.pattern == path) {
            route.handler = std::move(handler);
            return;
        }
    }
    m_routes.append({method.toUpper(), path, std::move(handler)});
}

void FakeHttpServer::onJson(const QByteArray &method, const QString &path, int status, const QByteArray &json)
{
    on(method, path, [status, json](const RecordedRequest &) { return FakeResponse::json(status, json); });
}

void FakeHttpServer::addFault(const QString &path, const FakeFault &fault, int times)
{
    if (times > 0)
        m_faults[path].append({fault, times});
}

void FakeHttpServer::clearFaults()
{
    m_faults.clear();
}

int FakeHttpServer::pendingFaults(const QString &path) const
{
    int count = 0;
    for (const QueuedFault &queued : m_faults.value(path))
        count += queued.remaining;
    return count;
}

QList<RecordedRequest> FakeHttpServer::requests(const QString &path) const
{
    QList<RecordedRequest> result;
    for (const RecordedRequest &request : m_requests) {
        if (request.path == path)
            result.append(request);
    }
    return result;
}

int FakeHttpServer::requestCount(const QString &path) const
{
    return int(requests(path).size());
}

RecordedRequest FakeHttpServer::lastRequest() const
{
    return m_requests.isEmpty() ? RecordedRequest {} : m_requests.last();
}

bool FakeHttpServer::matches(const QString &pattern, const QString &path)
{
    if (pattern.endsWith(u"/*"))
        return path.startsWith(QStringView(pattern).chopped(1));
    return pattern == path;
}

qsizetype FakeHttpServer::specificity(const QString &pattern)
{
    // Exact patterns beat prefixes; longer prefixes beat shorter ones.
    return pattern.endsWith(u"/*") ? pattern.size() : std::numeric_limits<qsizetype>::max();
}

bool FakeHttpServer::takeFault(const QString &path, FakeFault &fault)
{
    QString best;
    qsizetype bestScore = -1;
    for (auto it = m_faults.cbegin(); it != m_faults.cend(); ++it) {
        if (!it.value().isEmpty() && matches(it.key(), path) && specificity(it.key()) > bestScore) {
            best = it.key();
            bestScore = specificity(it.key());
        }
    }
    if (bestScore < 0)
        return false;
    QList<QueuedFault> &queue = m_faults[best];
    fault = queue.first().fault;
    if (--queue.first().remaining <= 0)
        queue.removeFirst();
    return true;
}

FakeResponse FakeHttpServer::answer(const RecordedRequest &request)
{
    const Route *best = nullptr;
    for (const Route &route : std::as_const(m_routes)) {
        if (route.method != request.method || !matches(route.pattern, request.path))
            continue;
        if (!best || specificity(route.pattern) > specificity(best->pattern))
            best = &route;
    }
    if (best)
        return best->handler(request);
    return FakeResponse::json(
            404, R"({"message":"no handler for )" + request.method + ' ' + request.path.toUtf8() + R"("})");
}

void FakeHttpServer::writeResponse(QTcpSocket *socket, const FakeResponse &response, qint64 contentLength,
                                   qsizetype keepBytes)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    const QByteArray body = keepBytes >= 0 ? response.body.left(keepBytes) : response.body;
    socket->write(HttpWire::response(response.status, response.contentType, response.headers, body, false,
                                     contentLength >= 0 ? contentLength : body.size()));
}

namespace {

// "GET", "POST", …; empty for a method QtHttpServer has no name for.
QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return {};
    }
}

} // namespace

bool FakeHttpServer::handleRequest(const QHttpServerRequest &httpRequest, QTcpSocket *socket)
{
    RecordedRequest request;
    request.method = methodName(httpRequest.method());
    request.path = httpRequest.url().path();
    request.query = httpRequest.query();
    request.headers = httpRequest.headers();
    request.body = httpRequest.body();
    request.receivedAtMs = m_clock.elapsed();
    m_requests.append(request);
    Q_EMIT requestReceived(request);

    FakeFault fault;
    const bool faulty = takeFault(request.path, fault);
    if (faulty && fault.kind == FakeFault::Kind::Close) {
        socket->disconnectFromHost();
        return true;
    }
    if (faulty && fault.kind == FakeFault::Kind::Hang)
        return true;
    deliver(socket, faulty ? &fault : nullptr,
            faulty && fault.useResponse ? fault.response : answer(request));
    return true;
}

void FakeHttpServer::deliver(QTcpSocket *socket, const FakeFault *fault, const FakeResponse &response)
{
    if (!fault) {
        writeResponse(socket, response);
        return;
    }
    switch (fault->kind) {
    case FakeFault::Kind::Delay: {
        // Written later from the event loop: the fake never blocks, so other requests go on.
        QPointer<QTcpSocket> guarded(socket);
        QTimer::singleShot(fault->delayMs, socket, [guarded, response] { writeResponse(guarded, response); });
        break;
    }
    case FakeFault::Kind::CutBody:
        writeResponse(socket, response, fault->keepBytes, fault->keepBytes);
        break;
    case FakeFault::Kind::ShortBody:
        writeResponse(socket, response, response.body.size(), fault->keepBytes);
        socket->disconnectFromHost();
        break;
    default:
        writeResponse(socket, response);
        break;
    }
}

void FakeHttpServer::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    writeResponse(socket, FakeResponse::json(404, R"({"message":"not found"})"));
}

} // namespace Bottega::Test
