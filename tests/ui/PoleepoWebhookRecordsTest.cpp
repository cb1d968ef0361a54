// CONF-4 in the window: Settings lists the Poleepo webhook records with their full URLs; a record is
// added and edited through its dialog on a real SQLite database, its secret goes to the secret store
// (never to the database), and after saving the dialog shows the URL to paste into Poleepo.
#include "core/secrets/InMemorySecretStore.h"
#include "core/secrets/SecretNames.h"
#include "core/settings/Settings.h"
#include "core/store/WebhookRecordRepository.h"
#include "tests/support/TestUtil.h"
#include "tests/support/database/TestDatabase.h"
#include "ui/pages/PoleepoWebhookPanel.h"
#include "ui/pages/SettingsPage.h"
#include "ui/pages/WebhookRecordDialog.h"
#include "ui/widgets/CopyableValue.h"
#include "ui/widgets/InlineMessage.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class PoleepoWebhookRecordsTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto created = TestDatabase::create(Backend::Sqlite);
        ASSERT_TRUE(created.ok()) << qPrintable(created.error());
        m_store = std::move(*created);
        ASSERT_TRUE(m_dir.isValid());
        m_settings = std::make_unique<Settings>(m_dir.filePath(u"bottega.ini"_s));
        ASSERT_TRUE(m_settings->set(u"server.public-url"_s, u"https://shop.example.com/"_s).ok());
    }

    Database &db() { return m_store->database(); }

    std::unique_ptr<SettingsPage> makePage()
    {
        AppContext context;
        context.settings = m_settings.get();
        context.secrets = &secrets;
        context.database = &db();
        auto page = std::make_unique<SettingsPage>(context);
        page->resize(1100, 750);
        page->show();
        return page;
    }

    QString storedSecret(const QString &key)
    {
        QString value;
        bool done = false;
        secrets.read(key, [&](const SecretLookup &lookup) {
            value = lookup.value;
            done = true;
        });
        EXPECT_TRUE(waitUntil([&done] { return done; }));
        return value;
    }

    InMemorySecretStore secrets;
    std::unique_ptr<TestDatabase> m_store;
    QTemporaryDir m_dir;
    std::unique_ptr<Settings> m_settings;
};

TEST_F(PoleepoWebhookRecordsTest, SettingsListsEachRecordWithItsFullUrl)
{
    WebhookRecord orders;
    orders.name = u"negozio-ordini"_s;
    orders.events = {u"STATUS_ORDER"_s};
    ASSERT_TRUE(WebhookRecordRepository(db()).create(orders).ok());
    WebhookRecord shipments;
    shipments.name = u"spedizioni"_s;
    shipments.events = {u"STATUS_SHIPMENT"_s};
    shipments.active = false;
    ASSERT_TRUE(WebhookRecordRepository(db()).create(shipments).ok());

    auto page = makePage();
    PoleepoWebhookPanel *panel = page->poleepoWebhookPanel();
    ASSERT_TRUE(panel);
    EXPECT_EQ(panel->urls(),
              (QStringList {u"https://shop.example.com/poleepo/webhook/negozio-ordini"_s,
                            u"https://shop.example.com/poleepo/webhook/spedizioni"_s}));
    auto *table = panel->findChild<QTableWidget *>(u"recordTable"_s);
    ASSERT_TRUE(table);
    EXPECT_EQ(table->item(0, 1)->text(), u"STATUS_ORDER"_s);
    EXPECT_TRUE(table->item(1, 0)->text().startsWith("spedizioni "_L1)); // marked inactive

    // Selecting one shows its URL ready to copy.
    table->selectRow(1);
    auto *selected = panel->findChild<CopyableValue *>(u"selectedRecordUrl"_s);
    ASSERT_TRUE(selected && selected->isVisible());
    QTest::mouseClick(selected->copyButton(), Qt::LeftButton);
    EXPECT_EQ(QGuiApplication::clipboard()->text(), u"https://shop.example.com/poleepo/webhook/spedizioni"_s);
}

TEST_F(PoleepoWebhookRecordsTest, AddingARecordStoresItsSecretAndShowsTheUrlToPaste)
{
    auto page = makePage();
    PoleepoWebhookPanel *panel = page->poleepoWebhookPanel();
    QTest::mouseClick(panel->findChild<QPushButton *>(u"addRecord"_s), Qt::LeftButton);
    auto *dialog = panel->findChild<WebhookRecordDialog *>();
    ASSERT_TRUE(dialog && dialog->isVisible());
    auto *name = dialog->findChild<QLineEdit *>(u"recordName"_s);
    auto *secret = dialog->findChild<QLineEdit *>(u"recordSecret"_s);
    auto *save = dialog->findChild<QPushButton *>(u"saveRecord"_s);
    auto *message = dialog->findChild<InlineMessage *>(u"recordMessage"_s);

    // A space cannot even be typed: the name is part of the URL.
    QTest::keyClicks(name, u"my shop"_s);
    EXPECT_EQ(name->text(), u"myshop"_s);
    // Without a secret nothing is saved.
    QTest::mouseClick(save, Qt::LeftButton);
    EXPECT_EQ(message->type(), InlineMessage::Type::Error);
    EXPECT_TRUE(WebhookRecordRepository(db()).list()->isEmpty());
    // Nor without an event.
    QTest::keyClicks(secret, u"poleepo-hmac-key"_s);
    dialog->findChild<QCheckBox *>(u"eventStatusOrder"_s)->setChecked(false);
    dialog->findChild<QCheckBox *>(u"eventStatusShipment"_s)->setChecked(false);
    QTest::mouseClick(save, Qt::LeftButton);
    EXPECT_EQ(message->type(), InlineMessage::Type::Error);
    EXPECT_TRUE(WebhookRecordRepository(db()).list()->isEmpty());

    dialog->findChild<QCheckBox *>(u"eventStatusShipment"_s)->setChecked(true);
    QSignalSpy saved(dialog, &WebhookRecordDialog::saved);
    QTest::mouseClick(save, Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&saved] { return saved.size() == 1; }));

    // The dialog stays open with the URL and its Copy button.
    EXPECT_TRUE(dialog->isVisible());
    auto *url = dialog->findChild<CopyableValue *>(u"recordUrl"_s);
    ASSERT_TRUE(url && url->isVisible());
    EXPECT_EQ(url->value(), u"https://shop.example.com/poleepo/webhook/myshop"_s);
    QTest::mouseClick(url->copyButton(), Qt::LeftButton);
    EXPECT_EQ(QGuiApplication::clipboard()->text(), u"https://shop.example.com/poleepo/webhook/myshop"_s);

    const auto stored = WebhookRecordRepository(db()).findByName(u"myshop"_s);
    ASSERT_TRUE(stored.ok() && stored->has_value());
    EXPECT_EQ((*stored)->events, QStringList {u"STATUS_SHIPMENT"_s});
    EXPECT_EQ(storedSecret(SecretNames::poleepoWebhookSecret(u"myshop"_s)), u"poleepo-hmac-key"_s);
    EXPECT_EQ(panel->urls(), QStringList {u"https://shop.example.com/poleepo/webhook/myshop"_s});

    // A second record of the same name is refused, naming it.
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"closeRecord"_s), Qt::LeftButton);
    QTest::mouseClick(panel->findChild<QPushButton *>(u"addRecord"_s), Qt::LeftButton);
    WebhookRecordDialog *again = nullptr;
    ASSERT_TRUE(waitUntil([&] {
        for (auto *candidate : panel->findChildren<WebhookRecordDialog *>())
            again = candidate != dialog && candidate->isVisible() ? candidate : again;
        return again != nullptr;
    }));
    QTest::keyClicks(again->findChild<QLineEdit *>(u"recordName"_s), u"myshop"_s);
    QTest::keyClicks(again->findChild<QLineEdit *>(u"recordSecret"_s), u"other"_s);
    QTest::mouseClick(again->findChild<QPushButton *>(u"saveRecord"_s), Qt::LeftButton);
    auto *againMessage = again->findChild<InlineMessage *>(u"recordMessage"_s);
    EXPECT_EQ(againMessage->type(), InlineMessage::Type::Error);
    EXPECT_TRUE(againMessage->text().contains("myshop"_L1)) << qPrintable(againMessage->text());
    EXPECT_EQ(storedSecret(SecretNames::poleepoWebhookSecret(u"myshop"_s)), u"poleepo-hmac-key"_s);
}

TEST_F(PoleepoWebhookRecordsTest, EditingKeepsTheNameAndTheSecretUnlessANewOneIsTyped)
{
    WebhookRecord record;
    record.name = u"negozio"_s;
    record.events = {u"STATUS_ORDER"_s};
    ASSERT_TRUE(WebhookRecordRepository(db()).create(record).ok());
    bool written = false;
    secrets.write(SecretNames::poleepoWebhookSecret(u"negozio"_s), u"first"_s,
                  [&written](const Result<void> &) { written = true; });
    ASSERT_TRUE(waitUntil([&written] { return written; }));

    auto page = makePage();
    PoleepoWebhookPanel *panel = page->poleepoWebhookPanel();
    panel->findChild<QTableWidget *>(u"recordTable"_s)->selectRow(0);
    WebhookRecordDialog *dialog = panel->editSelected();
    ASSERT_TRUE(dialog);
    EXPECT_TRUE(dialog->findChild<QLineEdit *>(u"recordName"_s)->isReadOnly());
    EXPECT_TRUE(dialog->findChild<QLineEdit *>(u"recordSecret"_s)->text().isEmpty()); // never shown
    dialog->findChild<QCheckBox *>(u"eventStatusShipment"_s)->setChecked(true);
    dialog->findChild<QCheckBox *>(u"recordActive"_s)->setChecked(false);
    QSignalSpy saved(dialog, &WebhookRecordDialog::saved);
    dialog->save();
    ASSERT_TRUE(waitUntil([&saved] { return saved.size() == 1; }));

    const auto stored = WebhookRecordRepository(db()).findByName(u"negozio"_s);
    ASSERT_TRUE(stored.ok() && stored->has_value());
    EXPECT_EQ((*stored)->events, (QStringList {u"STATUS_ORDER"_s, u"STATUS_SHIPMENT"_s}));
    EXPECT_FALSE((*stored)->active);
    EXPECT_EQ(storedSecret(SecretNames::poleepoWebhookSecret(u"negozio"_s)), u"first"_s);

    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"recordSecret"_s), u"second"_s);
    dialog->save();
    ASSERT_TRUE(waitUntil([&saved] { return saved.size() == 2; }));
    EXPECT_EQ(storedSecret(SecretNames::poleepoWebhookSecret(u"negozio"_s)), u"second"_s);
    EXPECT_EQ(dialog->url(), u"https://shop.example.com/poleepo/webhook/negozio"_s);
}

} // namespace
} // namespace Bottega::Test
