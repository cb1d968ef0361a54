// FileStore: files Bottega serves to Gelato and Poleepo (print images, product images), kept under
// "<dataDir>/files" and published at signed, expiring URLs (/files/<id>?exp=…&sig=…).
#pragma once

#include "core/domain/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUrl>

namespace Bottega {

class Server;
class Clock;

class FileStore final
{
    Q_DISABLE_COPY_MOVE(FileStore)

public:
    // signingKey: the per-install HMAC key (see loadOrCreateSigningKey).
    FileStore(const QString &dataDir, QByteArray signingKey, const Clock *clock = nullptr);

    // The per-install key: "<dataDir>/keys/file-signing.key" (mode 0600), created on first use.
    static Result<QByteArray> loadOrCreateSigningKey(const QString &dataDir);

    // Copies a local file in; the id is stable for the same content (sha256 + extension).
    Result<QString> add(const QString &sourcePath);
    Result<QString> addData(const QByteArray &data, const QString &suffix);
    QString pathOf(const QString &id) const; // empty if no such file
    bool contains(const QString &id) const;

    // <publicBase>/files/<id>?exp=<unix seconds>&sig=<hex hmac-sha256(key, id + "\n" + exp)>
    QUrl signedUrl(const QUrl &publicBase, const QString &id, qint64 validSeconds = 7 * 24 * 3600) const;
    bool verify(const QString &id, const QString &exp, const QString &sig) const; // also checks expiry

    // Registers GET /files/* on the server: 403 for a wrong or expired signature, 404 for no file.
    void registerRoutes(Server &server) const;

private:
    QString m_dir;
    QByteArray m_key;
    const Clock *m_clock;
};

} // namespace Bottega
