#include "ui/widgets/PageHeader.h"

#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bottega {

PageHeader::PageHeader(const QString &title, const QString &description, QWidget *parent)
    : QWidget(parent), m_title(new QLabel(title, this)), m_description(new QLabel(description, this))
{
    m_title->setObjectName(u"pageTitle"_s);
    m_description->setObjectName(u"pageDescription"_s);
    QFont font = m_title->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    m_title->setFont(font);
    m_title->setTextFormat(Qt::PlainText);
    m_description->setTextFormat(Qt::PlainText);
    m_description->setWordWrap(true);
    m_description->setVisible(!description.isEmpty());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 4);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_description);
}

PageHeader::~PageHeader() = default;

QString PageHeader::title() const
{
    return m_title->text();
}

QString PageHeader::description() const
{
    return m_description->text();
}

} // namespace Bottega
