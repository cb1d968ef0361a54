// Translations: installs Bottega's and Qt's own translators for the chosen language (--lang, else
// the system locale: Italian for an Italian system, English otherwise).
#pragma once

#include <QString>

namespace Bottega::Translations {

// Returns the language actually used: "it" or "en".
QString install(const QString &requested);

} // namespace Bottega::Translations
