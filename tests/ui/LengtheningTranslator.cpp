#include "tests/ui/LengtheningTranslator.h"

namespace Bottega::Test {

QString LengtheningTranslator::translate(const char *, const char *sourceText, const char *, int) const
{
    if (!sourceText)
        return {};
    return lengthen(QString::fromUtf8(sourceText));
}

QString LengtheningTranslator::lengthen(const QString &text)
{
    QString result;
    result.reserve(text.size() * 2);
    qsizetype i = 0;
    while (i < text.size()) {
        const QChar c = text.at(i);
        const bool placeholder = c == u'%' && i + 1 < text.size();
        if (placeholder) {
            // %1, %n, %L1: copied as they are.
            result += c;
            ++i;
            while (i < text.size() && (text.at(i).isDigit() || text.at(i) == u'n' || text.at(i) == u'L'))
                result += text.at(i++);
            continue;
        }
        if (!c.isLetter()) {
            result += c;
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < text.size() && text.at(end).isLetter())
            ++end;
        const QString word = text.mid(i, end - i);
        // Words of one or two letters ("a", "to") barely grow in Italian either.
        const qsizetype extra = word.size() <= 2 ? 0 : (word.size() * 2 + 4) / 5;
        result += word + word.right(extra).toLower();
        i = end;
    }
    return result;
}

} // namespace Bottega::Test
