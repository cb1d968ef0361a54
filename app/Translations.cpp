#include "app/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace Bottega::Translations {

QString install(const QString &requested)
{
    QString language = requested;
    if (language.isEmpty())
        language = QLocale::system().language() == QLocale::Italian ? u"it"_s : u"en"_s;
    const QLocale locale(language == u"it"_s ? QLocale::Italian : QLocale::English,
                         language == u"it"_s ? QLocale::Italy : QLocale::UnitedStates);
    QLocale::setDefault(locale);

    auto *bottega = new QTranslator(QCoreApplication::instance());
    if (bottega->load(locale, u"bottega"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(bottega);
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    return language;
}

} // namespace Bottega::Translations
