// LengtheningTranslator: a pseudo-translation that makes every word about 40% longer, like Italian
// next to English ("Settings" → "Impostazioni"), so layout tests see whether longer strings fit
// before the real translation exists. Placeholders (%1, %n) and mnemonics stay intact.
#pragma once

#include <QTranslator>

namespace Bottega::Test {

class LengtheningTranslator final : public QTranslator
{
public:
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *sourceText, const char *disambiguation = nullptr,
                      int n = -1) const override;

    static QString lengthen(const QString &text);
};

} // namespace Bottega::Test
