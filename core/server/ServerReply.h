// ServerReply: how a route handler of the built-in server answers, at once or later (after a batch
// commit, say). Copies share one answer: the first send() counts, later ones are ignored.
#pragma once

#include "core/server/ServerTypes.h"

#include <functional>
#include <memory>

namespace Bottega {

class ServerReply final
{
public:
    using Finish = std::function<void(ServerResponse)>;
    using Connected = std::function<bool()>;

    ServerReply() = default; // answers nothing: for handlers called without a server
    // The Server makes these: finish writes the answer (in request order on its connection) and
    // logs it; connected says whether the client is still there.
    ServerReply(Finish finish, Connected connected);

    // Answers the request; a client that has gone meanwhile is not written to, the call is still
    // logged. A reply dropped without an answer answers 500, so that no client waits forever.
    void send(ServerResponse response) const;
    bool isAnswered() const;
    // False once the client closed the connection: its answer will go nowhere.
    bool isClientConnected() const;

private:
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace Bottega
