// HttpClient: the only path for outgoing calls. Timeouts per request, retries with backoff for 429
// (honouring Retry-After), 5xx and timeouts where the request is safe to repeat, per-host rate
// limits, and one redacted API-log row per call.
#pragma once

#include "core/http/HttpRequest.h"

#include <QObject>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace Bottega {

class ApiLogSink;
class Clock;
class Redactor;

// Per-host rate-limit hook: asked once before each attempt how long to wait (0 = go now). The
// answer reserves the slot: the attempt goes after that delay without asking again.
class RateLimiter
{
public:
    virtual ~RateLimiter() = default;
    virtual int delayBeforeNextMs() = 0;
};

// One call in flight. Emits finished() exactly once, then the client deletes it (deleteLater).
class HttpReply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpReply)

public:
    explicit HttpReply(QObject *parent = nullptr);
    ~HttpReply() override;

    void abort(); // finishes with error "cancelled"
    bool isFinished() const { return m_finished; }
    const HttpResponse &response() const { return m_response; }

Q_SIGNALS:
    void finished(const Bottega::HttpResponse &response);
    void aborted();

private:
    friend class HttpClient;
    void finish(const HttpResponse &response);
    HttpResponse m_response;
    bool m_finished = false;
};

class HttpClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpClient)

public:
    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override;

    // Starts the call; connect to the reply's finished(). The reply is owned by the client.
    HttpReply *send(const HttpRequest &request);
    // Cancels every call in flight (shutdown); each finishes with "cancelled".
    void abortAll();

    void setApiLogSink(ApiLogSink *sink); // not owned; nullptr = no log
    // "Now" for API-log times and HTTP-date Retry-After; not owned; nullptr: Clock::system().
    void setClock(const Clock *clock);
    void setRateLimiter(const QString &host, std::shared_ptr<RateLimiter> limiter);
    // Values never written to the API log (API keys, tokens): replaced by "[redacted]" wherever
    // they appear in URLs, headers or bodies.
    void addRedactedValue(const QByteArray &secret);
    void setBodyCap(int bytes); // API-log body cap, default 64 KiB
    // Backoff base for retries (tests make it short): attempt n waits base * 2^(n-1), capped,
    // unless the server sent Retry-After.
    void setBackoffBaseMs(int ms);
    void setMaxRetryAfterSeconds(int seconds); // a longer Retry-After is not waited for
    void setMaxBackoffMs(int ms); // longest wait between attempts without Retry-After, default 30 s
    const Redactor &redactor() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Bottega
