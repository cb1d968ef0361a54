#include "ui/widgets/InlineMessage.h"

#include "ui/widgets/SemanticColors.h"

#include <QColor>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QResizeEvent>
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
        return SemanticColors::information();
    case InlineMessage::Type::Positive:
        return SemanticColors::positive();
    case InlineMessage::Type::Warning:
        return SemanticColors::warning();
    case InlineMessage::Type::Error:
        return SemanticColors::negative();
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
    m_text->setAlignment(Qt::AlignLeft | Qt::AlignTop);
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
    updateIcon();
    setVisible(true);
    update();
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

void InlineMessage::updateIcon()
{
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(iconFor(m_type), nullptr, this).pixmap(size, size));
}

// Not every layout asks for heightForWidth (QFormLayout does not); without this the wrapped text
// would get the height of a narrow guess and leave an empty band under it.
QSize InlineMessage::sizeHint() const
{
    QSize hint = QFrame::sizeHint();
    if (width() > 0 && hasHeightForWidth())
        hint.setHeight(heightForWidth(width()));
    return hint;
}

QSize InlineMessage::minimumSizeHint() const
{
    QSize hint = QFrame::minimumSizeHint();
    if (width() > 0 && hasHeightForWidth())
        hint.setHeight(heightForWidth(width()));
    return hint;
}

void InlineMessage::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    if (event->oldSize().width() != event->size().width())
        updateGeometry();
}

void InlineMessage::paintEvent(QPaintEvent *event)
{
    // Painted rather than style-sheeted: a style sheet would be inherited by the children and
    // depend on the object name, which callers set for their own purposes.
    Q_UNUSED(event)
    const QColor color = colorFor(m_type);
    QColor tint = color;
    tint.setAlphaF(0.18f);
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(color, 1));
    painter.setBrush(tint);
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
}

} // namespace Bottega
