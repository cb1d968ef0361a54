#include "ui/widgets/Confirm.h"

#include <QMessageBox>
#include <utility>

namespace Bottega {

namespace {

Confirm::Answerer &installedAnswerer()
{
    static Confirm::Answerer answerer;
    return answerer;
}

} // namespace

bool Confirm::ask(QWidget *parent, const QString &title, const QString &text)
{
    if (const Answerer &answerer = installedAnswerer())
        return answerer(Question {title, text, false}) == Answer::Yes;
    return QMessageBox::question(parent, title, text) == QMessageBox::Yes;
}

Confirm::Answer Confirm::askToSave(QWidget *parent, const QString &title, const QString &text)
{
    if (const Answerer &answerer = installedAnswerer())
        return answerer(Question {title, text, true});
    switch (QMessageBox::question(parent, title, text,
                                  QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                  QMessageBox::Save)) {
    case QMessageBox::Save:
        return Answer::Yes;
    case QMessageBox::Discard:
        return Answer::No;
    default:
        return Answer::Cancel;
    }
}

Confirm::Answerer Confirm::setAnswerer(Answerer answerer)
{
    return std::exchange(installedAnswerer(), std::move(answerer));
}

} // namespace Bottega
