// SecretStore: where API keys and webhook secrets live (CONF-1). Asynchronous: callbacks are always
// invoked later from the event loop, never from inside the call and never through a nested loop.
#pragma once

#include "core/domain/Result.h"

#include <QString>
#include <functional>

namespace Bottega {

struct SecretLookup
{
    enum class Status { Found, NotFound, Failed };
    Status status = Status::NotFound;
    QString value; // only when Found
    QString source; // which store answered: "keychain", "credentials directory", "environment", "memory"
    QString error; // readable, when Failed: "the keyring is locked", "no keyring service"
};

class SecretStore
{
public:
    using ReadCallback = std::function<void(const SecretLookup &)>;
    using WriteCallback = std::function<void(const Result<void> &)>;

    virtual ~SecretStore() = default;

    virtual QString name() const = 0;
    virtual bool isWritable() const = 0;

    virtual void read(const QString &key, ReadCallback done) = 0;
    virtual void write(const QString &key, const QString &value, WriteCallback done) = 0;
    virtual void remove(const QString &key, WriteCallback done) = 0;
};

} // namespace Bottega
