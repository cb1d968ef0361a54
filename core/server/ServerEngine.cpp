#include "core/server/ServerEngine.h"

#include "core/server/HttpWire.h"

#include <QTcpSocket>

namespace Bottega {

ServerEngine::ServerEngine(Dispatcher dispatcher, QObject *parent)
    : QAbstractHttpServer(parent), m_dispatcher(std::move(dispatcher))
{
}

ServerEngine::~ServerEngine() = default;

bool ServerEngine::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    m_dispatcher(request, socket);
    return true; // the dispatcher answers every request, unknown paths with 404
}

void ServerEngine::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    // Not reached (handleRequest always answers), but an answer is better than silence.
    socket->write(HttpWire::response(404, "application/json", {}, R"({"error":"not found"})"));
}

} // namespace Bottega
