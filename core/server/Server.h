// Server: the built-in HTTP server (HOOK-1, CONF-5) running in the window and in `bottega serve`.
// It owns the listening socket, the body limit (413) and the route table; features register their
// routes on it. GET /health is built in. Handlers answer at once, or later through a ServerReply
// (the webhook intake answers after its batch commit); answers on one connection keep their order.
// Thread: owned by the server thread (app/RuntimeThreads): it is created, listens, answers and is
// destroyed there. Only isListening() and address() may be called from other threads (the window's
// status bar); requestHandled reaches other threads' receivers as a queued signal.
#pragma once

#include "core/domain/ApiLogEntry.h"
#include "core/domain/Result.h"
#include "core/server/ServerReply.h"
#include "core/server/ServerTypes.h"
#include "core/settings/ListenAddress.h"

#include <QObject>
#include <functional>
#include <memory>

namespace Bottega {

class ApiLogSink;
class Clock;

class Server final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Server)

public:
    using Handler = std::function<ServerResponse(const ServerRequest &)>;
    // Answers through the reply, which it may keep and send later (from the same thread).
    using DeferredHandler = std::function<void(const ServerRequest &, const ServerReply &)>;

    explicit Server(QObject *parent = nullptr);
    ~Server() override;

    // pathPattern: an exact path ("/gelato/webhook") or a prefix ending in '/' followed by '*'
    // ("/files/*", "/poleepo/webhook/*"). The longest match wins. A path that exists with another
    // method answers 405; an unknown path 404.
    void addRoute(const QByteArray &method, const QString &pathPattern, Handler handler);
    // The same, naming the API-log service of its requests; without it the service comes from the
    // path: "webhook" for webhook paths, "files" for /files/*, otherwise "server".
    void addRoute(const QByteArray &method, const QString &pathPattern, const QString &service,
                  Handler handler);
    // A route whose handler answers later: the connection waits for reply.send() (the API log row
    // is written then, with the time it took).
    void addDeferredRoute(const QByteArray &method, const QString &pathPattern, const QString &service,
                          DeferredHandler handler);

    void setBodyLimit(qint64 bytes); // default 1 MiB; larger bodies get 413
    qint64 bodyLimit() const;
    void setApiLogSink(ApiLogSink *sink); // inbound API-log rows; not owned
    // Where the API-log rows' times come from; not owned; nullptr: Clock::system() (the default).
    void setClock(const Clock *clock);
    // A value never written to the API log (a webhook secret): replaced by "[redacted]" wherever it
    // appears. Headers such as signature and X-Poleepo-Signature are always redacted.
    void addRedactedValue(const QByteArray &secret);
    void setBodyCap(int bytes); // API-log body cap, default 64 KiB
    // The API-log row of an inbound call answered with response, as the server writes it (service
    // of its route, endpoint, headers and bodies redacted and capped); time and duration are the
    // caller's. For handlers that store the row themselves (ServerResponse::loggedByHandler).
    ApiLogEntry inboundLogEntry(const ServerRequest &request, const ServerResponse &response) const;
    // A connection silent for this long is closed (slow senders, forgotten keep-alives); default 30 s.
    void setIdleTimeoutMs(int ms);

    // Binds; with port 0 a free port is chosen. The result has the real port. An address in use
    // gives "cannot listen on 127.0.0.1:8069: the address is already in use".
    Result<ListenAddress> listen(const ListenAddress &address);
    bool isListening() const; // any thread
    ListenAddress address() const; // any thread
    void close();

Q_SIGNALS:
    void requestHandled(const QByteArray &method, const QString &path, int status);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Bottega
