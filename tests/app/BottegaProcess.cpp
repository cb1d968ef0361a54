#include "tests/app/BottegaProcess.h"

#include "tests/support/TestUtil.h"

using namespace Qt::StringLiterals;

namespace Bottega::Test {

BottegaProcess::BottegaProcess() : m_environment(QProcessEnvironment::systemEnvironment())
{
    // No keyring session: a test that wants one runs in the keyring suite.
    m_environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/bottega-test-bus"_s);
    m_environment.insert(u"HOME"_s, m_dataDir.path());
    m_environment.insert(u"XDG_CONFIG_HOME"_s, m_dataDir.path() + u"/config"_s);
    m_environment.insert(u"LANG"_s, u"C.UTF-8"_s);
    m_environment.insert(u"LANGUAGE"_s, u"en"_s);
    m_environment.remove(u"BOTTEGA_DB"_s);
    m_environment.remove(u"BOTTEGA_DATA_DIR"_s);
    m_environment.remove(u"CREDENTIALS_DIRECTORY"_s);
    for (const QString &key : m_environment.keys()) {
        if (key.startsWith(u"BOTTEGA_GELATO"_s) || key.startsWith(u"BOTTEGA_POLEEPO"_s))
            m_environment.remove(key);
    }
}

ProcessResult BottegaProcess::run(const QStringList &arguments, const QByteArray &stdinData,
                                  int timeoutMs) const
{
    QProcess process;
    process.setProcessEnvironment(m_environment);
    process.start(bottegaExecutable(), QStringList {u"--data-dir"_s, dataDir()} + arguments);
    ProcessResult result;
    if (!process.waitForStarted(10000)) {
        result.err = u"cannot start "_s + bottegaExecutable();
        return result;
    }
    process.write(stdinData);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = u"timed out"_s;
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QProcess *BottegaProcess::start(const QStringList &arguments, QObject *parent) const
{
    auto *process = new QProcess(parent);
    process->setProcessEnvironment(m_environment);
    process->start(bottegaExecutable(), QStringList {u"--data-dir"_s, dataDir()} + arguments);
    return process;
}

ProcessResult BottegaProcess::runServing(const QStringList &arguments, int timeoutMs) const
{
    QObject parent;
    QProcess *process = start(arguments, &parent);
    ProcessResult result;
    if (!waitUntil([process] { return process->state() == QProcess::NotRunning; }, timeoutMs)) {
        process->kill();
        process->waitForFinished();
        result.err = QStringLiteral("timed out");
        return result;
    }
    result.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
    result.out = QString::fromUtf8(process->readAllStandardOutput());
    result.err = QString::fromUtf8(process->readAllStandardError());
    return result;
}

} // namespace Bottega::Test
