#include "core/domain/WebhookQueueItem.h"

using namespace Qt::StringLiterals;

namespace Bottega {

QString WebhookQueueItem::stateName(State state)
{
    switch (state) {
    case State::Pending:
        return u"Pending"_s;
    case State::Processing:
        return u"Processing"_s;
    case State::Done:
        return u"Done"_s;
    case State::Failed:
        return u"Failed"_s;
    case State::Ignored:
        return u"Ignored"_s;
    }
    return {};
}

std::optional<WebhookQueueItem::State> WebhookQueueItem::stateFromName(const QString &name)
{
    for (State state : {State::Pending, State::Processing, State::Done, State::Failed, State::Ignored}) {
        if (stateName(state).compare(name, Qt::CaseInsensitive) == 0)
            return state;
    }
    return std::nullopt;
}

} // namespace Bottega
