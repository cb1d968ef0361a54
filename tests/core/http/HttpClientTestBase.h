// HttpClientTestBase: the fixture of the HttpClient suites: a fake server on loopback, a client with
// a short backoff, an API-log sink that records, and a blocking-in-tests send helper.
#pragma once

#include "core/http/HttpClient.h"
#include "tests/support/TestUtil.h"
#include "tests/support/fakes/FakeHttpServer.h"
#include "tests/support/fakes/RecordingApiLogSink.h"

#include <gtest/gtest.h>
#include <optional>

namespace Bottega::Test {

class HttpClientTestBase : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(fake.start());
        client.setBackoffBaseMs(10);
        client.setApiLogSink(&log);
    }

    HttpRequest get(const QString &path) const
    {
        HttpRequest request;
        request.service = QStringLiteral("gelato");
        request.url = fake.url(path);
        request.timeoutMs = 2000;
        return request;
    }

    HttpRequest post(const QString &path, const QByteArray &body) const
    {
        HttpRequest request = get(path);
        request.method = "POST";
        request.body = body;
        return request;
    }

    // Sends and processes events until the reply finishes; counts finished() emissions.
    HttpResponse send(const HttpRequest &request, int timeoutMs = 5000)
    {
        HttpReply *reply = client.send(request);
        std::optional<HttpResponse> result;
        int emitted = 0;
        QObject::connect(reply, &HttpReply::finished, &client,
                         [&result, &emitted](const HttpResponse &response) {
                             result = response;
                             ++emitted;
                         });
        EXPECT_TRUE(waitUntil([&result] { return result.has_value(); }, timeoutMs)) << "no answer in time";
        spinFor(20); // a second finished() would show up here
        EXPECT_EQ(emitted, 1);
        return result.value_or(HttpResponse {});
    }

    FakeHttpServer fake;
    HttpClient client;
    RecordingApiLogSink log;
};

} // namespace Bottega::Test
