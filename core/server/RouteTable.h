// RouteTable: the built-in server's routes and how a request finds one: an exact path or a prefix
// ("/files/*"), the most specific pattern first. Kept apart from Server so that matching is plain
// code a test can exercise without sockets.
#pragma once

#include "core/server/ServerReply.h"
#include "core/server/ServerTypes.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <functional>

namespace Bottega {

class RouteTable final
{
public:
    // Answers through the reply, now or later (Server wraps synchronous handlers).
    using Handler = std::function<void(const ServerRequest &, const ServerReply &)>;

    struct Route
    {
        QByteArray method; // upper case
        QString pattern; // as registered: "/gelato/webhook", "/files/*"
        QString service; // API-log service of the requests it answers
        Handler handler;

        bool isPrefix() const { return pattern.endsWith(u'*'); }
        QStringView prefix() const { return QStringView(pattern).chopped(1); }
    };

    struct Match
    {
        const Route *route = nullptr; // null: no route for this method (see allowedMethods)
        QList<QByteArray> allowedMethods; // when route is null: empty means 404, otherwise 405
    };

    // A second route with the same method and pattern replaces the first.
    void add(Route route);
    // HEAD falls back to a GET route.
    Match match(const QByteArray &method, QStringView path) const;

    // "webhook" for webhook paths, "files" for /files/…, otherwise "server".
    static QString serviceFor(const QString &pattern);

private:
    // How specific a pattern is for this path: -1 no match; exact matches beat every prefix,
    // longer prefixes beat shorter ones.
    static qsizetype specificity(const Route &route, QStringView path);

    QList<Route> m_routes;
};

} // namespace Bottega
