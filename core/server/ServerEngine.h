// ServerEngine: the QtHttpServer 6.4 part of the built-in server. QAbstractHttpServer parses the
// requests; every complete request goes to one callback (Server's dispatcher), which answers it.
#pragma once

#include <QAbstractHttpServer>
#include <functional>

namespace Bottega {

class ServerEngine final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerEngine)

public:
    using Dispatcher = std::function<void(const QHttpServerRequest &, QTcpSocket *)>;

    explicit ServerEngine(Dispatcher dispatcher, QObject *parent = nullptr);
    ~ServerEngine() override;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Dispatcher m_dispatcher;
};

} // namespace Bottega
