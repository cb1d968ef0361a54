// Fuzz target: the product CSV import (ProductCsv::importText) as a dry run against the fuzz store's
// catalog, so that every input sees the same store. A dry run never applies anything.
#include "core/products/ProductCsv.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace Bottega;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ProductCsv csv(Fuzz::database());
    const auto report = csv.importText(Fuzz::text(data, size), /*dryRun=*/true);
    if (report && report->applied)
        Fuzz::fail("a dry run of the product CSV import applied its changes");
    return 0;
}
