// PackageTypesPanel: the package types in Settings (CONF-8): name, weight, dimensions and the
// Poleepo package type each stands for, with whether a shipment can use it (and why not). New,
// Save and Delete through PackageTypes; "Get Poleepo's types" adds the types Poleepo offers that
// are not here yet. Lives on the window's thread.
#pragma once

#include "core/domain/PackageType.h"

#include <QGroupBox>

class QDoubleSpinBox;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace Bottega {

class InlineMessage;
class PackageTypes;

class PackageTypesPanel final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PackageTypesPanel)

public:
    enum Column { NameColumn, WeightColumn, SizeColumn, PoleepoColumn, UsableColumn };

    // Not owned; without it the panel says package types are unavailable.
    explicit PackageTypesPanel(PackageTypes *packageTypes, QWidget *parent = nullptr);
    ~PackageTypesPanel() override;

    void reload();
    // Empties the form for a new type.
    void newType();
    // Stores the form (a new type, or the selected one changed).
    bool saveForm();
    bool removeSelected();
    // Asks Poleepo for its package types and adds the new ones.
    void adoptFromPoleepo();

    QList<PackageType> types() const { return m_types; }
    QTableWidget *table() const { return m_table; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *poleepoEdit() const { return m_poleepoId; }
    QDoubleSpinBox *weightBox() const { return m_weight; }
    QDoubleSpinBox *widthBox() const { return m_width; }
    QDoubleSpinBox *heightBox() const { return m_height; }
    QDoubleSpinBox *depthBox() const { return m_depth; }
    QPushButton *adoptButton() const { return m_adopt; }
    InlineMessage *message() const { return m_message; }
    bool isBusy() const { return m_busy; }

private:
    void showSelected();

    PackageTypes *m_packageTypes;
    QList<PackageType> m_types;
    qint64 m_editing = 0; // the type in the form; 0: a new one
    QTableWidget *m_table;
    QLineEdit *m_name;
    QDoubleSpinBox *m_weight;
    QDoubleSpinBox *m_width;
    QDoubleSpinBox *m_height;
    QDoubleSpinBox *m_depth;
    QLineEdit *m_poleepoId;
    QPushButton *m_new;
    QPushButton *m_save;
    QPushButton *m_remove;
    QPushButton *m_adopt;
    InlineMessage *m_message;
    bool m_busy = false;
};

} // namespace Bottega
