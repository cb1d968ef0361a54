// SettingsPage: edits the connectors and the built-in server (CONF-1, CONF-2, CONF-3, CONF-5) and
// lists the Poleepo webhook records with their URLs (CONF-4).
// Non-secret fields go through Settings::set, which validates them; secrets go to the SecretStore
// and are only ever shown as "set" / "not set".
#pragma once

#include "ui/AppContext.h"
#include "ui/widgets/SettingEditor.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace Bottega {

class GelatoWebhookPanel;
class PoleepoWebhookPanel;
class InlineMessage;
class SecretField;

class SettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPage)

public:
    explicit SettingsPage(const AppContext &context, QWidget *parent = nullptr);
    ~SettingsPage() override;

    // Shows the stored settings and asks the secret store which secrets are set.
    void reload();
    // Applies every edit: settings at once, secrets asynchronously; saveFinished() follows.
    void save();
    // Discards every edit.
    void revert();

    bool hasUnsavedChanges() const;
    bool isSaving() const;

    SettingEditor *settingEditor(const QString &key) const;
    SecretField *secretField(const QString &key) const;
    InlineMessage *message() const;
    GelatoWebhookPanel *gelatoWebhookPanel() const;
    InlineMessage *companyCheckMessage() const { return m_companyCheck; }
    PoleepoWebhookPanel *poleepoWebhookPanel() const { return m_poleepoWebhooks; }

Q_SIGNALS:
    void saveFinished(bool ok);

private:
    QWidget *buildGelatoGroup();
    QWidget *buildPoleepoGroup();
    QWidget *buildServerGroup();
    QWidget *buildCompanyGroup();
    SettingEditor *addEditor(const QString &key, SettingEditor::Kind kind);
    SecretField *addSecret(const QString &key);
    void updateWebhookUrl();
    void updateServerState();
    void updateButtons();
    // Tells each secret whether its service is switched off (then a failed read is not an error).
    void updateServiceStates();
    // CONF-2: whether the company above matches the billing entity Gelato reported last.
    void updateCompanyCheck();
    void finishSave();

    AppContext m_context;
    QList<SettingEditor *> m_editors;
    QList<SecretField *> m_secrets;
    GelatoWebhookPanel *m_webhookPanel = nullptr;
    PoleepoWebhookPanel *m_poleepoWebhooks = nullptr;
    QLabel *m_serverState = nullptr;
    InlineMessage *m_companyCheck = nullptr;
    InlineMessage *m_message;
    QPushButton *m_saveButton;
    QPushButton *m_revertButton;
    int m_pendingSecretWrites = 0;
    bool m_saving = false;
    bool m_saveFailed = false;
    bool m_listenChanged = false;
};

} // namespace Bottega
