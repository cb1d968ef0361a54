#include "ui/pages/OrderEditorDialog.h"

#include "core/orders/OrderInput.h"
#include "core/orders/OrderState.h"
#include "core/store/Database.h"
#include "core/store/SalesOrderRepository.h"
#include "ui/models/OrderTableModel.h"
#include "ui/pages/OrderGelatoPanel.h"
#include "ui/pages/OrderLinesPanel.h"
#include "ui/pages/OrderPoleepoPanel.h"
#include "ui/pages/OrderProblemText.h"
#include "ui/pages/OrderShippingPanel.h"
#include "ui/pages/OrderTimelinePanel.h"
#include "ui/widgets/AddressForm.h"
#include "ui/widgets/Confirm.h"
#include "ui/widgets/InlineMessage.h"
#include "ui/widgets/UnsavedChanges.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bottega {

OrderEditorDialog::OrderEditorDialog(Database *database, OrderService *orders, qint64 orderId,
                                     QWidget *parent)
    : QDialog(parent), m_database(database), m_orders(orders), m_title(new QLabel(this)),
      m_stateLabel(new QLabel(this)), m_message(new InlineMessage(this)), m_unsaved(new UnsavedChanges(this)),
      m_problemsMessage(new InlineMessage(this)), m_companyWarning(new InlineMessage(this)),
      m_tabs(new QTabWidget(this)), m_reference(new QLineEdit(this)), m_currency(new QComboBox(this)),
      m_firstName(new QLineEdit(this)), m_lastName(new QLineEdit(this)), m_email(new QLineEdit(this)),
      m_phone(new QLineEdit(this)), m_source(new QLabel(this)),
      m_lines(new OrderLinesPanel(database, orders, this)),
      m_shippingAddress(new AddressForm(Address::Kind::Shipping, this)),
      m_sameAsCustomer(new QCheckBox(tr("Same as customer (name, email and phone)"), this)),
      m_separateBilling(new QCheckBox(tr("Bill to a different address"), this)),
      m_billingAddress(new AddressForm(Address::Kind::Billing, this)),
      m_shipping(new OrderShippingPanel(this)), m_gelato(new OrderGelatoPanel(this)),
      m_timeline(new OrderTimelinePanel(this)), m_save(new QPushButton(tr("Save"), this)),
      m_confirm(new QPushButton(tr("Confirm"), this)),
      m_sendDraft(new QPushButton(tr("Send as Gelato draft"), this)),
      m_promote(new QPushButton(tr("Turn draft into order"), this)),
      m_deleteDraft(new QPushButton(tr("Delete Gelato draft"), this)),
      m_cancel(new QPushButton(tr("Cancel order"), this)), m_refresh(new QPushButton(tr("Refresh"), this)),
      m_fieldErrors(m_message)
{
    setObjectName(u"orderEditor"_s);
    m_order.id = orderId;
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_stateLabel->setObjectName(u"orderState"_s);
    m_message->setObjectName(u"orderMessage"_s);
    m_message->setCloseButtonVisible(true);
    m_problemsMessage->setObjectName(u"orderProblems"_s);
    m_companyWarning->setObjectName(u"companyWarning"_s);
    m_save->setObjectName(u"saveButton"_s);
    m_confirm->setObjectName(u"confirmButton"_s);
    m_sendDraft->setObjectName(u"sendDraftButton"_s);
    m_promote->setObjectName(u"promoteDraftButton"_s);
    m_deleteDraft->setObjectName(u"deleteDraftButton"_s);
    m_cancel->setObjectName(u"cancelOrderButton"_s);
    m_refresh->setObjectName(u"refreshButton"_s);
    m_refresh->setToolTip(tr("Reads the order's status, items, packages and costs from Gelato again"));
    m_sendDraft->setToolTip(tr("Creates the order at Gelato as a draft (a test order): nothing is produced"));

    m_tabs->setObjectName(u"orderTabs"_s);
    m_tabs->addTab(createOrderTab(), tr("Order"));
    m_tabs->addTab(createAddressesTab(), tr("Addresses"));
    m_tabs->addTab(m_shipping, tr("Shipping"));
    m_tabs->addTab(m_gelato, tr("Gelato"));
    m_tabs->addTab(m_timeline, tr("Timeline"));
    m_poleepo = new OrderPoleepoPanel(this);
    m_tabs->addTab(m_poleepo, tr("Info Poleepo"));
    m_tabs->setTabVisible(PoleepoTab, false);
    connect(m_poleepo, &OrderPoleepoPanel::orderChanged, this, [this] {
        m_changed = true;
        reload(true);
    });

    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addWidget(m_stateLabel);
    header->addStretch(1);
    auto *actions = new QHBoxLayout;
    for (QPushButton *button :
         {m_save, m_confirm, m_sendDraft, m_promote, m_deleteDraft, m_cancel, m_refresh})
        actions->addWidget(button);
    actions->addStretch(1);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    actions->addWidget(close);

    // Banners that come and go sit under the tabs: the tabs shrink from below, and neither the
    // fields being typed into nor the buttons move. The company check is known when it opens.
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_companyWarning);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_problemsMessage);
    layout->addWidget(m_message);
    layout->addLayout(actions);
    m_fieldErrors.addField(u"customer"_s, m_firstName);
    m_fieldErrors.addField(u"lines"_s, m_lines->picker());

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, [this] {
        if (save())
            m_message->showMessage(InlineMessage::Type::Positive,
                                   tr("Order %1 saved.").arg(m_order.reference));
    });
    connect(m_confirm, &QPushButton::clicked, this, [this] { confirm(false); });
    connect(m_sendDraft, &QPushButton::clicked, this, [this] { confirm(true); });
    connect(m_promote, &QPushButton::clicked, this, &OrderEditorDialog::promoteDraft);
    connect(m_deleteDraft, &QPushButton::clicked, this, &OrderEditorDialog::deleteDraft);
    connect(m_refresh, &QPushButton::clicked, this, &OrderEditorDialog::refreshFromGelato);
    connect(m_cancel, &QPushButton::clicked, this, &OrderEditorDialog::cancelOrder);
    connect(m_reference, &QLineEdit::textEdited, this, &OrderEditorDialog::formEdited);
    for (QLineEdit *edit : {m_firstName, m_lastName, m_email, m_phone})
        connect(edit, &QLineEdit::textEdited, this, &OrderEditorDialog::customerEdited);
    connect(m_sameAsCustomer, &QCheckBox::toggled, this, [this] {
        followCustomer();
        formEdited();
    });
    connect(m_currency, &QComboBox::currentTextChanged, this, &OrderEditorDialog::formEdited);
    connect(m_lines, &OrderLinesPanel::changed, this, &OrderEditorDialog::formEdited);
    connect(m_shippingAddress, &AddressForm::changed, this, &OrderEditorDialog::formEdited);
    connect(m_billingAddress, &AddressForm::changed, this, &OrderEditorDialog::formEdited);
    connect(m_separateBilling, &QCheckBox::toggled, this, [this](bool separate) {
        m_billingAddress->setVisible(separate);
        formEdited();
    });
    connect(m_shipping, &OrderShippingPanel::typeChanged, this, &OrderEditorDialog::formEdited);
    connect(m_shipping, &OrderShippingPanel::getRateRequested, this, &OrderEditorDialog::getRate);
    connect(m_shipping, &OrderShippingPanel::rateChosen, this, [this](const ShippingRate &rate) {
        if ((m_dirty || m_order.id == 0) && !save())
            return;
        // The type first (it clears the other type's method), then the quoted method itself.
        auto chosen = m_orders->chooseShipping(m_order.id, rate.type);
        if (chosen && !rate.shipmentMethodUid.isEmpty())
            chosen = m_orders->chooseShipping(m_order.id, rate.shipmentMethodUid);
        if (!chosen) {
            m_shipping->showError(chosen.error());
            return;
        }
        m_changed = true;
        reload(true);
    });
    if (m_orders)
        connect(m_orders, &OrderService::orderChanged, this, [this](qint64 id) {
            if (id == m_order.id && id != 0 && !m_busy)
                reload(true);
        });

    resize(960, 680);
    // A banner's height follows its width; before the first layout Qt gives a child 100 pixels, and
    // the dialog would open as tall as the text wrapped to that. Start them at the dialog's width.
    for (InlineMessage *banner : {m_companyWarning, m_problemsMessage, m_message})
        banner->resize(940, banner->height());
    reload();
}

OrderEditorDialog::~OrderEditorDialog() = default;

void OrderEditorDialog::setShipWithPoleepo(ShipWithPoleepo *shipping, PackageTypes *packageTypes)
{
    m_poleepo->setUseCases(shipping, packageTypes);
}

QWidget *OrderEditorDialog::createOrderTab()
{
    auto *page = new QWidget(this);
    m_reference->setObjectName(u"reference"_s);
    m_currency->setObjectName(u"currency"_s);
    m_currency->setEditable(true);
    m_currency->addItems({u"EUR"_s, u"USD"_s, u"GBP"_s, u"CHF"_s, u"SEK"_s, u"DKK"_s, u"PLN"_s});
    m_firstName->setObjectName(u"customerFirstName"_s);
    m_lastName->setObjectName(u"customerLastName"_s);
    m_email->setObjectName(u"customerEmail"_s);
    m_phone->setObjectName(u"customerPhone"_s);
    m_source->setObjectName(u"orderSource"_s);
    m_source->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *orderBox = new QGroupBox(tr("Order"), page);
    auto *left = new QFormLayout(orderBox);
    left->addRow(tr("Reference:"), m_reference);
    left->addRow(tr("Currency:"), m_currency);
    left->addRow(tr("Source:"), m_source);
    auto *customer = new QGroupBox(tr("Customer"), page);
    auto *right = new QFormLayout(customer);
    right->addRow(tr("First name:"), m_firstName);
    right->addRow(tr("Last name:"), m_lastName);
    right->addRow(tr("Email:"), m_email);
    right->addRow(tr("Phone:"), m_phone);
    auto *columns = new QHBoxLayout;
    columns->addWidget(orderBox, 2);
    columns->addWidget(customer, 3);
    auto *lines = new QGroupBox(tr("Lines"), page);
    auto *linesLayout = new QVBoxLayout(lines);
    linesLayout->addWidget(m_lines);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(columns);
    layout->addWidget(lines, 1);
    return page;
}

QWidget *OrderEditorDialog::createAddressesTab()
{
    auto *page = new QWidget(this);
    auto *shipping = new QGroupBox(tr("Shipping address"), page);
    auto *shippingLayout = new QVBoxLayout(shipping);
    m_sameAsCustomer->setObjectName(u"sameAsCustomer"_s);
    shippingLayout->addWidget(m_sameAsCustomer);
    shippingLayout->addWidget(m_shippingAddress);
    m_separateBilling->setObjectName(u"separateBilling"_s);
    auto *billing = new QGroupBox(tr("Billing address"), page);
    auto *billingLayout = new QVBoxLayout(billing);
    billingLayout->addWidget(m_separateBilling);
    billingLayout->addWidget(m_billingAddress);
    m_billingAddress->setVisible(false);
    auto *content = new QWidget(page);
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(shipping);
    layout->addWidget(billing);
    layout->addStretch(1);
    // Two address forms are taller than a small screen.
    auto *scroll = new QScrollArea(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(page);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    return page;
}

bool OrderEditorDialog::isEditable() const
{
    return m_order.state == OrderState::Draft;
}

void OrderEditorDialog::reload(bool keepEdits)
{
    if (m_order.id == 0) {
        // A new manual order: a reference the user may change.
        m_order.reference = u"M-"_s + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
        m_order.source = SalesOrder::Source::Manual;
        m_order.state = OrderState::Draft;
        fillForm();
        return;
    }
    if (!m_database)
        return;
    auto read = SalesOrderRepository(*m_database).get(m_order.id);
    if (!read) {
        m_message->showMessage(InlineMessage::Type::Error, read.error());
        return;
    }
    m_order = read.value();
    m_poleepo->setOrder(m_order);
    m_tabs->setTabVisible(PoleepoTab, m_order.source == SalesOrder::Source::Poleepo);
    if (keepEdits && m_dirty && isEditable()) {
        // The user's typing wins; what Gelato and the timeline say is shown anyway.
        m_gelato->setOrder(m_order);
        m_timeline->setEvents(m_order.events);
        updateState();
        return;
    }
    fillForm();
}

void OrderEditorDialog::fillForm()
{
    m_filling = true;
    m_reference->setText(m_order.reference);
    m_currency->setCurrentText(m_order.currency);
    m_firstName->setText(m_order.customerFirstName);
    m_lastName->setText(m_order.customerLastName);
    m_email->setText(m_order.customerEmail);
    m_phone->setText(m_order.customerPhone);
    m_source->setText(
            m_order.channel.isEmpty()
                    ? OrderTableModel::sourceDisplayName(m_order.source)
                    : tr("%1 · %2").arg(OrderTableModel::sourceDisplayName(m_order.source), m_order.channel));
    m_lines->setOrder(m_order);
    const Address &shipTo = m_order.shippingAddress;
    // A new order: typed once, since the customer is usually the one the goods go to.
    const bool sameAsCustomer = m_order.id == 0
            || (!shipTo.firstName.isEmpty() && shipTo.firstName == m_order.customerFirstName && shipTo.lastName == m_order.customerLastName
            && shipTo.email == m_order.customerEmail && shipTo.phone == m_order.customerPhone);
    m_sameAsCustomer->setChecked(sameAsCustomer);
    followCustomer();
    m_shippingAddress->setAddress(m_order.shippingAddress);
    m_separateBilling->setChecked(m_order.billingAddress.has_value());
    m_billingAddress->setVisible(m_order.billingAddress.has_value());
    Address billing = m_order.billingAddress.value_or(Address {});
    billing.kind = Address::Kind::Billing;
    m_billingAddress->setAddress(billing);
    m_shipping->setOrder(m_order);
    m_gelato->setOrder(m_order);
    m_timeline->setEvents(m_order.events);
    m_filling = false;
    m_dirty = false;
    setWindowModified(false);

    const bool editable = isEditable();
    for (QLineEdit *edit : {m_reference, m_firstName, m_lastName, m_email, m_phone})
        edit->setReadOnly(!editable);
    m_currency->setEnabled(editable);
    m_lines->setReadOnly(!editable);
    m_shippingAddress->setReadOnly(!editable);
    m_billingAddress->setReadOnly(!editable);
    m_separateBilling->setEnabled(editable);
    m_sameAsCustomer->setEnabled(editable);
    m_shipping->setReadOnly(!editable);
    // A stored order has been saved: what blocks it is shown at once. A new one waits for Save.
    setShowAllProblems(m_order.id != 0);

    if (m_orders && m_order.id != 0) {
        const CompanyCheck check = m_orders->companyCheck(m_order.id);
        if (check.state == CompanyCheck::State::Mismatch)
            // CONF-2: Gelato refuses orders while the company differs; the message says what differs.
            m_companyWarning->showMessage(InlineMessage::Type::Warning,
                                          tr("Company check: %1").arg(check.message));
        else
            m_companyWarning->clearMessage();
    }
    updateState();
}

SalesOrder OrderEditorDialog::orderFromForm() const
{
    SalesOrder order = m_order;
    order.reference = m_reference->text().trimmed();
    order.currency = m_currency->currentText().trimmed().toUpper();
    order.customerFirstName = m_firstName->text().trimmed();
    order.customerLastName = m_lastName->text().trimmed();
    order.customerEmail = m_email->text().trimmed();
    order.customerPhone = m_phone->text().trimmed();
    order.lines = m_lines->lines();
    order.shippingAddress = m_shippingAddress->address();
    order.shippingAddress.kind = Address::Kind::Shipping;
    if (m_separateBilling->isChecked()) {
        order.billingAddress = m_billingAddress->address();
        order.billingAddress->kind = Address::Kind::Billing;
    } else {
        order.billingAddress.reset();
    }
    const QString type = m_shipping->shippingType();
    if (type != order.shippingType) {
        // A method chosen for the other type no longer applies.
        order.shippingType = type;
        order.shipmentMethodUid.clear();
    }
    return order;
}

void OrderEditorDialog::formEdited()
{
    if (m_filling)
        return;
    m_dirty = true;
    setWindowModified(true);
    // The lines panel checks ORD-2 against the order as it is now (currency, other lines).
    m_lines->setOrder(orderFromForm());
    updateState();
}

void OrderEditorDialog::customerEdited()
{
    followCustomer();
    formEdited();
}

void OrderEditorDialog::followCustomer()
{
    if (!m_sameAsCustomer->isChecked()) {
        m_shippingAddress->setFixedFields({});
        return;
    }
    m_shippingAddress->setFixedFields({{u"firstName"_s, m_firstName->text().trimmed()},
                                       {u"lastName"_s, m_lastName->text().trimmed()},
                                       {u"email"_s, m_email->text().trimmed()},
                                       {u"phone"_s, m_phone->text().trimmed()}});
}

QLineEdit *OrderEditorDialog::customerField(const QString &name) const
{
    if (name == "firstName"_L1)
        return m_firstName;
    if (name == "lastName"_L1)
        return m_lastName;
    if (name == "email"_L1)
        return m_email;
    if (name == "phone"_L1)
        return m_phone;
    return nullptr;
}

void OrderEditorDialog::setShowAllProblems(bool all)
{
    m_showAllProblems = all;
    m_shippingAddress->showAllProblems(all);
    m_billingAddress->showAllProblems(all);
    updateState();
}

void OrderEditorDialog::updateState()
{
    m_title->setText(m_order.id == 0 ? tr("New order %1").arg(m_reference->text())
                                     : tr("Order %1").arg(m_order.reference));
    setWindowTitle((m_order.id == 0 ? tr("New order") : tr("Order %1").arg(m_order.reference)) + u"[*]"_s);
    m_stateLabel->setText(tr("State: %1").arg(OrderState::displayName(m_order.state)));

    const bool sendable = m_order.state == OrderState::Draft || m_order.state == OrderState::Sending;
    m_problems = m_orders && sendable ? m_orders->problems(orderFromForm()) : QList<OrderProblem> {};
    // A new order misses most fields: a few lines in the banner, the buttons' tooltips say it all.
    const QString blocked = OrderProblemText::describe(m_problems);
    if (blocked.isEmpty() || !m_showAllProblems)
        m_problemsMessage->clearMessage();
    else
        m_problemsMessage->showMessage(InlineMessage::Type::Warning,
                                       OrderProblemText::describe(m_problems, 4));

    const bool ready = m_orders && !m_busy;
    const bool hasGelatoOrder = !m_order.gelatoOrderId.isEmpty();
    m_save->setEnabled(ready && isEditable());
    m_save->setVisible(isEditable());
    m_confirm->setVisible(sendable);
    m_confirm->setEnabled(ready && sendable && blocked.isEmpty());
    m_sendDraft->setEnabled(ready && sendable && blocked.isEmpty());
    m_confirm->setToolTip(blocked.isEmpty() ? tr("Sends the order to Gelato to be produced and shipped")
                                            : blocked);
    m_sendDraft->setVisible(sendable);
    m_promote->setVisible(m_order.state == OrderState::GelatoDraft);
    m_deleteDraft->setVisible(m_order.state == OrderState::GelatoDraft);
    m_promote->setEnabled(ready);
    m_deleteDraft->setEnabled(ready);
    // Gelato cancels until the order is printed (ORD-6); after shipping there is nothing to cancel.
    const bool cancellable = m_order.state == OrderState::Sent || m_order.state == OrderState::InProduction
            || m_order.state == OrderState::Failed;
    m_cancel->setEnabled(ready && hasGelatoOrder && cancellable);
    m_cancel->setToolTip(cancellable ? tr("Asks Gelato to stop producing and shipping the order")
                                     : tr("Gelato cancels an order only until it is printed"));
    m_cancel->setVisible(hasGelatoOrder && m_order.state != OrderState::GelatoDraft);
    m_refresh->setEnabled(ready && hasGelatoOrder);
    m_refresh->setVisible(hasGelatoOrder);
    m_shipping->setGetRateBlocked(!m_orders ? tr("Orders are unavailable.") : blocked);
    m_shipping->setReadOnly(!isEditable() || m_busy);
}

bool OrderEditorDialog::save()
{
    if (!m_orders || !isEditable())
        return false;
    const SalesOrder order = orderFromForm();
    // From now on every problem is shown where it is, touched or not.
    setShowAllProblems(true);
    m_fieldErrors.clear();
    if (const QList<FieldProblem> missing = OrderInput::missingParts(order); !missing.isEmpty()) {
        // The same rule OrderService applies, shown at the first field it names.
        QStringList messages;
        for (const FieldProblem &problem : missing)
            messages.append(problem.message);
        m_tabs->setCurrentIndex(OrderTab);
        m_fieldErrors.show(missing.constFirst().field, tr("The order cannot be saved yet: %1")
                                                               .arg(messages.join(u"; "_s)));
        return false;
    }
    if (order.id == 0) {
        const auto created = m_orders->create(order);
        if (!created) {
            m_message->showMessage(InlineMessage::Type::Error, created.error());
            return false;
        }
        m_order.id = created.value();
    } else if (const auto updated = m_orders->update(order); !updated) {
        m_message->showMessage(InlineMessage::Type::Error, updated.error());
        return false;
    }
    m_dirty = false;
    setWindowModified(false);
    m_changed = true;
    reload();
    return true;
}

void OrderEditorDialog::reject()
{
    // A new order nobody typed into, or an order that can no longer be edited, closes at once.
    if (!isEditable() || !m_dirty || m_unsaved->mayClose([this] { return save(); }))
        QDialog::reject();
}

void OrderEditorDialog::startCall(const QString &progress, const std::function<void(qint64)> &call)
{
    if (m_busy || !m_orders)
        return;
    if (isEditable() && (m_dirty || m_order.id == 0) && !save())
        return;
    m_busy = true;
    m_message->showMessage(InlineMessage::Type::Information, progress);
    updateState();
    call(m_order.id);
}

void OrderEditorDialog::finishCall(const Result<SalesOrder> &result, const QString &success)
{
    m_busy = false;
    m_changed = true;
    if (result)
        m_message->showMessage(InlineMessage::Type::Positive, success);
    else
        m_message->showMessage(InlineMessage::Type::Error, result.error()); // Gelato's words, verbatim
    reload();
}

void OrderEditorDialog::getRate()
{
    startCall(tr("Asking Gelato for the shipping rates of %1…").arg(m_reference->text()), [this](qint64 id) {
        // The shipping tab shows the progress and the answer (or Gelato's error) itself.
        m_message->clearMessage();
        m_shipping->setBusy(true);
        m_tabs->setCurrentIndex(ShippingTab);
        m_orders->quote(id, this, [this](const Result<QList<ShippingRate>> &rates) {
            m_busy = false;
            m_shipping->setBusy(false);
            if (rates)
                m_shipping->showRates(rates.value());
            else
                m_shipping->showError(rates.error());
            updateState();
        });
    });
}

void OrderEditorDialog::confirm(bool asGelatoDraft)
{
    const QString reference = m_reference->text();
    startCall(asGelatoDraft ? tr("Creating order %1 at Gelato as a draft…").arg(reference)
                            : tr("Sending order %1 to Gelato…").arg(reference),
              [this, asGelatoDraft, reference](qint64 id) {
                  m_orders->confirm(
                          id, asGelatoDraft, this,
                          [this, asGelatoDraft, reference](const Result<SalesOrder> &r) {
                              finishCall(r,
                                         asGelatoDraft ? tr("Order %1 is a draft at Gelato.").arg(reference)
                                                       : tr("Order %1 was sent to Gelato.").arg(reference));
                          });
              });
}

void OrderEditorDialog::promoteDraft()
{
    startCall(tr("Turning the Gelato draft of %1 into an order…").arg(m_order.reference), [this](qint64 id) {
        m_orders->promoteDraft(id, this, [this](const Result<SalesOrder> &r) {
            finishCall(r, tr("Order %1 was sent to Gelato.").arg(m_order.reference));
        });
    });
}

void OrderEditorDialog::deleteDraft()
{
    if (!Confirm::ask(this, tr("Delete Gelato draft"),
                      tr("Delete the Gelato draft of order %1? The order becomes a local draft again.")
                              .arg(m_order.reference)))
        return;
    startCall(tr("Deleting the Gelato draft of %1…").arg(m_order.reference), [this](qint64 id) {
        m_orders->deleteDraft(id, this, [this](const Result<SalesOrder> &r) {
            finishCall(r, tr("The Gelato draft of %1 was deleted.").arg(m_order.reference));
        });
    });
}

void OrderEditorDialog::cancelOrder()
{
    // Cancelling stops production at Gelato: worth one question.
    if (!Confirm::ask(this, tr("Cancel order"),
                      tr("Cancel order %1 at Gelato? This cannot be undone.").arg(m_order.reference)))
        return;
    startCall(tr("Cancelling order %1 at Gelato…").arg(m_order.reference), [this](qint64 id) {
        m_orders->cancel(id, this, [this](const Result<SalesOrder> &r) {
            finishCall(r, tr("Order %1 was cancelled.").arg(m_order.reference));
        });
    });
}

void OrderEditorDialog::refreshFromGelato()
{
    startCall(tr("Reading order %1 from Gelato…").arg(m_order.reference), [this](qint64 id) {
        m_orders->refresh(id, OrderEvent::Source::User, this, [this](const Result<SalesOrder> &r) {
            finishCall(r, tr("Order %1 is up to date.").arg(m_order.reference));
        });
    });
}

} // namespace Bottega
