// Fuzz target: the built-in server's own reading of a request head (HttpRequestReader::parseHead),
// which reads every request head once (REL-3, REL-6). Besides sanitizer
// findings, a head it accepts must make sense: an upper-case method, a length of -1 (none) or more,
// never both a length and chunked (request smuggling).
#include "core/server/HttpRequestReader.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace Bottega;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fuzz::ensureApplication();
    const HttpRequestReader::Head head = HttpRequestReader::parseHead(Fuzz::bytes(data, size));
    if (!head.problem.isEmpty())
        return 0;
    if (head.method.isEmpty())
        Fuzz::fail("a head without a method was accepted");
    for (const char c : head.method) {
        if (c < 'A' || c > 'Z')
            Fuzz::fail("a method with a character other than A-Z was accepted",
                       QString::fromLatin1(head.method));
    }
    if (head.contentLength < -1)
        Fuzz::fail("a negative Content-Length was accepted");
    if (head.contentLength >= 0 && head.chunked)
        Fuzz::fail("Content-Length and chunked were accepted together");
    return 0;
}
