// OrderGelatoPanel: what Gelato says about an order (ORD-5): its ids and connected (split) orders,
// fulfilment and financial status, each item's status, packages with clickable tracking links, and
// the cost from the receipts with the resulting margin. Read-only.
#pragma once

#include "core/domain/SalesOrder.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace Bottega {

class CopyableValue;

class OrderGelatoPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderGelatoPanel)

public:
    enum ItemColumn { ItemProductColumn, ItemReferenceColumn, ItemIdColumn, ItemStatusColumn };

    explicit OrderGelatoPanel(QWidget *parent = nullptr);
    ~OrderGelatoPanel() override;

    void setOrder(const SalesOrder &order);

    QString gelatoOrderId() const;
    QLabel *connectedOrdersLabel() const { return m_connected; }
    QLabel *packagesLabel() const { return m_packages; }
    QLabel *marginLabel() const { return m_margin; }
    QTableWidget *itemTable() const { return m_items; }
    // "Products", "Shipping", ...: the cost line's value as shown.
    QString costText(const QString &name) const;

private:
    CopyableValue *m_orderId;
    QLabel *m_referenceId;
    QLabel *m_connected;
    QLabel *m_fulfillment;
    QLabel *m_financial;
    QLabel *m_delivery;
    QLabel *m_costProducts;
    QLabel *m_costShipping;
    QLabel *m_costPackaging;
    QLabel *m_costVat;
    QLabel *m_costTotal;
    QLabel *m_margin;
    QTableWidget *m_items;
    QLabel *m_packages;
};

} // namespace Bottega
