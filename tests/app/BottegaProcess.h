// BottegaProcess: runs the real `bottega` executable for a test, with its own data dir and an
// environment that never reaches the user's keyring or settings.
#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>

namespace Bottega::Test {

struct ProcessResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

class BottegaProcess
{
public:
    BottegaProcess();

    QString dataDir() const { return m_dataDir.path(); }
    QProcessEnvironment &environment() { return m_environment; }

    // Runs `bottega --data-dir DIR args...` to the end, with stdin as given.
    ProcessResult run(const QStringList &arguments, const QByteArray &stdinData = {},
                      int timeoutMs = 30000) const;
    // As run(), while this process's event loop keeps turning, so that fakes on loopback in this
    // process can answer it (run() blocks them).
    ProcessResult runServing(const QStringList &arguments, int timeoutMs = 30000) const;
    // Starts it and returns the process (for `serve`); the caller waits and stops it.
    QProcess *start(const QStringList &arguments, QObject *parent) const;

private:
    QTemporaryDir m_dataDir;
    QProcessEnvironment m_environment;
};

} // namespace Bottega::Test
