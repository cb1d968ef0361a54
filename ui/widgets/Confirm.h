// Confirm: the one way the window asks a yes/no question before an action that cannot be undone
// (cancel an order, delete a draft, remove a record, clean up). By default a QMessageBox; a test
// installs an answerer that records the question and answers Yes or No, so both paths are tested.
// Window thread only.
#pragma once

#include <QString>
#include <functional>

class QWidget;

namespace Bottega {

class Confirm final
{
public:
    struct Question
    {
        QString title;
        QString text;
    };
    // true: Yes.
    using Answerer = std::function<bool(const Question &question)>;

    // Asks; true when the answer is Yes.
    static bool ask(QWidget *parent, const QString &title, const QString &text);

    // Replaces the message box (tests); an empty answerer brings it back. Returns the one replaced.
    static Answerer setAnswerer(Answerer answerer);

    Confirm() = delete;
};

} // namespace Bottega
