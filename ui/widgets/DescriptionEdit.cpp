#include "ui/widgets/DescriptionEdit.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>

using namespace Qt::StringLiterals;

namespace Bottega {

DescriptionEdit::DescriptionEdit(QWidget *parent)
    : QTabWidget(parent), m_formatted(new QLabel), m_source(new QPlainTextEdit)
{
    setObjectName(u"description"_s);
    m_formatted->setObjectName(u"formattedDescription"_s);
    // Qt::AutoText: HTML shown formatted, plain text as it is. A label, not a text browser, so that
    // showing it is never taken for an edit.
    m_formatted->setTextFormat(Qt::AutoText);
    m_formatted->setWordWrap(true);
    m_formatted->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_formatted->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_formatted->setMargin(6);
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_formatted);
    m_source->setObjectName(u"descriptionSource"_s);
    m_source->setTabChangesFocus(true);
    addTab(scroll, tr("Formatted"));
    addTab(m_source, tr("Edit (HTML or text)"));
    connect(m_source, &QPlainTextEdit::textChanged, this,
            [this] { m_formatted->setText(m_source->toPlainText()); });
}

DescriptionEdit::~DescriptionEdit() = default;

void DescriptionEdit::setText(const QString &text)
{
    m_source->setPlainText(text);
    m_formatted->setText(text);
}

QString DescriptionEdit::text() const
{
    return m_source->toPlainText();
}

} // namespace Bottega
