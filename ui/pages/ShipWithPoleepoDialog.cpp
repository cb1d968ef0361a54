#include "ui/pages/ShipWithPoleepoDialog.h"

#include "core/fulfilment/PackageTypes.h"
#include "core/fulfilment/ShipWithPoleepo.h"
#include "ui/widgets/InlineMessage.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bottega {

ShipWithPoleepoDialog::ShipWithPoleepoDialog(ShipWithPoleepo *shipping, PackageTypes *packageTypes,
                                             const SalesOrder &order, QWidget *parent)
    : QDialog(parent), m_shipping(shipping), m_order(order), m_carrier(new QComboBox(this)),
      m_pickup(new QComboBox(this)), m_packageType(new QComboBox(this)), m_packages(new QListWidget(this)),
      m_add(new QPushButton(tr("Add package"), this)), m_remove(new QPushButton(tr("Remove"), this)),
      m_request(new QPushButton(tr("Request label"), this)), m_message(new InlineMessage(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(u"shipWithPoleepoDialog"_s);
    setWindowTitle(tr("Ship %1 with Poleepo").arg(order.reference));
    m_carrier->setObjectName(u"carrierBox"_s);
    m_pickup->setObjectName(u"pickupBox"_s);
    m_packageType->setObjectName(u"packageTypeBox"_s);
    m_packages->setObjectName(u"packageList"_s);
    m_request->setObjectName(u"requestLabelButton"_s);
    m_message->setObjectName(u"shipMessage"_s);
    m_buttons->addButton(m_request, QDialogButtonBox::AcceptRole);

    if (packageTypes) {
        if (auto types = packageTypes->list(); types)
            m_types = *types;
        else
            m_message->showMessage(InlineMessage::Type::Error, types.error());
    }
    for (const PackageType &type : std::as_const(m_types)) {
        const QStringList problems = PackageTypes::problems(type);
        const QString measures
                = tr("%1 kg, %2×%3×%4 cm")
                          .arg(QLocale().toString(type.weight), QLocale().toString(type.width),
                               QLocale().toString(type.height), QLocale().toString(type.depth));
        m_packageType->addItem(problems.isEmpty()
                                       ? u"%1 (%2)"_s.arg(type.name, measures)
                                       : tr("%1 (not usable: %2)").arg(type.name, problems.join(u", "_s)),
                               type.id);
    }
    if (m_types.isEmpty())
        m_packageType->addItem(tr("No package types: add them in Settings"));
    m_packageType->setEnabled(!m_types.isEmpty());

    auto *intro = new QLabel(tr("Poleepo creates the shipping with the carrier and returns its label, which "
                                "is kept with the order. Every package needs a package type Poleepo knows."),
                             this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Pickup address:"), m_pickup);
    form->addRow(tr("Carrier:"), m_carrier);
    auto *typeRow = new QHBoxLayout;
    typeRow->addWidget(m_packageType, 1);
    typeRow->addWidget(m_add);
    form->addRow(tr("Package type:"), typeRow);
    auto *packageRow = new QHBoxLayout;
    packageRow->addWidget(m_packages, 1);
    packageRow->addWidget(m_remove, 0, Qt::AlignTop);
    form->addRow(tr("Packages:"), packageRow);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_add, &QPushButton::clicked, this, &ShipWithPoleepoDialog::addPackage);
    connect(m_remove, &QPushButton::clicked, this, &ShipWithPoleepoDialog::removePackage);
    connect(m_packages, &QListWidget::itemSelectionChanged, this, &ShipWithPoleepoDialog::updateButtons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ShipWithPoleepoDialog::requestLabel);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // One package of the first usable type to start with: most orders fit one parcel.
    for (int i = 0; i < m_types.size(); ++i) {
        if (PackageTypes::problems(m_types.at(i)).isEmpty()) {
            m_packageType->setCurrentIndex(i);
            addPackage();
            break;
        }
    }
    resize(560, 420);
    loadChoices();
}

ShipWithPoleepoDialog::~ShipWithPoleepoDialog() = default;

void ShipWithPoleepoDialog::loadChoices()
{
    if (!m_shipping) {
        m_message->showMessage(InlineMessage::Type::Error,
                               tr("Shipping with Poleepo is not available here."));
        updateButtons();
        return;
    }
    m_busy = true;
    m_message->showMessage(InlineMessage::Type::Information, tr("Asking Poleepo for its carriers…"));
    updateButtons();
    m_shipping->choices(this, [this](const Result<ShipWithPoleepo::Choices> &choices) {
        m_busy = false;
        if (!choices) {
            m_message->showMessage(InlineMessage::Type::Error, choices.error());
            updateButtons();
            return;
        }
        m_message->clearMessage();
        for (const ShipWithPoleepo::Choice &carrier : choices->carriers)
            m_carrier->addItem(carrier.name, carrier.id);
        for (const ShipWithPoleepo::Choice &address : choices->pickupAddresses)
            m_pickup->addItem(address.name, address.id);
        m_choicesLoaded = true;
        updateButtons();
    });
}

void ShipWithPoleepoDialog::addPackage()
{
    const QVariant id = m_packageType->currentData();
    if (!id.isValid())
        return;
    auto *item = new QListWidgetItem(
            tr("Package %1: %2").arg(m_packages->count() + 1).arg(m_packageType->currentText()));
    item->setData(Qt::UserRole, id);
    m_packages->addItem(item);
    updateButtons();
}

void ShipWithPoleepoDialog::removePackage()
{
    delete m_packages->currentItem();
    updateButtons();
}

void ShipWithPoleepoDialog::updateButtons()
{
    m_add->setEnabled(!m_busy && !m_types.isEmpty());
    m_remove->setEnabled(!m_busy && m_packages->currentItem() != nullptr);
    m_request->setEnabled(!m_busy && m_choicesLoaded && m_carrier->count() > 0 && m_pickup->count() > 0);
    m_carrier->setEnabled(!m_busy);
    m_pickup->setEnabled(!m_busy);
}

void ShipWithPoleepoDialog::requestLabel()
{
    if (m_busy || !m_shipping)
        return;
    ShipWithPoleepo::Request request;
    request.orderId = m_order.id;
    request.carrier = m_carrier->currentData().toString();
    request.pickupAddress = m_pickup->currentData().toString();
    for (int i = 0; i < m_packages->count(); ++i)
        request.packageTypeIds.append(m_packages->item(i)->data(Qt::UserRole).toLongLong());
    m_busy = true;
    m_message->showMessage(InlineMessage::Type::Information, tr("Asking Poleepo for the label…"));
    updateButtons();
    m_shipping->ship(request, this, [this](const Result<OrderShipment> &shipment) {
        m_busy = false;
        updateButtons();
        if (!shipment) {
            m_message->showMessage(InlineMessage::Type::Error, shipment.error());
            return;
        }
        accept();
    });
}

} // namespace Bottega
