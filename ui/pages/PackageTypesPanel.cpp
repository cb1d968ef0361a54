#include "ui/pages/PackageTypesPanel.h"

#include "core/fulfilment/PackageTypes.h"
#include "ui/widgets/Confirm.h"
#include "ui/widgets/InlineMessage.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

QDoubleSpinBox *measureBox(QWidget *parent, const QString &objectName, const QString &suffix)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setObjectName(objectName);
    box->setRange(0, 9999.99);
    box->setDecimals(2);
    box->setSuffix(suffix);
    return box;
}

} // namespace

PackageTypesPanel::PackageTypesPanel(PackageTypes *packageTypes, QWidget *parent)
    : QGroupBox(tr("Package types (Poleepo shipping)"), parent), m_packageTypes(packageTypes),
      m_table(new QTableWidget(0, 5, this)), m_name(new QLineEdit(this)),
      m_weight(measureBox(this, u"packageWeight"_s, tr(" kg"))),
      m_width(measureBox(this, u"packageWidth"_s, tr(" cm"))),
      m_height(measureBox(this, u"packageHeight"_s, tr(" cm"))),
      m_depth(measureBox(this, u"packageDepth"_s, tr(" cm"))), m_poleepoId(new QLineEdit(this)),
      m_new(new QPushButton(tr("New"), this)), m_save(new QPushButton(tr("Save type"), this)),
      m_remove(new QPushButton(tr("Delete"), this)),
      m_adopt(new QPushButton(tr("Get Poleepo's types"), this)), m_message(new InlineMessage(this))
{
    setObjectName(u"packageTypesPanel"_s);
    m_table->setObjectName(u"packageTypeTable"_s);
    m_name->setObjectName(u"packageName"_s);
    m_poleepoId->setObjectName(u"packagePoleepoId"_s);
    m_poleepoId->setPlaceholderText(tr("the id of the package type in Poleepo"));
    m_adopt->setObjectName(u"adoptPackageTypesButton"_s);
    m_adopt->setToolTip(tr("Adds the package types configured in Poleepo that are not here yet"));
    m_message->setObjectName(u"packageTypesMessage"_s);
    m_message->setCloseButtonVisible(true);
    m_table->setHorizontalHeaderLabels(
            {tr("Name"), tr("Weight"), tr("W × H × D"), tr("Poleepo type"), tr("Usable")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setMinimumHeight(120);

    // One measure a row: the Settings column is narrow, and longer languages need the room.
    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Poleepo type:"), m_poleepoId);
    form->addRow(tr("Weight:"), m_weight);
    form->addRow(tr("Width:"), m_width);
    form->addRow(tr("Height:"), m_height);
    form->addRow(tr("Depth:"), m_depth);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_new, m_save, m_remove})
        buttons->addWidget(button);
    buttons->addStretch(1);
    auto *adopt = new QHBoxLayout;
    adopt->addStretch(1);
    adopt->addWidget(m_adopt);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_table);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addLayout(adopt);

    connect(m_table, &QTableWidget::itemSelectionChanged, this, &PackageTypesPanel::showSelected);
    connect(m_new, &QPushButton::clicked, this, &PackageTypesPanel::newType);
    connect(m_save, &QPushButton::clicked, this, &PackageTypesPanel::saveForm);
    connect(m_remove, &QPushButton::clicked, this, &PackageTypesPanel::removeSelected);
    connect(m_adopt, &QPushButton::clicked, this, &PackageTypesPanel::adoptFromPoleepo);
    reload();
}

PackageTypesPanel::~PackageTypesPanel() = default;

void PackageTypesPanel::reload()
{
    for (QWidget *widget :
         std::initializer_list<QWidget *> {m_table, m_name, m_weight, m_width, m_height, m_depth, m_poleepoId,
                                           m_new, m_save, m_remove, m_adopt})
        widget->setEnabled(m_packageTypes && !m_busy);
    if (!m_packageTypes) {
        m_message->showMessage(InlineMessage::Type::Warning, tr("Package types are not available here."));
        return;
    }
    auto types = m_packageTypes->list();
    if (!types) {
        m_message->showMessage(InlineMessage::Type::Error, types.error());
        return;
    }
    m_types = *types;
    const QSignalBlocker blocker(m_table);
    m_table->setRowCount(int(m_types.size()));
    const QLocale locale;
    for (int row = 0; row < m_types.size(); ++row) {
        const PackageType &type = m_types.at(row);
        const QStringList problems = PackageTypes::problems(type);
        const QStringList cells {type.name, tr("%1 kg").arg(locale.toString(type.weight)),
                                 tr("%1 × %2 × %3 cm")
                                         .arg(locale.toString(type.width), locale.toString(type.height),
                                              locale.toString(type.depth)),
                                 type.poleepoPackageTypeId.isEmpty() ? QStringLiteral("—")
                                                                     : type.poleepoPackageTypeId,
                                 problems.isEmpty() ? tr("Yes") : tr("No: %1").arg(problems.join(u", "_s))};
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        if (type.id == m_editing)
            m_table->selectRow(row);
    }
    if (m_editing == 0)
        m_table->clearSelection();
    m_table->resizeColumnsToContents();
    m_remove->setEnabled(m_editing != 0 && !m_busy);
}

void PackageTypesPanel::showSelected()
{
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    if (selected.isEmpty())
        return; // cleared for a new type: the form keeps what is typed
    const int row = selected.constFirst().row();
    if (row >= m_types.size())
        return;
    const PackageType &type = m_types.at(row);
    m_editing = type.id;
    m_name->setText(type.name);
    m_weight->setValue(type.weight);
    m_width->setValue(type.width);
    m_height->setValue(type.height);
    m_depth->setValue(type.depth);
    m_poleepoId->setText(type.poleepoPackageTypeId);
    m_remove->setEnabled(!m_busy);
}

void PackageTypesPanel::newType()
{
    m_table->clearSelection();
    m_editing = 0;
    m_name->clear();
    for (QDoubleSpinBox *box : {m_weight, m_width, m_height, m_depth})
        box->setValue(0);
    m_poleepoId->clear();
    m_remove->setEnabled(false);
    m_name->setFocus();
}

bool PackageTypesPanel::saveForm()
{
    if (!m_packageTypes)
        return false;
    PackageType type {m_editing,         m_name->text(),   m_weight->value(),  m_width->value(),
                      m_height->value(), m_depth->value(), m_poleepoId->text()};
    const auto saved = m_packageTypes->save(type);
    if (!saved) {
        m_message->showMessage(InlineMessage::Type::Error, saved.error());
        return false;
    }
    m_editing = *saved;
    type.id = *saved;
    const QStringList problems = PackageTypes::problems(type);
    if (problems.isEmpty())
        m_message->showMessage(InlineMessage::Type::Positive,
                               tr("Package type \"%1\" saved.").arg(type.name.trimmed()));
    else
        m_message->showMessage(InlineMessage::Type::Warning,
                               tr("Package type \"%1\" saved, but a shipment cannot use it yet: %2")
                                       .arg(type.name.trimmed(), problems.join(u", "_s)));
    reload();
    return true;
}

bool PackageTypesPanel::removeSelected()
{
    if (!m_packageTypes || m_editing == 0)
        return false;
    if (!Confirm::ask(this, tr("Delete package type"),
                      tr("Delete the package type \"%1\"?").arg(m_name->text())))
        return false;
    if (const auto removed = m_packageTypes->remove(m_editing); !removed) {
        m_message->showMessage(InlineMessage::Type::Error, removed.error());
        return false;
    }
    newType();
    reload();
    return true;
}

void PackageTypesPanel::adoptFromPoleepo()
{
    if (!m_packageTypes || m_busy)
        return;
    m_busy = true;
    m_message->showMessage(InlineMessage::Type::Information, tr("Asking Poleepo for its package types…"));
    reload();
    m_packageTypes->adoptOffered(this, [this](const Result<int> &added) {
        m_busy = false;
        if (!added)
            m_message->showMessage(InlineMessage::Type::Error, added.error());
        else if (*added == 0)
            m_message->showMessage(InlineMessage::Type::Information,
                                   tr("Every package type of Poleepo is here already."));
        else
            m_message->showMessage(InlineMessage::Type::Positive,
                                   tr("%n package type(s) added from Poleepo.", nullptr, *added));
        reload();
    });
}

} // namespace Bottega
