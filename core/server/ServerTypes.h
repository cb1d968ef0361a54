// ServerRequest / ServerResponse: what a route handler of the built-in server sees and answers.
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QUrl>
#include <QUrlQuery>
#include <utility>

namespace Bottega {

struct ServerRequest
{
    QByteArray method; // "GET", "POST", ...
    QString path; // decoded path, e.g. "/files/abc"
    QUrl url; // the request target as parsed (path and query), for the API log
    QString service; // the API-log service of the route that took it ("webhook", "files", ...)
    QUrlQuery query;
    QList<std::pair<QByteArray, QByteArray>> headers; // as received
    QByteArray body;
    QHostAddress peer;

    QByteArray header(const QByteArray &name) const; // case-insensitive, empty if absent
};

struct ServerResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers; // extra headers
    QString logNote; // goes to the API log's error column
    // The handler stores this call's API-log row itself (the webhook intake: with the call, built by
    // Server::inboundLogEntry before the answer); the server then writes none for it.
    bool loggedByHandler = false;
    // When set, the body is this file, streamed from disk (print files can be large); `body` is
    // ignored and the connection is closed after it.
    QString filePath;

    static ServerResponse json(int status, const QByteArray &json);
    static ServerResponse file(const QString &path, const QByteArray &contentType);
    static ServerResponse text(int status, const QString &text); // {"error": text} for >= 400
    static ServerResponse error(int status, const QString &message);
};

} // namespace Bottega
