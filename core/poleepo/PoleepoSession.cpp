#include "core/poleepo/PoleepoSession.h"

#include "core/domain/Clock.h"
#include "core/http/HttpClient.h"
#include "core/poleepo/PoleepoApi.h"
#include "core/poleepo/PoleepoParsers.h"
#include "core/secrets/SecretNames.h"
#include "core/secrets/SecretStore.h"
#include "core/settings/Settings.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace Api = PoleepoApi;

namespace {

const QString service = u"poleepo"_s;

// A failure found before any request was made (credentials missing or unreadable).
HttpResponse notSent(const QString &error)
{
    HttpResponse response;
    response.service = service;
    response.error = error;
    return response;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

struct PoleepoSession::Private
{
    HttpClient &http;
    Settings &settings;
    SecretStore &secrets;
    const Clock *clock;
    QString token;
    QDateTime refreshAt; // when the token is to be replaced: a few minutes before it expires
    bool fetching = false;
    QList<std::pair<QPointer<QObject>, TokenCallback>> waiting;
    int timeoutMs = 0; // 0: HttpRequest's default
};

PoleepoSession::PoleepoSession(HttpClient &http, Settings &settings, SecretStore &secrets, const Clock *clock,
                               QObject *parent)
    : QObject(parent),
      d(new Private {http, settings, secrets, clock ? clock : Clock::system(), {}, {}, false, {}, 0})
{
}

PoleepoSession::~PoleepoSession() = default;

void PoleepoSession::setTimeoutMs(int ms)
{
    d->timeoutMs = ms;
}

void PoleepoSession::forgetToken()
{
    d->token.clear();
    d->refreshAt = QDateTime();
}

QUrl PoleepoSession::url(const QString &path) const
{
    QString base = d->settings.poleepoUrl().toString();
    if (!base.endsWith(u'/'))
        base += u'/';
    return QUrl(base + path);
}

void PoleepoSession::withToken(QObject *context, TokenCallback done)
{
    if (!d->token.isEmpty() && d->clock->now() < d->refreshAt) {
        // Always later, never from inside the call.
        QMetaObject::invokeMethod(
                context, [token = d->token, done] { done(token, HttpResponse()); }, Qt::QueuedConnection);
        return;
    }
    d->waiting.append({QPointer<QObject>(context), std::move(done)});
    if (!d->fetching)
        fetchToken();
}

void PoleepoSession::fetchToken()
{
    d->fetching = true;
    d->token.clear();
    // Read on every new token (about once an hour): credentials fixed in Settings count at once.
    QPointer<PoleepoSession> self(this);
    auto missing = [](const SecretLookup &lookup, const QString &name) -> QString {
        if (lookup.status == SecretLookup::Status::Failed)
            return tr("cannot read the Poleepo credentials (%1): %2").arg(name, lookup.error);
        if (lookup.status != SecretLookup::Status::Found || lookup.value.isEmpty())
            return tr("the Poleepo credentials are not set: Settings → Poleepo, or `bottega secret set "
                      "%1`")
                    .arg(name);
        return {};
    };
    d->secrets.read(SecretNames::poleepoClientId(), [self, missing](const SecretLookup &id) {
        if (!self)
            return;
        if (const QString error = missing(id, SecretNames::poleepoClientId()); !error.isEmpty())
            return self->finishToken({}, notSent(error));
        self->d->secrets.read(SecretNames::poleepoClientSecret(),
                              [self, missing, clientId = id.value](const SecretLookup &secret) {
                                  if (!self)
                                      return;
                                  const QString error = missing(secret, SecretNames::poleepoClientSecret());
                                  if (!error.isEmpty())
                                      return self->finishToken({}, notSent(error));
                                  self->requestToken(clientId, secret.value);
                              });
    });
}

void PoleepoSession::requestToken(const QString &clientId, const QString &clientSecret)
{
    d->http.addRedactedValue(clientSecret.toUtf8());
    QJsonObject body;
    body.insert(Api::clientIdField, clientId);
    body.insert(Api::clientSecretField, clientSecret);
    body.insert(Api::grantField, QString(Api::clientCredentialsGrant));

    HttpRequest request;
    request.service = service;
    request.method = "POST";
    request.url = url(Api::tokenPath);
    request.body = compact(body);
    request.retryable = true; // a second token does no harm
    if (d->timeoutMs > 0)
        request.timeoutMs = d->timeoutMs;
    const QDateTime askedAt = d->clock->now();
    HttpReply *reply = d->http.send(request);
    connect(reply, &HttpReply::finished, this, [this, askedAt](const HttpResponse &response) {
        if (response.status == 401 || response.status == 403) {
            // Unknown credentials (401) or a key not enabled (403): either way, the credentials
            // were refused; callers read it as a 401.
            HttpResponse refused = response;
            refused.status = 401;
            return finishToken({}, refused);
        }
        if (!response.ok())
            return finishToken({}, response);
        auto token = PoleepoParsers::parseToken(response.body);
        if (!token) {
            HttpResponse failure = response;
            failure.error = token.error();
            return finishToken({}, failure);
        }
        d->http.addRedactedValue(token->accessToken.toUtf8());
        const int margin = std::min(refreshMarginSeconds, token->durationSeconds / 2);
        d->refreshAt = askedAt.addSecs(token->durationSeconds - margin);
        finishToken(token->accessToken, HttpResponse());
    });
}

void PoleepoSession::finishToken(const QString &token, const HttpResponse &failure)
{
    d->fetching = false;
    d->token = token;
    const auto waiting = std::exchange(d->waiting, {});
    for (const auto &[context, callback] : waiting) {
        if (context)
            callback(token, failure);
    }
}

void PoleepoSession::send(const Call &call, QObject *context, ResponseCallback done)
{
    QPointer<PoleepoSession> self(this);
    withToken(context, [self, call, context, done](const QString &token, const HttpResponse &failure) {
        if (!self)
            return;
        if (token.isEmpty())
            return done(failure);
        self->sendWithToken(
                call, token, context, [self, call, context, done, token](const HttpResponse &first) {
                    if (!self || first.status != 401)
                        return done(first);
                    // The token may have been revoked or expired early: one new token, one more try.
                    if (self->d->token == token)
                        self->forgetToken();
                    self->withToken(context,
                                    [self, call, context, done](const QString &renewed,
                                                                const HttpResponse &renewFailure) {
                                        if (!self)
                                            return;
                                        if (renewed.isEmpty())
                                            return done(renewFailure);
                                        self->sendWithToken(
                                                call, renewed, context,
                                                [self, done, renewed](const HttpResponse &second) {
                                                    if (self && second.status == 401
                                                        && self->d->token == renewed)
                                                        self->forgetToken();
                                                    done(second);
                                                });
                                    });
                });
    });
}

void PoleepoSession::sendWithToken(const Call &call, const QString &token, QObject *context,
                                   ResponseCallback done)
{
    HttpRequest request;
    request.service = service;
    request.method = call.method;
    request.url = url(call.path);
    request.headers.append(HttpHeader(Api::authorizationHeader, Api::bearerPrefix + token.toUtf8()));
    request.headers.append(HttpHeader("Accept", call.accept));
    request.body = call.body;
    request.retryable = call.retryable;
    if (call.maxAttempts > 0)
        request.maxAttempts = call.maxAttempts;
    if (d->timeoutMs > 0)
        request.timeoutMs = d->timeoutMs;
    HttpReply *reply = d->http.send(request);
    connect(reply, &HttpReply::finished, context, std::move(done));
}

} // namespace Bottega
