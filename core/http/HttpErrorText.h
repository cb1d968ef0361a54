// HttpErrorText: the readable error messages of HttpClient, in one place so that every service's
// errors read alike ("gelato: HTTP 404: Order not found", "gelato: no answer within 30 s from …").
#pragma once

#include <QByteArray>
#include <QNetworkReply>
#include <QString>
#include <QUrl>

namespace Bottega::HttpErrorText {

// "Bad Gateway" for 502; the standard phrase, or empty for a code without one.
QString reasonPhrase(int status);

// The message a JSON error body carries ("message", "error", "error.message", "detail", with up to
// three "errors[].field: message" pairs), or empty if there is none.
QString messageFromBody(const QByteArray &body);

// "gelato: HTTP 404: Order not found", "gelato: HTTP 502 Bad Gateway (the server sent an HTML page
// instead of JSON)", "gelato: HTTP 500 Internal Server Error".
QString forStatus(const QString &service, int status, const QByteArray &reason, const QByteArray &body,
                  bool bodyIsHtml);

// "gelato: no answer within 30 s from order.gelatoapis.com"
QString forTimeout(const QString &service, const QUrl &url, int timeoutMs);

// "the connection closed before the whole answer arrived (120 of 300 bytes)"
QString forTruncatedAnswer(const QString &service, const QUrl &url, qint64 received, qint64 expected);

// "gelato: cannot connect to 127.0.0.1:8069: connection refused"; `what` is the cause already in words.
QString forConnection(const QString &service, const QUrl &url, const QString &what);

// "gelato: HTTP 429 Too Many Requests: the server asks to wait 600 s, longer than the 120 s allowed"
QString forRetryAfterTooLong(const QString &service, int status, qint64 waitSeconds, int maxSeconds);

// The cause of a network failure in words: "connection refused", "host not found", ….
QString networkCause(QNetworkReply::NetworkError error, const QString &qtText);

// "host" or "host:port" when the URL names a port: what the user would look for.
QString hostOf(const QUrl &url);

} // namespace Bottega::HttpErrorText
