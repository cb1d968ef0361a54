// Fuzz target: the `order create` JSON (OrderInput::parseJson, cli.md), its lines resolved against
// the fuzz store's catalog, then the Gelato-goods rule (ORD-2) on what it accepted. An accepted
// order's lines have a quantity above 0 and a price that is a number not below 0.
#include "core/orders/OrderInput.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace Bottega;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const OrderInput input(Fuzz::database());
    const auto order = input.parseJson(Fuzz::bytes(data, size));
    if (order) {
        Fuzz::checkOrderLines(*order, "order JSON");
        (void)input.checkGoods(*order);
    }
    return 0;
}
