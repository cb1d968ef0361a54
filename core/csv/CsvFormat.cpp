#include "core/csv/CsvFormat.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Bottega {

Result<QList<QStringList>> CsvFormat::parse(const QString &input)
{
    const QString text = input.startsWith(QChar(0xFEFF)) ? input.mid(1) : input;
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool inQuotes = false;
    bool fieldStarted = false; // the record has content, so an empty line is not a record
    const auto endRecord = [&] {
        if (fieldStarted || !record.isEmpty()) {
            record.append(field);
            records.append(record);
        }
        record.clear();
        field.clear();
        fieldStarted = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field.append(u'"');
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                field.append(c);
            }
            continue;
        }
        if (c == u'"' && field.isEmpty()) {
            inQuotes = true;
            fieldStarted = true;
        } else if (c == u',') {
            record.append(field);
            field.clear();
            fieldStarted = true;
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
                ++i;
            endRecord();
        } else {
            field.append(c);
            fieldStarted = true;
        }
    }
    if (inQuotes)
        return makeError(QCoreApplication::translate("Bottega::CsvFormat",
                                                     "CSV row %1: a quoted field is never closed")
                                 .arg(records.size() + 1));
    endRecord();
    return records;
}

QString CsvFormat::quoted(const QString &field)
{
    static const QString special = u",\"\r\n"_s;
    bool needsQuotes = false;
    for (const QChar c : field) {
        if (special.contains(c)) {
            needsQuotes = true;
            break;
        }
    }
    if (!needsQuotes)
        return field;
    QString escaped = field;
    escaped.replace(u"\""_s, u"\"\""_s);
    return u'"' + escaped + u'"';
}

QString CsvFormat::line(const QStringList &fields)
{
    QStringList out;
    out.reserve(fields.size());
    for (const QString &field : fields)
        out.append(quoted(field));
    return out.join(u',') + u"\r\n"_s;
}

} // namespace Bottega
