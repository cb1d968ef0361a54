// StateBadgeDelegate: draws a list's state cell as a small coloured badge so that states are told
// apart at a glance. The colour says the kind of state (done, failed, in progress...), tinted
// into the palette's base colour with the palette's own text on it, so it reads in light and dark
// themes alike. Each list says which tone its states have with one function. Lives on the
// window's thread (the view's).
#pragma once

#include <QStyledItemDelegate>
#include <functional>

namespace Bottega {

class StateBadgeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StateBadgeDelegate)

public:
    enum class Tone { Neutral, Information, Progress, Positive, Warning, Negative };
    using ToneOf = std::function<Tone(const QModelIndex &)>;

    StateBadgeDelegate(ToneOf toneOf, QObject *parent);
    ~StateBadgeDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The badge's fill and frame for a tone on a palette: the tone's colour mixed into the base.
    static QColor fill(Tone tone, const QPalette &palette);
    static QColor frame(Tone tone, const QPalette &palette);

private:
    ToneOf m_toneOf;
};

} // namespace Bottega
