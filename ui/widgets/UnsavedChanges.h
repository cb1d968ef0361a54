// UnsavedChanges: keeps an editor's windowModified (the "*" of a title with "[*]") true while the
// person has changed a field since the last load or save, and asks Save / Discard / Cancel before
// such changes would be thrown away (Close, Esc, the window's close button). It watches every
// line edit, text edit, spin box, combo box and check box under the editor; an editor calls
// markModified() for changes of its own (lines added to a table, say) and setClean() after it has
// loaded or saved. Window thread only.
#pragma once

#include <QObject>
#include <functional>

class QWidget;

namespace Bottega {

class UnsavedChanges final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnsavedChanges)

public:
    explicit UnsavedChanges(QWidget *editor);

    // Watches the fields under root (call once the fields exist).
    void watch(QWidget *root);
    void markModified();
    void setClean();
    bool isModified() const;

    // Whether the editor may close now: true when nothing changed, when the person saved (and
    // save() succeeded) or discarded; false when they cancelled or saving failed.
    bool mayClose(const std::function<bool()> &save);

private:
    QWidget *m_editor;
};

} // namespace Bottega
