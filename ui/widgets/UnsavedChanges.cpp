#include "ui/widgets/UnsavedChanges.h"

#include "ui/widgets/Confirm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTextEdit>

namespace Bottega {

UnsavedChanges::UnsavedChanges(QWidget *editor) : QObject(editor), m_editor(editor) { }

void UnsavedChanges::watch(QWidget *root)
{
    const auto modified = [this] {
        markModified();
    };
    // Line edits: only what the person types (textEdited), not what a load puts there.
    for (auto *edit : root->findChildren<QLineEdit *>()) {
        // A spin box's or combo box's own line edit is watched through its owner.
        if (qobject_cast<QAbstractSpinBox *>(edit->parentWidget())
            || qobject_cast<QComboBox *>(edit->parentWidget()))
            continue;
        connect(edit, &QLineEdit::textEdited, this, modified);
    }
    for (auto *edit : root->findChildren<QPlainTextEdit *>())
        connect(edit, &QPlainTextEdit::textChanged, this, modified);
    for (auto *edit : root->findChildren<QTextEdit *>())
        connect(edit, &QTextEdit::textChanged, this, modified);
    for (auto *box : root->findChildren<QSpinBox *>())
        connect(box, &QSpinBox::valueChanged, this, modified);
    for (auto *box : root->findChildren<QDoubleSpinBox *>())
        connect(box, &QDoubleSpinBox::valueChanged, this, modified);
    for (auto *edit : root->findChildren<QDateTimeEdit *>())
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, modified);
    for (auto *box : root->findChildren<QComboBox *>())
        connect(box, &QComboBox::currentIndexChanged, this, modified);
    for (auto *box : root->findChildren<QCheckBox *>())
        connect(box, &QCheckBox::toggled, this, modified);
}

void UnsavedChanges::markModified()
{
    m_editor->setWindowModified(true);
}

void UnsavedChanges::setClean()
{
    m_editor->setWindowModified(false);
}

bool UnsavedChanges::isModified() const
{
    return m_editor->isWindowModified();
}

bool UnsavedChanges::mayClose(const std::function<bool()> &save)
{
    if (!isModified())
        return true;
    switch (Confirm::askToSave(m_editor, tr("Unsaved changes"),
                               tr("Save the changes before closing? Discarded changes are lost."))) {
    case Confirm::Answer::Yes:
        return save();
    case Confirm::Answer::No:
        setClean();
        return true;
    case Confirm::Answer::Cancel:
        return false;
    }
    return false;
}

} // namespace Bottega
