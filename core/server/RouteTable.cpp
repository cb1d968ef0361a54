#include "core/server/RouteTable.h"

using namespace Qt::StringLiterals;

namespace Bottega {

void RouteTable::add(Route route)
{
    route.method = route.method.toUpper();
    if (route.service.isEmpty())
        route.service = serviceFor(route.pattern);
    for (Route &existing : m_routes) {
        if (existing.method == route.method && existing.pattern == route.pattern) {
            existing = std::move(route);
            return;
        }
    }
    m_routes.append(std::move(route));
}

qsizetype RouteTable::specificity(const Route &route, QStringView path)
{
    if (!route.isPrefix())
        return path == route.pattern ? std::numeric_limits<qsizetype>::max() : -1;
    return path.startsWith(route.prefix()) ? route.prefix().size() : -1;
}

RouteTable::Match RouteTable::match(const QByteArray &method, QStringView path) const
{
    const Route *best = nullptr;
    qsizetype bestScore = -1;
    const Route *bestGet = nullptr; // for HEAD
    qsizetype bestGetScore = -1;
    QList<QByteArray> allowed;

    for (const Route &route : m_routes) {
        const qsizetype score = specificity(route, path);
        if (score < 0)
            continue;
        if (!allowed.contains(route.method))
            allowed.append(route.method);
        if (route.method == method && score > bestScore) {
            best = &route;
            bestScore = score;
        }
        if (route.method == "GET" && score > bestGetScore) {
            bestGet = &route;
            bestGetScore = score;
        }
    }
    if (best)
        return {best, {}};
    if (method == "HEAD" && bestGet)
        return {bestGet, {}};
    if (allowed.contains("GET") && !allowed.contains("HEAD"))
        allowed.append("HEAD");
    std::sort(allowed.begin(), allowed.end());
    return {nullptr, allowed};
}

QString RouteTable::serviceFor(const QString &pattern)
{
    if (pattern.contains("webhook"_L1))
        return u"webhook"_s;
    if (pattern.startsWith("/files/"_L1))
        return u"files"_s;
    return u"server"_s;
}

} // namespace Bottega
