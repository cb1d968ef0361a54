// SettingEditor: edits one non-secret setting (a check box, a line or a few lines of text). It keeps
// the loaded text to know whether the user changed it, applies through Settings::set (which does the
// validation) and shows that function's error inline, under the field.
#pragma once

#include "core/domain/Result.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace Bottega {

class InlineMessage;
class Settings;

class SettingEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingEditor)

public:
    enum class Kind { CheckBox, Line, MultiLine };

    SettingEditor(const QString &key, Kind kind, QWidget *parent = nullptr);
    ~SettingEditor() override;

    QString key() const;
    Kind kind() const;

    // Shows the stored value and forgets edits and errors.
    void load(const Settings &settings);
    // The text as the user typed it; a check box gives "true" or "false".
    QString text() const;
    void setText(const QString &text);
    bool isModified() const;

    // Saves the edit if there is one. On error the field keeps the edit and shows the error.
    Result<void> apply(Settings &settings);

    void showError(const QString &message);
    void clearError();
    QString errorText() const;

    // The editing widget (a QCheckBox, QLineEdit or QPlainTextEdit), for labels' buddies and tests.
    QWidget *editor() const;
    void setCheckBoxText(const QString &text);
    void setPlaceholderText(const QString &text);
    // A short explanation shown under the field in a smaller font.
    void setHint(const QString &text);

Q_SIGNALS:
    // The user changed the text (also back to the stored one).
    void edited();

private:
    QString m_key;
    Kind m_kind;
    QCheckBox *m_checkBox = nullptr;
    QLineEdit *m_line = nullptr;
    QPlainTextEdit *m_multiLine = nullptr;
    InlineMessage *m_error;
    QLabel *m_hint;
    QString m_loadedText;
};

} // namespace Bottega
