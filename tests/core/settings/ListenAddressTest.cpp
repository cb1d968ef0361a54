#include "core/settings/ListenAddress.h"

#include <gtest/gtest.h>

using namespace Bottega;
using namespace Qt::StringLiterals;

TEST(ListenAddress, ParsesIpv4)
{
    const auto parsed = ListenAddress::parse(u"127.0.0.1:8069"_s);
    ASSERT_TRUE(parsed.ok()) << qPrintable(parsed.error());
    EXPECT_EQ(parsed->address, QHostAddress(QHostAddress::LocalHost));
    EXPECT_EQ(parsed->port, 8069);
    EXPECT_EQ(parsed->toString(), u"127.0.0.1:8069"_s);
}

TEST(ListenAddress, ParsesBracketedIpv6)
{
    const auto parsed = ListenAddress::parse(u"[::1]:8069"_s);
    ASSERT_TRUE(parsed.ok()) << qPrintable(parsed.error());
    EXPECT_EQ(parsed->address, QHostAddress(QHostAddress::LocalHostIPv6));
    EXPECT_EQ(parsed->port, 8069);
    EXPECT_EQ(parsed->toString(), u"[::1]:8069"_s);
}

TEST(ListenAddress, LocalhostMeansIpv4Loopback)
{
    const auto parsed = ListenAddress::parse(u"localhost:8069"_s);
    ASSERT_TRUE(parsed.ok()) << qPrintable(parsed.error());
    EXPECT_EQ(parsed->address, QHostAddress(QHostAddress::LocalHost));
    EXPECT_EQ(parsed->toString(), u"127.0.0.1:8069"_s);
    EXPECT_TRUE(ListenAddress::parse(u"LocalHost:1"_s).ok());
}

TEST(ListenAddress, ParsesAnyAddressAndPortZero)
{
    const auto any = ListenAddress::parse(u"0.0.0.0:80"_s);
    ASSERT_TRUE(any.ok()) << qPrintable(any.error());
    EXPECT_EQ(any->address, QHostAddress(QHostAddress::AnyIPv4));
    EXPECT_EQ(any->port, 80);
    EXPECT_EQ(any->toString(), u"0.0.0.0:80"_s);

    const auto anyPort = ListenAddress::parse(u" 127.0.0.1:0 "_s);
    ASSERT_TRUE(anyPort.ok()) << qPrintable(anyPort.error());
    EXPECT_EQ(anyPort->port, 0);
}

TEST(ListenAddress, RoundTripsThroughText)
{
    for (const QString &text : {u"127.0.0.1:8069"_s, u"[::1]:1"_s, u"0.0.0.0:65535"_s, u"[::]:8080"_s}) {
        const auto parsed = ListenAddress::parse(text);
        ASSERT_TRUE(parsed.ok()) << qPrintable(text);
        EXPECT_EQ(parsed->toString(), text);
        EXPECT_EQ(*ListenAddress::parse(parsed->toString()), *parsed);
    }
}

TEST(ListenAddress, RejectsTextWithoutPort)
{
    const auto parsed = ListenAddress::parse(u"abc"_s);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error(), u"\"abc\" is not HOST:PORT"_s);
    EXPECT_EQ(ListenAddress::parse(u"127.0.0.1:"_s).error(), u"\"127.0.0.1:\" is not HOST:PORT"_s);
    EXPECT_EQ(ListenAddress::parse(u":8069"_s).error(), u"\":8069\" is not HOST:PORT"_s);
    EXPECT_EQ(ListenAddress::parse(u"[::1]8069"_s).error(), u"\"[::1]8069\" is not HOST:PORT"_s);
}

TEST(ListenAddress, RejectsPortOutOfRange)
{
    const auto parsed = ListenAddress::parse(u"127.0.0.1:99999"_s);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error(), u"port 99999 is out of range 0–65535"_s);
    EXPECT_EQ(ListenAddress::parse(u"127.0.0.1:-1"_s).error(), u"port -1 is out of range 0–65535"_s);
    EXPECT_EQ(ListenAddress::parse(u"127.0.0.1:http"_s).error(), u"\"http\" is not a port number"_s);
}

TEST(ListenAddress, RejectsHostNames)
{
    const auto parsed = ListenAddress::parse(u"foo.example:8069"_s);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error(), u"\"foo.example\" is not an IP address or localhost"_s);
}

TEST(ListenAddress, AsksForBracketsAroundIpv6)
{
    const auto parsed = ListenAddress::parse(u"::1:8069"_s);
    ASSERT_FALSE(parsed.ok());
    EXPECT_TRUE(parsed.error().contains(u"[::1]:8069"_s)) << qPrintable(parsed.error());
}
