// Every question the window asks before an action that cannot be undone, answered both ways through
// the Confirm seam: Yes does the action (through the same use case as the command line), No changes
// nothing, not even at Gelato. Cancel order, delete a Gelato draft, remove a Poleepo webhook record,
// clean up the webhook queue.
#include "core/orders/OrderState.h"
#include "core/secrets/InMemorySecretStore.h"
#include "core/store/WebhookQueueRepository.h"
#include "core/store/WebhookRecordRepository.h"
#include "tests/support/TestUtil.h"
#include "tests/ui/ConfirmAnswerer.h"
#include "tests/ui/OrderFixture.h"
#include "ui/pages/OrderEditorDialog.h"
#include "ui/pages/PoleepoWebhookPanel.h"
#include "ui/pages/WebhookQueuePage.h"
#include "ui/widgets/InlineMessage.h"

#include <QTableWidget>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class ConfirmationsTest : public OrderFixture
{
protected:
    bool waitIdle(const OrderEditorDialog &editor)
    {
        return waitUntil([&] { return !editor.isBusy(); }, 8000);
    }

    // Gelato's calls of one kind so far: POST …:cancel, DELETE orders/{id}.
    int gelatoCalls(const QByteArray &method, const QString &pathPart)
    {
        int count = 0;
        for (const RecordedRequest &request : rig().fake.requests())
            count += request.method == method && request.path.contains(pathPart) ? 1 : 0;
        return count;
    }

    // An order sent to Gelato (as a draft there when asGelatoDraft), in an open editor.
    std::unique_ptr<OrderEditorDialog> sentOrder(const QString &reference, bool asGelatoDraft)
    {
        auto editor = std::make_unique<OrderEditorDialog>(&db(), &service(), create(readyOrder(reference)));
        editor->confirm(asGelatoDraft);
        EXPECT_TRUE(waitIdle(*editor));
        EXPECT_EQ(editor->order().state, asGelatoDraft ? OrderState::GelatoDraft : OrderState::Sent)
                << editor->message()->text().toStdString();
        return editor;
    }

    qint64 addProcessedWebhook(const QString &eventId)
    {
        WebhookQueueItem item;
        item.source = u"gelato"_s;
        item.event = u"order_status_updated"_s;
        item.eventId = eventId;
        item.body = "{}";
        const auto inserted = WebhookQueueRepository(db()).insert(item);
        EXPECT_TRUE(inserted.ok());
        item.id = inserted->id;
        item.state = WebhookQueueItem::State::Done;
        item.processedAt = QDateTime::currentDateTimeUtc().addDays(-60);
        EXPECT_TRUE(WebhookQueueRepository(db()).update(item).ok());
        return item.id;
    }
};

TEST_F(ConfirmationsTest, CancelOrderNoChangesNothingAndYesCancelsAtGelato)
{
    auto editor = sentOrder(u"WEB-40"_s, false);
    ConfirmAnswerer answerer(false);
    editor->cancelOrder();
    ASSERT_TRUE(waitIdle(*editor));
    ASSERT_EQ(answerer.questions().size(), 1);
    EXPECT_EQ(answerer.questions().at(0).title, u"Cancel order"_s);
    EXPECT_TRUE(answerer.questions().at(0).text.contains(u"WEB-40"_s));
    EXPECT_EQ(gelatoCalls("POST", u":cancel"_s), 0);
    EXPECT_EQ(service().get(editor->order().id)->state, OrderState::Sent);

    answerer.setAnswer(true);
    editor->cancelOrder();
    ASSERT_TRUE(waitIdle(*editor));
    EXPECT_EQ(answerer.questions().size(), 2);
    EXPECT_EQ(gelatoCalls("POST", u":cancel"_s), 1);
    EXPECT_EQ(service().get(editor->order().id)->state, OrderState::Cancelled)
            << editor->message()->text().toStdString();
}

TEST_F(ConfirmationsTest, DeleteGelatoDraftNoKeepsItAndYesDeletesItAtGelato)
{
    auto editor = sentOrder(u"WEB-41"_s, true);
    ConfirmAnswerer answerer(false);
    editor->deleteDraft();
    ASSERT_TRUE(waitIdle(*editor));
    ASSERT_EQ(answerer.questions().size(), 1);
    EXPECT_EQ(answerer.questions().at(0).title, u"Delete Gelato draft"_s);
    EXPECT_TRUE(answerer.questions().at(0).text.contains(u"WEB-41"_s));
    EXPECT_EQ(gelatoCalls("DELETE", u"orders/"_s), 0);
    EXPECT_EQ(rig().fake.orders().orderCount(), 1);
    EXPECT_EQ(service().get(editor->order().id)->state, OrderState::GelatoDraft);

    answerer.setAnswer(true);
    editor->deleteDraft();
    ASSERT_TRUE(waitIdle(*editor));
    EXPECT_EQ(gelatoCalls("DELETE", u"orders/"_s), 1);
    EXPECT_EQ(rig().fake.orders().orderCount(), 0);
    EXPECT_EQ(service().get(editor->order().id)->state, OrderState::Draft);
}

TEST_F(ConfirmationsTest, RemoveWebhookRecordNoKeepsItAndYesRemovesIt)
{
    WebhookRecord record;
    record.name = u"negozio"_s;
    record.events = {u"STATUS_ORDER"_s};
    ASSERT_TRUE(WebhookRecordRepository(db()).create(record).ok());
    InMemorySecretStore secrets;
    PoleepoWebhookPanel panel(&db(), &secrets);
    panel.findChild<QTableWidget *>(u"recordTable"_s)->selectRow(0);

    ConfirmAnswerer answerer(false);
    panel.removeSelected();
    ASSERT_EQ(answerer.questions().size(), 1);
    EXPECT_TRUE(answerer.questions().at(0).text.contains(u"negozio"_s));
    EXPECT_EQ(WebhookRecordRepository(db()).list()->size(), 1);

    answerer.setAnswer(true);
    panel.removeSelected();
    EXPECT_EQ(answerer.questions().size(), 2);
    EXPECT_TRUE(WebhookRecordRepository(db()).list()->isEmpty());
}

TEST_F(ConfirmationsTest, CleanUpWebhooksNoKeepsThemAndYesRemovesThem)
{
    const qint64 id = addProcessedWebhook(u"os_1"_s);
    WebhookQueuePage page(&db());

    ConfirmAnswerer answerer(false);
    page.cleanUp();
    ASSERT_EQ(answerer.questions().size(), 1);
    EXPECT_TRUE(answerer.questions().at(0).text.contains(u"30"_s))
            << answerer.questions().at(0).text.toStdString();
    EXPECT_TRUE(WebhookQueueRepository(db()).get(id).ok());

    answerer.setAnswer(true);
    page.cleanUp();
    EXPECT_EQ(answerer.questions().size(), 2);
    EXPECT_FALSE(WebhookQueueRepository(db()).get(id).ok());
}

} // namespace
} // namespace Bottega::Test
