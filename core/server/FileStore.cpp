#include "core/server/FileStore.h"

#include "core/domain/Clock.h"
#include "core/server/Server.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUrlQuery>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

constexpr qsizetype keyBytes = 32;

// sha256 hex, a dot, a short lower-case extension: nothing else can name a file, so no id reaches
// outside the files folder ("/", "..", "%2F" are all refused by the pattern).
bool isValidId(QStringView id)
{
    static const QRegularExpression pattern(u"^[0-9a-f]{64}\\.[a-z0-9]{1,10}$"_s);
    return pattern.match(id).hasMatch();
}

QString normalizedSuffix(const QString &suffix)
{
    QString result = suffix.toLower();
    if (result.startsWith(u'.'))
        result.remove(0, 1);
    static const QRegularExpression allowed(u"^[a-z0-9]{1,10}$"_s);
    return allowed.match(result).hasMatch() ? result : u"bin"_s;
}

QByteArray signatureOf(const QByteArray &key, const QString &id, const QString &exp)
{
    return QMessageAuthenticationCode::hash(id.toUtf8() + '\n' + exp.toUtf8(), key,
                                            QCryptographicHash::Sha256)
            .toHex();
}

// Compares every byte whatever the first difference, so the time taken says nothing about how much
// of a forged signature was right.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

QByteArray contentTypeFor(const QString &id)
{
    const QString suffix = id.section(u'.', -1);
    if (suffix == "pdf"_L1)
        return "application/pdf";
    if (suffix == "png"_L1)
        return "image/png";
    if (suffix == "tif"_L1 || suffix == "tiff"_L1)
        return "image/tiff";
    if (suffix == "svg"_L1)
        return "image/svg+xml";
    if (suffix == "jpg"_L1 || suffix == "jpeg"_L1)
        return "image/jpeg";
    return "application/octet-stream";
}

bool verifyWith(const QByteArray &key, const Clock *clock, const QString &id, const QString &exp,
                const QString &sig)
{
    bool isNumber = false;
    const qint64 expiry = exp.toLongLong(&isNumber);
    if (!isNumber || key.isEmpty())
        return false;
    const bool signatureOk = constantTimeEquals(signatureOf(key, id, exp), sig.toLatin1().toLower());
    return signatureOk && clock->now().toSecsSinceEpoch() <= expiry;
}

Result<void> makePrivateDir(const QString &path)
{
    if (!QDir().mkpath(path))
        return makeError(
                QCoreApplication::translate("Bottega::FileStore", "cannot create the folder %1").arg(path));
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return {};
}

} // namespace

FileStore::FileStore(const QString &dataDir, QByteArray signingKey, const Clock *clock)
    : m_dir(QDir(dataDir).filePath(u"files"_s)), m_key(std::move(signingKey)),
      m_clock(clock ? clock : Clock::system())
{
}

Result<QByteArray> FileStore::loadOrCreateSigningKey(const QString &dataDir)
{
    const QString keysDir = QDir(dataDir).filePath(u"keys"_s);
    if (auto made = makePrivateDir(keysDir); !made)
        return makeError(made.error());
    const QString path = QDir(keysDir).filePath(u"file-signing.key"_s);
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

    if (!QFile::exists(path)) {
        // Written whole under a temporary name, then renamed: a crash never leaves half a key, and
        // of two processes starting at once the second rename fails and both use the first key.
        QFile temporary(path + u".new-"_s + QString::number(QRandomGenerator::system()->generate64(), 16));
        if (!temporary.open(QIODevice::WriteOnly | QIODevice::NewOnly, ownerOnly))
            return makeError(QCoreApplication::translate("Bottega::FileStore", "cannot create %1: %2")
                                     .arg(temporary.fileName(), temporary.errorString()));
        QByteArray key(keyBytes, Qt::Uninitialized);
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(key.data()), keyBytes / 4);
        const bool written = temporary.write(key) == key.size() && temporary.flush();
#ifdef Q_OS_UNIX
        ::fsync(temporary.handle());
#endif
        temporary.close();
        if (!written) {
            temporary.remove();
            return makeError(QCoreApplication::translate("Bottega::FileStore", "cannot write %1: %2")
                                     .arg(path, temporary.errorString()));
        }
        if (!temporary.rename(path))
            temporary.remove(); // another process made the key first: use theirs
    }

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QCoreApplication::translate("Bottega::FileStore", "cannot read %1: %2")
                                 .arg(path, file.errorString()));
    const QByteArray key = file.readAll();
    if (key.size() != keyBytes)
        return makeError(QCoreApplication::translate(
                                 "Bottega::FileStore",
                                 "%1 is damaged: %2 bytes instead of %3; remove it to make a new key "
                                 "(links already given out stop working)")
                                 .arg(path)
                                 .arg(key.size())
                                 .arg(keyBytes));
    if (file.permissions() != ownerOnly)
        file.setPermissions(ownerOnly);
    return key;
}

Result<QString> FileStore::add(const QString &sourcePath)
{
    QFile source(sourcePath);
    if (!source.open(QIODevice::ReadOnly))
        return makeError(QCoreApplication::translate("Bottega::FileStore", "cannot read %1: %2")
                                 .arg(sourcePath, source.errorString()));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&source))
        return makeError(QCoreApplication::translate("Bottega::FileStore", "cannot read %1: %2")
                                 .arg(sourcePath, source.errorString()));
    const QString id = QString::fromLatin1(hash.result().toHex()) + u'.'
            + normalizedSuffix(QFileInfo(sourcePath).suffix());
    if (contains(id))
        return id;

    if (auto made = makePrivateDir(m_dir); !made)
        return makeError(made.error());
    QSaveFile target(QDir(m_dir).filePath(id));
    if (!target.open(QIODevice::WriteOnly))
        return makeError(QCoreApplication::translate("Bottega::FileStore", "cannot write %1: %2")
                                 .arg(target.fileName(), target.errorString()));
    source.seek(0);
    while (!source.atEnd()) {
        const QByteArray chunk = source.read(1024 * 1024);
        if (chunk.isEmpty() && source.error() != QFileDevice::NoError)
            return makeError(QCoreApplication::translate("Bottega::FileStore", "cannot read %1: %2")
                                     .arg(sourcePath, source.errorString()));
        target.write(chunk);
    }
    if (!target.commit())
        return makeError(QCoreApplication::translate("Bottega::FileStore", "cannot write %1: %2")
                                 .arg(target.fileName(), target.errorString()));
    return id;
}

Result<QString> FileStore::addData(const QByteArray &data, const QString &suffix)
{
    const QString id = QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex())
            + u'.' + normalizedSuffix(suffix);
    if (contains(id))
        return id;
    if (auto made = makePrivateDir(m_dir); !made)
        return makeError(made.error());
    QSaveFile target(QDir(m_dir).filePath(id));
    if (!target.open(QIODevice::WriteOnly) || target.write(data) != data.size() || !target.commit())
        return makeError(QCoreApplication::translate("Bottega::FileStore", "cannot write %1: %2")
                                 .arg(target.fileName(), target.errorString()));
    return id;
}

QString FileStore::pathOf(const QString &id) const
{
    if (!isValidId(id))
        return {};
    const QString path = QDir(m_dir).filePath(id);
    return QFileInfo(path).isFile() ? path : QString();
}

bool FileStore::contains(const QString &id) const
{
    return !pathOf(id).isEmpty();
}

QUrl FileStore::signedUrl(const QUrl &publicBase, const QString &id, qint64 validSeconds) const
{
    const QString exp = QString::number(m_clock->now().toSecsSinceEpoch() + validSeconds);
    QString basePath = publicBase.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    QUrl url = publicBase;
    url.setPath(basePath + u"/files/"_s + id);
    QUrlQuery query;
    query.addQueryItem(u"exp"_s, exp);
    query.addQueryItem(u"sig"_s, QString::fromLatin1(signatureOf(m_key, id, exp)));
    url.setQuery(query);
    url.setFragment({});
    return url;
}

bool FileStore::verify(const QString &id, const QString &exp, const QString &sig) const
{
    return verifyWith(m_key, m_clock, id, exp, sig);
}

void FileStore::registerRoutes(Server &server) const
{
    // Copies, not `this`: the route must stay valid whatever the order the two are destroyed in.
    const QString dir = m_dir;
    const QByteArray key = m_key;
    const Clock *clock = m_clock;
    server.addRoute("GET", u"/files/*"_s, u"files"_s, [dir, key, clock](const ServerRequest &request) {
        const QString id = request.path.mid(QStringLiteral("/files/").size());
        const QString exp = request.query.queryItemValue(u"exp"_s);
        const QString sig = request.query.queryItemValue(u"sig"_s);
        // One answer for a missing, wrong or expired signature: a prober learns nothing.
        if (!verifyWith(key, clock, id, exp, sig))
            return ServerResponse::error(
                    403,
                    QCoreApplication::translate("Bottega::FileStore",
                                                "this link is not valid or has expired"));
        const QString path = QDir(dir).filePath(id);
        if (!isValidId(id) || !QFileInfo(path).isFile())
            return ServerResponse::error(404,
                                         QCoreApplication::translate("Bottega::FileStore", "no such file"));
        ServerResponse response = ServerResponse::file(path, contentTypeFor(id));
        // An SVG is a document a browser would run scripts in; none of these files should.
        response.headers.emplaceBack("X-Content-Type-Options", "nosniff");
        response.headers.emplaceBack("Content-Security-Policy", "sandbox; default-src 'none'");
        response.headers.emplaceBack("Cache-Control", "private, max-age=3600");
        return response;
    });
}

} // namespace Bottega
