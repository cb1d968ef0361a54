// Fuzz target: the parsers of Gelato's webhook payloads (GelatoEventParsers: order status, item
// status, tracking code, delivery estimate) and the placeholder check on the text.
#include "core/gelato/GelatoEventParsers.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace Bottega;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fuzz::ensureApplication();
    const QByteArray json = Fuzz::bytes(data, size);
    (void)GelatoEventParsers::parseOrderStatus(json);
    (void)GelatoEventParsers::parseItemStatus(json);
    (void)GelatoEventParsers::parseTracking(json);
    (void)GelatoEventParsers::parseDeliveryEstimate(json);
    (void)GelatoEventParsers::isPlaceholder(Fuzz::text(data, size));
    return 0;
}
