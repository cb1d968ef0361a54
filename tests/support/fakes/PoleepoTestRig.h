// PoleepoTestRig: a PoleepoClient wired to a PoleepoFake on loopback, with real Settings (Poleepo on, in a
// temporary dir), an in-memory secret store holding the fake's credentials, an HttpClient with a
// short backoff and a recording API log, and one clock for both sides: advance() moves the
// client's and the fake's time together, so tokens expire and rate-limit windows pass without
// waiting.
#pragma once

#include "core/domain/Clock.h"
#include "core/http/HttpClient.h"
#include "core/poleepo/PoleepoClient.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/settings/Settings.h"
#include "tests/support/TestUtil.h"
#include "tests/support/fakes/PoleepoFake.h"
#include "tests/support/fakes/RecordingApiLogSink.h"

#include <QTemporaryDir>
#include <optional>

namespace Bottega::Test {

// Real time plus an offset the test moves on.
class OffsetClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc().addSecs(offsetSeconds); }
    qint64 offsetSeconds = 0;
};

struct PoleepoTestRig
{
    PoleepoTestRig() : settings(dir.filePath(QStringLiteral("bottega.ini")))
    {
        started = fake.start();
        http.setBackoffBaseMs(5);
        http.setApiLogSink(&log);
        (void)settings.set(QStringLiteral("poleepo.url"), fake.baseUrl().toString());
        (void)settings.set(QStringLiteral("poleepo.enabled"), QStringLiteral("true"));
        setSecret(QStringLiteral("poleepo.client-id"), PoleepoFake::clientId());
        setSecret(QStringLiteral("poleepo.client-secret"), PoleepoFake::clientSecret());
    }

    void advance(qint64 seconds)
    {
        clock.offsetSeconds += seconds;
        fake.advance(seconds);
    }

    // Stores a secret (waits for the store's asynchronous answer).
    void setSecret(const QString &name, const QString &value)
    {
        bool written = false;
        secrets.write(name, value, [&written](const Result<void> &) { written = true; });
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
    PoleepoFake fake;
    InMemorySecretStore secrets;
    RecordingApiLogSink log;
    HttpClient http;
    OffsetClock clock;
    PoleepoClient poleepo {http, settings, secrets, &clock};
    bool started = false;
};

} // namespace Bottega::Test
