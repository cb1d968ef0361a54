#include "ui/widgets/SettingEditor.h"

#include "core/settings/Settings.h"
#include "ui/widgets/InlineMessage.h"

#include <QCheckBox>
#include <QFontMetrics>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

QString boolText(bool value)
{
    return value ? u"true"_s : u"false"_s;
}

} // namespace

SettingEditor::SettingEditor(const QString &key, Kind kind, QWidget *parent)
    : QWidget(parent), m_key(key), m_kind(kind), m_error(new InlineMessage(this)), m_hint(new QLabel(this))
{
    setObjectName(u"SettingEditor:"_s + key);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    switch (kind) {
    case Kind::CheckBox:
        m_checkBox = new QCheckBox(this);
        connect(m_checkBox, &QCheckBox::toggled, this, &SettingEditor::edited);
        layout->addWidget(m_checkBox);
        break;
    case Kind::Line:
        m_line = new QLineEdit(this);
        m_line->setClearButtonEnabled(true);
        connect(m_line, &QLineEdit::textEdited, this, &SettingEditor::edited);
        layout->addWidget(m_line);
        break;
    case Kind::MultiLine: {
        m_multiLine = new QPlainTextEdit(this);
        m_multiLine->setTabChangesFocus(true);
        // Room for a postal address (four lines) without a scroll bar.
        const int lineHeight = QFontMetrics(m_multiLine->font()).lineSpacing();
        m_multiLine->setFixedHeight(lineHeight * 4 + 2 * m_multiLine->frameWidth() + 8);
        connect(m_multiLine, &QPlainTextEdit::textChanged, this, &SettingEditor::edited);
        layout->addWidget(m_multiLine);
        break;
    }
    }
    editor()->setObjectName(u"editor"_s);
    m_error->setObjectName(u"error"_s);
    m_hint->setObjectName(u"hint"_s);
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    QFont hintFont = m_hint->font();
    hintFont.setPointSizeF(hintFont.pointSizeF() * 0.9);
    m_hint->setFont(hintFont);
    m_hint->setVisible(false);
    layout->addWidget(m_hint);
    layout->addWidget(m_error);
    // Editing clears the error: the user is fixing it, and Save will check again.
    connect(this, &SettingEditor::edited, this, &SettingEditor::clearError);
}

SettingEditor::~SettingEditor() = default;

QString SettingEditor::key() const
{
    return m_key;
}

SettingEditor::Kind SettingEditor::kind() const
{
    return m_kind;
}

QWidget *SettingEditor::editor() const
{
    if (m_checkBox)
        return m_checkBox;
    if (m_line)
        return m_line;
    return m_multiLine;
}

void SettingEditor::load(const Settings &settings)
{
    m_loadedText = m_checkBox ? boolText(settings.value(m_key).toBool()) : settings.text(m_key);
    // Loading is not an edit: no edited() signal, so the page's Save state follows only the user.
    const QSignalBlocker blocker(this);
    setText(m_loadedText);
    clearError();
}

QString SettingEditor::text() const
{
    if (m_checkBox)
        return boolText(m_checkBox->isChecked());
    if (m_line)
        return m_line->text().trimmed();
    return m_multiLine->toPlainText().trimmed();
}

void SettingEditor::setText(const QString &text)
{
    if (m_checkBox)
        m_checkBox->setChecked(text == u"true"_s);
    else if (m_line)
        m_line->setText(text);
    else
        m_multiLine->setPlainText(text);
    Q_EMIT edited();
}

bool SettingEditor::isModified() const
{
    return text() != m_loadedText;
}

Result<void> SettingEditor::apply(Settings &settings)
{
    if (!isModified())
        return {};
    Result<void> result = settings.set(m_key, text());
    if (!result) {
        showError(result.error());
        return result;
    }
    load(settings);
    return result;
}

void SettingEditor::showError(const QString &message)
{
    m_error->showMessage(InlineMessage::Type::Error, message);
}

void SettingEditor::clearError()
{
    m_error->clearMessage();
}

QString SettingEditor::errorText() const
{
    return m_error->hasMessage() ? m_error->text() : QString();
}

void SettingEditor::setCheckBoxText(const QString &text)
{
    if (m_checkBox)
        m_checkBox->setText(text);
}

void SettingEditor::setPlaceholderText(const QString &text)
{
    if (m_line)
        m_line->setPlaceholderText(text);
    else if (m_multiLine)
        m_multiLine->setPlaceholderText(text);
}

void SettingEditor::setHint(const QString &text)
{
    m_hint->setText(text);
    m_hint->setVisible(!text.isEmpty());
}

} // namespace Bottega
