// CsvFormat: RFC 4180 reading and writing (quoted fields with commas, quotes and line breaks; CRLF
// or LF; a UTF-8 byte order mark ignored), shared by the CSV imports and exports.
#pragma once

#include "core/domain/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Bottega {

class CsvFormat final
{
public:
    // Records in file order; blank lines are skipped. An unterminated quote is an error naming the
    // record it starts in (the header is record 1).
    static Result<QList<QStringList>> parse(const QString &text);
    // One record ending in CRLF; fields quoted only when they need it.
    static QString line(const QStringList &fields);
    static QString quoted(const QString &field);
};

} // namespace Bottega
