#include "ui/widgets/CountryBox.h"

#include <QCollator>
#include <QCompleter>
#include <QLineEdit>
#include <QLocale>

#ifdef BOTTEGA_HAVE_ICU
#include <unicode/locid.h>
#include <unicode/unistr.h>
#endif

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// The two-letter codes of the territories QLocale knows ("001" and other regions left out).
QStringList territoryCodes()
{
    QStringList codes;
    for (int value = int(QLocale::AnyTerritory) + 1; value <= int(QLocale::LastTerritory); ++value) {
        const QString code = QLocale::territoryToCode(QLocale::Territory(value));
        if (code.size() == 2 && code.at(0).isLetter() && !codes.contains(code))
            codes.append(code);
    }
    return codes;
}

} // namespace

QString CountryBox::countryName(const QString &code)
{
    const QString upper = code.trimmed().toUpper();
    if (upper.size() != 2)
        return upper;
#ifdef BOTTEGA_HAVE_ICU
    // QLocale names territories in English only; ICU (which Qt itself uses) has every language's.
    const icu::Locale place("und", upper.toLatin1().constData());
    const icu::Locale reader(QLocale().bcp47Name().toLatin1().constData());
    icu::UnicodeString name;
    place.getDisplayCountry(reader, name);
    const QString found = QString(reinterpret_cast<const QChar *>(name.getBuffer()), name.length());
    if (!found.isEmpty())
        return found;
#endif
    const QLocale::Territory territory = QLocale::codeToTerritory(upper);
    return territory == QLocale::AnyTerritory ? upper : QLocale::territoryToString(territory);
}

CountryBox::CountryBox(QWidget *parent) : QComboBox(parent)
{
    setObjectName(u"country"_s);
    QList<std::pair<QString, QString>> countries; // name, code
    for (const QString &code : territoryCodes())
        countries.append({countryName(code), code});
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    std::sort(countries.begin(), countries.end(),
              [&collator](const auto &a, const auto &b) { return collator.compare(a.first, b.first) < 0; });
    addItem(QString(), QString());
    for (const auto &[name, code] : countries)
        addItem(tr("%1 (%2)").arg(name, code), code);
    // Typed letters find a country anywhere in its name ("ital", "(IT)").
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    completer()->setFilterMode(Qt::MatchContains);
    completer()->setCompletionMode(QCompleter::PopupCompletion);
    lineEdit()->setPlaceholderText(tr("Type or choose a country"));
    setMaxVisibleItems(20);
    // The longest country names would widen the whole address form; the list shows them whole.
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(16);
    connect(this, &QComboBox::activated, this, [this] { Q_EMIT codeEdited(); });
    // Text typed that names no country: back to the chosen one when leaving the field.
    connect(lineEdit(), &QLineEdit::editingFinished, this, [this] {
        const int index = findText(currentText(), Qt::MatchFixedString);
        if (index >= 0 && index != currentIndex()) {
            setCurrentIndex(index);
            Q_EMIT codeEdited();
        } else if (index < 0) {
            setEditText(itemText(currentIndex()));
        }
    });
}

CountryBox::~CountryBox() = default;

QString CountryBox::code() const
{
    return currentIndex() < 0 ? QString() : currentData().toString();
}

void CountryBox::setCode(const QString &code)
{
    const QString upper = code.trimmed().toUpper();
    int index = findData(upper);
    if (index < 0) {
        // Kept as it is (an old row, an import) so that nothing is lost; AddressCheck names it.
        addItem(upper, upper);
        index = count() - 1;
    }
    setCurrentIndex(index);
}

} // namespace Bottega
