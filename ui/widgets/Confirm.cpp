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
        return answerer(Question {title, text});
    return QMessageBox::question(parent, title, text) == QMessageBox::Yes;
}

Confirm::Answerer Confirm::setAnswerer(Answerer answerer)
{
    return std::exchange(installedAnswerer(), std::move(answerer));
}

} // namespace Bottega
