#include "ui/pages/OrderGelatoPanel.h"

#include "core/messages/MessageText.h"
#include "core/orders/OrderService.h"
#include "ui/DisplayFormat.h"
#include "ui/widgets/CopyableValue.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

QLabel *valueLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

} // namespace

OrderGelatoPanel::OrderGelatoPanel(QWidget *parent)
    : QWidget(parent), m_orderId(new CopyableValue({}, this)),
      m_referenceId(valueLabel(u"gelatoReferenceId"_s, this)),
      m_connected(valueLabel(u"connectedOrders"_s, this)),
      m_fulfillment(valueLabel(u"fulfillmentStatus"_s, this)),
      m_financial(valueLabel(u"financialStatus"_s, this)),
      m_delivery(valueLabel(u"deliveryEstimate"_s, this)),
      m_costProducts(valueLabel(u"costProducts"_s, this)),
      m_costShipping(valueLabel(u"costShipping"_s, this)),
      m_costPackaging(valueLabel(u"costPackaging"_s, this)), m_costVat(valueLabel(u"costVat"_s, this)),
      m_costTotal(valueLabel(u"costTotal"_s, this)), m_margin(valueLabel(u"margin"_s, this)),
      m_items(new QTableWidget(0, ItemStatusColumn + 1, this)), m_packages(new QLabel(this))
{
    m_orderId->setObjectName(u"gelatoOrderId"_s);

    auto *ids = new QGroupBox(tr("Gelato order"), this);
    auto *idForm = new QFormLayout(ids);
    idForm->addRow(tr("Order id:"), m_orderId);
    idForm->addRow(tr("Our reference:"), m_referenceId);
    idForm->addRow(tr("Connected orders:"), m_connected);
    idForm->addRow(tr("Fulfilment status:"), m_fulfillment);
    idForm->addRow(tr("Financial status:"), m_financial);
    idForm->addRow(tr("Delivery estimate:"), m_delivery);

    auto *costs = new QGroupBox(tr("Cost from Gelato's receipts"), this);
    auto *costForm = new QFormLayout(costs);
    for (QLabel *label : {m_costProducts, m_costShipping, m_costPackaging, m_costVat, m_costTotal, m_margin})
        label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    costForm->addRow(tr("Products:"), m_costProducts);
    costForm->addRow(tr("Shipping:"), m_costShipping);
    costForm->addRow(tr("Packaging:"), m_costPackaging);
    costForm->addRow(tr("VAT:"), m_costVat);
    costForm->addRow(tr("Total:"), m_costTotal);
    costForm->addRow(tr("Margin:"), m_margin);

    m_items->setObjectName(u"gelatoItemTable"_s);
    m_items->setHorizontalHeaderLabels({tr("Line"), tr("Item reference"), tr("Gelato item"), tr("Status")});
    m_items->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_items->verticalHeader()->setVisible(false);
    m_items->setWordWrap(false);
    m_items->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_items->horizontalHeader()->setSectionResizeMode(ItemProductColumn, QHeaderView::Stretch);

    // Tracking links open in the browser: the carrier's page is where the customer looks too.
    m_packages->setObjectName(u"packages"_s);
    m_packages->setTextFormat(Qt::RichText);
    m_packages->setOpenExternalLinks(true);
    m_packages->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_packages->setWordWrap(true);
    m_packages->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    auto *top = new QHBoxLayout;
    top->addWidget(ids, 3);
    top->addWidget(costs, 2);
    auto *packages = new QGroupBox(tr("Packages and tracking"), this);
    auto *packageLayout = new QVBoxLayout(packages);
    packageLayout->addWidget(m_packages);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(new QLabel(tr("Items"), this));
    layout->addWidget(m_items, 1);
    layout->addWidget(packages, 1);
}

OrderGelatoPanel::~OrderGelatoPanel() = default;

QString OrderGelatoPanel::gelatoOrderId() const
{
    return m_orderId->value();
}

QString OrderGelatoPanel::costText(const QString &name) const
{
    const QLabel *label = findChild<QLabel *>(u"cost"_s + name);
    return label ? label->text() : QString();
}

void OrderGelatoPanel::setOrder(const SalesOrder &order)
{
    const QLocale locale;
    const QString none = tr("—");
    m_orderId->setValue(order.gelatoOrderId);
    m_orderId->lineEdit()->setPlaceholderText(tr("Not sent to Gelato yet"));
    m_referenceId->setText(order.gelatoOrderReferenceId.isEmpty() ? none : order.gelatoOrderReferenceId);
    QStringList connected;
    for (const GelatoConnectedOrder &other : order.connectedOrders)
        connected.append(other.status.isEmpty() ? other.gelatoOrderId
                                                : tr("%1 (%2)").arg(other.gelatoOrderId,
                                                                    MessageText::gelatoStatus(other.status)));
    m_connected->setText(connected.isEmpty() ? tr("none (not split)") : connected.join(u'\n'));
    m_fulfillment->setText(order.gelatoFulfillmentStatus.isEmpty()
                                   ? none
                                   : MessageText::gelatoStatus(order.gelatoFulfillmentStatus));
    m_financial->setText(order.gelatoFinancialStatus.isEmpty() ? none : order.gelatoFinancialStatus);
    if (order.deliveryEstimateMin.isValid() || order.deliveryEstimateMax.isValid())
        m_delivery->setText(tr("%1 to %2")
                                    .arg(DisplayFormat::date(order.deliveryEstimateMin, none),
                                         DisplayFormat::date(order.deliveryEstimateMax, none)));
    else
        m_delivery->setText(none);

    const bool hasCost = !order.gelatoCostCurrency.isEmpty();
    const auto money = [&](double amount, const QString &currency) {
        return tr("%1 %2").arg(locale.toString(amount, 'f', 2), currency);
    };
    const QString currency = order.gelatoCostCurrency;
    // A line Gelato's receipts did not give is said to be unknown, not shown as 0.
    const auto cost = [&](double amount, const QString &gelatoField) {
        if (!hasCost)
            return none;
        if (order.gelatoCostUnknown.contains(gelatoField))
            return tr("unknown (Gelato did not say)");
        return money(amount, currency);
    };
    m_costProducts->setText(cost(order.gelatoCostProducts, u"productsPrice"_s));
    m_costShipping->setText(cost(order.gelatoCostShipping, u"shippingPrice"_s));
    m_costPackaging->setText(cost(order.gelatoCostPackaging, u"packagingPrice"_s));
    m_costVat->setText(cost(order.gelatoCostVat, u"totalVat"_s));
    m_costTotal->setText(cost(order.gelatoCostTotal, u"totalInclVat"_s));
    if (!hasCost)
        m_margin->setText(tr("known once Gelato has billed the order"));
    else if (order.gelatoCostUnknown.contains(u"totalInclVat"_s))
        m_margin->setText(tr("unknown: Gelato did not say what it charged"));
    else if (currency != order.currency)
        // Converting would need an exchange rate Bottega does not have: say so instead of guessing.
        m_margin->setText(
                tr("not computed: the order is in %1, Gelato bills in %2").arg(order.currency, currency));
    else
        m_margin->setText(money(OrderService::margin(order), currency));

    m_items->setRowCount(int(order.lines.size()));
    for (int row = 0; row < order.lines.size(); ++row) {
        const OrderLine &line = order.lines.at(row);
        const QStringList cells = {line.productName, line.itemReferenceId, line.gelatoItemId,
                                   MessageText::gelatoStatus(line.gelatoItemStatus)};
        for (int column = 0; column < cells.size(); ++column)
            m_items->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }

    QStringList packages;
    for (const OrderPackage &package : order.packages) {
        const QString code = package.trackingCode.isEmpty() ? package.packageId : package.trackingCode;
        QString tracking = code.toHtmlEscaped();
        if (!package.trackingUrl.isEmpty())
            tracking = u"<a href=\"%1\">%2</a>"_s.arg(package.trackingUrl.toHtmlEscaped(),
                                                      code.toHtmlEscaped());
        QStringList parts;
        if (!package.carrier.isEmpty())
            parts.append(package.carrier.toHtmlEscaped());
        parts.append(tracking);
        if (!package.status.isEmpty())
            parts.append(tr("(%1)").arg(package.status).toHtmlEscaped());
        if (!package.gelatoOrderId.isEmpty() && package.gelatoOrderId != order.gelatoOrderId)
            parts.append(tr("from Gelato order %1").arg(package.gelatoOrderId).toHtmlEscaped());
        packages.append(parts.join(u' '));
    }
    m_packages->setText(packages.isEmpty() ? tr("No package shipped yet.").toHtmlEscaped()
                                           : packages.join(u"<br>"_s));
}

} // namespace Bottega
