// SettingsPage on a real Settings file and real secret stores: values load, bad input is refused
// inline, good input is saved, secrets stay masked and go to the store.
#include "ui/pages/SettingsPage.h"

#include "core/secrets/InMemorySecretStore.h"
#include "core/secrets/SecretNames.h"
#include "core/settings/Settings.h"
#include "tests/support/TestUtil.h"
#include "tests/ui/LockedSecretStore.h"
#include "ui/pages/GelatoWebhookPanel.h"
#include "ui/widgets/InlineMessage.h"
#include "ui/widgets/SecretField.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>
#include <memory>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class SettingsPageTest : public testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        m_settings = std::make_unique<Settings>(iniPath());
    }

    QString iniPath() const { return m_dir.filePath(u"bottega.ini"_s); }
    Settings &settings() { return *m_settings; }

    std::unique_ptr<SettingsPage> makePage(SecretStore *secrets = nullptr)
    {
        AppContext context;
        context.settings = m_settings.get();
        context.secrets = secrets;
        auto page = std::make_unique<SettingsPage>(context);
        page->resize(900, 650);
        page->show();
        return page;
    }

    static QLineEdit *lineOf(SettingsPage &page, const QString &key)
    {
        return qobject_cast<QLineEdit *>(page.settingEditor(key)->editor());
    }

    // Types like a user: select all, then the new text.
    static void retype(QLineEdit *edit, const QString &text)
    {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Delete);
        QTest::keyClicks(edit, text);
    }

    static void clickSave(SettingsPage &page)
    {
        auto *save = page.findChild<QPushButton *>(u"saveButton"_s);
        ASSERT_TRUE(save);
        ASSERT_TRUE(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
    }

    // Every text the page shows in an editable or label widget.
    static QStringList visibleTexts(const QWidget &page)
    {
        QStringList texts;
        for (const QLineEdit *edit : page.findChildren<QLineEdit *>())
            texts << edit->text() << edit->displayText() << edit->placeholderText();
        for (const QLabel *label : page.findChildren<QLabel *>())
            texts << label->text();
        for (const QPlainTextEdit *edit : page.findChildren<QPlainTextEdit *>())
            texts << edit->toPlainText();
        return texts;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Settings> m_settings;
};

TEST_F(SettingsPageTest, LoadsTheStoredValues)
{
    ASSERT_TRUE(settings().set(u"server.listen"_s, u"127.0.0.1:8089"_s).ok());
    ASSERT_TRUE(settings().set(u"gelato.enabled"_s, u"true"_s).ok());
    ASSERT_TRUE(settings().set(u"poleepo.enabled"_s, u"false"_s).ok());
    ASSERT_TRUE(settings().set(u"company.name"_s, u"Stamperia Rossi S.r.l."_s).ok());
    ASSERT_TRUE(settings().set(u"server.public-url"_s, u"https://shop.example.com"_s).ok());

    auto page = makePage();
    EXPECT_EQ(lineOf(*page, u"server.listen"_s)->text(), u"127.0.0.1:8089"_s);
    EXPECT_EQ(lineOf(*page, u"company.name"_s)->text(), u"Stamperia Rossi S.r.l."_s);
    EXPECT_TRUE(qobject_cast<QCheckBox *>(page->settingEditor(u"gelato.enabled"_s)->editor())->isChecked());
    EXPECT_FALSE(qobject_cast<QCheckBox *>(page->settingEditor(u"poleepo.enabled"_s)->editor())->isChecked());
    EXPECT_EQ(page->gelatoWebhookPanel()->webhookUrl(), u"https://shop.example.com/gelato/webhook"_s);
    EXPECT_FALSE(page->hasUnsavedChanges());
    EXPECT_FALSE(page->findChild<QPushButton *>(u"saveButton"_s)->isEnabled());
}

TEST_F(SettingsPageTest, ABadListenAddressShowsAnInlineErrorAndIsNotSaved)
{
    ASSERT_TRUE(settings().set(u"server.listen"_s, u"127.0.0.1:8089"_s).ok());
    auto page = makePage();
    QSignalSpy finished(page.get(), &SettingsPage::saveFinished);

    retype(lineOf(*page, u"server.listen"_s), u"127.0.0.1:99999"_s);
    EXPECT_TRUE(page->hasUnsavedChanges());
    clickSave(*page);

    SettingEditor *editor = page->settingEditor(u"server.listen"_s);
    const QString expected = Settings(iniPath()).set(u"server.listen"_s, u"127.0.0.1:99999"_s).error();
    ASSERT_FALSE(expected.isEmpty());
    EXPECT_EQ(editor->errorText(), expected);
    EXPECT_TRUE(editor->findChild<InlineMessage *>(u"error"_s)->isVisible());
    EXPECT_EQ(QApplication::activeModalWidget(), nullptr); // inline, not a dialog
    EXPECT_EQ(page->message()->type(), InlineMessage::Type::Error);
    ASSERT_EQ(finished.count(), 1);
    EXPECT_FALSE(finished.at(0).at(0).toBool());

    // Nothing saved, neither in this Settings nor in the file; the edit is kept for fixing.
    EXPECT_EQ(settings().text(u"server.listen"_s), u"127.0.0.1:8089"_s);
    EXPECT_EQ(Settings(iniPath()).text(u"server.listen"_s), u"127.0.0.1:8089"_s);
    EXPECT_EQ(lineOf(*page, u"server.listen"_s)->text(), u"127.0.0.1:99999"_s);
    EXPECT_TRUE(page->hasUnsavedChanges());

    // Typing again clears the error.
    QTest::keyClick(lineOf(*page, u"server.listen"_s), Qt::Key_Backspace);
    EXPECT_TRUE(editor->errorText().isEmpty());
}

TEST_F(SettingsPageTest, AGoodListenAddressIsSaved)
{
    auto page = makePage();
    retype(lineOf(*page, u"server.listen"_s), u"127.0.0.1:8089"_s);
    retype(lineOf(*page, u"company.name"_s), u"Bottega Demo"_s);
    clickSave(*page);

    EXPECT_TRUE(page->settingEditor(u"server.listen"_s)->errorText().isEmpty());
    EXPECT_EQ(settings().text(u"server.listen"_s), u"127.0.0.1:8089"_s);
    EXPECT_EQ(Settings(iniPath()).text(u"server.listen"_s), u"127.0.0.1:8089"_s);
    EXPECT_EQ(Settings(iniPath()).companyName(), u"Bottega Demo"_s);
    EXPECT_FALSE(page->hasUnsavedChanges());
    EXPECT_EQ(page->message()->type(), InlineMessage::Type::Positive);
    // The webhook URL follows the listen address while no public URL is set.
    EXPECT_EQ(page->gelatoWebhookPanel()->webhookUrl(), u"http://127.0.0.1:8089/gelato/webhook"_s);
}

TEST_F(SettingsPageTest, SavesGoodFieldsAndKeepsTheBadOneForFixing)
{
    auto page = makePage();
    retype(lineOf(*page, u"server.public-url"_s), u"https://hooks.example.com/bottega/"_s);
    retype(lineOf(*page, u"server.listen"_s), u"not an address"_s);
    clickSave(*page);

    EXPECT_FALSE(page->settingEditor(u"server.listen"_s)->errorText().isEmpty());
    EXPECT_TRUE(page->settingEditor(u"server.public-url"_s)->errorText().isEmpty());
    EXPECT_EQ(Settings(iniPath()).serverPublicUrl(), QUrl(u"https://hooks.example.com/bottega/"_s));
    EXPECT_EQ(page->gelatoWebhookPanel()->webhookUrl(),
              u"https://hooks.example.com/bottega/gelato/webhook"_s);
    EXPECT_TRUE(Settings(iniPath()).isDefault(u"server.listen"_s));
}

TEST_F(SettingsPageTest, RevertDiscardsEdits)
{
    ASSERT_TRUE(settings().set(u"company.name"_s, u"Original"_s).ok());
    auto page = makePage();
    retype(lineOf(*page, u"company.name"_s), u"Changed"_s);
    QTest::mouseClick(qobject_cast<QCheckBox *>(page->settingEditor(u"gelato.enabled"_s)->editor()),
                      Qt::LeftButton);
    ASSERT_TRUE(page->hasUnsavedChanges());

    QTest::mouseClick(page->findChild<QPushButton *>(u"revertButton"_s), Qt::LeftButton);
    EXPECT_EQ(lineOf(*page, u"company.name"_s)->text(), u"Original"_s);
    EXPECT_FALSE(page->hasUnsavedChanges());
    EXPECT_EQ(Settings(iniPath()).companyName(), u"Original"_s);
}

TEST_F(SettingsPageTest, SecretsShowOnlyWhetherTheyAreSet)
{
    InMemorySecretStore store;
    bool written = false;
    store.write(SecretNames::gelatoApiKey(), u"k123-very-secret"_s,
                [&](const Result<void> &r) { written = r.ok(); });
    ASSERT_TRUE(waitUntil([&] { return written; }));

    auto page = makePage(&store);
    SecretField *apiKey = page->secretField(SecretNames::gelatoApiKey());
    SecretField *webhookSecret = page->secretField(SecretNames::gelatoWebhookSecret());
    ASSERT_TRUE(apiKey && webhookSecret);
    ASSERT_TRUE(page->secretField(SecretNames::poleepoClientId()));
    ASSERT_TRUE(page->secretField(SecretNames::poleepoClientSecret()));
    EXPECT_EQ(apiKey->state(), SecretField::State::Checking); // the answer comes later, never inline

    ASSERT_TRUE(waitUntil([&] {
        return apiKey->state() == SecretField::State::Set
                && webhookSecret->state() == SecretField::State::NotSet;
    }));
    EXPECT_EQ(apiKey->lineEdit()->echoMode(), QLineEdit::Password);
    EXPECT_TRUE(apiKey->lineEdit()->text().isEmpty());
    EXPECT_TRUE(apiKey->lineEdit()->placeholderText().startsWith(u"Set"_s));
    EXPECT_EQ(webhookSecret->lineEdit()->placeholderText(), u"Not set"_s);
    EXPECT_FALSE(visibleTexts(*page).join(u'\n').contains(u"k123-very-secret"_s));
}

TEST_F(SettingsPageTest, AChangedSecretIsWrittenToTheStoreAndNeverShown)
{
    InMemorySecretStore store;
    auto page = makePage(&store);
    SecretField *field = page->secretField(SecretNames::gelatoWebhookSecret());
    ASSERT_TRUE(waitUntil([&] { return field->state() == SecretField::State::NotSet; }));

    QTest::mouseClick(field->findChild<QPushButton *>(u"changeButton"_s), Qt::LeftButton);
    ASSERT_TRUE(field->isChanging());
    QTest::keyClicks(field->lineEdit(), u"whsec-4242"_s);
    EXPECT_TRUE(page->hasUnsavedChanges());
    EXPECT_NE(field->lineEdit()->displayText(), u"whsec-4242"_s); // masked while typing

    QSignalSpy finished(page.get(), &SettingsPage::saveFinished);
    clickSave(*page);
    EXPECT_EQ(field->state(), SecretField::State::Saving); // busy until the store answers
    EXPECT_TRUE(page->isSaving());
    ASSERT_TRUE(finished.wait(5000));
    EXPECT_TRUE(finished.at(0).at(0).toBool());

    SecretLookup lookup;
    bool answered = false;
    store.read(SecretNames::gelatoWebhookSecret(), [&](const SecretLookup &l) {
        lookup = l;
        answered = true;
    });
    ASSERT_TRUE(waitUntil([&] { return answered; }));
    EXPECT_EQ(lookup.status, SecretLookup::Status::Found);
    EXPECT_EQ(lookup.value, u"whsec-4242"_s);

    ASSERT_TRUE(waitUntil([&] { return field->state() == SecretField::State::Set; }));
    EXPECT_FALSE(field->isChanging());
    EXPECT_TRUE(field->lineEdit()->text().isEmpty());
    EXPECT_FALSE(visibleTexts(*page).join(u'\n').contains(u"whsec-4242"_s));
    // Nor in the settings file.
    QFile ini(iniPath());
    if (ini.open(QIODevice::ReadOnly)) {
        EXPECT_FALSE(ini.readAll().contains("whsec-4242"));
    }
}

TEST_F(SettingsPageTest, TheStoresErrorIsShownWhenTheKeyringIsLocked)
{
    LockedSecretStore store;
    auto page = makePage(&store);
    SecretField *field = page->secretField(SecretNames::gelatoApiKey());
    ASSERT_TRUE(waitUntil([&] { return field->state() == SecretField::State::ReadFailed; }));
    EXPECT_EQ(field->errorText(), LockedSecretStore::lockedError());

    field->startChange();
    QTest::keyClicks(field->lineEdit(), u"k999"_s);
    QSignalSpy finished(page.get(), &SettingsPage::saveFinished);
    clickSave(*page);
    ASSERT_TRUE(finished.wait(5000));
    EXPECT_FALSE(finished.at(0).at(0).toBool());
    EXPECT_EQ(store.writeAttempts(), 1);

    EXPECT_EQ(field->errorText(), LockedSecretStore::lockedError());
    const auto *message = field->findChild<InlineMessage *>();
    ASSERT_TRUE(message);
    EXPECT_TRUE(message->isVisible());
    EXPECT_TRUE(message->text().contains(LockedSecretStore::lockedError())) << message->text().toStdString();
    EXPECT_EQ(page->message()->type(), InlineMessage::Type::Error);
    // The typed value stays (masked) so the user can retry after unlocking.
    EXPECT_TRUE(field->hasPendingChange());
    EXPECT_EQ(QApplication::activeModalWidget(), nullptr);
}

// Issue 13: a connector switched off shows no keyring errors for its secrets; switched on, it does.
TEST_F(SettingsPageTest, AServiceSwitchedOffShowsNoKeyringErrors)
{
    ASSERT_TRUE(settings().set(u"poleepo.enabled"_s, u"false"_s).ok());
    LockedSecretStore store;
    auto page = makePage(&store);
    page->show();
    SecretField *clientId = page->secretField(SecretNames::poleepoClientId());
    ASSERT_TRUE(waitUntil([&] { return clientId->state() == SecretField::State::ReadFailed; }));
    const auto *message = clientId->findChild<InlineMessage *>();
    ASSERT_TRUE(message);
    EXPECT_TRUE(clientId->isServiceOff());
    EXPECT_FALSE(message->hasMessage()) << message->text().toStdString();
    EXPECT_EQ(clientId->lineEdit()->placeholderText(), u"Unknown"_s); // still honest about it

    auto *enabled = qobject_cast<QCheckBox *>(page->settingEditor(u"poleepo.enabled"_s)->editor());
    ASSERT_TRUE(enabled);
    enabled->click();
    EXPECT_FALSE(clientId->isServiceOff());
    EXPECT_TRUE(message->hasMessage());
    EXPECT_TRUE(message->text().contains(LockedSecretStore::lockedError())) << message->text().toStdString();
}

TEST_F(SettingsPageTest, TheGelatoFormValuesAreShownReadyToCopy)
{
    ASSERT_TRUE(settings().set(u"server.public-url"_s, u"https://shop.example.com"_s).ok());
    auto page = makePage();
    GelatoWebhookPanel *panel = page->gelatoWebhookPanel();
    auto *url = panel->findChild<QWidget *>(u"webhookUrl"_s)->findChild<QLineEdit *>();
    ASSERT_TRUE(url);
    EXPECT_TRUE(url->isReadOnly());
    EXPECT_EQ(url->text(), u"https://shop.example.com/gelato/webhook"_s);
    EXPECT_EQ(panel->findChild<QWidget *>(u"webhookEvent"_s)->findChild<QLineEdit *>()->text(),
              u"order_status_updated"_s);
    EXPECT_EQ(panel->findChild<QWidget *>(u"webhookHeaderName"_s)->findChild<QLineEdit *>()->text(),
              u"signature"_s);
    EXPECT_EQ(panel->findChild<QLabel *>(u"webhookMethod"_s)->text(), u"POST"_s);

    QTest::mouseClick(panel->findChild<QWidget *>(u"webhookUrl"_s)->findChild<QPushButton *>(u"copyButton"_s),
                      Qt::LeftButton);
    EXPECT_EQ(QGuiApplication::clipboard()->text(), u"https://shop.example.com/gelato/webhook"_s);
}

} // namespace
} // namespace Bottega::Test
