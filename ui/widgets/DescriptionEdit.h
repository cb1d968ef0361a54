// DescriptionEdit: a product's long description, kept exactly as Gelato gives it (HTML or plain
// text), shown formatted on its first tab and edited as text on the second. Nothing is rewritten
// unless the user edits it. Lives on the window's thread.
#pragma once

#include <QTabWidget>

class QLabel;
class QPlainTextEdit;

namespace Bottega {

class DescriptionEdit final : public QTabWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DescriptionEdit)

public:
    enum Tab { FormattedTab, SourceTab };

    explicit DescriptionEdit(QWidget *parent = nullptr);
    ~DescriptionEdit() override;

    void setText(const QString &text);
    QString text() const;

    QLabel *formatted() const { return m_formatted; }
    QPlainTextEdit *source() const { return m_source; }

private:
    QLabel *m_formatted;
    QPlainTextEdit *m_source;
};

} // namespace Bottega
