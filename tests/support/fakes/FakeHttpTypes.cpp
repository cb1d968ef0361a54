#include "tests/support/fakes/FakeHttpTypes.h"

namespace Bottega::Test {

QByteArray RecordedRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonDocument RecordedRequest::json() const
{
    return QJsonDocument::fromJson(body);
}

FakeResponse FakeResponse::json(int status, const QByteArray &json)
{
    FakeResponse response;
    response.status = status;
    response.body = json;
    return response;
}

FakeResponse FakeResponse::json(int status, const QJsonDocument &json)
{
    return FakeResponse::json(status, json.toJson(QJsonDocument::Compact));
}

FakeResponse FakeResponse::html(int status, const QByteArray &html)
{
    FakeResponse response;
    response.status = status;
    response.contentType = "text/html; charset=utf-8";
    response.body = html;
    return response;
}

FakeResponse FakeResponse::empty(int status)
{
    FakeResponse response;
    response.status = status;
    response.contentType.clear();
    return response;
}

FakeFault FakeFault::respond(const FakeResponse &response)
{
    FakeFault fault;
    fault.kind = Kind::Respond;
    fault.response = response;
    fault.useResponse = true;
    return fault;
}

FakeFault FakeFault::status(int status, const QByteArray &body)
{
    return respond(FakeResponse::json(
            status, body.isEmpty() ? QByteArray(R"({"message":"scripted failure"})") : body));
}

FakeFault FakeFault::tooManyRequests(int retryAfterSeconds)
{
    FakeResponse response = FakeResponse::json(429, R"({"message":"Too many requests"})");
    response.headers.emplaceBack("Retry-After", QByteArray::number(retryAfterSeconds));
    return respond(response);
}

FakeFault FakeFault::htmlError(int status)
{
    // What a load balancer in front of an API sends when the API is down.
    return respond(FakeResponse::html(status,
                                      "<!DOCTYPE html>\n<html><head><title>" + QByteArray::number(status)
                                              + " Bad Gateway</title></head><body><center><h1>"
                                              + QByteArray::number(status)
                                              + " Bad Gateway</h1></center><hr><center>nginx</center>"
                                                "</body></html>\n"));
}

FakeFault FakeFault::delay(int delayMs)
{
    FakeFault fault;
    fault.kind = Kind::Delay;
    fault.delayMs = delayMs;
    return fault;
}

FakeFault FakeFault::cutBody(qsizetype keepBytes)
{
    FakeFault fault;
    fault.kind = Kind::CutBody;
    fault.keepBytes = keepBytes;
    return fault;
}

FakeFault FakeFault::shortBody(qsizetype keepBytes)
{
    FakeFault fault;
    fault.kind = Kind::ShortBody;
    fault.keepBytes = keepBytes;
    return fault;
}

FakeFault FakeFault::close()
{
    FakeFault fault;
    fault.kind = Kind::Close;
    return fault;
}

FakeFault FakeFault::hang()
{
    FakeFault fault;
    fault.kind = Kind::Hang;
    return fault;
}

} // namespace Bottega::Test
