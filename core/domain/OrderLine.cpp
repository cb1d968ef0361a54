#include "core/domain/OrderLine.h"

using namespace Qt::StringLiterals;

namespace Bottega {

QString OrderLine::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Product:
        return u"product"_s;
    case Kind::Service:
        return u"service"_s;
    case Kind::Shipping:
        return u"shipping"_s;
    }
    return {};
}

std::optional<OrderLine::Kind> OrderLine::kindFromName(const QString &name)
{
    for (Kind kind : {Kind::Product, Kind::Service, Kind::Shipping}) {
        if (kindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

} // namespace Bottega
