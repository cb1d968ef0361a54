#include "core/http/HttpClient.h"

#include "core/domain/Clock.h"
#include "core/http/HttpCall.h"
#include "core/http/Redactor.h"

#include <QHash>
#include <QNetworkAccessManager>

namespace Bottega {

struct HttpClient::Private
{
    QNetworkAccessManager *network = nullptr;
    ApiLogSink *sink = nullptr;
    const Clock *clock = Clock::system();
    QHash<QString, std::shared_ptr<RateLimiter>> limiters; // by lower-case host
    Redactor redactor;
    HttpCallPolicy policy;
};

HttpClient::HttpClient(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    // One manager per client: no global network state, and tests get their own connections.
    d->network = new QNetworkAccessManager(this);
    d->network->setAutoDeleteReplies(false);
}

HttpClient::~HttpClient() = default;

HttpReply *HttpClient::send(const HttpRequest &request)
{
    auto *reply = new HttpReply(this);
    auto *call = new HttpCall(request, d->network, &d->redactor, d->sink, d->clock,
                              d->limiters.value(request.url.host().toLower()), d->policy, reply);
    connect(reply, &HttpReply::aborted, call, &HttpCall::cancel);
    connect(call, &HttpCall::completed, reply, [reply](const HttpResponse &response) {
        reply->finish(response);
        reply->deleteLater();
    });
    call->start();
    return reply;
}

void HttpClient::abortAll()
{
    const auto replies = findChildren<HttpReply *>(Qt::FindDirectChildrenOnly);
    for (HttpReply *reply : replies)
        reply->abort();
}

void HttpClient::setApiLogSink(ApiLogSink *sink)
{
    d->sink = sink;
}

void HttpClient::setClock(const Clock *clock)
{
    d->clock = clock ? clock : Clock::system();
}

void HttpClient::setRateLimiter(const QString &host, std::shared_ptr<RateLimiter> limiter)
{
    if (limiter)
        d->limiters.insert(host.toLower(), std::move(limiter));
    else
        d->limiters.remove(host.toLower());
}

void HttpClient::addRedactedValue(const QByteArray &secret)
{
    d->redactor.addValue(secret);
}

void HttpClient::setBodyCap(int bytes)
{
    d->policy.bodyCap = bytes;
}

void HttpClient::setBackoffBaseMs(int ms)
{
    d->policy.backoffBaseMs = std::max(0, ms);
}

void HttpClient::setMaxRetryAfterSeconds(int seconds)
{
    d->policy.maxRetryAfterSeconds = std::max(0, seconds);
}

void HttpClient::setMaxBackoffMs(int ms)
{
    d->policy.maxBackoffMs = std::max(0, ms);
}

const Redactor &HttpClient::redactor() const
{
    return d->redactor;
}

} // namespace Bottega
