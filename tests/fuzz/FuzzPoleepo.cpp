// Fuzz target: the parsers of Poleepo's answers (PoleepoParsers: token, batches, orders and their
// pages, shippings, carriers, package types, pickup addresses, error bodies) and of its webhook
// payload (PoleepoWebhookPayload).
#include "core/poleepo/PoleepoParsers.h"
#include "core/poleepo/PoleepoWebhookPayload.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace Bottega;
using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Fuzz::ensureApplication();
    const QByteArray json = Fuzz::bytes(data, size);
    (void)PoleepoParsers::parseToken(json);
    (void)PoleepoParsers::parseBatchSubmission(json);
    (void)PoleepoParsers::parseBatchStatus(json);
    (void)PoleepoParsers::parseOrder(json);
    (void)PoleepoParsers::parseOrderPage(json, 0, 50);
    (void)PoleepoParsers::parseShipping(json);
    (void)PoleepoParsers::parseShipping(json, u"42"_s);
    (void)PoleepoParsers::parseCreatedShipping(json);
    (void)PoleepoParsers::parseCarriers(json);
    (void)PoleepoParsers::parsePackageTypes(json);
    (void)PoleepoParsers::parsePickupAddresses(json);
    (void)PoleepoParsers::errorMessage(json);
    (void)PoleepoParsers::errorCode(json);
    (void)PoleepoWebhookPayload::parse(json);
    return 0;
}
