#include "core/server/HttpWire.h"

#include "core/http/HttpErrorText.h"

namespace Bottega::HttpWire {

QByteArray statusLine(int status)
{
    QByteArray phrase = HttpErrorText::reasonPhrase(status).toLatin1();
    if (phrase.isEmpty())
        phrase = status < 300 ? "OK" : "Status";
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + phrase + "\r\n";
}

QByteArray response(int status, const QByteArray &contentType, const Headers &headers, const QByteArray &body,
                    bool closeConnection, qint64 contentLength)
{
    QByteArray out;
    out.reserve(160 + body.size());
    out += statusLine(status);
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(contentLength >= 0 ? contentLength : body.size()) + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (closeConnection)
        out += "Connection: close\r\n";
    out += "\r\n";
    out += body;
    return out;
}

} // namespace Bottega::HttpWire
