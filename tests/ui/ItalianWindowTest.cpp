// Italian throughout (issue 13, point 2): the window and the order and product editors are opened
// in Italian with the real translation (bottega_it.qm, as the app loads it), filled with orders in
// every state and Gelato status, a timeline entry and a webhook note for every recorded message
// code, and every visible text is read back: a text that is still English, or a raw code, fails.
// English is caught two ways: a tr() call the Italian translation does not answer (recorded as it
// happens, so new strings count before lupdate has seen them), and a text equal to an English
// source string of bottega_it.ts whose Italian differs (English written without tr()). The few
// texts that are the same in both languages on purpose are listed below, each with its reason.
#include "core/messages/MessageText.h"
#include "core/orders/OrderState.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/settings/Settings.h"
#include "core/store/OrderEventRepository.h"
#include "core/store/ProductRepository.h"
#include "core/store/SalesOrderRepository.h"
#include "core/store/WebhookQueueRepository.h"
#include "tests/support/TestUtil.h"
#include "tests/ui/OrderFixture.h"
#include "ui/AppContext.h"
#include "ui/MainWindow.h"
#include "ui/pages/CatalogBrowserDialog.h"
#include "ui/pages/IntervalDialog.h"
#include "ui/pages/OrderEditorDialog.h"
#include "ui/pages/OrderImportDialog.h"
#include "ui/pages/ProductEditorDialog.h"
#include "ui/pages/VariantEditorDialog.h"
#include "ui/pages/WebhookRecordDialog.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QLocale>
#include <QMap>
#include <QMetaEnum>
#include <QRegularExpression>
#include <QSet>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QTranslator>
#include <QXmlStreamReader>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

// Texts shown as they are in both languages, on purpose. Each needs its reason.
const QMap<QString, QString> &sameInBothLanguages()
{
    static const QMap<QString, QString> texts = {
            {u"^[a-z]+_product_\\S+$"_s, u"a Gelato product UID, an identifier shown to be copied"_s},
            {u"order_status_updated"_s,
             u"a webhook's event, as Gelato names it; the Event filter takes it"_s},
            {u"STATUS_ORDER"_s, u"a webhook's event, as Poleepo names it"_s},
            {u"gelato"_s, u"a webhook's source, as the command line and the filter name it"_s},
    };
    return texts;
}

// The real Italian translation, asked through this wrapper so that every tr() it cannot answer
// is recorded with its context.
class RecordingTranslator final : public QTranslator
{
public:
    bool loadItalian() { return m_italian.load(u"bottega_it"_s, QStringLiteral(BOTTEGA_QM_DIR)); }

    QString translate(const char *context, const char *sourceText, const char *disambiguation,
                      int n) const override
    {
        const QString italian = m_italian.translate(context, sourceText, disambiguation, n);
        const QString source = QString::fromUtf8(sourceText);
        const QString where = QString::fromUtf8(context);
        // Qt's own contexts (QDialogButtonBox...) are qtbase's translation's business.
        if (italian.isEmpty() && where.startsWith(u"Bottega::"_s) && !source.trimmed().isEmpty())
            m_missing.insert(where + u" | "_s + source);
        return italian;
    }

    bool isEmpty() const override { return false; }

    // "context | source" of each tr() left untranslated so far.
    QSet<QString> missing() const { return m_missing; }

private:
    QTranslator m_italian;
    mutable QSet<QString> m_missing;
};

// An English source text as a pattern: "%1", "%n" and the like match anything.
QRegularExpression patternOf(const QString &source)
{
    QString escaped = QRegularExpression::escape(source);
    escaped.replace(QRegularExpression(u"%(\\d|n|L\\d)"_s), u".*"_s);
    return QRegularExpression(QRegularExpression::anchoredPattern(escaped),
                              QRegularExpression::DotMatchesEverythingOption);
}

// The English sources of bottega_it.ts whose Italian differs from them.
QSet<QString> englishSources()
{
    QSet<QString> sources;
    QFile file(QStringLiteral(BOTTEGA_TS_FILE));
    if (!file.open(QIODevice::ReadOnly))
        return sources;
    QXmlStreamReader xml(&file);
    QString source;
    while (!xml.atEnd()) {
        if (!xml.readNextStartElement())
            continue;
        if (xml.name() == "source"_L1) {
            source = xml.readElementText();
        } else if (xml.name() == "translation"_L1) {
            const QString italian = xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
            if (!italian.isEmpty() && italian != source && source.size() > 2)
                sources.insert(source);
        }
    }
    return sources;
}

// What a person reads in a widget tree: labels, buttons, titles, tabs, fields, combo entries,
// table cells and headers. Multi-line texts count line by line.
QStringList visibleTexts(QWidget *root)
{
    QStringList texts;
    const auto add = [&texts](const QString &text) {
        QString plain = text;
        if (Qt::mightBeRichText(plain)) {
            QTextDocument document;
            document.setHtml(plain);
            plain = document.toPlainText();
        }
        for (const QString &line : plain.split(u'\n')) {
            QString trimmed = line.trimmed();
            if (trimmed.startsWith(u"• "_s))
                trimmed = trimmed.mid(2);
            if (!trimmed.isEmpty())
                texts.append(trimmed);
        }
    };
    add(root->windowTitle().remove(u"[*]"_s));
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *widget : std::as_const(widgets)) {
        if (!widget->isVisibleTo(root) && widget != root)
            continue;
        if (auto *label = qobject_cast<QLabel *>(widget))
            add(label->text());
        else if (auto *button = qobject_cast<QAbstractButton *>(widget))
            add(button->text());
        else if (auto *box = qobject_cast<QGroupBox *>(widget))
            add(box->title());
        else if (auto *edit = qobject_cast<QLineEdit *>(widget))
            add(edit->text().isEmpty() ? edit->placeholderText() : QString());
        if (auto *combo = qobject_cast<QComboBox *>(widget)) {
            for (int i = 0; i < combo->count() && i < 60; ++i)
                add(combo->itemText(i));
        }
        if (auto *tabs = qobject_cast<QTabWidget *>(widget)) {
            for (int i = 0; i < tabs->count(); ++i)
                add(tabs->tabText(i));
        }
        if (auto *view = qobject_cast<QAbstractItemView *>(widget); view && view->model()) {
            const QAbstractItemModel *model = view->model();
            for (int column = 0; column < model->columnCount(); ++column)
                add(model->headerData(column, Qt::Horizontal).toString());
            for (int row = 0; row < model->rowCount() && row < 200; ++row) {
                for (int column = 0; column < model->columnCount(); ++column)
                    add(model->index(row, column).data().toString());
            }
        }
    }
    return texts;
}

class ItalianWindowTest : public OrderFixture
{
protected:
    void SetUp() override
    {
        OrderFixture::SetUp();
        ASSERT_TRUE(m_translator.loadItalian());
        QCoreApplication::installTranslator(&m_translator);
        if (m_qt.load(QLocale(QLocale::Italian), u"qtbase"_s, u"_"_s,
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(&m_qt);
        for (auto it = sameInBothLanguages().cbegin(); it != sameInBothLanguages().cend(); ++it)
            m_allowed.append(QRegularExpression(
                    it.key().startsWith(u'^')
                            ? it.key()
                            : QRegularExpression::anchoredPattern(QRegularExpression::escape(it.key()))));
        QLocale::setDefault(QLocale(QLocale::Italian, QLocale::Italy));
        for (const QString &source : englishSources())
            m_english.append({source, patternOf(source)});
    }
    void TearDown() override
    {
        QCoreApplication::removeTranslator(&m_translator);
        QCoreApplication::removeTranslator(&m_qt);
        QLocale::setDefault(QLocale::c());
        OrderFixture::TearDown();
    }

    // A message of code with sample arguments, as MessageTextTest makes them.
    static Message sample(const QString &code, int count)
    {
        QStringList args;
        for (int i = 1; i <= count; ++i)
            args.append(u"x"_s + QString::number(i));
        if (code.startsWith(u"job."_s) && !args.isEmpty())
            args[0] = u"2"_s;
        if (code == u"webhook.applied"_s)
            args = {Message::of(u"webhook.nothing-new"_s).toStored()};
        return Message::of(code, args);
    }

    // Orders in every local state and every Gelato status, the first with a timeline entry of
    // every recorded code; a webhook in every state with a note of every code.
    QList<qint64> fillWithEveryKindOfEvent()
    {
        QList<qint64> ids;
        const QStringList states = {OrderState::Draft,     OrderState::Sending,      OrderState::GelatoDraft,
                                    OrderState::Sent,      OrderState::InProduction, OrderState::Shipped,
                                    OrderState::Delivered, OrderState::Cancelled,    OrderState::Failed,
                                    OrderState::Returned};
        const QStringList gelatoStatuses = {u"created"_s,          u"uploading"_s,
                                            u"passed"_s,           u"in_production"_s,
                                            u"printed"_s,          u"draft"_s,
                                            u"failed"_s,           u"canceled"_s,
                                            u"pending_approval"_s, u"pending_personalization"_s,
                                            u"digitizing"_s,       u"not_connected"_s,
                                            u"on_hold"_s,          u"shipped"_s,
                                            u"in_transit"_s,       u"delivered"_s,
                                            u"returned"_s};
        SalesOrderRepository orders(db());
        for (int i = 0; i < gelatoStatuses.size(); ++i) {
            const qint64 id = create(readyOrder(u"WEB-%1"_s.arg(100 + i)));
            auto order = orders.get(id);
            order->gelatoFulfillmentStatus = gelatoStatuses.at(i);
            EXPECT_TRUE(orders.update(*order).ok());
            const QString state = states.at(i % states.size());
            if (state != OrderState::Draft) {
                EXPECT_TRUE(orders.updateState(id, state, OrderEvent::Source::Gelato).ok());
            }
            ids.append(id);
        }
        const auto codes = MessageText::codes();
        OrderEventRepository events(db());
        const QList<WebhookQueueItem::State> webhookStates
                = {WebhookQueueItem::State::Pending, WebhookQueueItem::State::Processing,
                   WebhookQueueItem::State::Done, WebhookQueueItem::State::Failed,
                   WebhookQueueItem::State::Ignored};
        for (qsizetype i = 0; i < codes.size(); ++i) {
            const auto &[code, count] = codes.at(i);
            OrderEvent event;
            event.orderId = ids.constFirst();
            event.kind = u"note"_s;
            event.source = OrderEvent::Source(i % 6);
            event.message = sample(code, count);
            EXPECT_TRUE(events.append(event).ok()) << code.toStdString();

            WebhookQueueItem item;
            item.source = i % 2 ? u"gelato"_s : u"poleepo"_s;
            item.event = i % 2 ? u"order_status_updated"_s : u"STATUS_ORDER"_s;
            item.eventId = u"ev-"_s + QString::number(i);
            item.body = R"({"id":"ev"})";
            const auto inserted = WebhookQueueRepository(db()).insert(item);
            EXPECT_TRUE(inserted.ok());
            item.id = inserted->id;
            item.state = webhookStates.at(i % webhookStates.size());
            (item.state == WebhookQueueItem::State::Failed ? item.lastError : item.note)
                    = sample(code, count).toStored();
            EXPECT_TRUE(WebhookQueueRepository(db()).update(item).ok());
        }
        return ids;
    }

    // Every text of root that is English or a raw code, with where it was seen. With
    // BOTTEGA_UI_SCREENSHOT_DIR set, each place is also saved there as a PNG, to look at.
    void collectProblems(QWidget *root, const QString &where)
    {
        if (const QString dir = qEnvironmentVariable("BOTTEGA_UI_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QDir().mkpath(dir);
            QString name = where;
            name.replace(QRegularExpression(u"[^A-Za-z0-9]+"_s), u"-"_s);
            root->grab().save(QDir(dir).filePath(u"it-"_s + name + u".png"_s));
        }
        static const QRegularExpression rawCode(u"^[a-z]+([_.][a-z0-9-]+)+$"_s);
        QList<std::pair<QString, QRegularExpression>> untranslated;
        for (const QString &missing : m_translator.missing()) {
            const QString source = missing.section(u" | "_s, 1);
            untranslated.append({missing, patternOf(source)});
        }
        for (const QString &text : visibleTexts(root)) {
            const bool allowed
                    = std::any_of(m_allowed.cbegin(), m_allowed.cend(),
                                  [&text](const QRegularExpression &p) { return p.match(text).hasMatch(); });
            if (allowed)
                continue;
            if (rawCode.match(text).hasMatch()) {
                report(u"raw code \"%1\""_s.arg(text), where);
                continue;
            }
            for (const auto &[missing, pattern] : std::as_const(untranslated)) {
                if (pattern.match(text).hasMatch()) {
                    report(u"untranslated: %1 (seen as \"%2\")"_s.arg(missing, text), where);
                    break;
                }
            }
            for (const auto &[source, pattern] : std::as_const(m_english)) {
                if (text == source) {
                    report(u"English \"%1\""_s.arg(text), where);
                    break;
                }
            }
        }
    }

    // One line per problem, with the first place it was seen.
    void report(const QString &problem, const QString &where)
    {
        if (!m_problems.contains(problem))
            m_problems.insert(problem, where);
    }
    QStringList problemLines() const
    {
        QStringList lines;
        for (auto it = m_problems.cbegin(); it != m_problems.cend(); ++it)
            lines.append(it.key() + u" — on "_s + it.value());
        return lines; // sorted: a QMap
    }

    RecordingTranslator m_translator;
    QTranslator m_qt; // Qt's own words (Close, Save), loaded as the app loads them
    QList<QRegularExpression> m_allowed;
    QList<std::pair<QString, QRegularExpression>> m_english;
    QMap<QString, QString> m_problems; // problem → where first seen
};

TEST_F(ItalianWindowTest, EveryPageAndDialogIsItalianWithDataFromEveryKindOfEvent)
{
    const QList<qint64> orders = fillWithEveryKindOfEvent();
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    Settings settings(dir.filePath(u"bottega.ini"_s));
    InMemorySecretStore secrets;
    AppContext context;
    context.settings = &settings;
    context.secrets = &secrets;
    context.database = &db();
    context.orders = &service();

    MainWindow window(context);
    window.resize(1280, 800);
    window.show();
    for (int row = 0; row < MainWindow::PageCount; ++row) {
        window.showPage(MainWindow::Page(row));
        spinFor(30);
        collectProblems(
                &window,
                u"page %1"_s.arg(QLatin1StringView(QMetaEnum::fromType<MainWindow::Page>().valueToKey(row))));
    }
    for (const qint64 id : orders) {
        OrderEditorDialog editor(&db(), &service(), id);
        editor.show();
        for (int tab = 0; tab < editor.tabs()->count(); ++tab) {
            editor.tabs()->setCurrentIndex(tab);
            collectProblems(&editor, u"order editor %1, tab %2"_s.arg(editor.order().reference).arg(tab));
        }
    }
    {
        OrderEditorDialog editor(&db(), &service(), 0);
        editor.show();
        editor.save(); // refused: every problem shown
        for (int tab = 0; tab < editor.tabs()->count(); ++tab) {
            editor.tabs()->setCurrentIndex(tab);
            collectProblems(&editor, u"new order editor, tab %1"_s.arg(tab));
        }
    }
    const auto products = ProductRepository(db()).list({});
    ASSERT_TRUE(products.ok() && !products->isEmpty());
    ProductEditorDialog product(&db(), nullptr, products->constFirst().id);
    product.show();
    for (QTabWidget *tabs : product.findChildren<QTabWidget *>()) {
        for (int tab = 0; tab < tabs->count(); ++tab) {
            tabs->setCurrentIndex(tab);
            collectProblems(&product, u"product editor, tab %1"_s.arg(tabs->tabText(tab)));
        }
    }

    // The dialogs behind the pages' buttons.
    {
        const auto full = ProductRepository(db()).get(products->constFirst().id);
        ASSERT_TRUE(full.ok() && !full->variants.isEmpty());
        VariantEditorDialog variant(&db(), *full, full->variants.constFirst().id);
        variant.show();
        collectProblems(&variant, u"variant editor"_s);
    }
    {
        QFile csv(dir.filePath(u"orders.csv"_s));
        ASSERT_TRUE(csv.open(QIODevice::WriteOnly));
        csv.write("reference,firstName,lastName,addressLine1,city,postCode,country,email,sku,quantity\n"
                  "CSV-1,Anna,Neri,Via Po 3,Torino,10123,IT,anna@example.com,NOPE,1\n"
                  "CSV-2,Carla,Neri,Via Po 5,Torino,2O1,IT,carla@example.com,TS-L-O,0\n");
        csv.close();
        OrderImportDialog import(&service(), csv.fileName());
        import.show();
        collectProblems(&import, u"order import preview"_s);
    }
    {
        WebhookRecordDialog record(&db(), &secrets, QUrl(u"https://shop.example.com"_s), std::nullopt);
        record.show();
        collectProblems(&record, u"Poleepo webhook record"_s);
    }
    {
        IntervalDialog interval(MainWindow::tr("Scheduler"), 600, 60, [](int) { return Result<void>(); });
        interval.show();
        collectProblems(&interval, u"job interval"_s);
    }
    {
        CatalogBrowserDialog catalog(nullptr); // no Gelato connection: says so
        catalog.show();
        collectProblems(&catalog, u"Gelato catalog browser"_s);
    }

    const QStringList problems = problemLines();
    EXPECT_TRUE(problems.isEmpty()) << problems.size() << " texts are not Italian:\n"
                                    << problems.join(u'\n').toStdString();
}

// The check itself is honest: an English text that has no Italian is found.
TEST_F(ItalianWindowTest, AnUntranslatedTextIsFound)
{
    QWidget root;
    new QLabel(QCoreApplication::translate("Bottega::ItalianWindowTest", "A sentence nobody translated"),
               &root);
    new QLabel(u"Cancel order"_s, &root); // English written without tr(), of a source that has Italian
    new QLabel(u"pending_approval"_s, &root); // a raw code
    collectProblems(&root, u"test"_s);
    const QStringList problems = problemLines();
    ASSERT_EQ(problems.size(), 3) << problems.join(u'\n').toStdString();
    EXPECT_TRUE(problems.at(0).startsWith(u"English \"Cancel order\""_s)) << problems.at(0).toStdString();
    EXPECT_TRUE(problems.at(1).startsWith(u"raw code \"pending_approval\""_s))
            << problems.at(1).toStdString();
    EXPECT_TRUE(problems.at(2).startsWith(
            u"untranslated: Bottega::ItalianWindowTest | A sentence nobody translated"_s))
            << problems.at(2).toStdString();
}

} // namespace
} // namespace Bottega::Test
