// ShipWithPoleepoDialog (SHIP-2, SHIP-3): Ship with Poleepo for one order. Asks Poleepo for its
// carriers and pickup addresses, lets the user pick one of each and list the packages (at least
// one, each of a package type from Settings; a type Poleepo cannot use says why), then requests the
// shipping and its label through ShipWithPoleepo. Poleepo's refusal is shown in the dialog, which
// stays open; it closes accepted once the label is stored. Lives on the window's thread.
#pragma once

#include "core/domain/PackageType.h"
#include "core/domain/SalesOrder.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QListWidget;
class QPushButton;

namespace Bottega {

class InlineMessage;
class PackageTypes;
class ShipWithPoleepo;

class ShipWithPoleepoDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShipWithPoleepoDialog)

public:
    // Neither is owned. Starts asking Poleepo for its choices at once.
    ShipWithPoleepoDialog(ShipWithPoleepo *shipping, PackageTypes *packageTypes, const SalesOrder &order,
                          QWidget *parent = nullptr);
    ~ShipWithPoleepoDialog() override;

    // Adds a package of the type chosen in the type box; removes the selected one.
    void addPackage();
    void removePackage();
    // Requests the shipping and its label (the OK button).
    void requestLabel();
    bool isBusy() const { return m_busy; }
    bool choicesLoaded() const { return m_choicesLoaded; }

    QComboBox *carrierBox() const { return m_carrier; }
    QComboBox *pickupBox() const { return m_pickup; }
    QComboBox *packageTypeBox() const { return m_packageType; }
    QListWidget *packageList() const { return m_packages; }
    QPushButton *requestButton() const { return m_request; }
    InlineMessage *message() const { return m_message; }

private:
    void loadChoices();
    void updateButtons();

    ShipWithPoleepo *m_shipping;
    SalesOrder m_order;
    QList<PackageType> m_types;
    QComboBox *m_carrier;
    QComboBox *m_pickup;
    QComboBox *m_packageType;
    QListWidget *m_packages;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_request;
    InlineMessage *m_message;
    QDialogButtonBox *m_buttons;
    bool m_busy = false;
    bool m_choicesLoaded = false;
};

} // namespace Bottega
