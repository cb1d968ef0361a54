// LoadGenerator: the HTTP load of the PERF-1 benchmark: N keep-alive connections over loopback,
// each its own thread with a blocking socket, sending one request after the other for a while.
// The same generator drives Bottega and the reference server, so their figures compare.
#pragma once

#include <QByteArray>
#include <QList>
#include <chrono>
#include <functional>

namespace Bottega::Test {

class LoadGenerator final
{
public:
    // The request to send as call number sequence on a connection; id names the call.
    using RequestFactory = std::function<QByteArray(int connection, qint64 sequence, QByteArray &id)>;

    struct Result
    {
        qint64 calls = 0; // answered, during the measured time
        qint64 errors = 0; // not a 2xx, or no answer
        double seconds = 0;
        double callsPerSecond = 0;
        double p50Ms = 0;
        double p99Ms = 0;
        QList<QByteArray> acknowledged; // ids of every call answered 2xx, warm-up included
    };

    // Warm-up calls are sent (and acknowledged) but not measured. Thread-safe factory required.
    static Result run(quint16 port, int connections, std::chrono::milliseconds warmUp,
                      std::chrono::milliseconds measured, const RequestFactory &makeRequest);
};

} // namespace Bottega::Test
