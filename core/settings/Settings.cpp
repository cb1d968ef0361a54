#include "core/settings/Settings.h"

#include "core/secrets/SecretNames.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

Q_LOGGING_CATEGORY(lcSettings, "bottega.settings")

// "server.public-url" is stored as "public-url" in the "[server]" section: the file stays readable
// for someone who edits it by hand.
QString storageKey(const QString &key)
{
    QString result = key;
    const qsizetype dot = result.indexOf(u'.');
    if (dot >= 0)
        result[dot] = u'/';
    return result;
}

Result<QVariant> parseBool(const QString &text)
{
    const QString lowered = text.trimmed().toLower();
    if (lowered == "true"_L1 || lowered == "1"_L1 || lowered == "yes"_L1)
        return QVariant(true);
    if (lowered == "false"_L1 || lowered == "0"_L1 || lowered == "no"_L1)
        return QVariant(false);
    return makeError(Settings::tr("\"%1\" is not true or false (also accepted: yes/no, 1/0)").arg(text));
}

Result<QVariant> parseInteger(const SettingDefinition &definition, const QString &text)
{
    bool isNumber = false;
    const qlonglong number = text.trimmed().toLongLong(&isNumber);
    if (!isNumber)
        return makeError(Settings::tr("\"%1\" is not a whole number").arg(text));
    if (number < definition.minimum || number > definition.maximum)
        return makeError(Settings::tr("%1 is out of range %2–%3")
                                 .arg(QString::number(number), QString::number(definition.minimum),
                                      QString::number(definition.maximum)));
    return QVariant(static_cast<int>(number));
}

Result<QVariant> parseUrl(const SettingDefinition &definition, const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        if (definition.emptyAllowed)
            return QVariant(QUrl());
        return makeError(Settings::tr("a URL is required"));
    }
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return makeError(Settings::tr("\"%1\" is not a valid URL: %2").arg(trimmed, url.errorString()));
    if (url.scheme() != "http"_L1 && url.scheme() != "https"_L1)
        return makeError(Settings::tr("\"%1\" is not an http or https URL").arg(trimmed));
    if (url.host().isEmpty())
        return makeError(Settings::tr("\"%1\" has no host").arg(trimmed));
    return QVariant(url);
}

// The value's canonical text, as stored and as `config get` prints it.
QString canonicalText(const SettingDefinition &definition, const QVariant &value)
{
    switch (definition.type) {
    case SettingDefinition::Type::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case SettingDefinition::Type::Integer:
        return QString::number(value.toInt());
    case SettingDefinition::Type::Url:
        return value.toUrl().toString();
    case SettingDefinition::Type::ListenAddress:
        return value.value<ListenAddress>().toString();
    case SettingDefinition::Type::Text:
        break;
    }
    return value.toString();
}

Result<QVariant> parseText(const SettingDefinition &definition, const QString &text)
{
    switch (definition.type) {
    case SettingDefinition::Type::Bool:
        return parseBool(text);
    case SettingDefinition::Type::Integer:
        return parseInteger(definition, text);
    case SettingDefinition::Type::Url:
        return parseUrl(definition, text);
    case SettingDefinition::Type::ListenAddress: {
        const auto address = ListenAddress::parse(text);
        if (!address)
            return makeError(address.error());
        return QVariant::fromValue(*address);
    }
    case SettingDefinition::Type::Text:
        break;
    }
    return QVariant(text);
}

QString defaultText(const SettingDefinition &definition)
{
    return canonicalText(definition, *parseText(definition, definition.defaultValue.toString()));
}

} // namespace

Settings::Settings(const QString &filePath, QObject *parent)
    : QObject(parent), m_filePath(filePath),
      m_store(std::make_unique<QSettings>(filePath, QSettings::IniFormat))
{
}

Settings::~Settings() = default;

Result<const SettingDefinition *> Settings::find(const QString &key)
{
    if (const SettingDefinition *found = definition(key))
        return found;
    if (SecretNames::isValid(key))
        return makeError(tr("%1 is a secret: use `bottega secret set %1`").arg(key));
    return makeError(tr("unknown setting \"%1\"; see `bottega config list`").arg(key));
}

QString Settings::description(const SettingDefinition &definition)
{
    return tr(definition.description);
}

QString Settings::typeName(SettingDefinition::Type type)
{
    switch (type) {
    case SettingDefinition::Type::Bool:
        return u"bool"_s;
    case SettingDefinition::Type::Integer:
        return u"integer"_s;
    case SettingDefinition::Type::Text:
        return u"text"_s;
    case SettingDefinition::Type::Url:
        return u"url"_s;
    case SettingDefinition::Type::ListenAddress:
        return u"host:port"_s;
    }
    return {};
}

Result<QVariant> Settings::parse(const QString &key, const QString &text)
{
    const auto found = find(key);
    if (!found)
        return makeError(found.error());
    auto parsed = parseText(**found, text);
    if (!parsed)
        return makeError(u"%1: %2"_s.arg(key, parsed.error()));
    return parsed;
}

QString Settings::storedText(const SettingDefinition &definition) const
{
    const QVariant stored = m_store->value(storageKey(definition.key));
    // An unquoted value with commas, hand-written into the file, comes back as a list.
    if (stored.typeId() == QMetaType::QStringList)
        return stored.toStringList().join(u", "_s);
    return stored.toString();
}

QVariant Settings::value(const QString &key) const
{
    const SettingDefinition *found = definition(key);
    if (!found)
        return {};
    if (m_store->contains(storageKey(key))) {
        const QString text = storedText(*found);
        auto parsed = parseText(*found, text);
        if (parsed)
            return *parsed;
        // A hand-edited file with a bad value must not stop the app; `config set` repairs it.
        qCWarning(lcSettings).noquote()
                << m_filePath << ":" << key << ":" << parsed.error() << "- using the default";
    }
    return *parseText(*found, found->defaultValue.toString());
}

QString Settings::text(const QString &key) const
{
    const SettingDefinition *found = definition(key);
    if (!found)
        return {};
    return canonicalText(*found, value(key));
}

bool Settings::isDefault(const QString &key) const
{
    const SettingDefinition *found = definition(key);
    return found && text(key) == defaultText(*found);
}

Result<void> Settings::set(const QString &key, const QString &text)
{
    const auto parsed = parse(key, text);
    if (!parsed)
        return makeError(parsed.error());
    return store(key, canonicalText(**find(key), *parsed));
}

Result<void> Settings::reset(const QString &key)
{
    if (const auto found = find(key); !found)
        return makeError(found.error());
    return store(key, std::nullopt);
}

Result<void> Settings::store(const QString &key, const std::optional<QString> &text)
{
    const QString name = storageKey(key);
    const QString before = this->text(key);
    const bool hadValue = m_store->contains(name);
    const QVariant previous = m_store->value(name);

    if (text)
        m_store->setValue(name, *text);
    else
        m_store->remove(name);
    m_store->sync();

    if (const QSettings::Status status = m_store->status(); status != QSettings::NoError) {
        // QSettings keeps a failed change in memory (shared by every QSettings on this file) and
        // keeps its first error forever. Undo the change so memory agrees with the disk again, and
        // start a fresh QSettings so that the next set() is judged on its own.
        if (hadValue)
            m_store->setValue(name, previous);
        else
            m_store->remove(name);
        m_store = std::make_unique<QSettings>(m_filePath, QSettings::IniFormat);
        if (status == QSettings::FormatError)
            return makeError(
                    tr("%1: cannot save: the settings file %2 is not a valid INI file; fix or remove it")
                            .arg(key, m_filePath));
        return makeError(tr("%1: cannot save: the settings file %2 is not writable").arg(key, m_filePath));
    }

    if (this->text(key) != before)
        Q_EMIT changed(key);
    return {};
}

bool Settings::gelatoEnabled() const
{
    return value(u"gelato.enabled"_s).toBool();
}

QUrl Settings::gelatoOrderUrl() const
{
    return value(u"gelato.order-url"_s).toUrl();
}

QUrl Settings::gelatoProductUrl() const
{
    return value(u"gelato.product-url"_s).toUrl();
}

QUrl Settings::gelatoEcommerceUrl() const
{
    return value(u"gelato.ecommerce-url"_s).toUrl();
}

QUrl Settings::gelatoShipmentUrl() const
{
    return value(u"gelato.shipment-url"_s).toUrl();
}

bool Settings::poleepoEnabled() const
{
    return value(u"poleepo.enabled"_s).toBool();
}

QUrl Settings::poleepoUrl() const
{
    return value(u"poleepo.url"_s).toUrl();
}

ListenAddress Settings::serverListen() const
{
    return value(u"server.listen"_s).value<ListenAddress>();
}

QUrl Settings::serverPublicUrl() const
{
    const QUrl configured = value(u"server.public-url"_s).toUrl();
    if (!configured.isEmpty())
        return configured;
    return QUrl(u"http://"_s + serverListen().toString());
}

QString Settings::companyName() const
{
    return value(u"company.name"_s).toString();
}

QString Settings::companyBillingAddress() const
{
    return value(u"company.billing-address"_s).toString();
}

bool Settings::ordersAutoSendGelato() const
{
    return value(u"orders.auto-send-gelato"_s).toBool();
}

int Settings::poleepoBatchSize() const
{
    return value(u"poleepo.batch-size"_s).toInt();
}

int Settings::logRetentionDays() const
{
    return value(u"log.retention-days"_s).toInt();
}

int Settings::webhookRetentionDays() const
{
    return value(u"webhook.retention-days"_s).toInt();
}

QString Settings::filePath() const
{
    return m_filePath;
}

} // namespace Bottega
