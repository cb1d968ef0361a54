#include "tests/support/TestUtil.h"

#include "core/domain/Message.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QThread>
#include <gtest/gtest.h>

namespace Bottega {

void PrintTo(const Message &message, std::ostream *out)
{
    *out << message.toStored().toStdString();
}

} // namespace Bottega

namespace Bottega::Test {

bool waitUntil(const std::function<bool()> &predicate, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!predicate()) {
        if (deadline.hasExpired())
            return predicate();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::usleep(200);
    }
    return true;
}

void spinFor(int ms)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::usleep(200);
    }
}

QString testDataPath(const QString &relativePath)
{
    const QString base
            = qEnvironmentVariable("BOTTEGA_TEST_DATA_DIR", QString::fromUtf8(BOTTEGA_TEST_DATA_DIR_DEFAULT));
    return QDir(base).filePath(relativePath);
}

QByteArray readTestData(const QString &relativePath)
{
    QFile file(testDataPath(relativePath));
    if (!file.open(QIODevice::ReadOnly)) {
        ADD_FAILURE() << "missing test data: " << qPrintable(file.fileName());
        return {};
    }
    return file.readAll();
}

QString bottegaExecutable()
{
    return qEnvironmentVariable("BOTTEGA_EXECUTABLE", QString::fromUtf8(BOTTEGA_EXECUTABLE_DEFAULT));
}

} // namespace Bottega::Test
