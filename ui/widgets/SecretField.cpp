#include "ui/widgets/SecretField.h"

#include "core/secrets/SecretStore.h"
#include "ui/widgets/InlineMessage.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bottega {

SecretField::SecretField(const QString &key, SecretStore *store, QWidget *parent)
    : QWidget(parent), m_key(key), m_store(store), m_edit(new QLineEdit(this)),
      m_changeButton(new QPushButton(this)), m_message(new InlineMessage(this))
{
    setObjectName(u"SecretField:"_s + key);
    m_edit->setObjectName(u"secretEdit"_s);
    m_edit->setEchoMode(QLineEdit::Password);
    // The masked field must not offer the typed secret to other programs through the clipboard or
    // to the input method's history.
    m_edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    m_edit->setContextMenuPolicy(Qt::NoContextMenu);
    m_changeButton->setObjectName(u"changeButton"_s);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_edit, 1);
    row->addWidget(m_changeButton);

    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(4);
    column->addLayout(row);
    column->addWidget(m_message);

    connect(m_changeButton, &QPushButton::clicked, this, [this] {
        if (m_changing)
            cancelChange();
        else
            startChange();
    });
    connect(m_edit, &QLineEdit::textEdited, this,
            [this] { Q_EMIT pendingChangeChanged(hasPendingChange()); });

    updateWidgets();
    refresh();
}

SecretField::~SecretField() = default;

QString SecretField::key() const
{
    return m_key;
}

SecretField::State SecretField::state() const
{
    return m_state;
}

QString SecretField::source() const
{
    return m_source;
}

void SecretField::setServiceOff(bool off)
{
    m_serviceOff = off;
    updateWidgets();
}

QString SecretField::errorText() const
{
    return m_error;
}

QLineEdit *SecretField::lineEdit() const
{
    return m_edit;
}

bool SecretField::isChanging() const
{
    return m_changing;
}

bool SecretField::hasPendingChange() const
{
    return m_changing && !m_edit->text().isEmpty();
}

void SecretField::refresh()
{
    if (!m_store) {
        setState(State::Unavailable);
        return;
    }
    const quint64 generation = ++m_readGeneration;
    setState(State::Checking);
    // The store answers later from the event loop; the field may be gone by then.
    QPointer<SecretField> self(this);
    m_store->read(m_key, [self, generation](const SecretLookup &lookup) {
        if (!self || generation != self->m_readGeneration || self->m_state == State::Saving)
            return;
        self->m_source.clear();
        self->m_error.clear();
        switch (lookup.status) {
        case SecretLookup::Status::Found:
            self->m_source = lookup.source;
            self->setState(State::Set);
            break;
        case SecretLookup::Status::NotFound:
            self->setState(State::NotSet);
            break;
        case SecretLookup::Status::Failed:
            self->m_error = lookup.error;
            self->m_errorFromWrite = false;
            self->setState(State::ReadFailed);
            break;
        }
    });
}

void SecretField::startChange()
{
    if (!m_store || !m_store->isWritable() || m_state == State::Saving)
        return;
    m_changing = true;
    m_edit->clear();
    updateWidgets();
    m_edit->setFocus(Qt::OtherFocusReason);
    Q_EMIT pendingChangeChanged(false);
}

void SecretField::cancelChange()
{
    if (!m_changing || m_state == State::Saving)
        return;
    m_changing = false;
    m_edit->clear();
    updateWidgets();
    Q_EMIT pendingChangeChanged(false);
}

void SecretField::savePendingChange()
{
    if (!hasPendingChange() || m_state == State::Saving)
        return;
    const QString value = m_edit->text();
    m_error.clear();
    m_stateBeforeSave = m_state;
    setState(State::Saving);
    QPointer<SecretField> self(this);
    m_store->write(m_key, value, [self](const Result<void> &result) {
        if (!self)
            return;
        if (result.ok()) {
            self->m_changing = false;
            self->m_edit->clear();
            self->m_error.clear();
            Q_EMIT self->pendingChangeChanged(false);
            // Read back so that the field says where the secret now lives.
            self->m_state = State::Checking;
            self->refresh();
        } else {
            self->m_error = result.error();
            self->m_errorFromWrite = true;
            // Keep the typed (masked) value so the user can retry after unlocking the keyring.
            self->setState(self->m_stateBeforeSave);
        }
        Q_EMIT self->saveFinished(result.ok());
    });
}

QString SecretField::foundText() const
{
    // The stores name themselves in English for logs and the command line; the field says it in
    // the user's language.
    if (m_source == u"keychain"_s)
        return tr("Set, in the system keychain");
    if (m_source == u"credentials directory"_s)
        return tr("Set, in the credentials directory");
    if (m_source == u"environment"_s)
        return tr("Set, from an environment variable");
    if (m_source == u"memory"_s)
        return tr("Set, in memory only");
    return m_source.isEmpty() ? tr("Set") : tr("Set (%1)").arg(m_source);
}

void SecretField::setState(State state)
{
    m_state = state;
    updateWidgets();
    Q_EMIT stateChanged(state);
}

void SecretField::updateWidgets()
{
    const bool writable = m_store && m_store->isWritable();
    const bool saving = m_state == State::Saving;

    m_edit->setReadOnly(!m_changing || saving);
    m_edit->setEnabled(m_store != nullptr);
    m_changeButton->setText(m_changing ? tr("Cancel") : tr("Change…"));
    m_changeButton->setEnabled(writable && !saving);
    m_changeButton->setToolTip(
            writable ? QString()
                     : tr("The secret store cannot be written here; use \"bottega secret set "
                          "%1\" or the environment variable instead.")
                               .arg(m_key));

    if (m_changing) {
        m_edit->setPlaceholderText(saving ? tr("Saving…") : tr("Type the new value"));
    } else {
        switch (m_state) {
        case State::Unavailable:
            m_edit->setPlaceholderText(tr("No secret store"));
            break;
        case State::Checking:
            m_edit->setPlaceholderText(tr("Checking…"));
            break;
        case State::Set:
            m_edit->setPlaceholderText(foundText());
            break;
        case State::NotSet:
            m_edit->setPlaceholderText(tr("Not set"));
            break;
        case State::ReadFailed:
            m_edit->setPlaceholderText(tr("Unknown"));
            break;
        case State::Saving:
            m_edit->setPlaceholderText(tr("Saving…"));
            break;
        }
    }

    if (saving)
        m_message->showMessage(InlineMessage::Type::Information, tr("Saving…"));
    else if (!m_error.isEmpty() && m_errorFromWrite)
        m_message->showMessage(InlineMessage::Type::Error, tr("Not saved: %1").arg(m_error));
    else if (!m_error.isEmpty() && !m_serviceOff)
        m_message->showMessage(InlineMessage::Type::Error,
                               tr("Cannot tell whether it is set: %1").arg(m_error));
    else
        m_message->clearMessage();
}

} // namespace Bottega
