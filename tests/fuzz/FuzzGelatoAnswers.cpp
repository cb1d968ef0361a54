// Fuzz target: every parser of Gelato's API answers (GelatoParsers: templates, catalogs, products,
// prices, stock, shipment methods; GelatoOrderParsers: orders, order search, quotes, error bodies).
// Each input goes to all of them: a Result (value or error) for anything, never a crash.
#include "core/gelato/GelatoOrderParsers.h"
#include "core/gelato/GelatoParsers.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace Bottega;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fuzz::ensureApplication();
    const QByteArray json = Fuzz::bytes(data, size);
    (void)GelatoParsers::parseTemplate(json);
    (void)GelatoParsers::parseCatalogs(json);
    (void)GelatoParsers::parseCatalog(json);
    (void)GelatoParsers::parseProduct(json);
    (void)GelatoParsers::parseProductSearch(json);
    (void)GelatoParsers::parsePrices(json);
    (void)GelatoParsers::parseStockAvailability(json);
    (void)GelatoParsers::parseShipmentMethods(json);
    (void)GelatoOrderParsers::parseOrder(json);
    (void)GelatoOrderParsers::parseOrderSearch(json);
    (void)GelatoOrderParsers::parseQuotes(json);
    (void)GelatoOrderParsers::errorMessage(json);
    return 0;
}
