#include "core/domain/SalesOrder.h"

using namespace Qt::StringLiterals;

namespace Bottega {

QString SalesOrder::sourceName(Source source)
{
    switch (source) {
    case Source::Manual:
        return u"manual"_s;
    case Source::Csv:
        return u"csv"_s;
    case Source::Poleepo:
        return u"poleepo"_s;
    }
    return {};
}

std::optional<SalesOrder::Source> SalesOrder::sourceFromName(const QString &name)
{
    for (Source source : {Source::Manual, Source::Csv, Source::Poleepo}) {
        if (sourceName(source) == name)
            return source;
    }
    return std::nullopt;
}

} // namespace Bottega
