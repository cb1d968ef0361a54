// Clock: the one source of "now", injectable so that tests control time (as KeePassXC's Clock).
#pragma once

#include <QDateTime>

namespace Bottega {

class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const { return QDateTime::currentDateTimeUtc(); }
    qint64 nowMs() const { return now().toMSecsSinceEpoch(); }

    // The process-wide system clock. Objects take a Clock* and default to this one.
    static const Clock *system()
    {
        static const Clock clock;
        return &clock;
    }
};

} // namespace Bottega
