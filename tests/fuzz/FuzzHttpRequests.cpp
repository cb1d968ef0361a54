// Fuzz target: the built-in server's reading of requests out of a connection's bytes
// (HttpRequestReader: heads, Content-Length and chunked bodies, keep-alive and pipelining), which
// sees every byte a client sends (REL-3, REL-6). The first input byte cuts the rest into pieces of
// 1 to 16 bytes, as a slow client would send them. Besides sanitizer findings: every request handed
// on has an acceptable head and a body within the limit (of its declared length when it has one),
// a refusal is final, and the same bytes read in one piece or in many give the same requests and
// the same refusal.
#include "core/server/HttpRequestReader.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace Bottega;

namespace {

constexpr qint64 bodyLimit = 4096;

struct Reading
{
    QList<std::pair<QByteArray, QByteArray>> requests; // target and body
    int refusal = 0;
};

void drain(HttpRequestReader &reader, Reading &reading)
{
    // Each event consumes bytes or ends the reading: more events than bytes cannot happen.
    for (int guard = 0; guard < 100000; ++guard) {
        const HttpRequestReader::Event event = reader.next();
        switch (event.kind) {
        case HttpRequestReader::Event::Kind::NeedMore:
            return;
        case HttpRequestReader::Event::Kind::ContinueWanted:
            if (!event.head.expectContinue)
                Fuzz::fail("100-continue asked for a head without Expect");
            continue;
        case HttpRequestReader::Event::Kind::Refused:
            if (event.status != 400 && event.status != 413)
                Fuzz::fail("a refusal other than 400 or 413", QString::number(event.status));
            if (event.message.isEmpty())
                Fuzz::fail("a refusal without a message");
            if (reader.next().kind != HttpRequestReader::Event::Kind::NeedMore)
                Fuzz::fail("the reader went on after a refusal");
            reading.refusal = event.status;
            return;
        case HttpRequestReader::Event::Kind::Request:
            if (!event.head.problem.isEmpty())
                Fuzz::fail("a request with a problem in its head was handed on", event.head.problem);
            if (event.body.size() > bodyLimit)
                Fuzz::fail("a body over the limit was handed on");
            if (!event.head.chunked && event.body.size() != std::max<qint64>(0, event.head.contentLength))
                Fuzz::fail("a body of another size than its Content-Length");
            reading.requests.append({event.head.target, event.body});
            continue;
        }
    }
    Fuzz::fail("the reader did not stop giving events");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fuzz::ensureApplication();
    if (size < 1)
        return 0;
    const unsigned seed = data[0];
    const QByteArray bytes = Fuzz::bytes(data + 1, size - 1);

    HttpRequestReader whole;
    whole.setBodyLimit(bodyLimit);
    whole.append(bytes);
    Reading inOnePiece;
    drain(whole, inOnePiece);

    HttpRequestReader pieces;
    pieces.setBodyLimit(bodyLimit);
    Reading inPieces;
    unsigned cut = seed;
    for (qsizetype at = 0; at < bytes.size() && inPieces.refusal == 0;) {
        cut = cut * 1103515245u + 12345u;
        const qsizetype length = std::min<qsizetype>(1 + (cut >> 16) % 16, bytes.size() - at);
        pieces.append(bytes.mid(at, length));
        at += length;
        drain(pieces, inPieces);
    }

    // A head too large is only seen as such once enough of it came; otherwise the same outcome.
    if (inOnePiece.requests != inPieces.requests && inOnePiece.refusal == 0 && inPieces.refusal == 0)
        Fuzz::fail("the same bytes in pieces gave other requests");
    if (inOnePiece.refusal != inPieces.refusal
        && inOnePiece.requests.size() == inPieces.requests.size())
        Fuzz::fail("the same bytes in pieces were refused otherwise");
    return 0;
}
