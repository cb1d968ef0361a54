// SemanticColors: KDE Breeze's semantic colours, in one place for the inline messages, the state
// badges, the dashboard's charts and the marks in lists. Mid-tone, so that they read on light and
// dark window palettes alike; backgrounds, text and grids come from the widget's palette.
#pragma once

#include <QColor>

namespace Bottega::SemanticColors {

// Done, delivered, completed.
inline QColor positive()
{
    return QColor(0x27, 0xae, 0x60);
}
// Failed.
inline QColor negative()
{
    return QColor(0xda, 0x44, 0x53);
}
// Returned; Gelato's calls.
inline QColor warning()
{
    return QColor(0xf6, 0x74, 0x00);
}
// Pending, sent; Poleepo's calls.
inline QColor information()
{
    return QColor(0x3d, 0xae, 0xe9);
}
// Processing, in production.
inline QColor active()
{
    return QColor(0x9b, 0x59, 0xb6);
}
// Drafts, ignored, not submitted.
inline QColor neutral()
{
    return QColor(0x7f, 0x8c, 0x8d);
}
// Shipped.
inline QColor teal()
{
    return QColor(0x1a, 0xbc, 0x9c);
}
// Gelato drafts.
inline QColor sand()
{
    return QColor(0xc9, 0xa2, 0x27);
}

// Colours for things with no meaning of their own (services), in a fixed order.
inline QColor category(int index)
{
    const QColor colors[] = {information(), warning(), active(), teal(), sand(), neutral()};
    return colors[index % 6];
}

} // namespace Bottega::SemanticColors
