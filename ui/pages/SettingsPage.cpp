#include "ui/pages/SettingsPage.h"

#include "core/connections/ConnectionTest.h"
#include "core/orders/OrderService.h"
#include "core/secrets/SecretNames.h"
#include "core/server/Server.h"
#include "core/settings/Settings.h"
#include "ui/pages/GelatoWebhookPanel.h"
#include "ui/pages/PackageTypesPanel.h"
#include "ui/pages/PoleepoWebhookPanel.h"
#include "ui/widgets/InlineMessage.h"
#include "ui/widgets/PageHeader.h"
#include "ui/widgets/SecretField.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

QFormLayout *makeForm(QGroupBox *group)
{
    auto *form = new QFormLayout(group);
    // Labels above fields would waste height; wrapping long (Italian) labels keeps them beside.
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    return form;
}

// The forms of the group boxes in one column start their fields at the same x, so the column reads
// as one form.
void alignLabels(const QList<QWidget *> &groups)
{
    QList<QWidget *> labels;
    int widest = 0;
    for (QWidget *group : groups) {
        auto *form = qobject_cast<QFormLayout *>(group->layout());
        for (int row = 0; form && row < form->rowCount(); ++row) {
            QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole);
            if (item && item->widget()) {
                labels.append(item->widget());
                widest = std::max(widest, item->widget()->sizeHint().width());
            }
        }
    }
    for (QWidget *label : std::as_const(labels))
        label->setMinimumWidth(widest);
}

} // namespace

SettingsPage::SettingsPage(const AppContext &context, QWidget *parent)
    : QWidget(parent), m_context(context), m_message(new InlineMessage(this)),
      m_saveButton(new QPushButton(tr("Save"), this)), m_revertButton(new QPushButton(tr("Revert"), this))
{
    setObjectName(u"settingsPage"_s);
    m_message->setObjectName(u"pageMessage"_s);
    m_message->setCloseButtonVisible(true);
    m_saveButton->setObjectName(u"saveButton"_s);
    m_revertButton->setObjectName(u"revertButton"_s);
    m_saveButton->setDefault(true);

    // Two columns: the connectors on the left, how the outside world reaches Bottega on the right.
    auto *content = new QWidget;
    auto *columns = new QHBoxLayout(content);
    columns->setContentsMargins(0, 0, 0, 0);
    columns->setSpacing(12);
    QWidget *gelato = buildGelatoGroup();
    QWidget *poleepo = buildPoleepoGroup();
    QWidget *company = buildCompanyGroup();
    QWidget *server = buildServerGroup();
    m_webhookPanel = new GelatoWebhookPanel(content);
    m_poleepoWebhooks = new PoleepoWebhookPanel(m_context.database, m_context.secrets, content);
    alignLabels({gelato, poleepo, company});
    alignLabels({server, m_webhookPanel});
    auto *left = new QVBoxLayout;
    left->addWidget(gelato);
    left->addWidget(poleepo);
    left->addWidget(company);
    left->addWidget(new PackageTypesPanel(m_context.packageTypes, content));
    left->addStretch(1);
    auto *right = new QVBoxLayout;
    right->addWidget(server);
    right->addWidget(m_webhookPanel);
    right->addWidget(m_poleepoWebhooks);
    right->addStretch(1);
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_message, 1);
    buttons->addStretch(0);
    buttons->addWidget(m_revertButton, 0, Qt::AlignBottom);
    buttons->addWidget(m_saveButton, 0, Qt::AlignBottom);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PageHeader(
            tr("Settings"),
            tr("Connections to Gelato and Poleepo, and the built-in server that receives their webhooks."),
            this));
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);

    connect(m_saveButton, &QPushButton::clicked, this, &SettingsPage::save);
    connect(m_revertButton, &QPushButton::clicked, this, &SettingsPage::revert);
    if (m_context.settings) {
        // Another part of the program (or the `config set` command of this process) may change a
        // setting; an editor the user has not touched follows it.
        connect(m_context.settings, &Settings::changed, this, [this](const QString &key) {
            if (SettingEditor *editor = settingEditor(key); editor && !editor->isModified())
                editor->load(*m_context.settings);
            updateWebhookUrl();
            updateServiceStates();
        });
    }
    if (m_context.server) {
        // Server has no "listening changed" signal; a handled request at least proves it runs.
        connect(m_context.server, &Server::requestHandled, this, &SettingsPage::updateServerState);
    }

    reload();
}

SettingsPage::~SettingsPage() = default;

SettingEditor *SettingsPage::addEditor(const QString &key, SettingEditor::Kind kind)
{
    auto *editor = new SettingEditor(key, kind, this);
    editor->setEnabled(m_context.settings != nullptr);
    connect(editor, &SettingEditor::edited, this, &SettingsPage::updateButtons);
    if (key.endsWith(u".enabled"_s))
        connect(editor, &SettingEditor::edited, this, &SettingsPage::updateServiceStates);
    m_editors.append(editor);
    return editor;
}

SecretField *SettingsPage::addSecret(const QString &key)
{
    auto *field = new SecretField(key, m_context.secrets, this);
    connect(field, &SecretField::pendingChangeChanged, this, &SettingsPage::updateButtons);
    connect(field, &SecretField::saveFinished, this, [this](bool ok) {
        if (!ok)
            m_saveFailed = true;
        if (m_pendingSecretWrites > 0 && --m_pendingSecretWrites == 0)
            finishSave();
    });
    m_secrets.append(field);
    return field;
}

QWidget *SettingsPage::buildGelatoGroup()
{
    auto *group = new QGroupBox(tr("Gelato"));
    group->setObjectName(u"gelatoGroup"_s);
    auto *form = makeForm(group);
    SettingEditor *enabled = addEditor(u"gelato.enabled"_s, SettingEditor::Kind::CheckBox);
    enabled->setCheckBoxText(tr("Enabled"));
    enabled->setHint(tr("Sync templates from Gelato and send orders to Gelato for printing."));
    form->addRow(tr("Connector:"), enabled);
    form->addRow(tr("API key:"), addSecret(SecretNames::gelatoApiKey()));
    form->addRow(tr("Webhook secret:"), addSecret(SecretNames::gelatoWebhookSecret()));
    // CONF-6: asks Gelato with the stored key and says the answer next to the button.
    auto *test = new QPushButton(tr("Test connection"), group);
    test->setObjectName(u"gelatoTestButton"_s);
    auto *testResult = new QLabel(group);
    testResult->setObjectName(u"gelatoTestResult"_s);
    testResult->setWordWrap(true);
    test->setEnabled(m_context.connections
                     && m_context.connections->canTest(ConnectionTest::Service::Gelato));
    connect(test, &QPushButton::clicked, this, [this, test, testResult] {
        test->setEnabled(false);
        testResult->setText(tr("Testing…"));
        m_context.connections->test(
                ConnectionTest::Service::Gelato, testResult, [test, testResult](const Result<void> &result) {
                    test->setEnabled(true);
                    testResult->setText(result ? tr("Connected: Gelato accepted the API key.")
                                               : result.error());
                });
    });
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(test);
    testRow->addWidget(testResult, 1);
    form->addRow(QString(), testRow);
    return group;
}

QWidget *SettingsPage::buildPoleepoGroup()
{
    auto *group = new QGroupBox(tr("Poleepo"));
    group->setObjectName(u"poleepoGroup"_s);
    auto *form = makeForm(group);
    SettingEditor *enabled = addEditor(u"poleepo.enabled"_s, SettingEditor::Kind::CheckBox);
    enabled->setCheckBoxText(tr("Integration active"));
    enabled->setHint(tr("Publish products to Poleepo and import its orders."));
    form->addRow(tr("Connector:"), enabled);
    form->addRow(tr("Client ID:"), addSecret(SecretNames::poleepoClientId()));
    form->addRow(tr("Client secret:"), addSecret(SecretNames::poleepoClientSecret()));
    return group;
}

QWidget *SettingsPage::buildCompanyGroup()
{
    auto *group = new QGroupBox(tr("Company"));
    group->setObjectName(u"companyGroup"_s);
    auto *form = makeForm(group);
    form->addRow(tr("Company name:"), addEditor(u"company.name"_s, SettingEditor::Kind::Line));
    SettingEditor *address = addEditor(u"company.billing-address"_s, SettingEditor::Kind::MultiLine);
    address->setHint(tr("Must match the billing entity of your Gelato account, or Gelato refuses orders."));
    form->addRow(tr("Billing address:"), address);
    m_companyCheck = new InlineMessage(group);
    m_companyCheck->setObjectName(u"companyCheck"_s);
    form->addRow(m_companyCheck);
    if (m_context.orders)
        connect(m_context.orders, &OrderService::orderChanged, this, &SettingsPage::updateCompanyCheck);
    return group;
}

QWidget *SettingsPage::buildServerGroup()
{
    auto *group = new QGroupBox(tr("Built-in server"));
    group->setObjectName(u"serverGroup"_s);
    auto *form = makeForm(group);
    SettingEditor *listen = addEditor(u"server.listen"_s, SettingEditor::Kind::Line);
    listen->setPlaceholderText(u"127.0.0.1:8069"_s);
    listen->setHint(tr("Address and port to listen on (HOST:PORT). A change applies at the next start."));
    form->addRow(tr("Listen address:"), listen);
    SettingEditor *publicUrl = addEditor(u"server.public-url"_s, SettingEditor::Kind::Line);
    publicUrl->setPlaceholderText(u"https://shop.example.com"_s);
    publicUrl->setHint(tr("The address Gelato and Poleepo use to reach this server, usually an HTTPS "
                          "reverse proxy. Empty: http:// and the listen address."));
    form->addRow(tr("Public base URL:"), publicUrl);
    m_serverState = new QLabel(group);
    m_serverState->setObjectName(u"serverState"_s);
    m_serverState->setWordWrap(true);
    m_serverState->setTextFormat(Qt::PlainText);
    form->addRow(tr("Status:"), m_serverState);
    connect(listen, &SettingEditor::edited, this, &SettingsPage::updateWebhookUrl);
    connect(publicUrl, &SettingEditor::edited, this, &SettingsPage::updateWebhookUrl);
    return group;
}

void SettingsPage::updateServiceStates()
{
    // A connector switched off ("poleepo.enabled" unticked): its secrets' keyring errors are
    // nobody's concern until it is switched on (issue 13).
    for (SecretField *field : std::as_const(m_secrets)) {
        const SettingEditor *enabled = settingEditor(field->key().section(u'.', 0, 0) + u".enabled"_s);
        field->setServiceOff(enabled && enabled->text() != u"true"_s);
    }
}

void SettingsPage::reload()
{
    if (m_context.settings) {
        for (SettingEditor *editor : std::as_const(m_editors))
            editor->load(*m_context.settings);
    }
    for (SecretField *field : std::as_const(m_secrets)) {
        field->cancelChange();
        field->refresh();
    }
    updateServiceStates();
    if (!m_context.settings)
        m_message->showMessage(InlineMessage::Type::Warning,
                               tr("Settings are not available in this window."));
    updateWebhookUrl();
    updateServerState();
    updateCompanyCheck();
    updateButtons();
}

void SettingsPage::save()
{
    if (m_saving)
        return;
    m_saving = true;
    m_saveFailed = false;
    m_listenChanged = false;
    m_message->clearMessage();
    if (m_context.settings) {
        for (SettingEditor *editor : std::as_const(m_editors)) {
            const bool modified = editor->isModified();
            if (!editor->apply(*m_context.settings))
                m_saveFailed = true;
            else if (modified && editor->key() == u"server.listen"_s)
                m_listenChanged = true;
        }
    }
    for (SecretField *field : std::as_const(m_secrets)) {
        if (field->hasPendingChange()) {
            ++m_pendingSecretWrites;
            field->savePendingChange();
        }
    }
    if (m_pendingSecretWrites > 0) {
        m_message->showMessage(InlineMessage::Type::Information, tr("Saving secrets…"));
        updateButtons();
        return;
    }
    finishSave();
}

void SettingsPage::finishSave()
{
    m_saving = false;
    if (m_context.connections)
        m_context.connections->credentialsChanged(); // Test connection and every call use the key just saved
    if (m_saveFailed) {
        m_message->showMessage(InlineMessage::Type::Error,
                               tr("Some changes were not saved. The messages under the fields say why."));
    } else if (m_listenChanged) {
        m_message->showMessage(InlineMessage::Type::Positive,
                               tr("Settings saved. Restart Bottega to listen on the new address."));
    } else {
        m_message->showMessage(InlineMessage::Type::Positive, tr("Settings saved."));
    }
    updateWebhookUrl();
    updateCompanyCheck();
    updateButtons();
    Q_EMIT saveFinished(!m_saveFailed);
}

void SettingsPage::revert()
{
    if (m_saving)
        return;
    m_message->clearMessage();
    if (m_context.settings) {
        for (SettingEditor *editor : std::as_const(m_editors))
            editor->load(*m_context.settings);
    }
    for (SecretField *field : std::as_const(m_secrets))
        field->cancelChange();
    updateWebhookUrl();
    updateServiceStates();
    updateButtons();
}

bool SettingsPage::hasUnsavedChanges() const
{
    for (const SettingEditor *editor : m_editors) {
        if (editor->isModified())
            return true;
    }
    for (const SecretField *field : m_secrets) {
        if (field->hasPendingChange())
            return true;
    }
    return false;
}

bool SettingsPage::isSaving() const
{
    return m_saving;
}

SettingEditor *SettingsPage::settingEditor(const QString &key) const
{
    for (SettingEditor *editor : m_editors) {
        if (editor->key() == key)
            return editor;
    }
    return nullptr;
}

SecretField *SettingsPage::secretField(const QString &key) const
{
    for (SecretField *field : m_secrets) {
        if (field->key() == key)
            return field;
    }
    return nullptr;
}

InlineMessage *SettingsPage::message() const
{
    return m_message;
}

GelatoWebhookPanel *SettingsPage::gelatoWebhookPanel() const
{
    return m_webhookPanel;
}

void SettingsPage::updateWebhookUrl()
{
    // Follows what is typed, so the user sees the URL before saving; the default public URL is
    // http:// and the listen address, as Settings::serverPublicUrl() has it.
    const SettingEditor *publicUrl = settingEditor(u"server.public-url"_s);
    const SettingEditor *listen = settingEditor(u"server.listen"_s);
    QString text = publicUrl->text();
    if (text.isEmpty())
        text = u"http://"_s + (listen->text().isEmpty() ? u"127.0.0.1:8069"_s : listen->text());
    m_webhookPanel->setPublicUrl(QUrl(text, QUrl::StrictMode));
    m_poleepoWebhooks->setPublicUrl(QUrl(text, QUrl::StrictMode));
}

void SettingsPage::updateServerState()
{
    if (m_context.server && m_context.server->isListening()) {
        m_serverState->setText(tr("Listening on %1").arg(m_context.server->address().toString()));
    } else if (!m_context.serverError.isEmpty()) {
        m_serverState->setText(tr("Not running: %1").arg(m_context.serverError));
    } else {
        m_serverState->setText(tr("Not running"));
    }
}

void SettingsPage::updateCompanyCheck()
{
    if (!m_context.orders) {
        m_companyCheck->clearMessage();
        return;
    }
    const CompanyCheck check = m_context.orders->latestCompanyCheck();
    switch (check.state) {
    case CompanyCheck::State::Unknown:
        m_companyCheck->showMessage(InlineMessage::Type::Information,
                                    tr("Not checked yet: Gelato reports the billing entity with the first "
                                       "order sent to it."));
        break;
    case CompanyCheck::State::Matches:
        m_companyCheck->showMessage(InlineMessage::Type::Positive,
                                    tr("Matches the billing entity Gelato reported on the latest order."));
        break;
    case CompanyCheck::State::Mismatch:
        m_companyCheck->showMessage(InlineMessage::Type::Warning,
                                    tr("Does not match the billing entity Gelato reported, and Gelato "
                                       "refuses orders then: %1")
                                            .arg(check.message));
        break;
    }
}

void SettingsPage::updateButtons()
{
    const bool changes = hasUnsavedChanges();
    m_saveButton->setEnabled(changes && !m_saving);
    m_revertButton->setEnabled(changes && !m_saving);
}

} // namespace Bottega
