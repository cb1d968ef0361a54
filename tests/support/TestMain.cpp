// The main of every test suite: GoogleTest plus the application object Qt needs. A QApplication
// (offscreen platform, set by CTest) so that UI suites can create widgets.
#include <QApplication>
#include <QLocale>
#include <QLoggingCategory>
#include <gtest/gtest.h>

int main(int argc, char **argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("BottegaTests"));
    QApplication::setApplicationName(QStringLiteral("bottega-tests"));
    return RUN_ALL_TESTS();
}
