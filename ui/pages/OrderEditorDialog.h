// OrderEditorDialog: one sales order (ORD-1..9, CONF-2): customer, lines, addresses with live
// validation, shipping with Get rate, then Confirm (or send as a Gelato draft), Cancel and Refresh;
// what Gelato reports in its own tab and the timeline in another. What blocks quoting and
// confirming disables those buttons (their tooltips say why); it is listed above the buttons, and
// marked at each field, once the order has been saved or Save was tried, never on an untouched
// new form. Banners sit between the tabs and the buttons, so neither the fields nor the buttons
// move when they come and go. Calls to Gelato show their progress and errors (verbatim).
#pragma once

#include "core/domain/SalesOrder.h"
#include "core/orders/OrderService.h"
#include "ui/widgets/FieldErrorMarker.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;

namespace Bottega {

class AddressForm;
class Database;
class InlineMessage;
class UnsavedChanges;
class OrderGelatoPanel;
class OrderLinesPanel;
class OrderShippingPanel;
class OrderTimelinePanel;
class OrderPoleepoPanel;
class PackageTypes;
class ShipWithPoleepo;

class OrderEditorDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderEditorDialog)

public:
    enum Tab { OrderTab, AddressesTab, ShippingTab, GelatoTab, TimelineTab, PoleepoTab };

    // Neither is owned; both must outlive the dialog. orderId 0 starts a new manual order, stored
    // on the first Save (or before the first call to Gelato).
    OrderEditorDialog(Database *database, OrderService *orders, qint64 orderId, QWidget *parent = nullptr);
    ~OrderEditorDialog() override;
    // The Info Poleepo tab's shipping actions (shown for orders from Poleepo); not owned.
    void setShipWithPoleepo(ShipWithPoleepo *shipping, PackageTypes *packageTypes);

    // Reads the order again; edits not yet saved stay in the form when keepEdits is set.
    void reload(bool keepEdits = false);
    // Stores the form (create or update); false with the error shown when refused.
    bool save();
    // Close, Esc, the window's close button: asks Save / Discard / Cancel when fields changed.
    void reject() override;
    // The order as the form shows it now.
    SalesOrder orderFromForm() const;

    void getRate();
    void confirm(bool asGelatoDraft = false);
    void promoteDraft();
    // Both ask first (Confirm); then OrderService::deleteDraft / cancel, as `bottega order cancel`.
    void deleteDraft();
    void cancelOrder();
    void refreshFromGelato();
    bool isBusy() const { return m_busy; }

    const SalesOrder &order() const { return m_order; }
    // What blocks Get rate and Confirm for the form as it is (OrderService::problems).
    QList<OrderProblem> problems() const { return m_problems; }
    bool changed() const { return m_changed; }

    QTabWidget *tabs() const { return m_tabs; }
    InlineMessage *message() const { return m_message; }
    InlineMessage *problemsMessage() const { return m_problemsMessage; }
    InlineMessage *companyWarning() const { return m_companyWarning; }
    AddressForm *shippingAddress() const { return m_shippingAddress; }
    AddressForm *billingAddress() const { return m_billingAddress; }
    QCheckBox *separateBilling() const { return m_separateBilling; }
    // "Same as customer": the shipping address's name, email and phone follow the customer's.
    QCheckBox *sameAsCustomer() const { return m_sameAsCustomer; }
    QLineEdit *customerField(const QString &name) const;
    const FieldErrorMarker &fieldErrors() const { return m_fieldErrors; }
    // Whether problems are shown for every field (after Save was tried, or for a stored order).
    bool showsAllProblems() const { return m_showAllProblems; }
    OrderLinesPanel *lines() const { return m_lines; }
    OrderShippingPanel *shipping() const { return m_shipping; }
    OrderGelatoPanel *gelato() const { return m_gelato; }
    OrderTimelinePanel *timeline() const { return m_timeline; }
    OrderPoleepoPanel *poleepo() const { return m_poleepo; }
    QPushButton *confirmButton() const { return m_confirm; }
    QPushButton *draftButton() const { return m_sendDraft; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *refreshButton() const { return m_refresh; }
    QLineEdit *referenceEdit() const { return m_reference; }

private:
    QWidget *createOrderTab();
    QWidget *createAddressesTab();
    void fillForm();
    void formEdited();
    void customerEdited();
    void followCustomer();
    void setShowAllProblems(bool all);
    void updateState();
    // Saves, then runs call with the stored id; the buttons wait until finished() is called.
    void startCall(const QString &progress, const std::function<void(qint64)> &call);
    void finishCall(const Result<SalesOrder> &result, const QString &success);
    bool isEditable() const;

    Database *m_database;
    OrderService *m_orders;
    SalesOrder m_order;
    QList<OrderProblem> m_problems;
    bool m_dirty = false;
    bool m_changed = false;
    bool m_busy = false;
    bool m_filling = false;
    bool m_showAllProblems = false;

    QLabel *m_title;
    QLabel *m_stateLabel;
    InlineMessage *m_message;
    UnsavedChanges *m_unsaved = nullptr;
    InlineMessage *m_problemsMessage;
    InlineMessage *m_companyWarning;
    QTabWidget *m_tabs;
    QLineEdit *m_reference;
    QComboBox *m_currency;
    QLineEdit *m_firstName;
    QLineEdit *m_lastName;
    QLineEdit *m_email;
    QLineEdit *m_phone;
    QLabel *m_source;
    OrderLinesPanel *m_lines;
    AddressForm *m_shippingAddress;
    QCheckBox *m_sameAsCustomer;
    QCheckBox *m_separateBilling;
    AddressForm *m_billingAddress;
    OrderShippingPanel *m_shipping;
    OrderGelatoPanel *m_gelato;
    OrderTimelinePanel *m_timeline;
    OrderPoleepoPanel *m_poleepo;
    QPushButton *m_save;
    QPushButton *m_confirm;
    QPushButton *m_sendDraft;
    QPushButton *m_promote;
    QPushButton *m_deleteDraft;
    QPushButton *m_cancel;
    QPushButton *m_refresh;
    FieldErrorMarker m_fieldErrors;
};

} // namespace Bottega
