// PageHeader: the title of a page in a larger bold font, with an optional line that says what the
// page is for. Every page starts with one so that the pages look alike.
#pragma once

#include <QWidget>

class QLabel;

namespace Bottega {

class PageHeader final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PageHeader)

public:
    explicit PageHeader(const QString &title, const QString &description = {}, QWidget *parent = nullptr);
    ~PageHeader() override;

    QString title() const;
    QString description() const;

private:
    QLabel *m_title;
    QLabel *m_description;
};

} // namespace Bottega
