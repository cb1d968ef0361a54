// InlineMessage: a coloured banner (like KMessageWidget) that tells the user something next to where
// it happened (a field's validation error, a save result) instead of a modal dialog.
#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace Bottega {

class InlineMessage final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InlineMessage)

public:
    enum class Type { Information, Positive, Warning, Error };
    Q_ENUM(Type)

    explicit InlineMessage(QWidget *parent = nullptr);
    ~InlineMessage() override;

    // Shows the banner with text (plain text, word-wrapped).
    void showMessage(Type type, const QString &text);
    // Hides the banner and forgets the text.
    void clearMessage();

    QString text() const;
    Type type() const;
    bool hasMessage() const;

    // A close button lets the user dismiss messages that are not tied to a field.
    void setCloseButtonVisible(bool visible);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateIcon();

    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
    Type m_type = Type::Information;
};

} // namespace Bottega
