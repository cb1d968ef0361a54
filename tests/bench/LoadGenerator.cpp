#include "tests/bench/LoadGenerator.h"

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace Bottega::Test {

namespace {

using Clock = std::chrono::steady_clock;

int connectTo(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool sendAll(int fd, const QByteArray &data)
{
    qsizetype sent = 0;
    while (sent < data.size()) {
        const ssize_t n = ::send(fd, data.constData() + sent, size_t(data.size() - sent), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        sent += n;
    }
    return true;
}

struct Answer
{
    int status = 0;
    bool close = false;
};

// Reads one response (status line, headers, Content-Length body); buffer keeps what follows.
bool readAnswer(int fd, QByteArray &buffer, Answer &answer)
{
    char chunk[16384];
    qsizetype headerEnd = -1;
    while ((headerEnd = buffer.indexOf("\r\n\r\n")) < 0) {
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return false;
        buffer.append(chunk, n);
    }
    const QByteArray head = buffer.left(headerEnd).toLower();
    answer.status = head.size() > 12 ? head.mid(9, 3).toInt() : 0;
    answer.close = head.contains("\r\nconnection: close");
    qsizetype length = 0;
    if (const qsizetype at = head.indexOf("\r\ncontent-length:"); at >= 0) {
        const qsizetype end = head.indexOf("\r\n", at + 2);
        length = head.mid(at + 17, end < 0 ? -1 : end - at - 17).trimmed().toLongLong();
    }
    const qsizetype total = headerEnd + 4 + length;
    while (buffer.size() < total) {
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return false;
        buffer.append(chunk, n);
    }
    buffer.remove(0, total);
    return true;
}

struct Worker
{
    std::vector<double> latenciesMs;
    qint64 errors = 0;
    QList<QByteArray> acknowledged;
};

} // namespace

LoadGenerator::Result LoadGenerator::run(quint16 port, int connections, std::chrono::milliseconds warmUp,
                                         std::chrono::milliseconds measured,
                                         const RequestFactory &makeRequest)
{
    std::vector<Worker> workers(static_cast<size_t>(connections));
    std::vector<std::thread> threads;
    const Clock::time_point start = Clock::now();
    const Clock::time_point measureFrom = start + warmUp;
    const Clock::time_point end = measureFrom + measured;
    for (int c = 0; c < connections; ++c) {
        threads.emplace_back([&, c] {
            Worker &worker = workers[size_t(c)];
            worker.latenciesMs.reserve(200000);
            int fd = -1;
            QByteArray buffer;
            for (qint64 sequence = 0; Clock::now() < end; ++sequence) {
                if (fd < 0) {
                    fd = connectTo(port);
                    buffer.clear();
                    if (fd < 0) {
                        ++worker.errors;
                        std::this_thread::sleep_for(std::chrono::milliseconds(1));
                        continue;
                    }
                }
                QByteArray id;
                const QByteArray request = makeRequest(c, sequence, id);
                const Clock::time_point sent = Clock::now();
                Answer answer;
                const bool answered = sendAll(fd, request) && readAnswer(fd, buffer, answer);
                const Clock::time_point received = Clock::now();
                if (!answered || answer.close) {
                    ::close(fd);
                    fd = -1;
                }
                const bool ok = answered && answer.status >= 200 && answer.status < 300;
                if (ok)
                    worker.acknowledged.append(id);
                if (sent < measureFrom)
                    continue;
                if (!ok)
                    ++worker.errors;
                else
                    worker.latenciesMs.push_back(
                            std::chrono::duration<double, std::milli>(received - sent).count());
            }
            if (fd >= 0)
                ::close(fd);
        });
    }
    for (std::thread &thread : threads)
        thread.join();

    Result result;
    std::vector<double> latencies;
    for (Worker &worker : workers) {
        latencies.insert(latencies.end(), worker.latenciesMs.cbegin(), worker.latenciesMs.cend());
        result.errors += worker.errors;
        result.acknowledged.append(worker.acknowledged);
    }
    std::sort(latencies.begin(), latencies.end());
    result.calls = qint64(latencies.size());
    result.seconds = std::chrono::duration<double>(measured).count();
    result.callsPerSecond = double(result.calls) / result.seconds;
    if (!latencies.empty()) {
        result.p50Ms = latencies[latencies.size() / 2];
        result.p99Ms = latencies[std::min(latencies.size() - 1, latencies.size() * 99 / 100)];
    }
    return result;
}

} // namespace Bottega::Test
