// OrderTimelinePanel: an order's timeline (ORD-9): every state change and note with its time, where
// it came from (user, Gelato, webhook, poll) and its message, oldest first.
#pragma once

#include "core/domain/OrderEvent.h"

#include <QWidget>

class QTableWidget;

namespace Bottega {

class OrderTimelinePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderTimelinePanel)

public:
    // What kind of entry a timeline row without a state change is, in the reader's language.
    static QString kindDisplayName(const QString &kind);
    enum Column { TimeColumn, SourceColumn, ChangeColumn, MessageColumn };

    explicit OrderTimelinePanel(QWidget *parent = nullptr);
    ~OrderTimelinePanel() override;

    void setEvents(const QList<OrderEvent> &events);
    QTableWidget *table() const { return m_table; }

    static QString sourceDisplayName(OrderEvent::Source source);

private:
    QTableWidget *m_table;
};

} // namespace Bottega
