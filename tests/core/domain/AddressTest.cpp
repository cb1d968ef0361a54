// Address's field map: Gelato's names in Gelato's order, each reaching its own member, and a name
// that is not a field refused.
#include "core/domain/Address.h"

#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

TEST(AddressTest, FieldNamesAreGelatosInItsOrder)
{
    EXPECT_EQ(Address::fieldNames(),
              (QStringList {u"firstName"_s, u"lastName"_s, u"companyName"_s, u"addressLine1"_s,
                            u"addressLine2"_s, u"city"_s, u"postCode"_s, u"state"_s, u"country"_s, u"email"_s,
                            u"phone"_s}));
}

TEST(AddressTest, EachNameReadsAndWritesItsOwnMember)
{
    Address address;
    for (const QString &name : Address::fieldNames())
        ASSERT_TRUE(address.setField(name, name + u"-value"_s)) << name.toStdString();
    EXPECT_EQ(address.firstName, u"firstName-value"_s);
    EXPECT_EQ(address.addressLine2, u"addressLine2-value"_s);
    EXPECT_EQ(address.postCode, u"postCode-value"_s);
    EXPECT_EQ(address.country, u"country-value"_s);
    EXPECT_EQ(address.phone, u"phone-value"_s);
    for (const QString &name : Address::fieldNames())
        EXPECT_EQ(address.field(name), name + u"-value"_s) << name.toStdString();
}

TEST(AddressTest, ANameThatIsNotAFieldIsRefusedAndChangesNothing)
{
    Address address;
    address.city = u"Milano"_s;
    const Address before = address;
    EXPECT_FALSE(address.setField(u"street"_s, u"Via Roma 1"_s));
    EXPECT_EQ(address, before);
    EXPECT_TRUE(address.field(u"street"_s).isEmpty());
}

} // namespace
} // namespace Bottega::Test
