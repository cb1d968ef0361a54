// FakeHttpServer: a real HTTP server on 127.0.0.1 (a free port) for tests. Handlers answer per
// method and path; every request is recorded for assertions; faults scripted per path make answers
// go wrong the way real services do (429 with Retry-After, 500, 502 HTML, slow, truncated, closed).
// The Gelato and Poleepo fakes build on it: they register handlers, or derive and override answer().
#pragma once

#include "tests/support/fakes/FakeHttpTypes.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHash>
#include <QUrl>
#include <functional>

namespace Bottega::Test {

class FakeHttpServer : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeHttpServer)

public:
    using Handler = std::function<FakeResponse(const RecordedRequest &)>;

    explicit FakeHttpServer(QObject *parent = nullptr);
    ~FakeHttpServer() override;

    // Binds 127.0.0.1 on a free port. False (with a test failure) if that is impossible.
    bool start();
    quint16 port() const { return m_port; }
    QUrl baseUrl() const; // "http://127.0.0.1:<port>"
    QUrl url(const QString &pathAndQuery) const; // baseUrl() + "/orders?x=1"

    // `path`: exact ("/v4/orders") or a prefix ending in "/*" ("/v4/orders/*"); the most specific
    // wins. Without a handler the answer is 404 {"message": "no handler for …"}.
    void on(const QByteArray &method, const QString &path, Handler handler);
    void onJson(const QByteArray &method, const QString &path, int status, const QByteArray &json);

    // Queues a fault for the next `times` requests on `path` (same patterns as on(), any method).
    void addFault(const QString &path, const FakeFault &fault, int times = 1);
    void clearFaults();
    int pendingFaults(const QString &path) const;

    QList<RecordedRequest> requests() const { return m_requests; }
    QList<RecordedRequest> requests(const QString &path) const; // exact path
    int requestCount(const QString &path) const;
    int requestCount() const { return int(m_requests.size()); }
    RecordedRequest lastRequest() const;
    void clearRequests() { m_requests.clear(); }
    qint64 elapsedMs() const { return m_clock.elapsed(); } // the clock of RecordedRequest::receivedAtMs

    // Writes an answer on the socket: `contentLength` overrides the real one (to lie on purpose),
    // `keepBytes` >= 0 sends only that much of the body.
    static void writeResponse(QTcpSocket *socket, const FakeResponse &response, qint64 contentLength = -1,
                              qsizetype keepBytes = -1);

Q_SIGNALS:
    void requestReceived(const Bottega::Test::RecordedRequest &request);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

    // The answer when no fault replaces it: the handler's, or 404. Derived fakes may override.
    virtual FakeResponse answer(const RecordedRequest &request);

private:
    struct Route
    {
        QByteArray method;
        QString pattern;
        Handler handler;
    };
    struct QueuedFault
    {
        FakeFault fault;
        int remaining = 0;
    };

    static bool matches(const QString &pattern, const QString &path);
    static qsizetype specificity(const QString &pattern);
    bool takeFault(const QString &path, FakeFault &fault);
    void deliver(QTcpSocket *socket, const FakeFault *fault, const FakeResponse &response);

    quint16 m_port = 0;
    QList<Route> m_routes;
    QHash<QString, QList<QueuedFault>> m_faults; // by path pattern
    QList<RecordedRequest> m_requests;
    QElapsedTimer m_clock;
};

} // namespace Bottega::Test
