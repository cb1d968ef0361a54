// MessageText: a recorded Message (core/domain/Message.h) in the reader's language, at the moment it
// is shown, in the window and on the command line alike. One table of every code with its English
// source text (translated through tr() in context "Bottega::MessageText") and the kind of each
// argument: text kept as it is, a count (plural), a local order state or a Gelato status (shown
// as words, never as codes), a date, or a list of nested messages. A message without a code is
// shown as it is; an unknown code (from a newer Bottega) is shown with its arguments.
#pragma once

#include "core/domain/Message.h"

#include <QString>

namespace Bottega::MessageText {

QString render(const Message &message);
// A stored message (a text column): its text in the reader's language.
QString renderStored(const QString &stored);
// Whether a code is in the table (tests: every code written is one that can be shown).
bool isKnown(const QString &code);
// Every code of the table, with the number of arguments it takes.
QList<std::pair<QString, int>> codes();

// Gelato's fulfilment status as words ("in_production" → "In production"); unknown ones as given.
QString gelatoStatus(const QString &status);

} // namespace Bottega::MessageText
