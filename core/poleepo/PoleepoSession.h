// PoleepoSession: the authenticated channel under PoleepoClient. Reads the Client ID and Secret
// from the secret store, gets a token (`POST oauth/access_token`, grant client_credentials), keeps
// it and replaces it a few minutes before it expires; sends each call with `Authorization: Bearer`
// through HttpClient and, on a 401, gets one new token and sends the call once more. The secret and
// the token are registered with HttpClient's redactor, so neither reaches the API log. Lives on the
// thread that created it, like HttpClient.
#pragma once

#include "core/http/HttpRequest.h"

#include <QObject>
#include <functional>
#include <memory>
#include <optional>

namespace Bottega {

class Clock;
class HttpClient;
class SecretStore;
class Settings;

class PoleepoSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PoleepoSession)

public:
    // Replace the token this long before it expires (at most half its life).
    static constexpr int refreshMarginSeconds = 300;

    struct Call
    {
        QByteArray method = "GET";
        QString path; // relative to poleepo.url, with its query
        QByteArray body;
        QByteArray accept = "application/json";
        std::optional<bool> retryable; // HttpRequest's default by method
        int maxAttempts = 0; // 0: HttpRequest's default

        static Call get(const QString &path) { return with("GET", path, {}); }
        static Call with(const QByteArray &method, const QString &path, const QByteArray &body)
        {
            Call call;
            call.method = method;
            call.path = path;
            call.body = body;
            return call;
        }
    };
    using ResponseCallback = std::function<void(const HttpResponse &)>;

    PoleepoSession(HttpClient &http, Settings &settings, SecretStore &secrets, const Clock *clock = nullptr,
                   QObject *parent = nullptr);
    ~PoleepoSession() override;

    // Sends the call with a token; `done` gets the final response (after at most one renewal), or
    // the token's failure: the token request's own response (a refusal, 401 or 403, as a 401), or
    // a response with attempts 0 and the reason when no request could be made (credentials missing
    // or unreadable). Not called once `context` is gone.
    void send(const Call &call, QObject *context, ResponseCallback done);

    void setTimeoutMs(int ms);
    // Drops the token: the next call reads the credentials again and gets a new one.
    void forgetToken();

private:
    using TokenCallback = std::function<void(const QString &token, const HttpResponse &failure)>;
    void sendWithToken(const Call &call, const QString &token, QObject *context, ResponseCallback done);
    void withToken(QObject *context, TokenCallback done);
    void fetchToken();
    void requestToken(const QString &clientId, const QString &clientSecret);
    void finishToken(const QString &token, const HttpResponse &failure);
    QUrl url(const QString &path) const;

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Bottega
