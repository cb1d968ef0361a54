// ConnectionTest: checks the stored credentials of a service against the service itself (CONF-6),
// the same for `bottega test-connection gelato|poleepo` and Settings' "Test connection". Each
// service is one entry of Service, each tested through its client's testConnection. Used on the
// window's (or the command's) thread.
#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QStringList>
#include <functional>
#include <optional>

class QObject;

namespace Bottega {

class GelatoClient;
class PoleepoClient;

class ConnectionTest final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::ConnectionTest)

public:
    enum class Service { Gelato, Poleepo };
    using Callback = std::function<void(Result<void>)>;

    // The clients are not owned and must outlive this object; null: that service is not set up.
    explicit ConnectionTest(GelatoClient *gelato, PoleepoClient *poleepo = nullptr);

    // "gelato", "poleepo": the names the command line takes.
    static QStringList serviceNames();
    static std::optional<Service> serviceFromName(const QString &name);

    // Whether test() can ask the service at all in this program.
    bool canTest(Service service) const;
    // Answers once, later, from the event loop; not at all once `context` is gone. Ok, or why not:
    // "Gelato refused the API key", "cannot reach Gelato: …", "no API key set …",
    // "Poleepo refused the credentials", "cannot reach Poleepo: …".
    void test(Service service, QObject *context, Callback done);

    // New credentials were saved: the next test, and every call after it, reads them again.
    void credentialsChanged();

private:
    GelatoClient *m_gelato;
    PoleepoClient *m_poleepo;
};

} // namespace Bottega
