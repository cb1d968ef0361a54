#include "core/http/HttpErrorText.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bottega::HttpErrorText {

namespace {

QString prefixed(const QString &service, const QString &message)
{
    return service.isEmpty() ? message : service + u": "_s + message;
}

QString stringOrMessage(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (const auto key : {"message"_L1, "description"_L1, "detail"_L1}) {
            if (object.value(key).isString())
                return object.value(key).toString();
        }
    }
    return {};
}

QString secondsText(int ms)
{
    if (ms % 1000 == 0)
        return QString::number(ms / 1000);
    return QString::number(ms / 1000.0, 'g', 3);
}

} // namespace

QString reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return u"Continue"_s;
    case 200:
        return u"OK"_s;
    case 201:
        return u"Created"_s;
    case 202:
        return u"Accepted"_s;
    case 204:
        return u"No Content"_s;
    case 206:
        return u"Partial Content"_s;
    case 301:
        return u"Moved Permanently"_s;
    case 302:
        return u"Found"_s;
    case 303:
        return u"See Other"_s;
    case 304:
        return u"Not Modified"_s;
    case 307:
        return u"Temporary Redirect"_s;
    case 308:
        return u"Permanent Redirect"_s;
    case 400:
        return u"Bad Request"_s;
    case 401:
        return u"Unauthorized"_s;
    case 402:
        return u"Payment Required"_s;
    case 403:
        return u"Forbidden"_s;
    case 404:
        return u"Not Found"_s;
    case 405:
        return u"Method Not Allowed"_s;
    case 406:
        return u"Not Acceptable"_s;
    case 408:
        return u"Request Timeout"_s;
    case 409:
        return u"Conflict"_s;
    case 410:
        return u"Gone"_s;
    case 411:
        return u"Length Required"_s;
    case 412:
        return u"Precondition Failed"_s;
    case 413:
        return u"Payload Too Large"_s;
    case 414:
        return u"URI Too Long"_s;
    case 415:
        return u"Unsupported Media Type"_s;
    case 422:
        return u"Unprocessable Entity"_s;
    case 423:
        return u"Locked"_s;
    case 425:
        return u"Too Early"_s;
    case 428:
        return u"Precondition Required"_s;
    case 429:
        return u"Too Many Requests"_s;
    case 431:
        return u"Request Header Fields Too Large"_s;
    case 500:
        return u"Internal Server Error"_s;
    case 501:
        return u"Not Implemented"_s;
    case 502:
        return u"Bad Gateway"_s;
    case 503:
        return u"Service Unavailable"_s;
    case 504:
        return u"Gateway Timeout"_s;
    case 505:
        return u"HTTP Version Not Supported"_s;
    default:
        return {};
    }
}

QString messageFromBody(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return {};
    const QJsonObject object = document.object();
    QString message;
    for (const auto key : {"message"_L1, "error_description"_L1, "error"_L1, "detail"_L1, "title"_L1}) {
        message = stringOrMessage(object.value(key));
        if (!message.isEmpty())
            break;
    }
    // Poleepo's validation errors: {"errors": [{"field": "sku", "message": "required"}]}.
    QStringList details;
    const QJsonArray errors = object.value("errors"_L1).toArray();
    for (const QJsonValue &entry : errors) {
        if (details.size() == 3)
            break;
        const QString field = entry.toObject().value("field"_L1).toString();
        const QString text = stringOrMessage(entry);
        if (text.isEmpty())
            continue;
        details.append(field.isEmpty() ? text : field + u": "_s + text);
    }
    if (!details.isEmpty())
        message = message.isEmpty() ? details.join(u"; "_s)
                                    : message + u" ("_s + details.join(u"; "_s) + u')';
    return message.simplified();
}

QString forStatus(const QString &service, int status, const QByteArray &reason, const QByteArray &body,
                  bool bodyIsHtml)
{
    QString phrase = QString::fromUtf8(reason).trimmed();
    if (phrase.isEmpty())
        phrase = reasonPhrase(status);
    const QString statusText
            = phrase.isEmpty() ? u"HTTP %1"_s.arg(status) : u"HTTP %1 %2"_s.arg(status).arg(phrase);

    if (bodyIsHtml)
        return prefixed(service,
                        QCoreApplication::translate("Bottega::HttpClient",
                                                    "%1 (the server sent an HTML page instead of JSON)")
                                .arg(statusText));
    const QString message = messageFromBody(body);
    if (!message.isEmpty())
        return prefixed(service, u"HTTP %1: %2"_s.arg(status).arg(message.left(500)));
    return prefixed(service, statusText);
}

QString forTimeout(const QString &service, const QUrl &url, int timeoutMs)
{
    return prefixed(service,
                    QCoreApplication::translate("Bottega::HttpClient", "no answer within %1 s from %2")
                            .arg(secondsText(timeoutMs), hostOf(url)));
}

QString forTruncatedAnswer(const QString &service, const QUrl &url, qint64 received, qint64 expected)
{
    if (expected > 0)
        return prefixed(service,
                        QCoreApplication::translate(
                                "Bottega::HttpClient",
                                "%1 closed the connection before the whole answer arrived (%2 of %3 bytes)")
                                .arg(hostOf(url))
                                .arg(received)
                                .arg(expected));
    return prefixed(
            service,
            QCoreApplication::translate("Bottega::HttpClient",
                                        "%1 closed the connection before the whole answer arrived (%2 bytes)")
                    .arg(hostOf(url))
                    .arg(received));
}

QString forConnection(const QString &service, const QUrl &url, const QString &what)
{
    return prefixed(service,
                    QCoreApplication::translate("Bottega::HttpClient", "cannot connect to %1: %2")
                            .arg(hostOf(url), what));
}

QString forRetryAfterTooLong(const QString &service, int status, qint64 waitSeconds, int maxSeconds)
{
    return prefixed(service,
                    QCoreApplication::translate(
                            "Bottega::HttpClient",
                            "HTTP %1 %2: the server asks to wait %3 s, longer than the %4 s allowed")
                            .arg(status)
                            .arg(reasonPhrase(status))
                            .arg(waitSeconds)
                            .arg(maxSeconds));
}

QString networkCause(QNetworkReply::NetworkError error, const QString &qtText)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return QCoreApplication::translate("Bottega::HttpClient", "connection refused");
    case QNetworkReply::RemoteHostClosedError:
        return QCoreApplication::translate("Bottega::HttpClient",
                                           "the server closed the connection without an answer");
    case QNetworkReply::HostNotFoundError:
        return QCoreApplication::translate("Bottega::HttpClient", "host not found");
    case QNetworkReply::TimeoutError:
        return QCoreApplication::translate("Bottega::HttpClient", "the connection timed out");
    case QNetworkReply::SslHandshakeFailedError:
        return QCoreApplication::translate("Bottega::HttpClient", "the TLS handshake failed (%1)")
                .arg(qtText);
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        return QCoreApplication::translate("Bottega::HttpClient", "the network is not available");
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return QCoreApplication::translate("Bottega::HttpClient", "proxy error (%1)").arg(qtText);
    default:
        return qtText;
    }
}

QString hostOf(const QUrl &url)
{
    const QString host = url.host();
    if (url.port() < 0)
        return host;
    return (host.contains(u':') ? u'[' + host + u']' : host) + u':' + QString::number(url.port());
}

} // namespace Bottega::HttpErrorText
