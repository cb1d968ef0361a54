#include "ui/pages/OrderPoleepoPanel.h"

#include "core/fulfilment/PoleepoOrderImport.h"
#include "core/fulfilment/ShipWithPoleepo.h"
#include "core/orders/OrderState.h"
#include "ui/pages/ShipWithPoleepoDialog.h"
#include "ui/widgets/InlineMessage.h"

#include <QDesktopServices>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

QLabel *valueLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

} // namespace

OrderPoleepoPanel::OrderPoleepoPanel(QWidget *parent)
    : QWidget(parent), m_channel(valueLabel(this, u"poleepoChannel"_s)),
      m_orderLink(valueLabel(this, u"poleepoOrderLink"_s)), m_status(valueLabel(this, u"poleepoStatus"_s)),
      m_bridge(valueLabel(this, u"poleepoBridge"_s)), m_shipment(valueLabel(this, u"shipmentStatus"_s)),
      m_tracking(valueLabel(this, u"shipmentTracking"_s)), m_carrier(valueLabel(this, u"shipmentCarrier"_s)),
      m_pickup(valueLabel(this, u"shipmentPickup"_s)), m_parcels(valueLabel(this, u"shipmentParcels"_s)),
      m_label(valueLabel(this, u"shipmentLabel"_s)), m_blockers(valueLabel(this, u"shipBlockers"_s)),
      m_message(new InlineMessage(this)), m_delivered(new QPushButton(tr("Delivered to the shop"), this)),
      m_ship(new QPushButton(tr("Ship with Poleepo…"), this)),
      m_handedOver(new QPushButton(tr("Delivered to carrier"), this)),
      m_openLabel(new QPushButton(tr("Open label"), this)),
      m_printLabel(new QPushButton(tr("Print label"), this))
{
    setObjectName(u"orderPoleepoPanel"_s);
    m_orderLink->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_orderLink->setOpenExternalLinks(true);
    m_message->setObjectName(u"poleepoMessage"_s);
    m_message->setCloseButtonVisible(true);
    m_delivered->setObjectName(u"deliveredToShopButton"_s);
    m_delivered->setToolTip(tr("Every product of the order has reached the shop and can be packed"));
    m_ship->setObjectName(u"shipWithPoleepoButton"_s);
    m_handedOver->setObjectName(u"deliveredToCarrierButton"_s);
    m_handedOver->setToolTip(tr("The carrier collected the parcel: tells Poleepo"));
    m_openLabel->setObjectName(u"openLabelButton"_s);
    m_printLabel->setObjectName(u"printLabelButton"_s);
    QPalette muted = m_blockers->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    m_blockers->setPalette(muted);

    auto *orderGroup = new QGroupBox(tr("Poleepo order"), this);
    auto *orderForm = new QFormLayout(orderGroup);
    orderForm->addRow(tr("Channel:"), m_channel);
    orderForm->addRow(tr("Order ID:"), m_orderLink);
    orderForm->addRow(tr("Poleepo status:"), m_status);
    orderForm->addRow(tr("Fulfilment:"), m_bridge);

    auto *shipGroup = new QGroupBox(tr("Shipping with Poleepo"), this);
    auto *shipForm = new QFormLayout;
    shipForm->addRow(tr("Shipment status:"), m_shipment);
    shipForm->addRow(tr("Tracking code:"), m_tracking);
    shipForm->addRow(tr("Carrier:"), m_carrier);
    shipForm->addRow(tr("Pickup address:"), m_pickup);
    shipForm->addRow(tr("Packages:"), m_parcels);
    auto *labelRow = new QHBoxLayout;
    labelRow->addWidget(m_label, 1);
    labelRow->addWidget(m_openLabel);
    labelRow->addWidget(m_printLabel);
    shipForm->addRow(tr("Label:"), labelRow);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_delivered);
    actions->addWidget(m_ship);
    actions->addWidget(m_handedOver);
    actions->addStretch(1);
    auto *shipLayout = new QVBoxLayout(shipGroup);
    shipLayout->addLayout(shipForm);
    shipLayout->addLayout(actions);
    shipLayout->addWidget(m_blockers);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(orderGroup);
    layout->addWidget(shipGroup);
    layout->addStretch(1);

    connect(m_delivered, &QPushButton::clicked, this, &OrderPoleepoPanel::markDeliveredToShop);
    connect(m_ship, &QPushButton::clicked, this, &OrderPoleepoPanel::openShipDialog);
    connect(m_handedOver, &QPushButton::clicked, this, &OrderPoleepoPanel::deliveredToCarrier);
    connect(m_openLabel, &QPushButton::clicked, this, &OrderPoleepoPanel::openLabel);
    connect(m_printLabel, &QPushButton::clicked, this, &OrderPoleepoPanel::printLabel);
    refreshShipping();
}

OrderPoleepoPanel::~OrderPoleepoPanel() = default;

void OrderPoleepoPanel::setUseCases(ShipWithPoleepo *shipping, PackageTypes *packageTypes)
{
    m_shipping = shipping;
    m_packageTypes = packageTypes;
    refreshShipping();
}

void OrderPoleepoPanel::setOrder(const SalesOrder &order)
{
    m_order = order;
    m_channel->setText(orDash(order.channel));
    if (order.poleepoOrderId.isEmpty()) {
        m_orderLink->setText(QStringLiteral("—"));
    } else {
        const QUrl url = ShipWithPoleepo::poleepoOrderUrl(order.poleepoOrderId);
        m_orderLink->setText(u"<a href=\"%1\">%2</a>"_s.arg(url.toString(QUrl::FullyEncoded).toHtmlEscaped(),
                                                            order.poleepoOrderId.toHtmlEscaped()));
        m_orderLink->setToolTip(tr("Opens the order in Poleepo"));
    }
    m_status->setText(orDash(order.poleepoStatus));
    if (order.fulfilment == "attention"_L1)
        m_bridge->setText(
                tr("Needs attention: %1")
                        .arg(PoleepoOrderImport::attentionText(order.attentionCode, order.attentionArgs)));
    else if (order.fulfilment == "gelato"_L1)
        m_bridge->setText(order.state == OrderState::Draft
                                  ? tr("Ready to send to Gelato (waiting for review)")
                                  : tr("Sent to Gelato"));
    else if (order.fulfilment == "other"_L1)
        m_bridge->setText(tr("Not Gelato goods: the shop ships them"));
    else
        m_bridge->setText(QStringLiteral("—"));
    refreshShipping();
}

void OrderPoleepoPanel::refreshShipping()
{
    m_last.reset();
    QStringList blockers;
    if (!m_shipping) {
        blockers.append(tr("shipping with Poleepo is not available here"));
    } else if (m_order.id != 0) {
        if (auto shipments = m_shipping->shipments(m_order.id); !shipments)
            blockers.append(shipments.error());
        else if (!shipments->isEmpty())
            m_last = shipments->constLast();
        if (auto found = m_shipping->blockers(m_order.id); !found)
            blockers.append(found.error());
        else
            blockers += *found;
    }
    const bool hasLabel = m_last && m_shipping && !m_shipping->labelPath(*m_last).isEmpty();
    if (m_last) {
        QString status = m_last->status;
        if (m_last->handedOverAt.isValid())
            status = tr("%1 (delivered to the carrier %2)")
                             .arg(orDash(status),
                                  QLocale().toString(m_last->handedOverAt.toLocalTime(),
                                                     QLocale::ShortFormat));
        m_shipment->setText(tr("Poleepo shipping %1: %2").arg(m_last->poleepoShippingId, orDash(status)));
        m_tracking->setText(orDash(m_last->trackingCode));
        m_carrier->setText(orDash(m_last->carrier));
        m_pickup->setText(orDash(m_last->pickupAddress));
        QStringList parcels;
        for (const ShipmentParcel &parcel : m_last->parcels)
            parcels.append(parcel.packageTypeName);
        m_parcels->setText(orDash(parcels.join(u", "_s)));
        m_label->setText(hasLabel ? tr("PDF stored with the order") : tr("not stored yet"));
    } else {
        m_shipment->setText(tr("not shipped with Poleepo yet"));
        for (QLabel *label : {m_tracking, m_carrier, m_pickup, m_parcels, m_label})
            label->setText(QStringLiteral("—"));
    }
    const bool fromPoleepo = !m_order.poleepoOrderId.isEmpty();
    const bool labelMissing
            = m_last && !m_last->carrierId.isEmpty() && !hasLabel && !m_last->handedOverAt.isValid();
    m_ship->setEnabled(!m_busy && m_shipping && fromPoleepo && (blockers.isEmpty() || labelMissing));
    m_ship->setText(labelMissing ? tr("Fetch the label again") : tr("Ship with Poleepo…"));
    m_blockers->setText(blockers.isEmpty() || labelMissing
                                ? QString()
                                : tr("Ship with Poleepo is not possible: %1").arg(blockers.join(u"; "_s)));
    m_blockers->setVisible(!m_blockers->text().isEmpty());
    bool undelivered = false;
    if (m_shipping && m_order.id != 0) {
        const auto lines = m_shipping->undeliveredLines(m_order.id);
        undelivered = lines && !lines->isEmpty();
    }
    m_delivered->setEnabled(!m_busy && fromPoleepo && undelivered && m_order.state != OrderState::Cancelled);
    m_handedOver->setEnabled(!m_busy && m_shipping && m_last && !m_last->carrierId.isEmpty()
                             && !m_last->handedOverAt.isValid());
    m_openLabel->setEnabled(hasLabel);
    m_printLabel->setEnabled(hasLabel);
}

void OrderPoleepoPanel::setBusy(bool busy)
{
    m_busy = busy;
    if (busy)
        m_message->showMessage(InlineMessage::Type::Information, tr("Asking Poleepo…"));
    refreshShipping();
}

void OrderPoleepoPanel::markDeliveredToShop()
{
    if (!m_shipping || m_order.id == 0)
        return;
    const auto changed = m_shipping->markDeliveredToShop(m_order.id);
    if (!changed) {
        m_message->showMessage(InlineMessage::Type::Error, changed.error());
        return;
    }
    m_message->showMessage(InlineMessage::Type::Positive, tr("Every product is delivered to the shop."));
    Q_EMIT orderChanged();
}

bool OrderPoleepoPanel::openShipDialog()
{
    if (!m_shipping || m_order.id == 0)
        return false;
    ShipWithPoleepoDialog dialog(m_shipping, m_packageTypes, m_order, this);
    const bool shipped = dialog.exec() == QDialog::Accepted;
    if (shipped)
        m_message->showMessage(InlineMessage::Type::Positive,
                               tr("Poleepo made the shipping; its label is stored with the order."));
    Q_EMIT orderChanged();
    return shipped;
}

void OrderPoleepoPanel::deliveredToCarrier()
{
    if (!m_shipping || m_order.id == 0 || m_busy)
        return;
    setBusy(true);
    m_shipping->handedOver(m_order.id, this, [this](const Result<OrderShipment> &shipment) {
        setBusy(false);
        if (!shipment)
            m_message->showMessage(InlineMessage::Type::Error, shipment.error());
        else
            m_message->showMessage(InlineMessage::Type::Positive,
                                   tr("Poleepo knows the parcel is with the carrier."));
        Q_EMIT orderChanged();
    });
}

bool OrderPoleepoPanel::openLabel()
{
    const QString path = m_last && m_shipping ? m_shipping->labelPath(*m_last) : QString();
    if (path.isEmpty())
        return false;
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path))) {
        m_message->showMessage(InlineMessage::Type::Error, tr("No program opens %1").arg(path));
        return false;
    }
    return true;
}

bool OrderPoleepoPanel::printLabel()
{
    const QString path = m_last && m_shipping ? m_shipping->labelPath(*m_last) : QString();
    if (path.isEmpty())
        return false;
    // The system's print spooler takes PDFs as they are; without one, the viewer prints.
    const QString lp = QStandardPaths::findExecutable(u"lp"_s);
    if (lp.isEmpty() || !QProcess::startDetached(lp, {path})) {
        m_message->showMessage(
                InlineMessage::Type::Warning,
                tr("No print spooler (lp) found: open the label and print it from the viewer."));
        return false;
    }
    m_message->showMessage(InlineMessage::Type::Positive, tr("Label sent to the default printer."));
    return true;
}

} // namespace Bottega
