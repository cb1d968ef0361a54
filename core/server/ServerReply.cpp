#include "core/server/ServerReply.h"

#include <QCoreApplication>

namespace Bottega {

struct ServerReply::State
{
    Finish finish;
    Connected connected;
    bool answered = false;

    ~State()
    {
        if (!answered && finish)
            finish(ServerResponse::error(
                    500, QCoreApplication::translate("Bottega::Server", "the request was not answered")));
    }
};

ServerReply::ServerReply(Finish finish, Connected connected) : m_state(std::make_shared<State>())
{
    m_state->finish = std::move(finish);
    m_state->connected = std::move(connected);
}

void ServerReply::send(ServerResponse response) const
{
    if (!m_state || m_state->answered)
        return;
    m_state->answered = true;
    if (m_state->finish)
        m_state->finish(std::move(response));
}

bool ServerReply::isAnswered() const
{
    return m_state && m_state->answered;
}

bool ServerReply::isClientConnected() const
{
    return m_state && m_state->connected && m_state->connected();
}

} // namespace Bottega
