#include "tests/core/secrets/SecretTestCalls.h"

#include "tests/support/TestUtil.h"

#include <gtest/gtest.h>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace Bottega::Test {

namespace {

template<typename Answer> struct Received
{
    int calls = 0;
    std::optional<Answer> answer;
};

// Shared state, so that a wrong late callback cannot write into a finished stack frame.
template<typename Answer, typename Call>
Answer callAndWait(const char *what, int timeoutMs, Answer noAnswer, Call call)
{
    auto received = std::make_shared<Received<Answer>>();
    call([received](const Answer &answer) {
        ++received->calls;
        received->answer = answer;
    });
    EXPECT_EQ(received->calls, 0) << what << ": the callback ran inside the call, not from the event loop";
    EXPECT_TRUE(waitUntil([received] { return received->calls > 0; }, timeoutMs)) << what << ": no answer";
    spinFor(5); // gives a second, wrong callback the chance to show up
    EXPECT_EQ(received->calls, 1) << what << ": the callback must run exactly once";
    return received->answer ? *received->answer : noAnswer;
}

} // namespace

SecretLookup readSecret(SecretStore &store, const QString &key, int timeoutMs)
{
    SecretLookup noAnswer;
    noAnswer.status = SecretLookup::Status::Failed;
    noAnswer.error = u"no answer"_s;
    return callAndWait<SecretLookup>("read", timeoutMs, noAnswer, [&](SecretStore::ReadCallback done) {
        store.read(key, std::move(done));
    });
}

Result<void> writeSecret(SecretStore &store, const QString &key, const QString &value, int timeoutMs)
{
    return callAndWait<Result<void>>(
            "write", timeoutMs, makeError(u"no answer"_s),
            [&](SecretStore::WriteCallback done) { store.write(key, value, std::move(done)); });
}

Result<void> removeSecret(SecretStore &store, const QString &key, int timeoutMs)
{
    return callAndWait<Result<void>>(
            "remove", timeoutMs, makeError(u"no answer"_s),
            [&](SecretStore::WriteCallback done) { store.remove(key, std::move(done)); });
}

} // namespace Bottega::Test
