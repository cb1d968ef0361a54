// FieldErrorMarker: shows a use case's refusal at the field it concerns: the message in the
// dialog's InlineMessage, the field focused, tinted and carrying the message as its tool tip, until
// clear() (the next save). Fields are known by the use case's names ("ean", "price").
#pragma once

#include <QHash>
#include <QPointer>
#include <QString>
#include <QWidget>

namespace Bottega {

class InlineMessage;

class FieldErrorMarker final
{
public:
    explicit FieldErrorMarker(InlineMessage *message);

    void addField(const QString &field, QWidget *widget);
    // An unknown (or empty) field shows the message alone.
    void show(const QString &field, const QString &message);
    void clear();

    // The field marked now, or empty / null.
    QString markedField() const { return m_markedField; }
    QWidget *markedWidget() const { return m_fields.value(m_markedField); }

private:
    InlineMessage *m_message;
    QHash<QString, QPointer<QWidget>> m_fields;
    QString m_markedField;
    QString m_savedToolTip; // the marked field's own, given back by clear()
};

} // namespace Bottega
