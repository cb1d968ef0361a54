// GelatoWebhookPanel: what to type into Gelato's "Add webhook" form (CONF-5, seed 000): the webhook
// URL built from the public base URL, the event, the method and the authorization header.
#pragma once

#include <QGroupBox>
#include <QUrl>

namespace Bottega {

class CopyableValue;
class InlineMessage;

class GelatoWebhookPanel final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GelatoWebhookPanel)

public:
    explicit GelatoWebhookPanel(QWidget *parent = nullptr);
    ~GelatoWebhookPanel() override;

    // "<public>/gelato/webhook"; an invalid URL shows that the public URL must be fixed first.
    void setPublicUrl(const QUrl &publicUrl);
    QString webhookUrl() const;
    static QUrl webhookUrlFor(const QUrl &publicUrl);

private:
    CopyableValue *m_url;
    InlineMessage *m_urlProblem;
};

} // namespace Bottega
