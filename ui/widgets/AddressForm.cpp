#include "ui/widgets/AddressForm.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// Marks a field without a style sheet on the whole form: only the bad fields get a red frame.
const QString badFieldStyle = u"QLineEdit { border: 1px solid #da4453; border-radius: 2px; }"_s;

} // namespace

AddressForm::AddressForm(Address::Kind kind, QWidget *parent) : QWidget(parent)
{
    m_address.kind = kind;
    setObjectName(kind == Address::Kind::Shipping ? u"shippingAddressForm"_s : u"billingAddressForm"_s);
    const QList<std::pair<QString, QString>> labels = {
            {u"firstName"_s, tr("First name")},
            {u"lastName"_s, tr("Last name")},
            {u"companyName"_s, tr("Company")},
            {u"email"_s, tr("Email")},
            {u"addressLine1"_s, tr("Street")},
            {u"addressLine2"_s, tr("Street (line 2)")},
            {u"city"_s, tr("City")},
            {u"postCode"_s, tr("Post code")},
            {u"state"_s, tr("State or province")},
            {u"country"_s, tr("Country (ISO code)")},
            {u"phone"_s, tr("Phone")},
    };
    // Two columns of label and field; each field has its problem written under it.
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(2);
    for (int i = 0; i < labels.size(); ++i) {
        const auto &[name, text] = labels.at(i);
        auto *edit = new QLineEdit(this);
        edit->setObjectName(name);
        if (const int limit = AddressCheck::maximumLength(name); limit > 0)
            edit->setPlaceholderText(tr("up to %n character(s)", nullptr, limit));
        auto *error = new QLabel(this);
        error->setObjectName(name + u"Error"_s);
        error->setWordWrap(true);
        error->setStyleSheet(u"color: #da4453;"_s);
        error->setVisible(false);
        auto *label = new QLabel(text, this);
        label->setBuddy(edit);
        const int row = (i / 2) * 2;
        const int column = (i % 2) * 2;
        grid->addWidget(label, row, column);
        grid->addWidget(edit, row, column + 1);
        grid->addWidget(error, row + 1, column + 1);
        m_edits.insert(name, edit);
        m_errors.insert(name, error);
        connect(edit, &QLineEdit::textEdited, this, [this] {
            validate();
            Q_EMIT changed();
        });
    }
    m_edits.value(u"country"_s)->setMaxLength(2);
    m_edits.value(u"country"_s)->setPlaceholderText(tr("e.g. IT, DE, US"));
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    grid->setRowStretch(grid->rowCount(), 1);
    validate();
}

AddressForm::~AddressForm() = default;

QStringList AddressForm::fieldNames()
{
    return {u"firstName"_s,    u"lastName"_s,     u"companyName"_s, u"email"_s,
            u"addressLine1"_s, u"addressLine2"_s, u"city"_s,        u"postCode"_s,
            u"state"_s,        u"country"_s,      u"phone"_s};
}

void AddressForm::setAddress(const Address &address)
{
    m_address = address;
    for (const QString &name : fieldNames())
        m_edits.value(name)->setText(address.field(name));
    validate();
}

Address AddressForm::address() const
{
    Address address = m_address;
    for (const QString &name : fieldNames()) {
        const QString value = m_edits.value(name)->text().trimmed();
        address.setField(name, name == "country"_L1 ? value.toUpper() : value);
    }
    return address;
}

void AddressForm::setReadOnly(bool readOnly)
{
    for (QLineEdit *edit : std::as_const(m_edits))
        edit->setReadOnly(readOnly);
}

QString AddressForm::fieldError(const QString &field) const
{
    const QLabel *error = m_errors.value(field);
    return error && !error->isHidden() ? error->text() : QString();
}

void AddressForm::validate()
{
    m_problems = AddressCheck::check(address());
    QHash<QString, QStringList> byField;
    for (const FieldProblem &problem : std::as_const(m_problems))
        byField[problem.field].append(problem.message);
    for (auto it = m_edits.cbegin(); it != m_edits.cend(); ++it) {
        const QStringList messages = byField.value(it.key());
        QLabel *error = m_errors.value(it.key());
        error->setText(messages.join(u'\n'));
        error->setVisible(!messages.isEmpty());
        it.value()->setStyleSheet(messages.isEmpty() ? QString() : badFieldStyle);
        it.value()->setToolTip(messages.join(u'\n'));
    }
}

} // namespace Bottega
