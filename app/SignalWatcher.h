// SignalWatcher: turns SIGTERM and SIGINT into a Qt signal (self-pipe trick), so that `serve` can
// stop cleanly from the event loop instead of inside a signal handler.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace Bottega {

class SignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    static void handle(int signalNumber);
    static int s_fds[2];
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Bottega
