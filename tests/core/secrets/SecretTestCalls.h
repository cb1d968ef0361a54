// Test helpers that call a SecretStore and wait for its answer, checking on every call that the
// callback did not run inside the call (the store contract) and that it ran exactly once.
#pragma once

#include "core/secrets/SecretStore.h"

namespace Bottega::Test {

SecretLookup readSecret(SecretStore &store, const QString &key, int timeoutMs = 5000);
Result<void> writeSecret(SecretStore &store, const QString &key, const QString &value, int timeoutMs = 5000);
Result<void> removeSecret(SecretStore &store, const QString &key, int timeoutMs = 5000);

} // namespace Bottega::Test
