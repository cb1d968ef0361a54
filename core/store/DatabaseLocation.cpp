#include "core/store/Database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

bool isPostgreSqlUrl(const QString &text)
{
    return text.startsWith("postgresql://"_L1, Qt::CaseInsensitive)
            || text.startsWith("postgres://"_L1, Qt::CaseInsensitive);
}

// The URL as the user typed it, without the password, for error messages.
QString withoutPassword(const QString &text)
{
    const qsizetype schemeEnd = text.indexOf("://"_L1);
    const qsizetype at = text.lastIndexOf(u'@');
    if (schemeEnd < 0 || at < schemeEnd)
        return text;
    const qsizetype colon = text.indexOf(u':', schemeEnd + 3);
    if (colon < 0 || colon > at)
        return text;
    return text.left(colon) + u":***"_s + text.mid(at);
}

} // namespace

Result<DatabaseLocation> DatabaseLocation::parse(const QString &urlOrPath, const QString &dataDir)
{
    const QString text = urlOrPath.trimmed();
    DatabaseLocation location;
    if (text.isEmpty()) {
        if (dataDir.isEmpty())
            return makeError(tr("database: no data directory for the default database"));
        location.engine = Engine::Sqlite;
        location.sqlitePath = QDir::cleanPath(QDir(dataDir).absoluteFilePath(u"bottega.sqlite"_s));
        return location;
    }
    if (!isPostgreSqlUrl(text)) {
        location.engine = Engine::Sqlite;
        location.sqlitePath = QDir::cleanPath(QFileInfo(text).absoluteFilePath());
        return location;
    }

    const QString shown = withoutPassword(text);
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()) {
        // QUrl's message quotes the whole URL, password included: keep only the reason.
        QString reason = url.errorString();
        if (const qsizetype cut = reason.indexOf("; source was"_L1); cut >= 0)
            reason.truncate(cut);
        return makeError(tr("database URL %1 is not valid: %2").arg(shown, reason));
    }
    location.engine = Engine::PostgreSql;
    location.host = url.host(QUrl::FullyDecoded);
    location.user = url.userName(QUrl::FullyDecoded);
    location.password = url.password(QUrl::FullyDecoded);
    location.port = url.port(5432);
    QString name = url.path(QUrl::FullyDecoded);
    if (name.startsWith(u'/'))
        name.remove(0, 1);
    location.name = name;
    if (location.host.isEmpty())
        return makeError(tr("no host in %1").arg(shown));
    if (location.name.isEmpty())
        return makeError(tr("no database name in %1").arg(shown));
    if (location.name.contains(u'/'))
        return makeError(tr("database name \"%1\" in %2 contains '/'").arg(location.name, shown));
    if (location.port <= 0 || location.port > 65535)
        return makeError(tr("port %1 in %2 is out of range").arg(location.port).arg(shown));
    if (url.hasQuery()) {
        QStringList options;
        const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
        for (const auto &[key, value] : items)
            options.append(key + u'=' + value);
        location.options = options.join(u';');
    }
    return location;
}

QString DatabaseLocation::displayName() const
{
    if (engine == Engine::Sqlite)
        return sqlitePath;
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setHost(host);
    url.setPort(port);
    url.setPath(u'/' + name);
    if (!user.isEmpty())
        url.setUserName(user);
    QString shown = url.toString();
    if (!password.isEmpty()) {
        // QUrl would percent-encode "***"; insert the mask after the encoded user name instead.
        const qsizetype at = shown.indexOf(u'@');
        if (at > 0)
            shown.insert(at, u":***"_s);
        else
            shown.insert(shown.indexOf("://"_L1) + 3, u":***@"_s);
    }
    return shown;
}

} // namespace Bottega
