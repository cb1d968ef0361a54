#include "core/http/HttpCall.h"

#include "core/domain/Clock.h"
#include "core/http/ApiLogSink.h"
#include "core/http/HttpClient.h"
#include "core/http/HttpErrorText.h"
#include "core/http/Redactor.h"

#include <QCoreApplication>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

bool hasHeader(const QList<HttpHeader> &headers, QByteArrayView name)
{
    return std::any_of(headers.cbegin(), headers.cend(), [name](const HttpHeader &header) {
        return name.compare(header.first, Qt::CaseInsensitive) == 0;
    });
}

// Failures of the connection itself (refused, reset, DNS, proxy), as opposed to an HTTP answer with
// an error status or a local problem such as a TLS mismatch that a retry would not fix.
bool isTransientNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
        return true;
    default:
        return false;
    }
}

bool isConnectionLevelError(QNetworkReply::NetworkError error)
{
    return error != QNetworkReply::NoError && error != QNetworkReply::OperationCanceledError
            && int(error) < 200;
}

} // namespace

HttpCall::HttpCall(HttpRequest request, QNetworkAccessManager *network, const Redactor *redactor,
                   ApiLogSink *sink, const Clock *clock, std::shared_ptr<RateLimiter> limiter,
                   HttpCallPolicy policy, QObject *parent)
    : QObject(parent), m_request(std::move(request)), m_network(network), m_redactor(redactor), m_sink(sink),
      m_clock(clock ? clock : Clock::system()), m_limiter(std::move(limiter)), m_policy(policy)
{
    m_timeout.setSingleShot(true);
    m_backoff.setSingleShot(true);
    m_wait.setSingleShot(true);
    // A coarse timer may fire 5 % early: a Retry-After would then be cut short and earn another 429.
    m_backoff.setTimerType(Qt::PreciseTimer);
    m_wait.setTimerType(Qt::PreciseTimer);
    connect(&m_timeout, &QTimer::timeout, this, &HttpCall::onTimeout);
    connect(&m_backoff, &QTimer::timeout, this, &HttpCall::beginAttempt);
    connect(&m_wait, &QTimer::timeout, this, &HttpCall::sendAttempt);

    m_sentHeaders = m_request.headers;
    if (!m_request.body.isEmpty() && !hasHeader(m_sentHeaders, "Content-Type"))
        m_sentHeaders.append(HttpHeader("Content-Type", "application/json"));
    if (!hasHeader(m_sentHeaders, "Accept"))
        m_sentHeaders.append(HttpHeader("Accept", "application/json"));
}

HttpCall::~HttpCall()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

std::optional<qint64> HttpCall::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qint64 seconds = text.toLongLong(&isNumber);
    if (isNumber)
        return seconds < 0 ? std::nullopt : std::optional<qint64>(seconds);

    // HTTP-date (RFC 9110): "Sun, 06 Nov 1994 08:49:37 GMT". Always English names and GMT.
    QDateTime date = QLocale::c().toDateTime(QString::fromLatin1(text), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (!date.isValid())
        return std::nullopt;
    date.setTimeSpec(Qt::UTC);
    // Round up: waiting a fraction of a second too little would only earn another 429.
    const qint64 ms = now.msecsTo(date);
    return ms <= 0 ? 0 : (ms + 999) / 1000;
}

void HttpCall::start()
{
    m_startedAt = m_clock->now();
    m_elapsed.start();
    beginAttempt();
}

void HttpCall::beginAttempt()
{
    ++m_attempts;
    // The limiter reserves a slot for this attempt and says how long until it comes round.
    const int delay = m_limiter ? m_limiter->delayBeforeNextMs() : 0;
    if (delay > 0)
        m_wait.start(delay);
    else
        sendAttempt();
}

void HttpCall::sendAttempt()
{
    if (m_done)
        return;
    QNetworkRequest request(m_request.url);
    for (const auto &[name, value] : std::as_const(m_sentHeaders))
        request.setRawHeader(name, value);
    m_timedOut = false;
    m_reply = m_network->sendCustomRequest(request, m_request.method.toUpper(), m_request.body);
    connect(m_reply, &QNetworkReply::finished, this, &HttpCall::onReplyFinished);
    m_timeout.start(std::max(1, m_request.timeoutMs));
}

void HttpCall::onTimeout()
{
    if (!m_reply)
        return;
    m_timedOut = true;
    m_reply->abort(); // emits finished(), handled in onReplyFinished
}

void HttpCall::cancel()
{
    if (m_done)
        return;
    m_backoff.stop();
    m_wait.stop();
    m_timeout.stop();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    HttpResponse response;
    response.error = m_request.service.isEmpty()
            ? QCoreApplication::translate("Bottega::HttpClient", "cancelled")
            : m_request.service + u": "_s + QCoreApplication::translate("Bottega::HttpClient", "cancelled");
    complete(std::move(response));
}

HttpCall::Outcome HttpCall::classify(QNetworkReply *reply, HttpResponse &response) const
{
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen())
        response.body = reply->readAll(); // an aborted reply (timeout) has nothing to read
    response.headers = reply->rawHeaderPairs();
    const QNetworkReply::NetworkError error = reply->error();

    if (m_timedOut) {
        response.status = 0;
        response.timedOut = true;
        response.error = HttpErrorText::forTimeout(m_request.service, m_request.url, m_request.timeoutMs);
        return Outcome::Transient;
    }
    if (response.status == 0) {
        response.error = HttpErrorText::forConnection(
                m_request.service, m_request.url, HttpErrorText::networkCause(error, reply->errorString()));
        return isTransientNetworkError(error) ? Outcome::Transient : Outcome::Final;
    }
    if (isConnectionLevelError(error)) {
        // The status line came but the connection broke before the body was complete.
        response.error
                = HttpErrorText::forTruncatedAnswer(m_request.service, m_request.url, response.body.size(),
                                                    response.header("Content-Length").toLongLong());
        return Outcome::Transient;
    }
    if (response.status >= 200 && response.status < 300)
        return Outcome::Success;

    response.error = HttpErrorText::forStatus(
            m_request.service, response.status,
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(), response.body,
            response.looksLikeHtml());
    if (response.status == 429)
        return Outcome::RateLimited;
    return response.status >= 500 ? Outcome::Transient : Outcome::Final;
}

qint64 HttpCall::retryDelayMs(HttpResponse &response) const
{
    const auto retryAfter = parseRetryAfter(response.header("Retry-After"), m_clock->now());
    if (retryAfter) {
        if (*retryAfter > m_policy.maxRetryAfterSeconds) {
            response.error = HttpErrorText::forRetryAfterTooLong(m_request.service, response.status,
                                                                 *retryAfter, m_policy.maxRetryAfterSeconds);
            return -1;
        }
        return *retryAfter * 1000;
    }
    const qint64 backoff = qint64(m_policy.backoffBaseMs) << std::min(m_attempts - 1, 20);
    return std::min<qint64>(backoff, m_policy.maxBackoffMs);
}

void HttpCall::onReplyFinished()
{
    m_timeout.stop();
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply || m_done)
        return;
    reply->deleteLater();

    HttpResponse response;
    const Outcome outcome = classify(reply, response);
    if (outcome == Outcome::Success || outcome == Outcome::Final) {
        complete(std::move(response));
        return;
    }
    // A 429 means the server did not act on the call, so even a POST may be repeated.
    const bool mayRepeat = outcome == Outcome::RateLimited || m_request.isRetryable();
    if (!mayRepeat || m_attempts >= m_request.maxAttempts) {
        complete(std::move(response));
        return;
    }
    const qint64 delay = retryDelayMs(response);
    if (delay < 0) {
        complete(std::move(response));
        return;
    }
    m_backoff.start(int(std::min<qint64>(delay, std::numeric_limits<int>::max())));
}

void HttpCall::complete(HttpResponse response)
{
    if (m_done)
        return;
    m_done = true;
    m_backoff.stop();
    m_wait.stop();
    m_timeout.stop();
    response.service = m_request.service;
    response.attempts = std::max(1, m_attempts);
    response.durationMs = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
    writeLog(response);
    Q_EMIT completed(response);
}

void HttpCall::writeLog(const HttpResponse &response) const
{
    if (!m_sink)
        return;
    ApiLogEntry entry;
    entry.time = m_startedAt.isValid() ? m_startedAt : m_clock->now();
    entry.direction = ApiLogEntry::Direction::Outbound;
    entry.service = m_request.service;
    entry.method = m_request.method.toUpper();
    entry.url = m_redactor->redactUrl(m_request.url);
    entry.status = response.status;
    entry.durationMs = response.durationMs;
    entry.requestSize = m_request.body.size();
    entry.responseSize = response.body.size();
    entry.requestHeaders = m_redactor->formatHeaders(m_sentHeaders);
    entry.responseHeaders = m_redactor->formatHeaders(response.headers);
    entry.requestBody = Redactor::capBody(m_redactor->redact(m_request.body), m_policy.bodyCap);
    entry.responseBody = Redactor::capBody(m_redactor->redact(response.body), m_policy.bodyCap);
    entry.error = m_redactor->redact(response.error);
    entry.attempts = response.attempts;
    m_sink->record(entry);
}

} // namespace Bottega
