#include "ui/widgets/AddressForm.h"

#include "ui/widgets/CountryBox.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// Marks a field without a style sheet on the whole form: only the bad fields get a red frame.
const QString badFieldStyle = u"QLineEdit, QComboBox { border: 1px solid #da4453; border-radius: 2px; }"_s;

} // namespace

AddressForm::AddressForm(Address::Kind kind, QWidget *parent) : QWidget(parent), m_country(new CountryBox(this))
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
            {u"country"_s, tr("Country")},
            {u"phone"_s, tr("Phone")},
    };
    // Two columns of label and field; each field has its problem written under it.
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(2);
    for (int i = 0; i < labels.size(); ++i) {
        const auto &[name, text] = labels.at(i);
        QWidget *input = m_country;
        if (name != "country"_L1) {
            auto *edit = new QLineEdit(this);
            edit->setObjectName(name);
            if (const int limit = AddressCheck::maximumLength(name); limit > 0)
                edit->setPlaceholderText(tr("up to %n character(s)", nullptr, limit));
            connect(edit, &QLineEdit::textEdited, this, [this, name] { fieldEdited(name); });
            m_edits.insert(name, edit);
            input = edit;
        }
        // A red frame's style sheet changes a field's height; it keeps its own, so nothing moves.
        input->setFixedHeight(input->sizeHint().height());
        auto *error = new QLabel(this);
        error->setObjectName(name + u"Error"_s);
        error->setWordWrap(true);
        error->setStyleSheet(u"color: #da4453;"_s);
        // The line is there, empty, when the field is fine: a problem appearing moves nothing.
        error->setMinimumHeight(error->fontMetrics().height());
        auto *label = new QLabel(text, this);
        label->setBuddy(input);
        const int row = (i / 2) * 2;
        const int column = (i % 2) * 2;
        grid->addWidget(label, row, column);
        grid->addWidget(input, row, column + 1);
        grid->addWidget(error, row + 1, column + 1);
        m_errors.insert(name, error);
    }
    connect(m_country, &CountryBox::codeEdited, this, [this] { fieldEdited(u"country"_s); });
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
    for (const QString &name : fieldNames()) {
        if (QLineEdit *edit = m_edits.value(name))
            edit->setText(m_fixed.contains(name) ? m_fixed.value(name) : address.field(name));
    }
    m_country->setCode(address.country);
    m_touched.clear();
    validate();
}

Address AddressForm::address() const
{
    Address address = m_address;
    for (const QString &name : fieldNames()) {
        if (const QLineEdit *edit = m_edits.value(name))
            address.setField(name, edit->text().trimmed());
    }
    address.country = m_country->code();
    return address;
}

void AddressForm::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    for (auto it = m_edits.cbegin(); it != m_edits.cend(); ++it)
        it.value()->setReadOnly(readOnly || m_fixed.contains(it.key()));
    m_country->setEnabled(!readOnly);
}

void AddressForm::setFixedFields(const QHash<QString, QString> &values)
{
    m_fixed = values;
    for (auto it = m_edits.cbegin(); it != m_edits.cend(); ++it) {
        if (m_fixed.contains(it.key()))
            it.value()->setText(m_fixed.value(it.key()));
        it.value()->setReadOnly(m_readOnly || m_fixed.contains(it.key()));
    }
    validate();
}

void AddressForm::showAllProblems(bool all)
{
    m_showAll = all;
    validate();
}

QString AddressForm::fieldError(const QString &field) const
{
    const QLabel *error = m_errors.value(field);
    return error ? error->text() : QString();
}

void AddressForm::fieldEdited(const QString &name)
{
    m_touched.insert(name);
    validate();
    Q_EMIT changed();
}

void AddressForm::validate()
{
    m_problems = AddressCheck::check(address());
    QHash<QString, QStringList> byField;
    for (const FieldProblem &problem : std::as_const(m_problems)) {
        if (m_showAll || m_touched.contains(problem.field))
            byField[problem.field].append(problem.message);
    }
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it) {
        const QStringList messages = byField.value(it.key());
        it.value()->setText(messages.join(u'\n'));
        QWidget *input = it.key() == "country"_L1 ? static_cast<QWidget *>(m_country) : m_edits.value(it.key());
        input->setStyleSheet(messages.isEmpty() ? QString() : badFieldStyle);
        input->setToolTip(messages.join(u'\n'));
    }
}

} // namespace Bottega
