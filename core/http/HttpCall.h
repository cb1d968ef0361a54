// HttpCall: one call of HttpClient from first attempt to final answer: the attempts, their timeouts,
// the waits between them (backoff, Retry-After, rate limiter) and the API-log row. Internal to
// HttpClient; callers see HttpReply.
#pragma once

#include "core/http/HttpRequest.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace Bottega {

class ApiLogSink;
class Clock;
class RateLimiter;
class Redactor;

struct HttpCallPolicy
{
    int backoffBaseMs = 1000;
    int maxBackoffMs = 30000;
    int maxRetryAfterSeconds = 120;
    qsizetype bodyCap = 64 * 1024;
};

class HttpCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpCall)

public:
    // clock: the API-log row's time and the "now" an HTTP-date Retry-After is counted from.
    HttpCall(HttpRequest request, QNetworkAccessManager *network, const Redactor *redactor, ApiLogSink *sink,
             const Clock *clock, std::shared_ptr<RateLimiter> limiter, HttpCallPolicy policy,
             QObject *parent);
    ~HttpCall() override;

    // Retry-After as seconds from `now`: delta-seconds ("120") or an HTTP-date ("Wed, 21 Oct 2015
    // 07:28:00 GMT"). Empty when absent or unreadable; a date in the past gives 0.
    static std::optional<qint64> parseRetryAfter(const QByteArray &value, const QDateTime &now);

    void start();
    void cancel(); // completes with "<service>: cancelled"

Q_SIGNALS:
    void completed(const Bottega::HttpResponse &response);

private:
    enum class Outcome { Success, Final, Transient, RateLimited };

    void beginAttempt();
    void sendAttempt();
    void onReplyFinished();
    void onTimeout();
    void complete(HttpResponse response);
    Outcome classify(QNetworkReply *reply, HttpResponse &response) const;
    // How long to wait before the next attempt, or -1 when the server asks for too long (error set).
    qint64 retryDelayMs(HttpResponse &response) const;
    void writeLog(const HttpResponse &response) const;

    HttpRequest m_request;
    QList<HttpHeader> m_sentHeaders;
    QNetworkAccessManager *m_network;
    const Redactor *m_redactor;
    ApiLogSink *m_sink;
    const Clock *m_clock;
    std::shared_ptr<RateLimiter> m_limiter;
    HttpCallPolicy m_policy;

    QPointer<QNetworkReply> m_reply;
    QTimer m_timeout; // the current attempt's time limit
    QTimer m_backoff; // between attempts
    QTimer m_wait; // until the rate limiter lets the attempt go
    QDateTime m_startedAt; // from m_clock, for the API log
    QElapsedTimer m_elapsed; // only measures how long the call took (the response's durationMs)
    int m_attempts = 0;
    bool m_timedOut = false;
    bool m_done = false;
};

} // namespace Bottega
