#include "core/domain/OrderEvent.h"

using namespace Qt::StringLiterals;

namespace Bottega {

QString OrderEvent::sourceName(Source source)
{
    switch (source) {
    case Source::User:
        return u"user"_s;
    case Source::Gelato:
        return u"gelato"_s;
    case Source::Webhook:
        return u"webhook"_s;
    case Source::Poll:
        return u"poll"_s;
    case Source::Poleepo:
        return u"poleepo"_s;
    case Source::System:
        return u"system"_s;
    }
    return {};
}

std::optional<OrderEvent::Source> OrderEvent::sourceFromName(const QString &name)
{
    for (Source source :
         {Source::User, Source::Gelato, Source::Webhook, Source::Poll, Source::Poleepo, Source::System}) {
        if (sourceName(source) == name)
            return source;
    }
    return std::nullopt;
}

} // namespace Bottega
