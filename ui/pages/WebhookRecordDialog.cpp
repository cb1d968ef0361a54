#include "ui/pages/WebhookRecordDialog.h"

#include "core/secrets/SecretNames.h"
#include "core/secrets/SecretStore.h"
#include "core/store/WebhookRecordRepository.h"
#include "ui/widgets/CopyableValue.h"
#include "ui/widgets/InlineMessage.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// The events of poleepo-api.md; names as Poleepo spells them, not translated.
const QString statusOrder = u"STATUS_ORDER"_s;
const QString statusShipment = u"STATUS_SHIPMENT"_s;

const QRegularExpression &namePattern()
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9_-]+$"_s);
    return pattern;
}

} // namespace

WebhookRecordDialog::WebhookRecordDialog(Database *database, SecretStore *secrets, const QUrl &publicUrl,
                                         const std::optional<WebhookRecord> &existing, QWidget *parent)
    : QDialog(parent), m_database(database), m_secrets(secrets), m_publicUrl(publicUrl), m_existing(existing),
      m_name(new QLineEdit(this)), m_secret(new QLineEdit(this)),
      m_statusOrder(new QCheckBox(tr("STATUS_ORDER: orders created or changed"), this)),
      m_statusShipment(new QCheckBox(tr("STATUS_SHIPMENT: shipments and tracking"), this)),
      m_active(new QCheckBox(tr("Active: calls to this URL are accepted"), this)),
      m_message(new InlineMessage(this)),
      m_urlLabel(new QLabel(tr("Paste this URL into Poleepo's webhook form:"), this)),
      m_url(new CopyableValue({}, this)), m_saveButton(new QPushButton(tr("Save"), this)),
      m_closeButton(new QPushButton(tr("Close"), this))
{
    setObjectName(u"webhookRecordDialog"_s);
    setWindowTitle(existing ? tr("Poleepo webhook %1").arg(existing->name) : tr("New Poleepo webhook"));
    m_name->setObjectName(u"recordName"_s);
    m_secret->setObjectName(u"recordSecret"_s);
    m_statusOrder->setObjectName(u"eventStatusOrder"_s);
    m_statusShipment->setObjectName(u"eventStatusShipment"_s);
    m_active->setObjectName(u"recordActive"_s);
    m_message->setObjectName(u"recordMessage"_s);
    m_url->setObjectName(u"recordUrl"_s);
    m_saveButton->setObjectName(u"saveRecord"_s);
    m_closeButton->setObjectName(u"closeRecord"_s);

    // The name is the last part of the URL: a space could not be typed into Poleepo's form.
    m_name->setValidator(new QRegularExpressionValidator(QRegularExpression(u"[A-Za-z0-9_-]*"_s), m_name));
    m_name->setPlaceholderText(tr("letters, digits, - or _"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(existing ? tr("unchanged; type a new secret to replace it")
                                          : tr("the secret key set in Poleepo"));
    if (existing) {
        m_name->setText(existing->name);
        // The name is in the URL Poleepo calls and in the secret's key: a new name is a new record.
        m_name->setReadOnly(true);
        m_statusOrder->setChecked(existing->events.contains(statusOrder));
        m_statusShipment->setChecked(existing->events.contains(statusShipment));
        m_active->setChecked(existing->active);
    } else {
        m_statusOrder->setChecked(true);
        m_statusShipment->setChecked(true);
        m_active->setChecked(true);
    }

    auto *form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Secret key:"), m_secret);
    auto *events = new QVBoxLayout;
    events->addWidget(m_statusOrder);
    events->addWidget(m_statusShipment);
    form->addRow(tr("Events:"), events);
    form->addRow(QString(), m_active);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_saveButton, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_closeButton, QDialogButtonBox::RejectRole);
    m_saveButton->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_urlLabel);
    layout->addWidget(m_url);
    layout->addStretch(1);
    layout->addWidget(buttons);
    m_urlLabel->setWordWrap(true);
    m_urlLabel->hide();
    m_url->hide();
    resize(560, sizeHint().height());

    // Save does not close the dialog (its accepted() is left unconnected): the URL must stay in
    // view after it, for Copy.
    connect(m_saveButton, &QPushButton::clicked, this, &WebhookRecordDialog::save);
    connect(m_closeButton, &QPushButton::clicked, this, [this] { done(m_saved ? Accepted : Rejected); });
    if (!m_database)
        m_message->showMessage(InlineMessage::Type::Warning,
                               tr("Webhook records are unavailable: no database."));
}

WebhookRecordDialog::~WebhookRecordDialog() = default;

bool WebhookRecordDialog::isValidName(const QString &name)
{
    return namePattern().match(name).hasMatch();
}

QUrl WebhookRecordDialog::webhookUrlFor(const QUrl &publicUrl, const QString &name)
{
    if (!publicUrl.isValid() || publicUrl.scheme().isEmpty() || publicUrl.host().isEmpty()
        || !isValidName(name))
        return {};
    QUrl url = publicUrl;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u"/poleepo/webhook/"_s + name);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QString WebhookRecordDialog::url() const
{
    return m_url->value();
}

void WebhookRecordDialog::setBusy(bool busy)
{
    m_saveButton->setEnabled(!busy);
    m_secret->setEnabled(!busy);
}

void WebhookRecordDialog::save()
{
    if (!m_database)
        return;
    const QString name = m_name->text().trimmed();
    if (!isValidName(name)) {
        m_message->showMessage(InlineMessage::Type::Error,
                               tr("Name: use letters, digits, - or _ only, without spaces."));
        m_name->setFocus();
        return;
    }
    QStringList events;
    if (m_statusOrder->isChecked())
        events.append(statusOrder);
    if (m_statusShipment->isChecked())
        events.append(statusShipment);
    if (events.isEmpty()) {
        m_message->showMessage(InlineMessage::Type::Error, tr("Events: choose at least one."));
        return;
    }
    const QString secret = m_secret->text();
    if (!m_existing && secret.isEmpty()) {
        m_message->showMessage(InlineMessage::Type::Error,
                               tr("Secret key: type the key Poleepo signs its calls with."));
        m_secret->setFocus();
        return;
    }
    if (!secret.isEmpty() && (!m_secrets || !m_secrets->isWritable())) {
        m_message->showMessage(InlineMessage::Type::Error,
                               tr("Secret key: no writable secret store (keyring) is available."));
        return;
    }

    WebhookRecordRepository records(*m_database);
    WebhookRecord record = m_existing.value_or(WebhookRecord());
    record.name = name;
    record.events = events;
    record.active = m_active->isChecked();
    const bool created = !m_existing;
    if (created) {
        const auto id = records.create(record);
        if (!id) {
            m_message->showMessage(InlineMessage::Type::Error, id.error());
            return;
        }
        record.id = *id;
    } else if (auto r = records.update(record); !r) {
        m_message->showMessage(InlineMessage::Type::Error, r.error());
        return;
    }
    m_existing = record;
    if (secret.isEmpty()) {
        finishSave(name);
        return;
    }
    setBusy(true);
    m_message->showMessage(InlineMessage::Type::Information, tr("Saving the secret key…"));
    const QPointer<WebhookRecordDialog> self(this);
    Database *database = m_database;
    const qint64 id = record.id;
    m_secrets->write(SecretNames::poleepoWebhookSecret(name), secret,
                     [self, database, id, created, name](const Result<void> &written) {
                         if (!written && created) {
                             // A record without its secret would refuse every call: not kept.
                             (void)WebhookRecordRepository(*database).remove(id);
                         }
                         if (!self)
                             return;
                         self->setBusy(false);
                         if (!written) {
                             if (created)
                                 self->m_existing.reset();
                             self->m_message->showMessage(InlineMessage::Type::Error,
                                                          tr("Secret key: %1").arg(written.error()));
                             return;
                         }
                         self->m_secret->clear();
                         self->finishSave(name);
                     });
}

void WebhookRecordDialog::finishSave(const QString &name)
{
    m_saved = true;
    m_name->setReadOnly(true);
    m_secret->setPlaceholderText(tr("unchanged; type a new secret to replace it"));
    const QUrl url = webhookUrlFor(m_publicUrl, name);
    m_url->setValue(url.toString());
    m_urlLabel->show();
    m_url->show();
    if (url.isValid())
        m_message->showMessage(InlineMessage::Type::Positive, tr("Saved."));
    else
        m_message->showMessage(InlineMessage::Type::Warning,
                               tr("Saved. Set a valid public base URL in Settings to get the full URL."));
    Q_EMIT saved(name);
}

} // namespace Bottega
