// The pieces of HttpClient without sockets: Redactor, HttpResponse::json, Retry-After parsing,
// retry rules by method, error texts.
#include "core/http/HttpCall.h"
#include "core/http/HttpErrorText.h"
#include "core/http/HttpRequest.h"
#include "core/http/Redactor.h"

#include <QJsonObject>
#include <QUrl>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega {
namespace {

TEST(Redactor, ReplacesKnownValuesAndTheirUrlEncodedForm)
{
    Redactor redactor;
    redactor.addValue("a+b/c=");
    redactor.addValue("");

    EXPECT_EQ(redactor.redact(QByteArray("x a+b/c= y")), "x [redacted] y");
    EXPECT_EQ(redactor.redactUrl(QUrl(u"https://h/p?k=a%2Bb%2Fc%3D&z=1"_s)),
              u"https://h/p?k=[redacted]&z=1"_s);
    EXPECT_EQ(redactor.redact(QByteArray("nothing here")), "nothing here");
}

TEST(Redactor, BlanksSecretFieldsWhateverTheirValue)
{
    const Redactor redactor;
    EXPECT_EQ(
            redactor.redact(
                    QByteArray(R"({"client_secret" : "x\"y","id":1,"password":"p","webhookSecret":"w"})")),
            R"({"client_secret":"[redacted]","id":1,"password":"[redacted]","webhookSecret":"[redacted]"})");
    EXPECT_EQ(redactor.redact(QByteArray("grant=1&client_secret=abc&access_token=t")),
              "grant=1&client_secret=[redacted]&access_token=[redacted]");
    EXPECT_EQ(redactor.redact(QByteArray(R"({"api_key":"k","secretive":"no"})")),
              R"({"api_key":"[redacted]","secretive":"no"})");
    // camelCase names, as many JSON APIs spell them.
    EXPECT_EQ(redactor.redact(QByteArray(R"({"accessToken":"t","refreshToken":"r","apiKey":"k","tokenType":"Bearer"})")),
              R"({"accessToken":"[redacted]","refreshToken":"[redacted]","apiKey":"[redacted]","tokenType":"Bearer"})");
}

TEST(Redactor, SensitiveHeadersAreAlwaysBlanked)
{
    Redactor redactor;
    redactor.addSensitiveHeader("X-Custom-Token");
    const QString lines = redactor.formatHeaders({{"x-api-key", "k"},
                                                  {"Authorization", "Bearer t"},
                                                  {"signature", "s"},
                                                  {"Cookie", "c=1"},
                                                  {"X-Poleepo-Signature", "abc"},
                                                  {"X-Custom-Token", "v"},
                                                  {"Accept", "application/json"}});
    EXPECT_EQ(lines,
              u"x-api-key: [redacted]\nAuthorization: [redacted]\nsignature: [redacted]\nCookie: [redacted]\n"
              "X-Poleepo-Signature: [redacted]\nX-Custom-Token: [redacted]\nAccept: application/json"_s);
}

TEST(Redactor, BinaryBodiesOnlyLoseTheKnownValues)
{
    Redactor redactor;
    redactor.addValue("SECRET");
    const QByteArray binary = QByteArray("\xff\xfe\x00password=SECRET\x80", 19);
    const QByteArray redacted = redactor.redact(binary);
    EXPECT_FALSE(redacted.contains("SECRET"));
    EXPECT_EQ(redacted, QByteArray("\xff\xfe\x00password=[redacted]\x80", 23));
}

TEST(Redactor, CapKeepsWholeUtf8Characters)
{
    const QByteArray text = "ab\xC3\xA8"
                            "cd"; // "abècd"
    EXPECT_EQ(Redactor::capBody(text, 100), text);
    EXPECT_EQ(Redactor::capBody(text, 3), "ab\xE2\x80\xA6 [truncated, 6 bytes]");
    EXPECT_EQ(Redactor::capBody(text, 4), "ab\xC3\xA8\xE2\x80\xA6 [truncated, 6 bytes]");
}

TEST(HttpRequest, RetryableByMethodUnlessSaidOtherwise)
{
    HttpRequest request;
    for (const QByteArray method : {"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "get"}) {
        request.method = method;
        EXPECT_TRUE(request.isRetryable()) << method.constData();
    }
    for (const QByteArray method : {"POST", "PATCH"}) {
        request.method = method;
        EXPECT_FALSE(request.isRetryable()) << method.constData();
    }
    request.retryable = true;
    EXPECT_TRUE(request.isRetryable());
    request.method = "GET";
    request.retryable = false;
    EXPECT_FALSE(request.isRetryable());
}

TEST(HttpResponse, JsonErrorsSayWhatIsWrong)
{
    HttpResponse response;
    response.service = u"poleepo"_s;
    response.body = R"({"data":{"id":1}})";
    ASSERT_TRUE(response.json().ok());
    EXPECT_EQ(response.json()->object().value("data"_L1).toObject().value("id"_L1).toInt(), 1);

    response.body = R"({"data":{"id":1},"items":[1,2)";
    EXPECT_EQ(response.json().error(), u"poleepo: the answer is not valid JSON (truncated at byte 29)"_s);

    response.body = R"({"a":1 "b":2})";
    EXPECT_TRUE(response.json().error().startsWith(u"poleepo: the answer is not valid JSON ("_s))
            << qPrintable(response.json().error());
    EXPECT_FALSE(response.json().error().contains(u"truncated"_s));

    response.body = "  <html><head><title>Oops</title></head></html>";
    EXPECT_EQ(response.json().error(), u"poleepo: the server sent an HTML page instead of JSON"_s);

    response.body.clear();
    EXPECT_EQ(response.json().error(), u"poleepo: the answer is empty, expected JSON"_s);
}

TEST(HttpResponse, HeadersAreFoundWhateverTheirCase)
{
    HttpResponse response;
    response.headers = {{"Retry-After", "5"}, {"content-type", "text/html"}};
    EXPECT_EQ(response.header("retry-after"), "5");
    EXPECT_EQ(response.header("Content-Type"), "text/html");
    EXPECT_TRUE(response.header("X-Missing").isEmpty());
    EXPECT_TRUE(response.looksLikeHtml());
}

TEST(HttpCall, RetryAfterInSecondsOrAsAnHttpDate)
{
    const QDateTime now = QDateTime(QDate(2015, 10, 21), QTime(7, 28, 0), Qt::UTC);
    EXPECT_EQ(HttpCall::parseRetryAfter("120", now), 120);
    EXPECT_EQ(HttpCall::parseRetryAfter(" 0 ", now), 0);
    EXPECT_EQ(HttpCall::parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now), 30);
    EXPECT_EQ(HttpCall::parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now), 0); // in the past
    EXPECT_FALSE(HttpCall::parseRetryAfter("", now).has_value());
    EXPECT_FALSE(HttpCall::parseRetryAfter("-3", now).has_value());
    EXPECT_FALSE(HttpCall::parseRetryAfter("soon", now).has_value());
}

TEST(HttpErrorText, MessagesFromJsonBodies)
{
    EXPECT_EQ(HttpErrorText::messageFromBody(R"({"message":"Order not found"})"), u"Order not found"_s);
    EXPECT_EQ(HttpErrorText::messageFromBody(R"({"error":{"message":"bad token"}})"), u"bad token"_s);
    EXPECT_EQ(HttpErrorText::messageFromBody(R"({"error":"invalid_client"})"), u"invalid_client"_s);
    EXPECT_EQ(
            HttpErrorText::messageFromBody(
                    R"({"success":false,"message":"Validation failed","errors":[{"field":"sku","message":"required"}]})"),
            u"Validation failed (sku: required)"_s);
    EXPECT_TRUE(HttpErrorText::messageFromBody("not json").isEmpty());
    EXPECT_EQ(HttpErrorText::forStatus(u"gelato"_s, 503, {}, "", false),
              u"gelato: HTTP 503 Service Unavailable"_s);
    EXPECT_EQ(HttpErrorText::hostOf(QUrl(u"https://order.gelatoapis.com/v4/orders"_s)),
              u"order.gelatoapis.com"_s);
    EXPECT_EQ(HttpErrorText::forTimeout(u"gelato"_s, QUrl(u"https://order.gelatoapis.com/v4"_s), 30000),
              u"gelato: no answer within 30 s from order.gelatoapis.com"_s);
}

} // namespace
} // namespace Bottega
