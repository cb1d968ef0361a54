// CopyableValue: a read-only value the user has to paste somewhere else (a webhook URL, a header
// name), with a Copy button that puts it on the clipboard.
#pragma once

#include <QWidget>

class QLineEdit;
class QPushButton;

namespace Bottega {

class CopyableValue final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CopyableValue)

public:
    explicit CopyableValue(const QString &value = {}, QWidget *parent = nullptr);
    ~CopyableValue() override;

    QString value() const;
    void setValue(const QString &value);
    // Puts the value on the clipboard, as the button does.
    void copy();

    QLineEdit *lineEdit() const;
    QPushButton *copyButton() const;

private:
    QLineEdit *m_edit;
    QPushButton *m_button;
};

} // namespace Bottega
