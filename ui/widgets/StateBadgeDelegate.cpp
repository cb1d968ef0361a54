#include "ui/widgets/StateBadgeDelegate.h"

#include "ui/widgets/SemanticColors.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <cmath>

namespace Bottega {

namespace {

constexpr int horizontalPadding = 8;
constexpr int verticalMargin = 3;

// The accent of each tone (Breeze's semantic colours); Neutral takes the palette's own.
QColor accent(StateBadgeDelegate::Tone tone, const QPalette &palette)
{
    switch (tone) {
    case StateBadgeDelegate::Tone::Information:
        return SemanticColors::information();
    case StateBadgeDelegate::Tone::Progress:
        return QColor(0x8e, 0x44, 0xad);
    case StateBadgeDelegate::Tone::Positive:
        return SemanticColors::positive();
    case StateBadgeDelegate::Tone::Warning:
        return SemanticColors::warning();
    case StateBadgeDelegate::Tone::Negative:
        return SemanticColors::negative();
    case StateBadgeDelegate::Tone::Neutral:
        break;
    }
    return palette.color(QPalette::Mid);
}

QColor mix(const QColor &a, const QColor &b, double share)
{
    const auto channel = [share](int x, int y) { return int(std::lround(x * (1 - share) + y * share)); };
    return QColor(channel(a.red(), b.red()), channel(a.green(), b.green()), channel(a.blue(), b.blue()));
}

} // namespace

StateBadgeDelegate::StateBadgeDelegate(ToneOf toneOf, QObject *parent)
    : QStyledItemDelegate(parent), m_toneOf(std::move(toneOf))
{
}

StateBadgeDelegate::~StateBadgeDelegate() = default;

QColor StateBadgeDelegate::fill(Tone tone, const QPalette &palette)
{
    // A quarter of the accent: light on a light base, dark on a dark one; the text stays readable.
    return mix(palette.color(QPalette::Base), accent(tone, palette), 0.25);
}

QColor StateBadgeDelegate::frame(Tone tone, const QPalette &palette)
{
    return mix(palette.color(QPalette::Base), accent(tone, palette), 0.8);
}

void StateBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    // The cell itself (selection, focus) as any other; the text is drawn on the badge instead.
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    if (text.isEmpty())
        return;

    const Tone tone = m_toneOf ? m_toneOf(index) : Tone::Neutral;
    const QFontMetrics metrics(opt.font);
    // Two pixels of slack: elidedText() measures with fractional advances and would otherwise cut a
    // word that exactly fits ("Boz…").
    const int width
            = std::min(metrics.horizontalAdvance(text) + 2 * horizontalPadding + 2, option.rect.width() - 4);
    const int height = std::min(metrics.height() + 4, option.rect.height() - 2 * verticalMargin + 4);
    const QRect badge(option.rect.left() + 2, option.rect.center().y() - height / 2, width, height);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(QRectF(badge).adjusted(0.5, 0.5, -0.5, -0.5), height / 2.0, height / 2.0);
    painter->fillPath(path, fill(tone, option.palette));
    painter->setPen(frame(tone, option.palette));
    painter->drawPath(path);
    painter->setFont(opt.font);
    painter->setPen(option.palette.color(QPalette::Text));
    painter->drawText(badge.adjusted(horizontalPadding, 0, -horizontalPadding, 0), Qt::AlignCenter,
                      metrics.elidedText(text, Qt::ElideRight, badge.width() - 2 * horizontalPadding));
    painter->restore();
}

QSize StateBadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(size.width() + 2 * horizontalPadding + 2);
    return size;
}

} // namespace Bottega
