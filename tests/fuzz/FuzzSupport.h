// FuzzSupport: what the libFuzzer targets of tests/fuzz share. One QCoreApplication per process, a
// migrated SQLite store holding a small catalog for the use cases that look goods up (order input,
// the CSV imports), and the fuzzer's bytes as Qt values. Everything lives until the process exits.
#pragma once

#include "core/domain/SalesOrder.h"
#include "core/store/Database.h"

#include <QByteArray>
#include <QString>
#include <cstddef>
#include <cstdint>

namespace Bottega::Fuzz {

// The QCoreApplication the targets need for timers, queued callbacks and translations.
void ensureApplication();

// A migrated SQLite database in a temporary folder (on /dev/shm when there is one: the webhook
// target commits once per input) with a T-shirt (variants TS-M-O, TS-L-O, TS-L-R, Gelato goods)
// and a mug (MUG-W, not a Gelato good). Aborts with a message when it cannot be made.
Database &database();

QByteArray bytes(const uint8_t *data, size_t size);
// The bytes read as UTF-8 (invalid sequences become U+FFFD), as the importers read files.
QString text(const uint8_t *data, size_t size);

// What every accepted order line must hold: a quantity above 0, a unit price that is a number
// (not NaN or infinite) not below 0. Fails naming `what` otherwise.
void checkOrderLines(const SalesOrder &order, const char *what);

// Stops the run as a crash, with a message: a broken invariant of the code under test.
[[noreturn]] void fail(const char *what, const QString &detail = QString());

} // namespace Bottega::Fuzz
