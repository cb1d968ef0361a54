// The Gelato parts of the products pages against the Gelato fake over loopback: Synchronize in the
// product editor (progress, result message, errors), "New from Gelato template…" on the list, and
// the Settings page's "Test connection" (CONF-6). A large sync started from the window stores on the
// worker thread through BackgroundTasks, with its progress, and a cancel keeps nothing.
#include "core/connections/ConnectionTest.h"
#include "core/products/TemplateSync.h"
#include "core/scheduler/BackgroundTasks.h"
#include "core/store/Database.h"
#include "core/store/ProductRepository.h"
#include "tests/support/GateClock.h"
#include "tests/support/TestUtil.h"
#include "tests/support/WorkerThread.h"
#include "tests/support/fakes/GelatoTestRig.h"
#include "tests/ui/ProductFixture.h"
#include "ui/AppContext.h"
#include "ui/MainWindow.h"
#include "ui/models/ProductTableModel.h"
#include "ui/models/VariantTableModel.h"
#include "ui/pages/PrintImagesPanel.h"
#include "ui/pages/ProductEditorDialog.h"
#include "ui/pages/ProductListPage.h"
#include "ui/pages/SettingsPage.h"
#include "ui/widgets/InlineMessage.h"

#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QDir>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class ProductSyncTest : public ProductFixture
{
protected:
    void SetUp() override
    {
        ProductFixture::SetUp();
        ASSERT_TRUE(rig.started);
    }

    qint64 plainProduct(const QString &templateId = {})
    {
        Product product;
        product.name = u"Tee to link"_s;
        product.gelatoTemplateId = templateId;
        return store(product);
    }

    // Every row of every table, in order: "the database exactly as it was".
    QString dump()
    {
        QSqlDatabase connection = db().connection();
        QSqlQuery tables(connection);
        EXPECT_TRUE(tables.exec(u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"_s));
        QString text;
        while (tables.next()) {
            const QString table = tables.value(0).toString();
            QSqlQuery rows(connection);
            // Tables WITHOUT ROWID (the endpoint index's own, FTS5) are read in their key's order.
            if (!rows.exec(u"SELECT * FROM \"%1\" ORDER BY rowid"_s.arg(table)))
                EXPECT_TRUE(rows.exec(u"SELECT * FROM \"%1\""_s.arg(table))) << table.toStdString();
            text += table + u'\n';
            while (rows.next()) {
                for (int i = 0; i < rows.record().count(); ++i)
                    text += rows.value(i).toString() + u'|';
                text += u'\n';
            }
        }
        return text;
    }

    GelatoTestRig rig;
};

// A clock on the database for the test's length: the repositories read it for each row they write.
class ClockOn final
{
public:
    ClockOn(Database &database, const Clock &clock) : m_database(database) { m_database.setClock(&clock); }
    ~ClockOn() { m_database.setClock(nullptr); }
    Q_DISABLE_COPY_MOVE(ClockOn)

private:
    Database &m_database;
};

TEST_F(ProductSyncTest, SynchronizeFillsVariantsAndPlacementsAndSaysWhatChanged)
{
    const qint64 id = plainProduct();
    ProductEditorDialog editor(&db(), &rig.gelato, id);
    auto *reference = editor.findChild<QLineEdit *>(u"templateReference"_s);
    auto *button = editor.findChild<QPushButton *>(u"synchronizeButton"_s);
    ASSERT_TRUE(button->isEnabled());
    reference->setText(QString::fromLatin1(GelatoFake::threeId));

    QTest::mouseClick(button, Qt::LeftButton);
    EXPECT_TRUE(editor.isSynchronizing());
    ASSERT_TRUE(waitUntil([&] { return !editor.isSynchronizing(); }));

    // "3 variant(s) created." until the English plural forms are loaded, "3 variants created." then.
    EXPECT_TRUE(editor.syncResultText().startsWith(u"3 variant"_s)) << editor.syncResultText().toStdString();
    EXPECT_TRUE(editor.syncResultText().endsWith(u" created."_s)) << editor.syncResultText().toStdString();
    EXPECT_EQ(editor.variantModel()->rowCount(), 3);
    EXPECT_EQ(editor.product().gelatoTemplateId, QString::fromLatin1(GelatoFake::threeId));
    EXPECT_EQ(editor.printImages()->table()->rowCount(), 2);
    EXPECT_EQ(editor.printImages()->missingPlacements(), (QStringList {u"default"_s, u"back"_s}));
    EXPECT_TRUE(editor.changed());

    // Twice: nothing changes the second time.
    editor.synchronize();
    ASSERT_TRUE(waitUntil([&] { return !editor.isSynchronizing(); }));
    EXPECT_EQ(editor.syncResultText(), u"Already up to date: nothing changed."_s);
    EXPECT_EQ(ProductRepository(db()).get(id)->variants.size(), 3);
}

TEST_F(ProductSyncTest, SynchronizeShowsGelatosRefusalAndStoresNothing)
{
    const qint64 id = plainProduct();
    ProductEditorDialog editor(&db(), &rig.gelato, id);
    editor.findChild<QLineEdit *>(u"templateReference"_s)->setText(u"no-such-template"_s);
    editor.synchronize();
    ASSERT_TRUE(waitUntil([&] { return !editor.isSynchronizing(); }));

    EXPECT_TRUE(editor.syncResultText().contains(u"no-such-template"_s))
            << editor.syncResultText().toStdString();
    EXPECT_EQ(editor.variantModel()->rowCount(), 0);
    EXPECT_TRUE(ProductRepository(db()).get(id)->variants.isEmpty());
    EXPECT_TRUE(editor.findChild<QPushButton *>(u"synchronizeButton"_s)->isEnabled());
}

TEST_F(ProductSyncTest, WithoutAGelatoClientSynchronizeIsDisabledAndSaysWhy)
{
    ProductEditorDialog editor(&db(), nullptr, plainProduct(u"tpl"_s));
    auto *button = editor.findChild<QPushButton *>(u"synchronizeButton"_s);
    EXPECT_FALSE(button->isEnabled());
    EXPECT_FALSE(button->toolTip().isEmpty());
    ProductListPage page(&db());
    EXPECT_FALSE(page.findChild<QPushButton *>(u"newFromTemplateButton"_s)->isEnabled());
}

TEST_F(ProductSyncTest, NewFromTemplateCreatesTheProductAndListsIt)
{
    ProductListPage page(&db(), &rig.gelato);
    EXPECT_EQ(page.model()->totalCount(), 0);
    QSignalSpy created(&page, &ProductListPage::productCreated);
    page.createFromTemplate(QString::fromLatin1(GelatoFake::threeId));
    ASSERT_TRUE(waitUntil([&] { return created.count() == 1; }));

    const qint64 id = created.first().first().toLongLong();
    EXPECT_EQ(page.model()->totalCount(), 1);
    EXPECT_EQ(page.model()->productAt(0).id, id);
    EXPECT_EQ(ProductRepository(db()).get(id)->variants.size(), 3);
    EXPECT_EQ(page.findChild<InlineMessage *>(u"pageMessage"_s)->type(), InlineMessage::Type::Positive);
}

TEST_F(ProductSyncTest, ALargeSyncFromTheWindowStoresOnTheWorkerWithItsProgress)
{
    constexpr int variants = 2000;
    rig.fake.setTemplate(u"tpl-large"_s, GelatoFake::generatedTemplate(u"tpl-large"_s, variants));
    GateClock clock;
    ClockOn clockOn(db(), clock);
    WorkerThread worker;
    BackgroundTasks tasks(worker.post());
    tasks.setProgressIntervalMs(10);
    AppContext context;
    context.database = &db();
    context.gelato = &rig.gelato;
    context.tasks = &tasks;
    MainWindow window(context);
    window.show();
    auto *page = window.findChild<ProductListPage *>();
    ASSERT_TRUE(page);
    QSignalSpy created(page, &ProductListPage::productCreated);

    // The worker is held at its 300th row, half-way through the variants, while the window runs.
    clock.holdAt(300);
    page->createFromTemplate(u"tpl-large"_s);
    EXPECT_TRUE(page->isSynchronizing());
    EXPECT_FALSE(page->findChild<QPushButton *>(u"newFromTemplateButton"_s)->isEnabled()) << "not twice";
    bool held = false;
    ASSERT_TRUE(waitUntil([&] { return held = clock.waitHeld(1); }, 20000));
    // The window's event loop keeps running: the progress (a count, not a spinner) arrives in the
    // page and in the status bar's task list.
    auto *status = window.findChild<QLabel *>(u"taskStatus"_s);
    const QString ofTotal = u" of "_s + window.locale().toString(qint64(variants));
    const bool shown = waitUntil(
            [&] { return page->syncProgress()->maximum() == variants && page->syncProgress()->value() > 0
                          && status->text().contains(ofTotal); },
            5000);
    EXPECT_TRUE(shown) << status->text().toStdString() << " / " << page->syncProgress()->value();
    EXPECT_TRUE(status->isVisibleTo(&window));
    EXPECT_TRUE(page->syncStatus()->text().contains(ofTotal)) << page->syncStatus()->text().toStdString();
    EXPECT_TRUE(window.findChild<QWidget *>(u"cancelTask"_s)->isVisibleTo(&window));
    // To look at the page and the status bar while the sync runs (screenshots on request).
    if (const QString shots = qEnvironmentVariable("BOTTEGA_UI_SCREENSHOT_DIR"); !shots.isEmpty())
        window.grab().save(QDir(shots).filePath(u"en-products-sync-in-progress.png"_s));
    clock.release();

    ASSERT_TRUE(waitUntil([&] { return created.count() == 1; }, 60000));
    // Stored on the worker thread: each variant's row was written there, none on this thread's.
    EXPECT_TRUE(clock.threads().contains(worker.thread()));
    EXPECT_GE(clock.offMainReads(), variants);
    const qint64 id = created.first().first().toLongLong();
    EXPECT_EQ(ProductRepository(db()).get(id)->variants.size(), variants);
    // The result came back and the page refreshed.
    EXPECT_EQ(page->model()->totalCount(), 1);
    EXPECT_EQ(page->message()->type(), InlineMessage::Type::Positive) << page->message()->text().toStdString();
    EXPECT_FALSE(page->syncProgress()->isVisibleTo(page));
    EXPECT_TRUE(page->findChild<QPushButton *>(u"newFromTemplateButton"_s)->isEnabled());
    EXPECT_FALSE(status->isVisibleTo(&window)) << "no task left";
}

TEST_F(ProductSyncTest, CancellingASyncInTheEditorLeavesTheDatabaseExactlyAsItWas)
{
    const qint64 id = plainProduct(QString::fromLatin1(GelatoFake::threeId));
    {
        ProductEditorDialog first(&db(), &rig.gelato, id);
        first.synchronize(); // on this thread: no tasks
        ASSERT_TRUE(waitUntil([&] { return !first.isSynchronizing(); }));
        ASSERT_EQ(first.variantModel()->rowCount(), 3);
    }
    // Gelato now lists 1,000 variants under that id: a re-sync updates 3, creates 997.
    rig.fake.setTemplate(QString::fromLatin1(GelatoFake::threeId),
                         GelatoFake::generatedTemplate(QString::fromLatin1(GelatoFake::threeId), 1000));
    const QString before = dump();

    GateClock clock;
    ClockOn clockOn(db(), clock);
    WorkerThread worker;
    BackgroundTasks tasks(worker.post());
    tasks.setProgressIntervalMs(10);
    ProductEditorDialog editor(&db(), &rig.gelato, id);
    editor.setTasks(&tasks);
    editor.show();
    clock.holdAt(200);
    QTest::mouseClick(editor.findChild<QPushButton *>(u"synchronizeButton"_s), Qt::LeftButton);
    ASSERT_TRUE(editor.isSynchronizing());
    ASSERT_TRUE(waitUntil([&] { return clock.waitHeld(1); }, 20000));
    EXPECT_TRUE(waitUntil([&] { return editor.syncProgress()->maximum() == 1000 && editor.syncProgress()->value() > 0; },
                          5000))
            << editor.syncProgress()->maximum() << " " << editor.syncProgress()->value();
    EXPECT_EQ(tasks.running().size(), 1);
    // What the sync rewrites cannot be edited meanwhile (it is read again at the end).
    EXPECT_FALSE(editor.tabs()->isEnabled());
    EXPECT_FALSE(editor.findChild<QLineEdit *>(u"templateReference"_s)->isEnabled());

    editor.reject(); // Esc or the window's close button while it stores: cancel, the dialog stays
    EXPECT_TRUE(editor.isVisible());
    EXPECT_TRUE(editor.isSynchronizing()) << "until the worker has rolled back";
    clock.release();
    ASSERT_TRUE(waitUntil([&] { return !editor.isSynchronizing(); }, 60000));

    EXPECT_EQ(editor.syncResultText(), u"Synchronization cancelled: nothing was changed."_s);
    EXPECT_EQ(dump(), before) << "nothing half-written remains";
    EXPECT_EQ(editor.variantModel()->rowCount(), 3);
    EXPECT_TRUE(editor.findChild<QPushButton *>(u"synchronizeButton"_s)->isEnabled());
    EXPECT_TRUE(editor.tabs()->isEnabled());
    EXPECT_TRUE(tasks.running().isEmpty());
}

TEST_F(ProductSyncTest, SettingsTestConnectionShowsGelatosAnswerInline)
{
    AppContext context;
    context.settings = &rig.settings;
    context.secrets = &rig.secrets;
    {
        SettingsPage without(context); // no ConnectionTest: nothing to ask with
        EXPECT_FALSE(without.findChild<QPushButton *>(u"gelatoTestButton"_s)->isEnabled());
    }
    ConnectionTest connections(&rig.gelato); // the use case of `bottega test-connection`
    context.connections = &connections;
    SettingsPage page(context);
    auto *button = page.findChild<QPushButton *>(u"gelatoTestButton"_s);
    auto *result = page.findChild<QLabel *>(u"gelatoTestResult"_s);
    ASSERT_TRUE(button && result);
    QTest::mouseClick(button, Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return button->isEnabled(); }));
    EXPECT_EQ(result->text(), u"Connected: Gelato accepted the API key."_s);
}

TEST_F(ProductSyncTest, SettingsTestConnectionNamesARefusedKey)
{
    rig.fake.setApiKey("another-key");
    ConnectionTest connections(&rig.gelato);
    AppContext context;
    context.settings = &rig.settings;
    context.connections = &connections;
    SettingsPage page(context);
    auto *button = page.findChild<QPushButton *>(u"gelatoTestButton"_s);
    auto *result = page.findChild<QLabel *>(u"gelatoTestResult"_s);
    QTest::mouseClick(button, Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return button->isEnabled(); }));
    EXPECT_TRUE(result->text().contains(u"Gelato refused the API key"_s)) << result->text().toStdString();
}

} // namespace
} // namespace Bottega::Test
