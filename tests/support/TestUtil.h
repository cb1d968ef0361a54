// Helpers for tests: waiting on the event loop (tests only; the product never spins nested loops),
// temporary data dirs, reading test data.
#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>
#include <functional>
#include <ostream>

// GoogleTest prints QString (and lists of them) as text, not as bytes.
inline void PrintTo(const QString &text, std::ostream *out)
{
    *out << '"' << text.toStdString() << '"';
}

namespace Bottega {
struct Message;
void PrintTo(const Message &message, std::ostream *out);
} // namespace Bottega

namespace Bottega::Test {

// Processes events until predicate() is true or timeoutMs passed. Returns predicate().
bool waitUntil(const std::function<bool()> &predicate, int timeoutMs = 5000);

// Processes events for ms milliseconds.
void spinFor(int ms);

// tests/data/<relativePath>, read whole; fails the test (ADD_FAILURE) if missing.
QByteArray readTestData(const QString &relativePath);
QString testDataPath(const QString &relativePath);

// The built `bottega` executable (set by CTest).
QString bottegaExecutable();

} // namespace Bottega::Test
