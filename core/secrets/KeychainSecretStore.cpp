#include "core/secrets/KeychainSecretStore.h"

#include "core/secrets/SecretNames.h"

#include <QLoggingCategory>
#include <QTimer>
#include <qt6keychain/keychain.h>

#ifdef BOTTEGA_KEYCHAIN_OVER_DBUS
#include <QDBusConnection>
#endif

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

Q_LOGGING_CATEGORY(lcKeychain, "bottega.secrets.keychain")

// On Linux every keychain backend (Secret Service, KWallet) is reached over the D-Bus session bus.
// Without one (a server, a container, ssh) nothing can ever answer, and the backend's own error
// ("Could not connect: No such file or directory") does not tell the user what to do.
bool sessionBusMissing()
{
#ifdef BOTTEGA_KEYCHAIN_OVER_DBUS
    return !QDBusConnection::sessionBus().isConnected();
#else
    return false;
#endif
}

} // namespace

struct KeychainSecretStore::Request
{
    enum class Operation { Read, Write, Remove };

    Operation operation = Operation::Read;
    QString key;
    QString value; // Write only; never logged
    ReadCallback readDone;
    WriteCallback writeDone;
    bool retried = false;
};

KeychainSecretStore::KeychainSecretStore(const QString &serviceName, QObject *parent)
    : QObject(parent), m_serviceName(serviceName)
{
}

KeychainSecretStore::~KeychainSecretStore() = default;

QString KeychainSecretStore::serviceName() const
{
    return m_serviceName;
}

std::chrono::milliseconds KeychainSecretStore::retryDelay() const
{
    return m_retryDelay;
}

void KeychainSecretStore::setRetryDelay(std::chrono::milliseconds delay)
{
    m_retryDelay = delay;
}

QString KeychainSecretStore::name() const
{
    return u"keychain"_s;
}

bool KeychainSecretStore::isWritable() const
{
    return true;
}

void KeychainSecretStore::read(const QString &key, ReadCallback done)
{
    auto request = std::make_shared<Request>();
    request->operation = Request::Operation::Read;
    request->key = key;
    request->readDone = std::move(done);
    if (const auto valid = SecretNames::validate(key); !valid)
        return fail(request, valid.error());
    start(request);
}

void KeychainSecretStore::write(const QString &key, const QString &value, WriteCallback done)
{
    auto request = std::make_shared<Request>();
    request->operation = Request::Operation::Write;
    request->key = key;
    request->value = value;
    request->writeDone = std::move(done);
    if (const auto valid = SecretNames::validate(key); !valid)
        return fail(request, valid.error());
    if (value.isEmpty())
        return fail(request, tr("%1: the value is empty").arg(key));
    start(request);
}

void KeychainSecretStore::remove(const QString &key, WriteCallback done)
{
    auto request = std::make_shared<Request>();
    request->operation = Request::Operation::Remove;
    request->key = key;
    request->writeDone = std::move(done);
    if (const auto valid = SecretNames::validate(key); !valid)
        return fail(request, valid.error());
    start(request);
}

void KeychainSecretStore::start(const std::shared_ptr<Request> &request)
{
    if (sessionBusMissing())
        return fail(request,
                    tr("no keyring service: there is no D-Bus session bus (on a server, use "
                       "$CREDENTIALS_DIRECTORY "
                       "or BOTTEGA_* environment variables)"));

    // Jobs have no parent on purpose: the Secret Service backend keeps a raw pointer to a running
    // job until its D-Bus call returns, so a job must never be deleted early. Each job deletes
    // itself after finished(); the store is only the context of the connection, so a destroyed
    // store simply never hears back.
    QKeychain::Job *job = nullptr;
    switch (request->operation) {
    case Request::Operation::Read:
        job = new QKeychain::ReadPasswordJob(m_serviceName);
        break;
    case Request::Operation::Write: {
        auto *writeJob = new QKeychain::WritePasswordJob(m_serviceName);
        writeJob->setTextData(request->value);
        job = writeJob;
        break;
    }
    case Request::Operation::Remove:
        job = new QKeychain::DeletePasswordJob(m_serviceName);
        break;
    }
    job->setAutoDelete(true);
    // Never a plain-text file: a missing keyring must be an error the user sees, not a silent
    // downgrade (docs/style.md).
    job->setInsecureFallback(false);
    job->setKey(request->key);
    connect(job, &QKeychain::Job::finished, this,
            [this, request](QKeychain::Job *finished) { finish(request, finished); });
    job->start(); // queued inside QtKeychain: finished() always comes from the event loop
}

void KeychainSecretStore::finish(const std::shared_ptr<Request> &request, QKeychain::Job *job)
{
    const QKeychain::Error error = job->error();

    if (error == QKeychain::NoBackendAvailable || error == QKeychain::OtherError) {
        // As Nextcloud does: at login the keyring daemon may start after us, so the first failure
        // gets one more try a little later. Only until the backend has answered once, or a retry
        // has failed too: on a machine without a keyring, every lookup must not cost the delay.
        if (m_mayRetry && !request->retried) {
            request->retried = true;
            qCInfo(lcKeychain) << "keychain not available yet, retrying" << request->key << "in"
                               << m_retryDelay.count() << "ms:" << job->errorString();
            QTimer::singleShot(m_retryDelay, this, [this, request] { start(request); });
            Q_EMIT waitingForKeyring(request->key);
            return;
        }
        if (request->retried)
            m_mayRetry = false;
    } else {
        m_mayRetry = false; // the backend answered
    }

    switch (error) {
    case QKeychain::NoError:
        break;
    case QKeychain::EntryNotFound:
        if (request->operation == Request::Operation::Read) {
            SecretLookup lookup;
            lookup.source = name();
            lookup.status = SecretLookup::Status::NotFound;
            request->readDone(lookup);
            return;
        }
        if (request->operation == Request::Operation::Remove) {
            request->writeDone({}); // removing what is not there leaves the wanted state
            return;
        }
        return fail(request, tr("the keyring failed: %1").arg(job->errorString()));
    case QKeychain::NoBackendAvailable:
        return fail(request, noKeyringService());
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return fail(request, tr("the keyring is locked or access was denied"));
    case QKeychain::CouldNotDeleteEntry:
        return fail(request, tr("the keyring could not delete %1: %2").arg(request->key, job->errorString()));
    case QKeychain::NotImplemented:
        return fail(request, tr("the keyring does not support this on this system"));
    case QKeychain::OtherError:
    default:
        // libsecret reports a bus without a Secret Service as a generic error; the text comes from
        // the bus daemon ("The name org.freedesktop.secrets was not provided ..."), not translated.
        if (job->errorString().contains("org.freedesktop.secrets"_L1))
            return fail(request, noKeyringService());
        return fail(request, tr("the keyring failed: %1").arg(job->errorString()));
    }

    if (request->operation == Request::Operation::Read) {
        SecretLookup lookup;
        lookup.source = name();
        lookup.status = SecretLookup::Status::Found;
        lookup.value = static_cast<QKeychain::ReadPasswordJob *>(job)->textData();
        request->readDone(lookup);
    } else {
        request->writeDone({});
    }
}

QString KeychainSecretStore::noKeyringService()
{
    return tr("no keyring service (is a Secret Service such as gnome-keyring running?)");
}

void KeychainSecretStore::fail(const std::shared_ptr<Request> &request, const QString &error)
{
    // Called from finish() (already inside the event loop) or from read/write/remove before any
    // job started; deferring in both cases keeps "never synchronously" simple to reason about.
    QTimer::singleShot(0, this, [this, request, error] {
        if (request->operation == Request::Operation::Read) {
            SecretLookup lookup;
            lookup.source = name();
            lookup.status = SecretLookup::Status::Failed;
            lookup.error = error;
            request->readDone(lookup);
        } else {
            request->writeDone(makeError(error));
        }
    });
}

} // namespace Bottega
