#include "ui/widgets/CopyableValue.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

CopyableValue::CopyableValue(const QString &value, QWidget *parent)
    : QWidget(parent), m_edit(new QLineEdit(this)), m_button(new QPushButton(this))
{
    m_edit->setObjectName(u"value"_s);
    m_edit->setReadOnly(true);
    m_button->setObjectName(u"copyButton"_s);
    // Wide enough for "Copied" too, so the confirmation does not shift the row.
    m_button->setText(tr("Copied"));
    m_button->setIcon(QIcon::fromTheme(u"edit-copy"_s));
    m_button->setToolTip(tr("Copy to the clipboard"));
    m_button->setMinimumWidth(m_button->sizeHint().width());
    m_button->setText(tr("Copy"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_button);

    connect(m_button, &QPushButton::clicked, this, &CopyableValue::copy);
    setValue(value);
}

CopyableValue::~CopyableValue() = default;

QString CopyableValue::value() const
{
    return m_edit->text();
}

void CopyableValue::setValue(const QString &value)
{
    m_edit->setText(value);
    m_edit->setCursorPosition(0);
    // Show the whole value when it is of a reasonable length: it is there to be read and pasted.
    const int textWidth = m_edit->fontMetrics().horizontalAdvance(value) + 16;
    m_edit->setMinimumWidth(std::min(textWidth, 480));
}

void CopyableValue::copy()
{
    QGuiApplication::clipboard()->setText(m_edit->text());
    // Confirm on the button itself for a moment: no dialog, nothing to dismiss.
    m_button->setText(tr("Copied"));
    QTimer::singleShot(1500, m_button, [this] { m_button->setText(tr("Copy")); });
}

QLineEdit *CopyableValue::lineEdit() const
{
    return m_edit;
}

QPushButton *CopyableValue::copyButton() const
{
    return m_button;
}

} // namespace Bottega
