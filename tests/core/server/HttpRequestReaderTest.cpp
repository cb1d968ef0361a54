// HttpRequestReader, the built-in server's reading of requests out of a connection's bytes,
// without a socket: requests in order however the bytes are cut, a body over the limit refused
// before it arrives, a refusal is final, and a complete chunked request is handed on whatever
// follows it on the connection.
#include "core/server/HttpRequestReader.h"

#include <gtest/gtest.h>

using namespace Bottega;
using namespace Qt::StringLiterals;
using Kind = HttpRequestReader::Event::Kind;

namespace {

struct Read
{
    QList<QByteArray> bodies;
    QList<QByteArray> targets;
    int refusal = 0;
    QString message;
};

Read drain(HttpRequestReader &reader, Read read = {})
{
    for (;;) {
        const HttpRequestReader::Event event = reader.next();
        if (event.kind == Kind::NeedMore)
            return read;
        if (event.kind == Kind::Refused) {
            read.refusal = event.status;
            read.message = event.message;
            return read;
        }
        if (event.kind == Kind::Request) {
            read.targets.append(event.head.target);
            read.bodies.append(event.body);
        }
    }
}

const QByteArray threeRequests = "POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
                                 "POST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: 1\r\n\r\n"
                                 "\r\nGET /c HTTP/1.1\r\n\r\n";

TEST(HttpRequestReader, RequestsComeInOrderWhicheverWayTheBytesAreCut)
{
    HttpRequestReader whole;
    whole.append(threeRequests);
    const Read atOnce = drain(whole);
    EXPECT_EQ(atOnce.targets, QList<QByteArray>({"/a", "/b", "/c"}));
    EXPECT_EQ(atOnce.bodies, QList<QByteArray>({"hello", "abcde", ""}));
    EXPECT_EQ(atOnce.refusal, 0);

    for (int piece = 1; piece <= 7; ++piece) {
        HttpRequestReader reader;
        Read read;
        for (qsizetype at = 0; at < threeRequests.size(); at += piece) {
            reader.append(threeRequests.mid(at, piece));
            read = drain(reader, read);
        }
        EXPECT_EQ(read.targets, atOnce.targets) << "pieces of " << piece;
        EXPECT_EQ(read.bodies, atOnce.bodies) << "pieces of " << piece;
    }
}

TEST(HttpRequestReader, ADeclaredBodyOverTheLimitIsRefusedBeforeItArrivesAndForGood)
{
    HttpRequestReader reader;
    reader.setBodyLimit(10);
    reader.append("POST /a HTTP/1.1\r\nContent-Length: 11\r\n\r\n");
    const Read read = drain(reader);
    EXPECT_EQ(read.refusal, 413);
    EXPECT_EQ(read.message, HttpRequestReader::bodyTooLargeMessage(10));
    EXPECT_TRUE(reader.isRefused());
    reader.append("GET /b HTTP/1.1\r\n\r\n");
    EXPECT_EQ(reader.next().kind, Kind::NeedMore); // nothing more is read after a refusal
}

TEST(HttpRequestReader, AChunkedBodyOverTheLimitIsRefusedAndAMalformedChunkIs400)
{
    HttpRequestReader large;
    large.setBodyLimit(4);
    large.append("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n");
    EXPECT_EQ(drain(large).refusal, 413);

    HttpRequestReader malformed;
    malformed.append("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n");
    const Read read = drain(malformed);
    EXPECT_EQ(read.refusal, 400);
    EXPECT_EQ(read.message, u"the chunked body is not well formed"_s);
}

TEST(HttpRequestReader, ACompleteChunkedRequestIsHandedOnWhateverFollowsIt)
{
    // More bytes behind it than a chunked body may leave waiting (the limit plus the head room):
    // they are the next requests, not this body (a bug found while writing the fuzz target).
    HttpRequestReader reader;
    reader.setBodyLimit(16);
    QByteArray bytes = "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
    const QByteArray next = "GET /health HTTP/1.1\r\n\r\n";
    while (bytes.size() < 16 + HttpRequestReader::maxHeadBytes + 1024)
        bytes += next;
    reader.append(bytes);
    const Read read = drain(reader);
    EXPECT_EQ(read.refusal, 0) << qPrintable(read.message);
    ASSERT_GT(read.targets.size(), 1);
    EXPECT_EQ(read.bodies.first(), "abc");
    EXPECT_EQ(read.targets.last(), "/health");
}

TEST(HttpRequestReader, AHeadThatNeverEndsIsRefusedOnceItPassesTheRoomForAHead)
{
    HttpRequestReader reader;
    reader.append("GET / HTTP/1.1\r\nX-Long: ");
    EXPECT_EQ(reader.next().kind, Kind::NeedMore);
    reader.append(QByteArray(HttpRequestReader::maxHeadBytes, 'a'));
    const Read read = drain(reader);
    EXPECT_EQ(read.refusal, 400);
    EXPECT_EQ(read.message, u"the request head is too large"_s);
}

} // namespace
