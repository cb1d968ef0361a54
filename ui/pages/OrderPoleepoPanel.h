// OrderPoleepoPanel: the order editor's "Info Poleepo" tab (ORD-10, ORD-11, SHIP-2..4): the
// channel, the Poleepo order id as a link to the order in Poleepo, Poleepo's status and what
// Bottega decided (ready to send to Gelato, needs attention and why), and the shipping with
// Poleepo: Delivered to the shop, Ship with Poleepo… (enabled when nothing blocks it, the reason
// shown otherwise), Delivered to carrier, the shipment's status, tracking code and carrier, and
// its label opened in the system viewer or printed. Actions go through ShipWithPoleepo, as the
// `order` commands do. Lives on the window's thread.
#pragma once

#include "core/domain/OrderShipment.h"
#include "core/domain/SalesOrder.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace Bottega {

class InlineMessage;
class PackageTypes;
class ShipWithPoleepo;

class OrderPoleepoPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderPoleepoPanel)

public:
    explicit OrderPoleepoPanel(QWidget *parent = nullptr);
    ~OrderPoleepoPanel() override;

    // Neither is owned; without them the shipping actions are disabled, saying so.
    void setUseCases(ShipWithPoleepo *shipping, PackageTypes *packageTypes);
    void setOrder(const SalesOrder &order);

    void markDeliveredToShop();
    // Opens the shipping dialog (modal); true when a shipping was made.
    bool openShipDialog();
    void deliveredToCarrier();
    // The label in the system viewer (QDesktopServices); printed with the system's `lp`.
    bool openLabel();
    bool printLabel();

    QLabel *orderLink() const { return m_orderLink; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *bridgeLabel() const { return m_bridge; }
    QLabel *shipmentLabel() const { return m_shipment; }
    QLabel *trackingLabel() const { return m_tracking; }
    QLabel *carrierLabel() const { return m_carrier; }
    QLabel *blockersLabel() const { return m_blockers; }
    QPushButton *deliveredButton() const { return m_delivered; }
    QPushButton *shipButton() const { return m_ship; }
    QPushButton *handedOverButton() const { return m_handedOver; }
    QPushButton *openLabelButton() const { return m_openLabel; }
    QPushButton *printLabelButton() const { return m_printLabel; }
    InlineMessage *message() const { return m_message; }
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    // Something changed the order: the editor reads it again.
    void orderChanged();

private:
    void refreshShipping();
    void setBusy(bool busy);

    ShipWithPoleepo *m_shipping = nullptr;
    PackageTypes *m_packageTypes = nullptr;
    SalesOrder m_order;
    std::optional<OrderShipment> m_last; // the order's latest shipping
    QLabel *m_channel;
    QLabel *m_orderLink;
    QLabel *m_status;
    QLabel *m_bridge;
    QLabel *m_shipment;
    QLabel *m_tracking;
    QLabel *m_carrier;
    QLabel *m_pickup;
    QLabel *m_parcels;
    QLabel *m_label;
    QLabel *m_blockers;
    InlineMessage *m_message;
    QPushButton *m_delivered;
    QPushButton *m_ship;
    QPushButton *m_handedOver;
    QPushButton *m_openLabel;
    QPushButton *m_printLabel;
    bool m_busy = false;
};

} // namespace Bottega
