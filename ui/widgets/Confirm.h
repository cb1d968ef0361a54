// Confirm: the one way the window asks a question before an action that cannot be undone (cancel
// an order, delete a draft, remove a record, clean up) or before unsaved changes are thrown away.
// By default a QMessageBox; a test installs an answerer that records the question and answers, so
// every path is tested. Window thread only.
#pragma once

#include <QString>
#include <functional>

class QWidget;

namespace Bottega {

class Confirm final
{
public:
    // Yes (Save, for unsaved changes), No (Discard), Cancel (only where the question offers it).
    enum class Answer { Yes, No, Cancel };

    struct Question
    {
        QString title;
        QString text;
        bool unsavedChanges = false; // Save / Discard / Cancel instead of Yes / No
    };
    using Answerer = std::function<Answer(const Question &question)>;

    // Asks; true when the answer is Yes.
    static bool ask(QWidget *parent, const QString &title, const QString &text);
    // Save / Discard / Cancel for changes that would be lost.
    static Answer askToSave(QWidget *parent, const QString &title, const QString &text);

    // Replaces the message box (tests); an empty answerer brings it back. Returns the one replaced.
    static Answerer setAnswerer(Answerer answerer);

    Confirm() = delete;
};

} // namespace Bottega
