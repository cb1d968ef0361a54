// PlaceholderPage: stands in for a page that a later version builds. It says plainly what the page
// will do and that it is not available yet, so nobody looks for a missing button.
#pragma once

#include <QWidget>

namespace Bottega {

class PlaceholderPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaceholderPage)

public:
    // title: the page's name; purpose: what it will do, one or two sentences, translated.
    PlaceholderPage(const QString &title, const QString &purpose, QWidget *parent = nullptr);
    ~PlaceholderPage() override;

    QString title() const;
    // The whole text the page shows, for tests and accessibility.
    QString text() const;

private:
    QString m_title;
    QString m_text;
};

} // namespace Bottega
