// CountryBox: chooses a country by its name in the reader's language (ICU's names for the
// territories QLocale knows), and gives its two-letter ISO code, which is what is stored and sent
// to Gelato. Typing a few letters of the name finds it; a code it does not know is kept and shown
// as it is. Lives on the window's thread.
#pragma once

#include <QComboBox>

namespace Bottega {

class CountryBox final : public QComboBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CountryBox)

public:
    explicit CountryBox(QWidget *parent = nullptr);
    ~CountryBox() override;

    // The chosen ISO code ("IT"); empty when none is chosen.
    QString code() const;
    // Chooses the country of code (any case); an empty code chooses none.
    void setCode(const QString &code);

    // The name of a country in the reader's language (QLocale's default): "Italia" for IT when
    // reading Italian; the code itself when no name is known.
    static QString countryName(const QString &code);

Q_SIGNALS:
    // The user chose another country.
    void codeEdited();
};

} // namespace Bottega
