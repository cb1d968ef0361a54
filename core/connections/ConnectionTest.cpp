#include "core/connections/ConnectionTest.h"

#include "core/gelato/GelatoClient.h"

#include <QObject>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// The answer of a test that cannot be made: later, like a real one.
void answerLater(QObject *context, const ConnectionTest::Callback &done, const QString &error)
{
    QTimer::singleShot(0, context, [done, error] { done(makeError(error)); });
}

} // namespace

ConnectionTest::ConnectionTest(GelatoClient *gelato) : m_gelato(gelato) { }

QStringList ConnectionTest::serviceNames()
{
    return {u"gelato"_s, u"poleepo"_s};
}

std::optional<ConnectionTest::Service> ConnectionTest::serviceFromName(const QString &name)
{
    if (name == u"gelato"_s)
        return Service::Gelato;
    if (name == u"poleepo"_s)
        return Service::Poleepo;
    return std::nullopt;
}

bool ConnectionTest::canTest(Service service) const
{
    switch (service) {
    case Service::Gelato:
        return m_gelato != nullptr;
    case Service::Poleepo:
        return false;
    }
    return false;
}

void ConnectionTest::test(Service service, QObject *context, Callback done)
{
    switch (service) {
    case Service::Gelato:
        if (!m_gelato)
            return answerLater(context, done, tr("Gelato is not set up in this program"));
        return m_gelato->testConnection(context, std::move(done));
    case Service::Poleepo:
        return answerLater(context, done, tr("Poleepo connection test is not available yet in this version"));
    }
}

void ConnectionTest::credentialsChanged()
{
    if (m_gelato)
        m_gelato->forgetApiKey();
}

} // namespace Bottega
