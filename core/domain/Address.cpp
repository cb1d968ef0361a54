#include "core/domain/Address.h"

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

struct FieldMember
{
    QString name;
    QString Address::*member;
};

const QList<FieldMember> &fieldMembers()
{
    static const QList<FieldMember> members = {
            {u"firstName"_s, &Address::firstName},
            {u"lastName"_s, &Address::lastName},
            {u"companyName"_s, &Address::companyName},
            {u"addressLine1"_s, &Address::addressLine1},
            {u"addressLine2"_s, &Address::addressLine2},
            {u"city"_s, &Address::city},
            {u"postCode"_s, &Address::postCode},
            {u"state"_s, &Address::state},
            {u"country"_s, &Address::country},
            {u"email"_s, &Address::email},
            {u"phone"_s, &Address::phone},
    };
    return members;
}

} // namespace

const QStringList &Address::fieldNames()
{
    static const QStringList names = [] {
        QStringList list;
        for (const FieldMember &field : fieldMembers())
            list.append(field.name);
        return list;
    }();
    return names;
}

QString Address::field(const QString &name) const
{
    for (const FieldMember &field : fieldMembers())
        if (field.name == name)
            return this->*field.member;
    return {};
}

bool Address::setField(const QString &name, const QString &value)
{
    for (const FieldMember &field : fieldMembers()) {
        if (field.name == name) {
            this->*field.member = value;
            return true;
        }
    }
    return false;
}

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
