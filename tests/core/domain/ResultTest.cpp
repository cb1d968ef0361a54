#include "core/domain/Result.h"

#include <gtest/gtest.h>

using namespace Bottega;

namespace {

Result<int> parsePositive(int value)
{
    if (value <= 0)
        return makeError(QStringLiteral("%1 is not positive").arg(value));
    return value;
}

} // namespace

TEST(Result, CarriesValue)
{
    const auto result = parsePositive(3);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(*result, 3);
    EXPECT_TRUE(result.error().isEmpty());
}

TEST(Result, CarriesReadableError)
{
    const auto result = parsePositive(-2);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(), QStringLiteral("-2 is not positive"));
}

TEST(Result, VoidResult)
{
    Result<void> fine;
    EXPECT_TRUE(fine.ok());
    Result<void> failed = makeError(QStringLiteral("disk full"));
    EXPECT_FALSE(failed.ok());
    EXPECT_EQ(failed.error(), QStringLiteral("disk full"));
}
