// HttpRequest / HttpResponse: the value objects of an outgoing call through HttpClient.
#pragma once

#include "core/domain/Result.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QUrl>
#include <optional>
#include <utility>

namespace Bottega {

using HttpHeader = std::pair<QByteArray, QByteArray>;

struct HttpRequest
{
    QString service; // "gelato", "poleepo": API log and error messages
    QByteArray method = "GET";
    QUrl url;
    QList<HttpHeader> headers; // Content-Type is set to application/json when a body is given
    QByteArray body;
    int timeoutMs = 30000; // per attempt
    int maxAttempts = 4; // including the first
    // Whether the call may be repeated after a 429, 5xx or timeout. Default: by method
    // (GET, HEAD, PUT, DELETE, OPTIONS yes; POST and PATCH no). A 429 is always safe to repeat:
    // the server did not act on the call.
    std::optional<bool> retryable;

    bool isRetryable() const;
};

struct HttpResponse
{
    QString service; // copied from the request, so that json() errors name it
    int status = 0; // 0 when no HTTP answer came (network error, timeout)
    QByteArray body;
    QList<HttpHeader> headers;
    QString error; // readable; empty when the call got a 2xx answer
    int attempts = 0;
    qint64 durationMs = 0;
    bool timedOut = false;

    bool ok() const { return error.isEmpty() && status >= 200 && status < 300; }
    QByteArray header(const QByteArray &name) const; // case-insensitive
    // The body as JSON; a readable error for an HTML error page or truncated JSON.
    Result<QJsonDocument> json() const;
    // Whether the body is an HTML page (an error page from a proxy or load balancer).
    bool looksLikeHtml() const;
};

} // namespace Bottega
