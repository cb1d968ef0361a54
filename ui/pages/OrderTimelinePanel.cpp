#include "ui/pages/OrderTimelinePanel.h"

#include "core/messages/MessageText.h"
#include "core/orders/OrderState.h"
#include "ui/DisplayFormat.h"

#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bottega {

OrderTimelinePanel::OrderTimelinePanel(QWidget *parent)
    : QWidget(parent), m_table(new QTableWidget(0, MessageColumn + 1, this))
{
    m_table->setObjectName(u"timelineTable"_s);
    m_table->setHorizontalHeaderLabels({tr("Time"), tr("Source"), tr("Change"), tr("Message")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(MessageColumn, QHeaderView::Stretch);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
}

OrderTimelinePanel::~OrderTimelinePanel() = default;

QString OrderTimelinePanel::sourceDisplayName(OrderEvent::Source source)
{
    switch (source) {
    case OrderEvent::Source::User:
        return tr("User");
    case OrderEvent::Source::Gelato:
        return tr("Gelato answer");
    case OrderEvent::Source::Webhook:
        return tr("Webhook");
    case OrderEvent::Source::Poll:
        return tr("Poll");
    case OrderEvent::Source::Poleepo:
        return tr("Poleepo");
    case OrderEvent::Source::System:
        return tr("Bottega");
    }
    return {};
}

QString OrderTimelinePanel::kindDisplayName(const QString &kind)
{
    if (kind == "created"_L1)
        return tr("Created");
    if (kind == "imported"_L1)
        return tr("Imported");
    if (kind == "state"_L1)
        return tr("State");
    if (kind == "tracking"_L1)
        return tr("Tracking");
    if (kind == "gelato-status"_L1)
        return tr("Gelato status");
    if (kind == "gelato-item"_L1)
        return tr("Gelato item");
    if (kind == "poleepo-status"_L1)
        return tr("Poleepo status");
    if (kind == "poleepo-shipment"_L1)
        return tr("Poleepo shipment");
    if (kind == "note"_L1)
        return tr("Note");
    return kind; // a kind from a newer Bottega
}

void OrderTimelinePanel::setEvents(const QList<OrderEvent> &events)
{
    m_table->setRowCount(int(events.size()));
    for (int row = 0; row < events.size(); ++row) {
        const OrderEvent &event = events.at(row);
        const QString message = MessageText::render(event.message);
        QString change;
        if (!event.newState.isEmpty() && !event.oldState.isEmpty())
            change = tr("%1 → %2").arg(OrderState::displayName(event.oldState),
                                       OrderState::displayName(event.newState));
        else if (!event.newState.isEmpty())
            change = OrderState::displayName(event.newState);
        else
            change = kindDisplayName(event.kind);
        const QStringList cells
                = {DisplayFormat::dateTime(event.at), sourceDisplayName(event.source), change, message};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column == MessageColumn)
                item->setToolTip(message);
            m_table->setItem(row, column, item);
        }
    }
    m_table->scrollToBottom();
}

} // namespace Bottega
