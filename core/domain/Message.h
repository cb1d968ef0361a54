// Message: what Bottega records while it works (a timeline entry, a queue note or error, a job
// result) as a fact: a code plus arguments, turned into words in the reader's language only when
// shown (core/messages/MessageText). Text that comes from outside (Gelato's or Poleepo's own error
// message) is an argument, kept as it is. A message without a code is text shown as it is: text
// from outside, or a row written before messages were facts.
//
// Stored in a text column as compact JSON, {"code": "order.gelato-status", "args": ["shipped"]};
// anything else read back is text.
#pragma once

#include <QString>
#include <QStringList>

namespace Bottega {

struct Message
{
    QString code; // "order.gelato-status"; empty: args.value(0) is text shown as it is
    QStringList args;

    Message() = default;
    // Text shown as it is (from outside, or older rows). Implicit on purpose: a plain QString
    // where a Message is expected is such text.
    Message(const QString &text) // NOLINT(google-explicit-constructor)
    {
        if (!text.isEmpty())
            args = {text};
    }
    static Message of(const QString &code, const QStringList &args = {})
    {
        Message message;
        message.code = code;
        message.args = args;
        return message;
    }

    bool isEmpty() const { return code.isEmpty() && args.isEmpty(); }
    bool isText() const { return code.isEmpty(); }
    QString text() const { return code.isEmpty() ? args.value(0) : QString(); }

    QString toStored() const;
    static Message fromStored(const QString &stored);

    friend bool operator==(const Message &, const Message &) = default;
};

} // namespace Bottega
