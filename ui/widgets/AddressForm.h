// AddressForm: edits a shipping or billing address of an order with live validation (ORD-3):
// as the user types, AddressCheck runs and each bad field is marked and its problem named under it.
#pragma once

#include "core/domain/Address.h"
#include "core/orders/AddressCheck.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QLineEdit;

namespace Bottega {

class AddressForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddressForm)

public:
    explicit AddressForm(Address::Kind kind, QWidget *parent = nullptr);
    ~AddressForm() override;

    // Shows the address and checks it at once.
    void setAddress(const Address &address);
    // The fields as typed (trimmed), with the id, order and kind of the address last set.
    Address address() const;
    void setReadOnly(bool readOnly);

    // What the last check found (empty: the address is complete).
    QList<FieldProblem> problems() const { return m_problems; }
    // The problem shown under a field (Gelato's name: "postCode"); empty when it is fine.
    QString fieldError(const QString &field) const;
    QLineEdit *field(const QString &name) const { return m_edits.value(name); }
    // Gelato's field names, in the order of the form.
    static QStringList fieldNames();

Q_SIGNALS:
    // The user changed a field (the check has already run).
    void changed();

private:
    void validate();

    Address m_address;
    QHash<QString, QLineEdit *> m_edits;
    QHash<QString, QLabel *> m_errors;
    QList<FieldProblem> m_problems;
};

} // namespace Bottega
