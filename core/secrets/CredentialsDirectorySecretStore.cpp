#include "core/secrets/CredentialsDirectorySecretStore.h"

#include "core/secrets/SecretNames.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// A credential is a key or a token, never megabytes: refuse to slurp a wrong file into memory.
constexpr qint64 maximumCredentialSize = 64 * 1024;

} // namespace

CredentialsDirectorySecretStore::CredentialsDirectorySecretStore(const QString &directory, QObject *parent)
    : QObject(parent),
      m_directory(directory.isEmpty() ? qEnvironmentVariable("CREDENTIALS_DIRECTORY") : directory)
{
}

CredentialsDirectorySecretStore::~CredentialsDirectorySecretStore() = default;

QString CredentialsDirectorySecretStore::directory() const
{
    return m_directory;
}

QString CredentialsDirectorySecretStore::name() const
{
    return u"credentials directory"_s;
}

bool CredentialsDirectorySecretStore::isWritable() const
{
    return false;
}

void CredentialsDirectorySecretStore::read(const QString &key, ReadCallback done)
{
    QTimer::singleShot(0, this, [done = std::move(done), result = lookup(key)] { done(result); });
}

SecretLookup CredentialsDirectorySecretStore::lookup(const QString &key) const
{
    SecretLookup result;
    result.source = name();
    if (const auto valid = SecretNames::validate(key); !valid) {
        result.status = SecretLookup::Status::Failed;
        result.error = valid.error();
        return result;
    }
    if (m_directory.isEmpty())
        return result;

    // The name is validated above, so it cannot contain '/' and escape the directory.
    QFile file(QDir(m_directory).filePath(key));
    const QFileInfo info(file);
    if (!info.exists())
        return result;
    if (!info.isFile()) {
        result.status = SecretLookup::Status::Failed;
        result.error = tr("cannot read credential file %1: it is not a regular file").arg(file.fileName());
        return result;
    }
    if (info.size() > maximumCredentialSize) {
        result.status = SecretLookup::Status::Failed;
        result.error = tr("credential file %1 is larger than %2 bytes")
                               .arg(file.fileName())
                               .arg(maximumCredentialSize);
        return result;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        result.status = SecretLookup::Status::Failed;
        result.error = tr("cannot read credential file %1: %2").arg(file.fileName(), file.errorString());
        return result;
    }
    QByteArray content = file.readAll();
    // `echo KEY > file` and editors add a newline that is not part of the secret.
    while (content.endsWith('\n') || content.endsWith('\r'))
        content.chop(1);
    if (content.isEmpty())
        return result;
    result.status = SecretLookup::Status::Found;
    result.value = QString::fromUtf8(content);
    return result;
}

void CredentialsDirectorySecretStore::write(const QString &key, const QString &value, WriteCallback done)
{
    Q_UNUSED(value)
    refuse(key, std::move(done));
}

void CredentialsDirectorySecretStore::remove(const QString &key, WriteCallback done)
{
    refuse(key, std::move(done));
}

void CredentialsDirectorySecretStore::refuse(const QString &key, WriteCallback done)
{
    Result<void> result = SecretNames::validate(key);
    if (result)
        result = makeError(tr("%1: the credentials directory is read-only; it is provided by the service "
                              "manager (LoadCredential=)")
                                   .arg(key));
    QTimer::singleShot(0, this, [done = std::move(done), result] { done(result); });
}

} // namespace Bottega
