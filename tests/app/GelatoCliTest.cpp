// `bottega test-connection` and `bottega product sync-template` through the real executable, against
// the Gelato fake on loopback (URLs via `config set`, the key via BOTTEGA_GELATO_API_KEY).
#include "tests/app/BottegaProcess.h"
#include "tests/support/TestUtil.h"
#include "tests/support/fakes/GelatoFake.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace Bottega;
using namespace Bottega::Test;

namespace {

class GelatoCli : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(fake.start());
        for (const auto &[key, url] : {std::pair {u"gelato.ecommerce-url"_s, fake.ecommerceUrl()},
                                       std::pair {u"gelato.product-url"_s, fake.productUrl()}}) {
            const auto set = bottega.run({u"config"_s, u"set"_s, key, url.toString()});
            ASSERT_EQ(set.exitCode, 0) << qPrintable(set.err);
        }
        bottega.environment().insert(u"BOTTEGA_GELATO_API_KEY"_s, QString::fromLatin1(GelatoFake::apiKey()));
    }

    // Runs while this process keeps serving the fake (BottegaProcess::run would block it).
    ProcessResult run(const QStringList &arguments)
    {
        QObject parent;
        QProcess *process = bottega.start(arguments, &parent);
        ProcessResult result;
        if (!waitUntil([process] { return process->state() == QProcess::NotRunning; }, 20000)) {
            process->kill();
            process->waitForFinished();
            result.err = u"timed out"_s;
            return result;
        }
        result.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
        result.out = QString::fromUtf8(process->readAllStandardOutput());
        result.err = QString::fromUtf8(process->readAllStandardError());
        return result;
    }

    GelatoFake fake;
    BottegaProcess bottega;
};

TEST_F(GelatoCli, TestConnectionGelatoOk)
{
    const auto result = run({u"test-connection"_s, u"gelato"_s});
    EXPECT_EQ(result.exitCode, 0) << qPrintable(result.err);
    EXPECT_TRUE(result.out.contains(u"connection ok"_s)) << qPrintable(result.out);
    EXPECT_EQ(fake.lastRequest().path, u"/product/v3/catalogs"_s);
    EXPECT_EQ(fake.lastRequest().header("X-API-KEY"), GelatoFake::apiKey());

    const auto json = run({u"test-connection"_s, u"gelato"_s, u"--json"_s});
    EXPECT_EQ(json.exitCode, 0) << qPrintable(json.err);
    const QJsonObject object = QJsonDocument::fromJson(json.out.toUtf8()).object();
    EXPECT_EQ(object.value(u"service"_s).toString(), u"gelato"_s);
    EXPECT_TRUE(object.value(u"ok"_s).toBool());
}

TEST_F(GelatoCli, TestConnectionFailures)
{
    fake.setApiKey("not-this-one");
    auto result = run({u"test-connection"_s, u"gelato"_s});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_EQ(result.err.trimmed(), u"bottega: Gelato refused the API key"_s);

    bottega.environment().remove(u"BOTTEGA_GELATO_API_KEY"_s);
    result = run({u"test-connection"_s, u"gelato"_s});
    EXPECT_EQ(result.exitCode, 1);
    // No key anywhere, and the test's keyring is unreachable: the message says both.
    EXPECT_TRUE(result.err.startsWith(u"bottega: cannot read the Gelato API key: no keyring service"_s))
            << qPrintable(result.err);
    EXPECT_EQ(fake.requestCount(), 1); // only the refused call: nothing sent without a key

    result = run({u"test-connection"_s, u"poleepo"_s});
    EXPECT_EQ(result.exitCode, 1);
    // Poleepo is tested through its client now: without credentials it says which one it lacks.
    EXPECT_TRUE(result.err.startsWith(u"bottega: cannot read the Poleepo credentials (poleepo.client-id)"_s))
            << qPrintable(result.err);

    result = run({u"test-connection"_s, u"amazon"_s});
    EXPECT_EQ(result.exitCode, 2);
    result = run({u"test-connection"_s});
    EXPECT_EQ(result.exitCode, 2);
}

TEST_F(GelatoCli, SyncTemplateCreatesThenChangesNothing)
{
    auto result
            = run({u"product"_s, u"sync-template"_s, QString::fromLatin1(GelatoFake::threeId), u"--json"_s});
    ASSERT_EQ(result.exitCode, 0) << qPrintable(result.err);
    const QJsonObject product = QJsonDocument::fromJson(result.out.toUtf8()).object();
    EXPECT_EQ(product.value(u"name"_s).toString(), u"Orange and Red Tee"_s) << qPrintable(result.out);
    EXPECT_EQ(product.value(u"variants"_s).toArray().size(), 3) << qPrintable(result.out);
    const qint64 id = product.value(u"id"_s).toInteger();
    ASSERT_GT(id, 0);

    result = run({u"product"_s, u"sync-template"_s, QString::fromLatin1(GelatoFake::threeId), u"--product"_s,
                  QString::number(id)});
    ASSERT_EQ(result.exitCode, 0) << qPrintable(result.err);
    EXPECT_TRUE(result.out.startsWith(u"Already up to date: nothing changed"_s)) << qPrintable(result.out);
    EXPECT_TRUE(result.out.contains(u"Orange and Red Tee"_s)) << qPrintable(result.out);
}

TEST_F(GelatoCli, SyncTemplateRefusals)
{
    auto result = run({u"product"_s, u"sync-template"_s, u"nope"_s});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_EQ(result.err.trimmed(), u"bottega: Gelato has no template \"nope\""_s);

    result = run({u"product"_s, u"sync-template"_s, QString::fromLatin1(GelatoFake::emptyId)});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_EQ(result.err.trimmed(), u"bottega: Gelato template \"tpl-empty\" has no variants"_s);

    result = run({u"product"_s, u"sync-template"_s});
    EXPECT_EQ(result.exitCode, 2);
    result = run({u"product"_s, u"sync-template"_s, u"x"_s, u"--product"_s, u"abc"_s});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_TRUE(result.err.contains(u"--product"_s)) << qPrintable(result.err);

    const auto list = run({u"product"_s, u"list"_s, u"--json"_s});
    ASSERT_EQ(list.exitCode, 0) << qPrintable(list.err);
    EXPECT_EQ(QJsonDocument::fromJson(list.out.toUtf8()).array().size(), 0) << qPrintable(list.out);
}

} // namespace
