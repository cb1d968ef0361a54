// Messages are facts, rendered late (issue 13): what Bottega records is stored as a code plus
// arguments and shown in the reader's language. With the real Italian translation: every code has
// Italian words, Gelato's statuses are shown as words, text from outside is kept as it is, and
// rows written before (plain English text) are still shown.
#include "core/messages/MessageText.h"

#include "core/domain/Message.h"
#include "tests/support/TestUtil.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>
#include <QTranslator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class MessageTextTest : public testing::Test
{
protected:
    void TearDown() override
    {
        if (m_italian) {
            QCoreApplication::removeTranslator(m_italian.get());
            m_italian.reset();
        }
        QLocale::setDefault(QLocale::c());
    }

    void useItalian()
    {
        m_italian = std::make_unique<QTranslator>();
        ASSERT_TRUE(m_italian->load(u"bottega_it"_s, QStringLiteral(BOTTEGA_QM_DIR)));
        QCoreApplication::installTranslator(m_italian.get());
        QLocale::setDefault(QLocale(QLocale::Italian, QLocale::Italy));
    }

    // A message of code with "x1", "x2"... as arguments (counts as 2).
    static Message sample(const QString &code, int argumentCount)
    {
        QStringList args;
        for (int i = 1; i <= argumentCount; ++i)
            args.append(u"x"_s + QString::number(i));
        if (code.startsWith(u"job."_s) && !args.isEmpty())
            args[0] = u"2"_s; // a count
        if (code == u"webhook.applied"_s)
            args = {Message::of(u"webhook.nothing-new"_s).toStored()};
        return Message::of(code, args);
    }

private:
    std::unique_ptr<QTranslator> m_italian;
};

TEST_F(MessageTextTest, EveryCodeHasItalianWordsAndUsesAllItsArguments)
{
    const auto codes = MessageText::codes();
    ASSERT_GT(codes.size(), 20);
    QStringList english;
    for (const auto &[code, count] : codes)
        english.append(MessageText::render(sample(code, count)));

    useItalian();
    for (qsizetype i = 0; i < codes.size(); ++i) {
        const auto &[code, count] = codes.at(i);
        const QString italian = MessageText::render(sample(code, count));
        EXPECT_FALSE(italian.isEmpty()) << code.toStdString();
        EXPECT_FALSE(italian.contains(QRegularExpression(u"%\\d|%n"_s)))
                << code.toStdString() << ": " << italian.toStdString();
        if (code != u"webhook.applied"_s && code != u"job.with-errors"_s) // only other messages
            EXPECT_NE(italian, english.at(i)) << code.toStdString() << " is not translated";
        for (int argument = 1; argument <= count; ++argument) {
            if (code.startsWith(u"job."_s) && argument == 1)
                continue;
            const QString value = u"x"_s + QString::number(argument);
            if (code == u"order.now"_s || code == u"webhook.applied"_s)
                continue; // a state name / nested messages, not the raw value
            EXPECT_TRUE(italian.contains(value) || code == u"order.delivery-estimate"_s)
                    << code.toStdString() << " drops argument " << argument << ": " << italian.toStdString();
        }
    }
}

TEST_F(MessageTextTest, GelatoStatusesAndOrderStatesAreShownAsWordsInTheReadersLanguage)
{
    const Message shipped = Message::of(u"order.gelato-status"_s, {u"shipped"_s});
    EXPECT_EQ(MessageText::render(shipped), u"Gelato status: Shipped"_s);
    EXPECT_EQ(MessageText::render(Message::of(u"order.item-status"_s, {u"item-1"_s, u"in_production"_s})),
              u"item item-1: In production"_s);

    useItalian();
    EXPECT_EQ(MessageText::render(shipped), u"stato Gelato: Spedito"_s);
    EXPECT_EQ(MessageText::render(Message::of(u"order.now"_s, {u"in_production"_s})), u"ora In produzione"_s);
    EXPECT_EQ(MessageText::gelatoStatus(u"pending_approval"_s), u"In attesa di approvazione"_s);
    EXPECT_EQ(MessageText::gelatoStatus(u"something_new"_s), u"something_new"_s) << "unknown: as given";
    EXPECT_EQ(MessageText::render(Message::of(u"job.webhooks-processed"_s, {u"1"_s})),
              u"1 webhook elaborato"_s);
    EXPECT_EQ(MessageText::render(Message::of(u"job.webhooks-processed"_s, {u"3"_s})),
              u"3 webhook elaborati"_s);
}

TEST_F(MessageTextTest, AStoredMessageComesBackAsTheSameFactAndOtherTextStaysAsItIs)
{
    const Message fact = Message::of(u"order.send-failed"_s, {u"Gelato refused the order: \"postCode\""_s});
    EXPECT_EQ(Message::fromStored(fact.toStored()), fact);

    // Text from outside, or written before messages were facts: shown as it is, whatever it looks like.
    for (const QString &text : {u"Gelato status: shipped"_s, u"{\"code\":\"x\",\"other\":1}"_s,
                                u"{\"message\":\"Gelato's own JSON\"}"_s, u"{not json"_s}) {
        const Message read = Message::fromStored(text);
        EXPECT_TRUE(read.isText()) << text.toStdString();
        EXPECT_EQ(MessageText::render(read), text);
        EXPECT_EQ(read.toStored(), text);
    }
    EXPECT_EQ(MessageText::renderStored(QString()), QString());

    // A code from a newer Bottega: readable, with its arguments.
    EXPECT_EQ(MessageText::render(Message::of(u"order.teleported"_s, {u"Mars"_s})),
              u"order.teleported: Mars"_s);
}

// toStored writes the JSON itself (PERF-2): the same text as Qt's JSON writer, so that stored
// messages compare and read back as before, whatever characters the arguments hold.
TEST_F(MessageTextTest, AStoredMessageIsSpelledAsQtsJsonWriterSpellsIt)
{
    const QString surrogates = QString(QChar(0xd83d)) + QChar(0xde00) + u'|' + QChar(0xd800) + u'|' + QChar(0xdc00)
            + QChar(0xd800);
    const QList<QStringList> argumentLists {
            {},
            {QString()},
            {u"plain"_s, u"two words"_s},
            {u"quote \" backslash \\ slash / tab \t newline \n return \r"_s},
            {QString(u"\b\f"_s) + QChar(0x01) + QChar(0x1f) + QChar(0x7f) + QChar(0)},
            {u"perch\u00e9 \u65e5\u672c \u20ac"_s, surrogates},
            {u"{\"code\":\"nested\"}"_s, u"[1,2]"_s},
    };
    for (const QStringList &args : argumentLists) {
        for (const QString &code : {u"order.parcel"_s, u"code \"with\" \\ odd\u00e8"_s}) {
            const Message message = Message::of(code, args);
            const QJsonObject object {{u"code"_s, code}, {u"args"_s, QJsonArray::fromStringList(args)}};
            EXPECT_EQ(message.toStored(), QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)))
                    << qPrintable(args.join(u'|'));
            EXPECT_EQ(Message::fromStored(message.toStored()), message) << qPrintable(args.join(u'|'));
        }
    }
}

TEST_F(MessageTextTest, AWebhookNoteListsEachChangeInTheReadersLanguage)
{
    const Message note = Message::of(
            u"webhook.applied"_s,
            {Message::of(u"order.gelato-status"_s, {u"printed"_s}).toStored(),
             Message::of(u"order.parcel"_s, {u"TRK1"_s, u"https://t.example/TRK1"_s}).toStored()});
    EXPECT_EQ(MessageText::renderStored(note.toStored()),
              u"Gelato status: Printed; parcel TRK1: https://t.example/TRK1"_s);
    useItalian();
    EXPECT_EQ(MessageText::renderStored(note.toStored()),
              u"stato Gelato: Stampato; pacco TRK1: https://t.example/TRK1"_s);
}

} // namespace
} // namespace Bottega::Test
