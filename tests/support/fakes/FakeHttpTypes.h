// FakeHttpTypes: the value types of FakeHttpServer: a recorded request, a scripted answer, and a
// scripted fault (an answer that goes wrong in a chosen way).
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QString>
#include <QUrlQuery>
#include <utility>

namespace Bottega::Test {

using FakeHeaders = QList<std::pair<QByteArray, QByteArray>>;

// One request as the fake received it.
struct RecordedRequest
{
    QByteArray method; // "GET", "POST", ...
    QString path; // decoded, without the query
    QUrlQuery query;
    FakeHeaders headers;
    QByteArray body;
    qint64 receivedAtMs = 0; // monotonic, since the fake was created: to measure waits between calls

    QByteArray header(const QByteArray &name) const; // case-insensitive, empty if absent
    QJsonDocument json() const; // the body parsed (null document if it is not JSON)
};

// An answer: status, headers and body, JSON by default.
struct FakeResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    FakeHeaders headers;
    QByteArray body;

    static FakeResponse json(int status, const QByteArray &json);
    static FakeResponse json(int status, const QJsonDocument &json);
    static FakeResponse html(int status, const QByteArray &html);
    static FakeResponse empty(int status);
};

// How an answer goes wrong. Faults are queued per path and used up in order, one per request.
struct FakeFault
{
    enum class Kind {
        Respond, // answer with `response` instead of the handler's answer (429, 500, 502 HTML, ...)
        Delay, // answer (the handler's, or `response` if useResponse) after delayMs, without blocking
        CutBody, // send only the first keepBytes of the body, with a matching Content-Length
        ShortBody, // announce the full Content-Length, send keepBytes of the body, then close
        Close, // close the connection without any answer
        Hang, // never answer; the connection stays open until the client gives up
    };

    Kind kind = Kind::Respond;
    FakeResponse response;
    bool useResponse = false; // for Delay, CutBody, ShortBody: use `response`, not the handler's
    int delayMs = 0;
    qsizetype keepBytes = 0;

    static FakeFault respond(const FakeResponse &response);
    static FakeFault status(int status, const QByteArray &body = {});
    static FakeFault tooManyRequests(int retryAfterSeconds);
    static FakeFault htmlError(int status = 502);
    static FakeFault delay(int delayMs);
    static FakeFault cutBody(qsizetype keepBytes);
    static FakeFault shortBody(qsizetype keepBytes);
    static FakeFault close();
    static FakeFault hang();
};

} // namespace Bottega::Test
