#include "core/server/HttpRequestReader.h"

#include <QCoreApplication>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

QString HttpRequestReader::bodyTooLargeMessage(qint64 limit)
{
    return QCoreApplication::translate("Bottega::Server",
                                       "the request body is larger than the limit of %1 bytes")
            .arg(limit);
}

HttpRequestReader::Head HttpRequestReader::parseHead(const QByteArray &headBytes)
{
    Head head;
    // Lines as views into the head: no copy per line.
    const QByteArrayView all = QByteArrayView(headBytes).trimmed();
    qsizetype lineEnd = all.indexOf('\n');
    const QByteArrayView firstLine = lineEnd < 0 ? all : all.first(lineEnd);
    const QList<QByteArray> requestLine = firstLine.trimmed().toByteArray().split(' ');
    if (requestLine.size() == 3) {
        head.method = requestLine.at(0);
        head.target = requestLine.at(1);
        head.http10 = requestLine.at(2) == "HTTP/1.0";
    }
    const bool methodOk = !head.method.isEmpty()
            && std::all_of(head.method.cbegin(), head.method.cend(),
                           [](char c) { return c >= 'A' && c <= 'Z'; });
    const bool targetOk = head.target.startsWith('/') || head.target.startsWith("http://")
            || head.target.startsWith("https://") || head.target == "*";
    if (!methodOk || !targetOk || (!head.http10 && requestLine.value(2) != "HTTP/1.1")) {
        head.problem = QCoreApplication::translate("Bottega::Server", "the request line is not HTTP/1.1");
        return head;
    }

    // One pass over the header lines, without a copy per line.
    bool hasLength = false;
    while (lineEnd >= 0) {
        const qsizetype start = lineEnd + 1;
        lineEnd = all.indexOf('\n', start);
        const QByteArrayView line = all.sliced(start, (lineEnd < 0 ? all.size() : lineEnd) - start);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArrayView name = line.first(colon).trimmed();
        head.headers.emplaceBack(name.toByteArray(), line.sliced(colon + 1).trimmed().toByteArray());
        const auto is = [&name](QByteArrayView known) {
            return name.compare(known, Qt::CaseInsensitive) == 0;
        };
        const bool isLength = is("content-length");
        if (!isLength && !is("transfer-encoding") && !is("expect") && !is("connection"))
            continue;
        const QByteArray value = head.headers.constLast().second.toLower();
        if (isLength) {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            if (!ok || length < 0 || (hasLength && length != head.contentLength)) {
                head.problem = QCoreApplication::translate(
                        "Bottega::Server", "the Content-Length header is not a single number");
                return head;
            }
            hasLength = true;
            head.contentLength = length;
        } else if (is("transfer-encoding")) {
            head.chunked = value.contains("chunked");
        } else if (is("expect")) {
            head.expectContinue = value == "100-continue";
        } else {
            head.close = value.contains("close");
            head.keepAlive = value.contains("keep-alive");
        }
    }
    // Both lengths at once is how requests are smuggled past proxies (RFC 9112, 6.3).
    if (hasLength && head.chunked)
        head.problem = QCoreApplication::translate(
                "Bottega::Server", "Content-Length and Transfer-Encoding must not come together");
    return head;
}

void HttpRequestReader::setBodyLimit(qint64 bytes)
{
    m_bodyLimit = bytes;
}

void HttpRequestReader::append(const QByteArray &bytes)
{
    if (m_refused)
        return;
    m_received += bytes.size();
    if (m_buffer.isEmpty())
        m_buffer = bytes;
    else
        m_buffer += bytes;
}

HttpRequestReader::Event HttpRequestReader::refuse(int status, const QString &message)
{
    m_refused = true;
    m_buffer.clear();
    m_body.clear();
    Event event;
    event.kind = Event::Kind::Refused;
    event.status = status;
    event.message = message;
    return event;
}

HttpRequestReader::Event HttpRequestReader::next()
{
    if (m_refused)
        return {};
    if (!m_headComplete) {
        // Blank lines between keep-alive requests are allowed before a request line.
        qsizetype start = 0;
        while (QByteArrayView(m_buffer).sliced(start).startsWith("\r\n"))
            start += 2;
        const qsizetype end = m_buffer.indexOf("\r\n\r\n", start);
        if (end < 0) {
            m_buffer.remove(0, start);
            if (m_buffer.size() < maxHeadBytes)
                return {}; // the rest of the head is still to come
            m_head = m_buffer.first(maxHeadBytes);
            m_parsed = parseHead(m_head);
            return refuse(400, m_parsed.problem.isEmpty()
                                       ? QCoreApplication::translate("Bottega::Server", "the request head is too large")
                                       : m_parsed.problem);
        }
        m_head = m_buffer.sliced(start, end - start);
        m_buffer.remove(0, end + 4);
        m_received = m_head.size() + 4 + m_buffer.size();
        m_parsed = parseHead(m_head);
        if (!m_parsed.problem.isEmpty())
            return refuse(400, m_parsed.problem);
        if (m_parsed.contentLength > m_bodyLimit)
            return refuse(413, bodyTooLargeMessage(m_bodyLimit));
        m_headComplete = true;
        m_body.clear();
        m_chunkLeft = -1;
        m_chunkTrailer = false;
        if (m_parsed.expectContinue) {
            Event event;
            event.kind = Event::Kind::ContinueWanted;
            event.head = m_parsed;
            return event;
        }
    }
    if (m_parsed.chunked) {
        const bool complete = readChunks();
        if (!m_parsed.problem.isEmpty())
            return refuse(400, m_parsed.problem);
        // Chunked bodies carry no length: their size is checked as it arrives (and what waits
        // undecoded may not grow past it either).
        if (m_body.size() > m_bodyLimit || (!complete && m_buffer.size() > m_bodyLimit + maxHeadBytes))
            return refuse(413, bodyTooLargeMessage(m_bodyLimit));
        if (!complete)
            return {};
    } else {
        const qint64 length = std::max<qint64>(0, m_parsed.contentLength);
        if (m_buffer.size() < length)
            return {}; // the rest of the body is still to come
        m_body = m_buffer.first(length);
        m_buffer.remove(0, length);
    }
    m_headComplete = false;
    Event event;
    event.kind = Event::Kind::Request;
    event.head = std::exchange(m_parsed, {});
    event.body = std::exchange(m_body, {});
    m_received = m_buffer.size();
    return event;
}

bool HttpRequestReader::readChunks()
{
    for (;;) {
        if (m_chunkTrailer) {
            // Trailer lines up to an empty one; their contents are not used.
            const qsizetype end = m_buffer.indexOf("\r\n");
            if (end < 0)
                return false;
            m_buffer.remove(0, end + 2);
            if (end == 0)
                return true;
            continue;
        }
        if (m_chunkLeft < 0) {
            const qsizetype end = m_buffer.indexOf("\r\n");
            if (end < 0)
                return false;
            QByteArrayView sizeLine = QByteArrayView(m_buffer).first(end);
            if (const qsizetype extension = sizeLine.indexOf(';'); extension >= 0)
                sizeLine = sizeLine.first(extension);
            bool ok = false;
            const qint64 size = sizeLine.trimmed().toLongLong(&ok, 16);
            m_buffer.remove(0, end + 2);
            if (!ok || size < 0) {
                m_parsed.problem
                        = QCoreApplication::translate("Bottega::Server", "the chunked body is not well formed");
                return false;
            }
            if (size == 0) {
                m_chunkTrailer = true;
                continue;
            }
            m_chunkLeft = size;
        }
        if (m_chunkLeft > m_bodyLimit - m_body.size()) {
            m_body.resize(m_bodyLimit + 1); // over the limit: refused by next()
            return false;
        }
        // The chunk's data and its CRLF.
        if (m_buffer.size() < m_chunkLeft + 2)
            return false;
        m_body += QByteArrayView(m_buffer).first(m_chunkLeft);
        m_buffer.remove(0, m_chunkLeft + 2);
        m_chunkLeft = -1;
    }
}

} // namespace Bottega
