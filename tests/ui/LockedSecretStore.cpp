#include "tests/ui/LockedSecretStore.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace Bottega::Test {

QString LockedSecretStore::lockedError()
{
    return u"the keyring is locked"_s;
}

QString LockedSecretStore::name() const
{
    return u"locked keychain"_s;
}

bool LockedSecretStore::isWritable() const
{
    return true;
}

void LockedSecretStore::read(const QString &, ReadCallback done)
{
    QTimer::singleShot(0, &m_context, [done] {
        SecretLookup lookup;
        lookup.status = SecretLookup::Status::Failed;
        lookup.error = lockedError();
        done(lookup);
    });
}

void LockedSecretStore::write(const QString &, const QString &, WriteCallback done)
{
    ++m_writeAttempts;
    QTimer::singleShot(0, &m_context, [done] { done(makeError(lockedError())); });
}

void LockedSecretStore::remove(const QString &, WriteCallback done)
{
    QTimer::singleShot(0, &m_context, [done] { done(makeError(lockedError())); });
}

} // namespace Bottega::Test
