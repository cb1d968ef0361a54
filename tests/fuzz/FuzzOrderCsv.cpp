// Fuzz target: the order CSV import (OrderCsv::parse), lines resolved against the fuzz store's
// catalog. A row error never names a row before the header (row 0), and a file without errors gives
// lines with a quantity above 0 and a price that is a number not below 0.
#include "core/orders/OrderCsv.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace Bottega;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const OrderCsv csv(Fuzz::database());
    const auto parsed = csv.parse(Fuzz::text(data, size));
    if (parsed) {
        for (const auto &error : parsed->errors) {
            if (error.row < 0)
                Fuzz::fail("an order CSV error names no row", error.message);
        }
        if (parsed->errors.isEmpty()) {
            for (const SalesOrder &order : parsed->orders)
                Fuzz::checkOrderLines(order, "order CSV");
        }
    }
    return 0;
}
