#include "core/domain/Address.h"

using namespace Qt::StringLiterals;

namespace Bottega {

QString Address::kindName(Kind kind)
{
    return kind == Kind::Billing ? u"billing"_s : u"shipping"_s;
}

std::optional<Address::Kind> Address::kindFromName(const QString &name)
{
    if (name == "shipping"_L1)
        return Kind::Shipping;
    if (name == "billing"_L1)
        return Kind::Billing;
    return std::nullopt;
}

} // namespace Bottega
