// `bottega secret` against a real gnome-keyring: run by CTest inside tests/keyring/run-with-keyring.sh,
// which provides a private D-Bus session with an unlocked throwaway keyring.
#include "tests/app/BottegaProcess.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace Bottega::Test;

namespace {

bool anyFileContains(const QString &dir, const QByteArray &needle)
{
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            return true;
    }
    return false;
}

QJsonObject statusOf(const BottegaProcess &bottega, const QString &name)
{
    const auto status = bottega.run({u"secret"_s, u"status"_s, u"--json"_s});
    EXPECT_FALSE(status.out.isEmpty()) << qPrintable(status.err);
    for (const QJsonValue &row : QJsonDocument::fromJson(status.out.toUtf8()).array()) {
        if (row.toObject().value(u"name"_s).toString() == name)
            return row.toObject();
    }
    return {};
}

} // namespace

TEST(CliKeyring, SecretSetGoesToTheKeyringAndNowhereElse)
{
    ASSERT_FALSE(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            << "run through ctest: the keyring wrapper provides the D-Bus session";
    BottegaProcess bottega;
    bottega.environment().insert(u"DBUS_SESSION_BUS_ADDRESS"_s,
                                 qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS"));
    // A value no other test uses, so that finding it anywhere means this run leaked it.
    const QByteArray secret = "k123-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());

    EXPECT_FALSE(statusOf(bottega, u"gelato.api-key"_s).value(u"set"_s).toBool());
    const auto set = bottega.run({u"secret"_s, u"set"_s, u"gelato.api-key"_s}, secret);
    ASSERT_EQ(set.exitCode, 0) << qPrintable(set.err);
    EXPECT_FALSE(set.out.toUtf8().contains(secret));
    EXPECT_FALSE(set.err.toUtf8().contains(secret));

    const QJsonObject status = statusOf(bottega, u"gelato.api-key"_s);
    EXPECT_TRUE(status.value(u"set"_s).toBool());
    EXPECT_EQ(status.value(u"source"_s).toString(), u"keychain"_s);
    EXPECT_FALSE(statusOf(bottega, u"gelato.webhook-secret"_s).value(u"set"_s).toBool());

    // Exercise the rest of the app on the same data dir, then look for the value everywhere in it.
    ASSERT_EQ(bottega.run({u"config"_s, u"set"_s, u"gelato.enabled"_s, u"true"_s}).exitCode, 0);
    ASSERT_EQ(bottega.run({u"job"_s, u"run"_s, u"cleanup-api-log"_s}).exitCode, 0);
    EXPECT_FALSE(anyFileContains(bottega.dataDir(), secret));
}
