#include "ui/widgets/InlineMessage.h"

#include <QColor>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// The colours of KDE's Breeze message widgets: readable on light and dark palettes because the
// background is only a tint of them.
QColor colorFor(InlineMessage::Type type)
{
    switch (type) {
    case InlineMessage::Type::Information:
        return QColor(0x3d, 0xae, 0xe9);
    case InlineMessage::Type::Positive:
        return QColor(0x27, 0xae, 0x60);
    case InlineMessage::Type::Warning:
        return QColor(0xf6, 0x74, 0x00);
    case InlineMessage::Type::Error:
        return QColor(0xda, 0x44, 0x53);
    }
    return {};
}

QStyle::StandardPixmap iconFor(InlineMessage::Type type)
{
    switch (type) {
    case InlineMessage::Type::Information:
        return QStyle::SP_MessageBoxInformation;
    case InlineMessage::Type::Positive:
        return QStyle::SP_DialogApplyButton;
    case InlineMessage::Type::Warning:
        return QStyle::SP_MessageBoxWarning;
    case InlineMessage::Type::Error:
        return QStyle::SP_MessageBoxCritical;
    }
    return QStyle::SP_MessageBoxInformation;
}

} // namespace

InlineMessage::InlineMessage(QWidget *parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)), m_close(new QToolButton(this))
{
    setObjectName(u"InlineMessage"_s);
    m_text->setObjectName(u"InlineMessageText"_s);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_icon->setAlignment(Qt::AlignTop);

    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close"));
    m_close->setVisible(false);
    connect(m_close, &QToolButton::clicked, this, &InlineMessage::clearMessage);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 5, 4, 5);
    layout->setSpacing(8);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);

    setVisible(false);
}

InlineMessage::~InlineMessage() = default;

void InlineMessage::showMessage(Type type, const QString &text)
{
    m_type = type;
    m_text->setText(text);
    applyStyle();
    setVisible(true);
}

void InlineMessage::clearMessage()
{
    m_text->clear();
    setVisible(false);
}

QString InlineMessage::text() const
{
    return m_text->text();
}

InlineMessage::Type InlineMessage::type() const
{
    return m_type;
}

bool InlineMessage::hasMessage() const
{
    return !m_text->text().isEmpty();
}

void InlineMessage::setCloseButtonVisible(bool visible)
{
    m_close->setVisible(visible);
}

void InlineMessage::applyStyle()
{
    const QColor color = colorFor(m_type);
    QColor tint = color;
    tint.setAlphaF(0.18f);
    // Scoped to this frame by object name so that child widgets keep the normal style.
    setStyleSheet(
            u"QFrame#InlineMessage { background-color: %1; border: 1px solid %2; border-radius: 4px; }"_s.arg(
                    tint.name(QColor::HexArgb), color.name()));
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(iconFor(m_type), nullptr, this).pixmap(size, size));
}

} // namespace Bottega
