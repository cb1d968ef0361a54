#include "core/connections/ConnectionTest.h"

#include "core/gelato/GelatoClient.h"
#include "core/poleepo/PoleepoClient.h"

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

ConnectionTest::ConnectionTest(GelatoClient *gelato, PoleepoClient *poleepo)
    : m_gelato(gelato), m_poleepo(poleepo)
{
}

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
        return m_poleepo != nullptr;
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
        if (!m_poleepo)
            return answerLater(context, done, tr("Poleepo is not set up in this program"));
        return m_poleepo->testConnection(context, std::move(done));
    }
}

void ConnectionTest::credentialsChanged()
{
    if (m_gelato)
        m_gelato->forgetApiKey();
    if (m_poleepo)
        m_poleepo->forgetToken();
}

} // namespace Bottega
