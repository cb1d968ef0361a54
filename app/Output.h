// Output: how commands talk to the terminal. Text by default, JSON with --json (camelCase keys);
// errors are one line on stderr prefixed "bottega: ".
#pragma once

#include "core/domain/Message.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace Bottega::Output {

// A recorded message for --json: its code and arguments (empty code: text from outside or an older
// row) and its text in the reader's language (--lang).
QJsonObject message(const Message &message);
QJsonObject storedMessage(const QString &stored);

// A time for --json: ISO 8601 with its offset, null when unknown.
QJsonValue time(const QDateTime &time);
// A time for text output: local, "yyyy-MM-dd HH:mm:ss", "-" when unknown.
QString timeText(const QDateTime &time);

void line(const QString &text); // stdout, newline added
void json(const QJsonValue &value); // stdout, indented
void error(const QString &message); // stderr: "bottega: <message>"
void table(const QList<QStringList> &rows); // stdout, columns padded; first row is the header

} // namespace Bottega::Output
