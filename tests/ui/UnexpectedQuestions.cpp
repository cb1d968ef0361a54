// UnexpectedQuestions: for the whole UI suite, a question no test expected (no ConfirmAnswerer
// installed) fails the running test and is answered No instead of opening a modal message box.
#include "ui/widgets/Confirm.h"

#include <gtest/gtest.h>

namespace Bottega::Test {
namespace {

class UnexpectedQuestions final : public testing::Environment
{
public:
    void SetUp() override
    {
        Confirm::setAnswerer([](const Confirm::Question &question) {
            ADD_FAILURE() << "unexpected question: " << question.title.toStdString() << ": "
                          << question.text.toStdString();
            return Confirm::Answer::No;
        });
    }
    void TearDown() override { Confirm::setAnswerer({}); }
};

[[maybe_unused]] testing::Environment *const environment
        = testing::AddGlobalTestEnvironment(new UnexpectedQuestions);

} // namespace
} // namespace Bottega::Test
