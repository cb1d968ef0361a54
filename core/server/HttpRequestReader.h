// HttpRequestReader: the requests in the bytes of one connection as they arrive (HTTP/1.1 and
// 1.0): each head read once, then its body by Content-Length or chunked; one request after another
// on a keep-alive connection, pipelined ones included. No socket: GuardedTcpServer feeds it, and so
// does a fuzz target (REL-6). A head that is not HTTP is refused (400), a body over the limit too
// (413) as soon as its declared length, or its size so far, shows it. After a refusal the reader
// takes nothing more: the connection is to be closed.
// Thread: any; one object per connection.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <utility>

namespace Bottega {

class HttpRequestReader final
{
public:
    // What a request's head says (request line and headers).
    struct Head
    {
        QByteArray method;
        QByteArray target; // path and query, as sent
        bool http10 = false;
        bool keepAlive = false; // "Connection: keep-alive" (matters for HTTP/1.0)
        bool close = false; // "Connection: close"
        qint64 contentLength = -1;
        bool chunked = false;
        bool expectContinue = false;
        QString problem; // why the head is not acceptable HTTP (answered with 400); empty if fine
        QList<std::pair<QByteArray, QByteArray>> headers; // every header line, name and value trimmed
    };

    struct Event
    {
        enum class Kind {
            NeedMore, // nothing complete in the bytes so far
            ContinueWanted, // a head asked "Expect: 100-continue" and is acceptable: answer it
            Request, // head and body complete
            Refused, // status and message say why; nothing more is read
        };
        Kind kind = Kind::NeedMore;
        Head head; // Request, ContinueWanted
        QByteArray body; // Request
        int status = 0; // Refused: 400 or 413
        QString message; // Refused
    };

    // Room for the request line and headers on top of the body limit.
    static constexpr qint64 maxHeadBytes = 64 * 1024;

    static Head parseHead(const QByteArray &head);
    // "the request body is larger than the limit of 1048576 bytes"
    static QString bodyTooLargeMessage(qint64 limit);

    void setBodyLimit(qint64 bytes);
    void append(const QByteArray &bytes);
    // The next thing the bytes so far hold; call again until NeedMore (or Refused).
    Event next();

    // Of the request being read (or the last refused one): its head as sent, and how many bytes of
    // it came so far (the API-log row of a refusal).
    const QByteArray &headBytes() const { return m_head; }
    const Head &head() const { return m_parsed; }
    qint64 received() const { return m_received; }
    bool isRefused() const { return m_refused; }

private:
    Event refuse(int status, const QString &message);
    // Chunked body: decodes what the buffer holds; true once the body is complete.
    bool readChunks();

    qint64 m_bodyLimit = 1024 * 1024;
    QByteArray m_buffer; // read and not yet taken into a request
    QByteArray m_head;
    bool m_headComplete = false;
    Head m_parsed;
    QByteArray m_body; // of the current request, so far
    qint64 m_chunkLeft = -1; // chunked: bytes left of the current chunk; -1 before its size line
    bool m_chunkTrailer = false; // chunked: the last chunk came, its trailer is being read
    qint64 m_received = 0; // bytes of the current request so far
    bool m_refused = false;
};

} // namespace Bottega
