// ConfirmAnswerer: answers the window's questions (Confirm) for one test: records each question and
// answers Yes or No as set. Without one installed, a question fails the test and is answered No
// (UnexpectedQuestions, below), so no real message box ever waits for a click in a suite.
#pragma once

#include "ui/widgets/Confirm.h"

#include <QList>

namespace Bottega::Test {

class ConfirmAnswerer final
{
public:
    explicit ConfirmAnswerer(bool yes) : ConfirmAnswerer(yes ? Confirm::Answer::Yes : Confirm::Answer::No) { }
    explicit ConfirmAnswerer(Confirm::Answer answer) : m_answer(answer)
    {
        m_previous = Confirm::setAnswerer([this](const Confirm::Question &question) {
            m_questions.append(question);
            return m_answer;
        });
    }
    ~ConfirmAnswerer() { Confirm::setAnswerer(m_previous); }
    ConfirmAnswerer(const ConfirmAnswerer &) = delete;
    ConfirmAnswerer &operator=(const ConfirmAnswerer &) = delete;

    void setAnswer(bool yes) { m_answer = yes ? Confirm::Answer::Yes : Confirm::Answer::No; }
    void setAnswer(Confirm::Answer answer) { m_answer = answer; }
    const QList<Confirm::Question> &questions() const { return m_questions; }

private:
    Confirm::Answer m_answer;
    QList<Confirm::Question> m_questions;
    Confirm::Answerer m_previous;
};

} // namespace Bottega::Test
