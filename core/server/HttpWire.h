// HttpWire: HTTP/1.1 answers as bytes on the socket. The built-in server and the test fakes write
// their answers themselves (the fakes instead of QHttpServerResponder) to control every header, the
// connection and, in the fakes, to send deliberately broken answers.
#pragma once

#include <QByteArray>
#include <QList>
#include <utility>

namespace Bottega::HttpWire {

using Headers = QList<std::pair<QByteArray, QByteArray>>;

// "HTTP/1.1 404 Not Found\r\n"
QByteArray statusLine(int status);

// Status line, Content-Type (unless empty), Content-Length (the body's size unless contentLength >= 0
// says otherwise: the fakes lie on purpose), the extra headers, "Connection: close" if asked, the
// blank line and the body.
QByteArray response(int status, const QByteArray &contentType, const Headers &headers, const QByteArray &body,
                    bool closeConnection = false, qint64 contentLength = -1);

} // namespace Bottega::HttpWire
