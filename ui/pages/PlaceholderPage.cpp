#include "ui/pages/PlaceholderPage.h"

#include "ui/widgets/InlineMessage.h"
#include "ui/widgets/PageHeader.h"

#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bottega {

PlaceholderPage::PlaceholderPage(const QString &title, const QString &purpose, QWidget *parent)
    : QWidget(parent), m_title(title)
{
    auto *notice = new InlineMessage(this);
    notice->setObjectName(u"notYetAvailable"_s);
    notice->showMessage(InlineMessage::Type::Information, tr("Not available yet in this version."));
    m_text = purpose + u'\n' + notice->text();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PageHeader(title, purpose, this));
    layout->addWidget(notice);
    layout->addStretch(1);
}

PlaceholderPage::~PlaceholderPage() = default;

QString PlaceholderPage::title() const
{
    return m_title;
}

QString PlaceholderPage::text() const
{
    return m_text;
}

} // namespace Bottega
