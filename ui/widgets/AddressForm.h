// AddressForm: edits a shipping or billing address of an order with live validation (ORD-3). As
// the user types, AddressCheck runs; a field's problem is shown under it once the field has been
// touched, or for every field after showAllProblems() (Save, Confirm), never on an untouched new
// form. The country is chosen by name (CountryBox) and kept as its ISO code. Each field's problem
// line keeps its space, so fields do not move as problems come and go. Lives on the window's thread.
#pragma once

#include "core/domain/Address.h"
#include "core/orders/AddressCheck.h"

#include <QHash>
#include <QSet>
#include <QWidget>

class QLabel;
class QLineEdit;

namespace Bottega {

class CountryBox;

class AddressForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddressForm)

public:
    explicit AddressForm(Address::Kind kind, QWidget *parent = nullptr);
    ~AddressForm() override;

    // Shows the address and checks it at once; no field counts as touched.
    void setAddress(const Address &address);
    // The fields as typed (trimmed), with the id, order and kind of the address last set.
    Address address() const;
    void setReadOnly(bool readOnly);
    // Fields that follow another part of the form ("same as customer"): shown with these values
    // and not editable while set; an empty hash makes every field editable again.
    void setFixedFields(const QHash<QString, QString> &values);
    // Shows every field's problem, touched or not (after Save or Confirm); false: touched only.
    void showAllProblems(bool all = true);

    // What the last check found (empty: the address is complete), shown or not.
    QList<FieldProblem> problems() const { return m_problems; }
    // The problem shown under a field (Gelato's name: "postCode"); empty when none is shown.
    QString fieldError(const QString &field) const;
    // The line edit of a field; null for "country" (see countryBox()).
    QLineEdit *field(const QString &name) const { return m_edits.value(name); }
    CountryBox *countryBox() const { return m_country; }
    // Gelato's field names, in the order of the form.
    static QStringList fieldNames();

Q_SIGNALS:
    // The user changed a field (the check has already run).
    void changed();

private:
    void fieldEdited(const QString &name);
    void validate();

    Address m_address;
    QHash<QString, QLineEdit *> m_edits;
    CountryBox *m_country;
    QHash<QString, QLabel *> m_errors;
    QHash<QString, QString> m_fixed;
    QSet<QString> m_touched;
    QList<FieldProblem> m_problems;
    bool m_showAll = false;
    bool m_readOnly = false;
};

} // namespace Bottega
