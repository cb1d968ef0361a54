// GelatoTestRig: a GelatoClient wired to a GelatoFake on loopback, with real Settings (in a temporary
// dir), an in-memory secret store holding the fake's key and an HttpClient with a short backoff. The
// Gelato, template-sync and benchmark programs share it.
#pragma once

#include "core/gelato/GelatoClient.h"
#include "core/http/HttpClient.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/settings/Settings.h"
#include "tests/support/TestUtil.h"
#include "tests/support/fakes/GelatoFake.h"
#include "tests/support/fakes/RecordingApiLogSink.h"

#include <QTemporaryDir>
#include <optional>

namespace Bottega::Test {

struct GelatoTestRig
{
    GelatoTestRig() : settings(dir.filePath(QStringLiteral("bottega.ini")))
    {
        started = fake.start();
        http.setBackoffBaseMs(5);
        http.setApiLogSink(&log);
        (void)settings.set(QStringLiteral("gelato.ecommerce-url"), fake.ecommerceUrl().toString());
        (void)settings.set(QStringLiteral("gelato.product-url"), fake.productUrl().toString());
        (void)settings.set(QStringLiteral("gelato.order-url"), fake.orderUrl().toString());
        (void)settings.set(QStringLiteral("gelato.shipment-url"), fake.shipmentUrl().toString());
        setKey(QString::fromLatin1(GelatoFake::apiKey()));
    }

    // Stores the key (waits for the store's asynchronous answer).
    void setKey(const QString &key)
    {
        bool written = false;
        secrets.write(QStringLiteral("gelato.api-key"), key,
                      [&written](const Result<void> &) { written = true; });
        waitUntil([&written] { return written; });
    }

    // Runs one client call to its answer: call(context, callback).
    template<typename T, typename Call> std::optional<Result<T>> wait(Call call, int timeoutMs = 5000)
    {
        std::optional<Result<T>> result;
        QObject context;
        call(&context, [&result](Result<T> r) { result.emplace(std::move(r)); });
        waitUntil([&result] { return result.has_value(); }, timeoutMs);
        return result;
    }

    QTemporaryDir dir;
    Settings settings;
    GelatoFake fake;
    InMemorySecretStore secrets;
    RecordingApiLogSink log;
    HttpClient http;
    GelatoClient gelato {http, settings, secrets};
    bool started = false;
};

} // namespace Bottega::Test
