// TestClock: a Clock that stands still until the test moves it (as KeePassXC's MockClock), so that
// tests advance time instead of sleeping and assert exact times. Safe to read from the server's and
// the worker's threads while the test thread moves it.
#pragma once

#include "core/domain/Clock.h"

#include <QAtomicInteger>
#include <QDateTime>

namespace Bottega::Test {

class TestClock final : public Clock
{
public:
    // A fixed, whole-second start, far from any epoch edge: 2026-03-02 10:00:00 UTC.
    static QDateTime defaultStart() { return QDateTime(QDate(2026, 3, 2), QTime(10, 0), Qt::UTC); }

    explicit TestClock(const QDateTime &start = defaultStart()) { set(start); }

    QDateTime now() const override { return QDateTime::fromMSecsSinceEpoch(m_ms.loadAcquire(), Qt::UTC); }

    void set(const QDateTime &time) { m_ms.storeRelease(time.toMSecsSinceEpoch()); }
    void advance(qint64 seconds) { advanceMs(seconds * 1000); }
    void advanceMs(qint64 ms) { m_ms.fetchAndAddOrdered(ms); }

private:
    QAtomicInteger<qint64> m_ms;
};

} // namespace Bottega::Test
