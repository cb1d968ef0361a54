#include "ui/widgets/FieldErrorMarker.h"

#include "ui/widgets/InlineMessage.h"

#include <QLineEdit>
#include <QPalette>

namespace Bottega {

FieldErrorMarker::FieldErrorMarker(InlineMessage *message) : m_message(message) { }

void FieldErrorMarker::addField(const QString &field, QWidget *widget)
{
    m_fields.insert(field, widget);
}

void FieldErrorMarker::show(const QString &field, const QString &message)
{
    clear();
    m_message->showMessage(InlineMessage::Type::Error, message);
    QWidget *widget = m_fields.value(field);
    if (!widget)
        return;
    m_markedField = field;
    QPalette tinted = widget->palette();
    tinted.setColor(QPalette::Base, QColor(0xfb, 0xe3, 0xe4)); // a light red
    widget->setPalette(tinted);
    m_savedToolTip = widget->toolTip();
    widget->setToolTip(message);
    widget->setFocus(Qt::OtherFocusReason);
    if (auto *line = qobject_cast<QLineEdit *>(widget))
        line->selectAll();
}

void FieldErrorMarker::clear()
{
    if (QWidget *widget = markedWidget()) {
        widget->setPalette(QPalette());
        widget->setToolTip(m_savedToolTip);
    }
    m_markedField.clear();
}

} // namespace Bottega
