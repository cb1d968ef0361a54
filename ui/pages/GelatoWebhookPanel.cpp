#include "ui/pages/GelatoWebhookPanel.h"

#include "ui/widgets/CopyableValue.h"
#include "ui/widgets/InlineMessage.h"

#include <QFormLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// The values Gelato's form expects, exactly as seed 000 describes them; not translated.
constexpr auto webhookPath = "/gelato/webhook";
constexpr auto eventName = "order_status_updated";
constexpr auto headerName = "signature";

QLabel *wrappingLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

GelatoWebhookPanel::GelatoWebhookPanel(QWidget *parent)
    : QGroupBox(tr("Gelato webhook"), parent), m_url(new CopyableValue({}, this)),
      m_urlProblem(new InlineMessage(this))
{
    setObjectName(u"gelatoWebhookPanel"_s);
    m_url->setObjectName(u"webhookUrl"_s);
    m_urlProblem->setObjectName(u"webhookUrlProblem"_s);

    auto *form = new QFormLayout(this);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(wrappingLabel(tr("In Gelato, open Developer → Webhooks → Add webhook and fill in the form "
                                  "with these values."),
                               this));
    form->addRow(tr("URL:"), m_url);
    form->addRow(QString(), m_urlProblem);

    auto *event = new CopyableValue(QLatin1StringView(eventName), this);
    event->setObjectName(u"webhookEvent"_s);
    form->addRow(tr("Events:"), event);

    auto *method = new QLabel(u"POST"_s, this);
    method->setObjectName(u"webhookMethod"_s);
    method->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Method:"), method);

    form->addRow(tr("Authorization:"),
                 wrappingLabel(tr("Tick \"I want to take Authorization to this webhook\"."), this));

    auto *header = new CopyableValue(QLatin1StringView(headerName), this);
    header->setObjectName(u"webhookHeaderName"_s);
    form->addRow(tr("Header name:"), header);

    form->addRow(tr("Header value:"),
                 wrappingLabel(tr("Click \"Generate Key\" in Gelato, then paste that key into Webhook secret "
                                  "above and save. Gelato sends it with every call; Bottega refuses calls "
                                  "without it."),
                               this));
}

GelatoWebhookPanel::~GelatoWebhookPanel() = default;

QUrl GelatoWebhookPanel::webhookUrlFor(const QUrl &publicUrl)
{
    if (!publicUrl.isValid() || publicUrl.scheme().isEmpty() || publicUrl.host().isEmpty())
        return {};
    QUrl url = publicUrl;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + QLatin1StringView(webhookPath));
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

void GelatoWebhookPanel::setPublicUrl(const QUrl &publicUrl)
{
    const QUrl url = webhookUrlFor(publicUrl);
    m_url->setValue(url.toString());
    m_url->setEnabled(url.isValid());
    // Gelato calls from the internet: a loopback address only works behind a tunnel or proxy.
    const bool loopback = url.isValid() && QHostAddress(url.host()).isLoopback();
    if (!url.isValid()) {
        m_urlProblem->showMessage(
                InlineMessage::Type::Warning,
                tr("Set a valid public base URL first (for example https://shop.example.com)."));
    } else if (loopback || url.host() == u"localhost"_s) {
        m_urlProblem->showMessage(
                InlineMessage::Type::Warning,
                tr("This address is only reachable from this computer. Gelato needs the public address of "
                   "your server or reverse proxy."));
    } else {
        m_urlProblem->clearMessage();
    }
}

QString GelatoWebhookPanel::webhookUrl() const
{
    return m_url->value();
}

} // namespace Bottega
