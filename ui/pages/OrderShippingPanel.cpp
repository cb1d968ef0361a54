#include "ui/pages/OrderShippingPanel.h"

#include "ui/DisplayFormat.h"
#include "ui/widgets/InlineMessage.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

OrderShippingPanel::OrderShippingPanel(QWidget *parent)
    : QWidget(parent), m_standard(new QRadioButton(tr("Standard"), this)),
      m_express(new QRadioButton(tr("Express"), this)), m_getRate(new QPushButton(tr("Get rate"), this)),
      m_progress(new QProgressBar(this)), m_table(new QTableWidget(0, ChooseColumn + 1, this)),
      m_chosen(new QLabel(this)), m_message(new InlineMessage(this))
{
    m_standard->setObjectName(u"standardShipping"_s);
    m_express->setObjectName(u"expressShipping"_s);
    m_standard->setChecked(true);
    auto *group = new QButtonGroup(this);
    group->addButton(m_standard);
    group->addButton(m_express);
    m_getRate->setObjectName(u"getRateButton"_s);
    m_getRate->setToolTip(tr("Asks Gelato for the shipping price and delivery dates of this order"));
    // A busy bar: Gelato does not say how long a quote takes.
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_progress->setVisible(false);
    m_message->setObjectName(u"shippingMessage"_s);
    m_chosen->setObjectName(u"chosenShipping"_s);
    m_chosen->setWordWrap(true);
    m_chosen->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_table->setObjectName(u"rateTable"_s);
    m_table->setHorizontalHeaderLabels({tr("Shipping"), tr("Price"), tr("Delivery"), QString()});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(DeliveryColumn, QHeaderView::Stretch);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    fitTable();

    auto *choice = new QHBoxLayout;
    choice->addWidget(new QLabel(tr("Shipping:"), this));
    choice->addWidget(m_standard);
    choice->addWidget(m_express);
    choice->addSpacing(12);
    choice->addWidget(m_getRate);
    choice->addWidget(m_progress);
    choice->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(choice);
    layout->addWidget(m_message);
    layout->addWidget(m_table);
    layout->addWidget(m_chosen);
    layout->addStretch(1);

    connect(m_getRate, &QPushButton::clicked, this, &OrderShippingPanel::getRateRequested);
    connect(group, &QButtonGroup::buttonClicked, this, &OrderShippingPanel::typeChanged);
}

OrderShippingPanel::~OrderShippingPanel() = default;

QString OrderShippingPanel::typeName(const QString &type)
{
    if (type == "express"_L1)
        return tr("Express");
    if (type == "standard"_L1)
        return tr("Standard");
    return type;
}

void OrderShippingPanel::setOrder(const SalesOrder &order)
{
    (order.shippingType == "express"_L1 ? m_express : m_standard)->setChecked(true);
    if (order.shippingType.isEmpty() && order.shipmentMethodUid.isEmpty())
        m_chosen->setText(tr("No shipping chosen yet: Get rate, then choose one."));
    else if (order.shipmentMethodUid.isEmpty())
        m_chosen->setText(tr("Chosen: %1").arg(typeName(order.shippingType)));
    else
        m_chosen->setText(tr("Chosen: %1 (shipment method %2)")
                                  .arg(typeName(order.shippingType), order.shipmentMethodUid));
}

QString OrderShippingPanel::shippingType() const
{
    return m_express->isChecked() ? u"express"_s : u"standard"_s;
}

void OrderShippingPanel::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    m_standard->setEnabled(!readOnly);
    m_express->setEnabled(!readOnly);
    setGetRateBlocked(m_blockedReason);
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (QWidget *button = m_table->cellWidget(row, ChooseColumn))
            button->setEnabled(!readOnly);
}

void OrderShippingPanel::setGetRateBlocked(const QString &reason)
{
    m_blockedReason = reason;
    m_getRate->setEnabled(reason.isEmpty() && !m_readOnly && !m_busy);
    m_getRate->setToolTip(reason.isEmpty()
                                  ? tr("Asks Gelato for the shipping price and delivery dates of this order")
                                  : reason);
}

void OrderShippingPanel::setBusy(bool busy)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    if (busy)
        m_message->showMessage(InlineMessage::Type::Information, tr("Asking Gelato for rates…"));
    setGetRateBlocked(m_blockedReason);
}

void OrderShippingPanel::showError(const QString &error)
{
    m_message->showMessage(InlineMessage::Type::Error, error);
}

void OrderShippingPanel::showRates(const QList<ShippingRate> &rates)
{
    m_rates = rates;
    if (!m_busy)
        m_message->clearMessage();
    const QLocale locale;
    m_table->setRowCount(int(rates.size()));
    for (int row = 0; row < rates.size(); ++row) {
        const ShippingRate &rate = rates.at(row);
        QString delivery;
        if (rate.minDeliveryDate.isValid() && rate.maxDeliveryDate.isValid()
            && rate.minDeliveryDate.date() != rate.maxDeliveryDate.date())
            delivery = tr("%1 to %2").arg(DisplayFormat::date(rate.minDeliveryDate),
                                          DisplayFormat::date(rate.maxDeliveryDate));
        else if (rate.maxDeliveryDate.isValid() || rate.minDeliveryDate.isValid())
            delivery = DisplayFormat::date(rate.maxDeliveryDate.isValid() ? rate.maxDeliveryDate
                                                                          : rate.minDeliveryDate);
        else
            delivery = tr("no date given");
        m_table->setItem(row, TypeColumn, new QTableWidgetItem(typeName(rate.type)));
        auto *price
                = new QTableWidgetItem(tr("%1 %2").arg(locale.toString(rate.price, 'f', 2), rate.currency));
        price->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, PriceColumn, price);
        m_table->setItem(row, DeliveryColumn, new QTableWidgetItem(delivery));
        auto *button = new QPushButton(tr("Choose"), m_table);
        button->setObjectName(u"chooseRate"_s + QString::number(row));
        button->setEnabled(!m_readOnly);
        connect(button, &QPushButton::clicked, this, [this, row] { choose(row); });
        m_table->setCellWidget(row, ChooseColumn, button);
    }
    fitTable();
}

void OrderShippingPanel::fitTable()
{
    // Gelato offers a rate or two per type: the table is as tall as its rows, not the whole tab.
    const int rows = std::max(2, m_table->rowCount());
    int height = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth();
    for (int row = 0; row < rows; ++row)
        height += row < m_table->rowCount() ? m_table->rowHeight(row)
                                            : m_table->verticalHeader()->defaultSectionSize();
    m_table->setFixedHeight(height);
}

void OrderShippingPanel::choose(int row)
{
    if (row < 0 || row >= m_rates.size() || m_readOnly)
        return;
    const ShippingRate rate = m_rates.at(row);
    (rate.type == "express"_L1 ? m_express : m_standard)->setChecked(true);
    Q_EMIT rateChosen(rate);
}

} // namespace Bottega
