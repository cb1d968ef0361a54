#include "ui/models/ApiLogText.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocale>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// Single quotes for a POSIX shell: ' becomes '\''.
QString shellQuoted(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', "'\\''"_L1);
    return u'\'' + quoted + u'\'';
}

QString decoded(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    return decoder.decode(bytes);
}

} // namespace

QString ApiLogText::status(int status)
{
    switch (status) {
    case 0:
        return tr("No answer");
    case 200:
        return tr("200 OK");
    case 201:
        return tr("201 Created");
    case 202:
        return tr("202 Accepted");
    case 204:
        return tr("204 No Content");
    case 301:
        return tr("301 Moved Permanently");
    case 302:
        return tr("302 Found");
    case 304:
        return tr("304 Not Modified");
    case 400:
        return tr("400 Bad Request");
    case 401:
        return tr("401 Unauthorized");
    case 403:
        return tr("403 Forbidden");
    case 404:
        return tr("404 Not Found");
    case 405:
        return tr("405 Method Not Allowed");
    case 408:
        return tr("408 Request Timeout");
    case 409:
        return tr("409 Conflict");
    case 410:
        return tr("410 Gone");
    case 413:
        return tr("413 Payload Too Large");
    case 415:
        return tr("415 Unsupported Media Type");
    case 422:
        return tr("422 Unprocessable Entity");
    case 429:
        return tr("429 Too Many Requests");
    case 500:
        return tr("500 Internal Server Error");
    case 501:
        return tr("501 Not Implemented");
    case 502:
        return tr("502 Bad Gateway");
    case 503:
        return tr("503 Service Unavailable");
    case 504:
        return tr("504 Gateway Timeout");
    default:
        break;
    }
    if (status >= 200 && status < 300)
        return tr("%1 Success").arg(status);
    if (status >= 300 && status < 400)
        return tr("%1 Redirect").arg(status);
    if (status >= 400 && status < 500)
        return tr("%1 Client error").arg(status);
    return tr("%1 Server error").arg(status);
}

QList<ApiLogText::Service> ApiLogText::services()
{
    // Calls made: to Gelato and Poleepo (product names, not translated). Calls received by the
    // built-in server: webhooks, files it serves, and anything else it was asked (RouteTable).
    // The API log page's service filter named them first: its words, and their translations.
    return {{u"gelato"_s, u"Gelato"_s},
            {u"poleepo"_s, u"Poleepo"_s},
            {u"webhook"_s, QCoreApplication::translate("Bottega::ApiLogPage", "Webhooks received")},
            {u"files"_s, QCoreApplication::translate("Bottega::ApiLogPage", "Files served")},
            {u"server"_s, QCoreApplication::translate("Bottega::ApiLogPage", "Other received")}};
}

QString ApiLogText::serviceName(const QString &service)
{
    for (const Service &known : services()) {
        if (known.key == service)
            return known.name;
    }
    return service;
}

QString ApiLogText::direction(ApiLogEntry::Direction direction)
{
    return direction == ApiLogEntry::Direction::Inbound ? tr("Inbound") : tr("Outbound");
}

QString ApiLogText::size(qint64 bytes)
{
    if (bytes < 1024)
        return tr("%n bytes", nullptr, int(bytes));
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString ApiLogText::shortSize(qint64 bytes)
{
    if (bytes < 1024)
        return tr("%1 B").arg(bytes);
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

ApiLogText::Body ApiLogText::body(const QByteArray &stored, qint64 fullSize)
{
    Body body;
    // The log may keep a capped copy ("… [truncated, N bytes]" at its end).
    body.truncated = fullSize > stored.size();
    if (stored.size() <= prettyLimit) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(stored, &error);
        if (error.error == QJsonParseError::NoError && !document.isNull()) {
            body.json = true;
            const QByteArray pretty = document.toJson(QJsonDocument::Indented);
            if (pretty.size() <= displayLimit) {
                body.text = QString::fromUtf8(pretty);
                return body;
            }
            body.truncated = true;
            body.text = decoded(QByteArrayView(pretty).first(displayLimit));
            body.text += u"\n\u2026 "_s + tr("[shown %1 of %2]").arg(size(displayLimit), size(pretty.size()));
            return body;
        }
    }
    if (stored.size() <= displayLimit) {
        body.text = decoded(stored);
        return body;
    }
    body.truncated = true;
    body.text = decoded(QByteArrayView(stored).first(displayLimit));
    body.text += u"\n\u2026 "_s
            + tr("[shown %1 of %2]").arg(size(displayLimit), size(std::max<qint64>(fullSize, stored.size())));
    return body;
}

QString ApiLogText::curl(const ApiLogEntry &entry)
{
    QStringList parts {u"curl"_s};
    const QString method = QString::fromLatin1(entry.method);
    if (!method.isEmpty() && !(method == "GET"_L1 && entry.requestBody.isEmpty()))
        parts << u"-X"_s << method;
    parts << shellQuoted(entry.url);
    const QStringList headers = entry.requestHeaders.split(u'\n', Qt::SkipEmptyParts);
    for (const QString &header : headers) {
        // curl sets these itself from what it sends.
        if (header.startsWith("Content-Length:"_L1, Qt::CaseInsensitive)
            || header.startsWith("Host:"_L1, Qt::CaseInsensitive))
            continue;
        parts << u"-H"_s << shellQuoted(header);
    }
    if (!entry.requestBody.isEmpty())
        parts << u"--data-binary"_s << shellQuoted(decoded(entry.requestBody));
    return parts.join(u' ');
}

} // namespace Bottega
