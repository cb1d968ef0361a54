// The window at 1100×700, in English and in a pseudo-language whose words are 40% longer: every
// page fits without being squeezed below its minimum size. With BOTTEGA_UI_SCREENSHOT_DIR set, each
// page is also saved as a PNG there, to look at.
#include "core/secrets/InMemorySecretStore.h"
#include "core/settings/Settings.h"
#include "tests/support/TestUtil.h"
#include "tests/ui/LengtheningTranslator.h"
#include "tests/ui/LockedSecretStore.h"
#include "tests/ui/SchedulerFixture.h"
#include "ui/MainWindow.h"
#include "ui/pages/SettingsPage.h"
#include "ui/widgets/SecretField.h"
#include "ui/widgets/SettingEditor.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMetaEnum>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class LayoutTest : public SchedulerFixture
{
protected:
    void checkEveryPageFits(const QString &language)
    {
        QTemporaryDir dir;
        ASSERT_TRUE(dir.isValid());
        Settings settings(dir.filePath(u"bottega.ini"_s));
        InMemorySecretStore secrets;
        AppContext context;
        context.settings = &settings;
        context.secrets = &secrets;
        context.scheduler = &scheduler();
        context.serverError = u"cannot listen on 127.0.0.1:8069: the address is already in use"_s;
        scheduler().runNow(processWebhooks(), {});
        scheduler().runNow(cleanupWebhooks(), {});
        ASSERT_TRUE(
                waitUntil([&] { return runs(cleanupWebhooks()) == 1 && !scheduler().isRunningAnyJob(); }));

        MainWindow window(context);
        window.resize(1100, 700);
        window.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));

        const QString screenshots = qEnvironmentVariable("BOTTEGA_UI_SCREENSHOT_DIR");
        const QMetaEnum pages = QMetaEnum::fromType<MainWindow::Page>();
        for (int row = 0; row < MainWindow::PageCount; ++row) {
            window.showPage(MainWindow::Page(row));
            spinFor(20); // secret reads and layout requests
            const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
            EXPECT_LE(minimum.width(), 1100) << language.toStdString() << " " << pages.valueToKey(row);
            EXPECT_LE(minimum.height(), 700) << language.toStdString() << " " << pages.valueToKey(row);
            EXPECT_EQ(window.size(), QSize(1100, 700)) << pages.valueToKey(row);

            // No label of the page is cut: each one has at least its minimum width.
            for (const QLabel *label : window.pages()->currentWidget()->findChildren<QLabel *>()) {
                if (!label->isVisible() || label->wordWrap() || label->text().isEmpty())
                    continue;
                EXPECT_GE(label->width(), label->minimumSizeHint().width())
                        << language.toStdString() << " " << pages.valueToKey(row) << ": "
                        << label->text().toStdString();
            }
            // A scrolling page needs no horizontal scrolling: its content fits the width.
            for (const QScrollArea *area : window.pages()->currentWidget()->findChildren<QScrollArea *>()) {
                EXPECT_LE(area->widget()->minimumSizeHint().width(), area->viewport()->width())
                        << language.toStdString() << " " << pages.valueToKey(row);
            }
            // Values to copy (read-only fields) are shown whole.
            for (const QLineEdit *edit : window.pages()->currentWidget()->findChildren<QLineEdit *>()) {
                if (!edit->isVisible() || !edit->isReadOnly() || edit->echoMode() != QLineEdit::Normal)
                    continue;
                EXPECT_GT(edit->width(), edit->fontMetrics().horizontalAdvance(edit->text()) + 8)
                        << language.toStdString() << " " << pages.valueToKey(row) << ": "
                        << edit->text().toStdString();
            }
            if (!screenshots.isEmpty()) {
                QDir().mkpath(screenshots);
                const QString file
                        = QDir(screenshots)
                                  .filePath(u"%1-%2.png"_s.arg(
                                          language,
                                          QLatin1StringView(pages.valueToKey(row)).toString().toLower()));
                EXPECT_TRUE(window.grab().save(file)) << file.toStdString();
            }
        }
        // The sidebar shows every entry whole.
        for (int row = 0; row < window.sidebar()->count(); ++row) {
            const QString text = window.sidebar()->item(row)->text();
            const int needed = window.sidebar()->fontMetrics().horizontalAdvance(text)
                    + window.sidebar()->iconSize().width();
            EXPECT_LT(needed, window.sidebar()->viewport()->width()) << text.toStdString();
        }
    }
};

TEST_F(LayoutTest, EveryPageFitsAt1100x700InEnglish)
{
    checkEveryPageFits(u"en"_s);
}

TEST_F(LayoutTest, EveryPageFitsAt1100x700WithWordsFortyPercentLonger)
{
    LengtheningTranslator translator;
    ASSERT_TRUE(QCoreApplication::installTranslator(&translator));
    EXPECT_EQ(QCoreApplication::translate("Bottega::MainWindow", "Settings"), u"Settingsings"_s);
    checkEveryPageFits(u"long"_s);
    QCoreApplication::removeTranslator(&translator);
}

TEST_F(LayoutTest, SettingsWithErrorsShownStillFit)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    Settings settings(dir.filePath(u"bottega.ini"_s));
    LockedSecretStore secrets;
    AppContext context;
    context.settings = &settings;
    context.secrets = &secrets;
    MainWindow window(context);
    window.resize(1100, 700);
    window.showPage(MainWindow::Page::Settings);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));

    auto *page = qobject_cast<SettingsPage *>(window.page(MainWindow::Page::Settings));
    ASSERT_TRUE(page);
    page->settingEditor(u"server.listen"_s)->setText(u"127.0.0.1:99999"_s);
    page->settingEditor(u"server.public-url"_s)->setText(u"shop.example.com"_s);
    SecretField *apiKey = page->secretField(u"gelato.api-key"_s);
    ASSERT_TRUE(waitUntil([&] { return apiKey->state() == SecretField::State::ReadFailed; }));
    apiKey->startChange();
    QTest::keyClicks(apiKey->lineEdit(), u"k123"_s);
    page->save();
    ASSERT_TRUE(waitUntil([&] { return !page->isSaving(); }));
    spinFor(20);

    EXPECT_FALSE(page->settingEditor(u"server.listen"_s)->errorText().isEmpty());
    const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
    EXPECT_LE(minimum.width(), 1100);
    EXPECT_LE(minimum.height(), 700);
    for (const QScrollArea *area : page->findChildren<QScrollArea *>())
        EXPECT_LE(area->widget()->minimumSizeHint().width(), area->viewport()->width());

    const QString screenshots = qEnvironmentVariable("BOTTEGA_UI_SCREENSHOT_DIR");
    if (!screenshots.isEmpty()) {
        QDir().mkpath(screenshots);
        EXPECT_TRUE(window.grab().save(QDir(screenshots).filePath(u"en-settings-errors.png"_s)));
    }
}

} // namespace
} // namespace Bottega::Test
