// Settings: the non-secret settings of docs/cli.md, typed, with their defaults in one place
// (SettingDefinitions.cpp). Stored in an INI file in the data dir. Secrets never come here.
#pragma once

#include "core/settings/ListenAddress.h"
#include "core/domain/Result.h"

#include <QObject>
#include <QUrl>
#include <QVariant>
#include <memory>
#include <optional>

class QSettings;

namespace Bottega {

struct SettingDefinition
{
    enum class Type { Bool, Integer, Text, Url, ListenAddress };
    QString key; // "server.listen"
    Type type;
    QVariant defaultValue; // typed: bool, int, QString, QUrl (as string) ...
    const char *description; // QT_TRANSLATE_NOOP("Bottega::Settings", "...")
    int minimum = 0; // Integer only
    int maximum = 0; // Integer only
    bool emptyAllowed = false; // Url only: "" is a valid value (server.public-url: "derive it")
};

class Settings final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Settings)

public:
    // filePath: e.g. "<dataDir>/bottega.ini"; created on first write.
    explicit Settings(const QString &filePath, QObject *parent = nullptr);
    ~Settings() override;

    static const QList<SettingDefinition> &definitions();
    static const SettingDefinition *definition(const QString &key); // nullptr if unknown
    static QStringList keys(); // in the order of definitions(), as `config list` shows them

    // The definition, or the error a user reads: "unknown setting \"x\"; see `bottega config list`",
    // or for a secret name "gelato.api-key is a secret: use `bottega secret set gelato.api-key`".
    static Result<const SettingDefinition *> find(const QString &key);
    // The translated description of a definition.
    static QString description(const SettingDefinition &definition);
    // "bool", "integer", "text", "url", "host:port", for `config list`.
    static QString typeName(SettingDefinition::Type type);
    // Validates text for key without storing it (the Settings page checks as the user types). The
    // value is typed as value() returns it; errors start with the key.
    static Result<QVariant> parse(const QString &key, const QString &text);

    // The stored value converted to the definition's type, or the default. Unknown key: invalid.
    QVariant value(const QString &key) const;
    // The value as a user types it ("true", "127.0.0.1:8069", ...).
    QString text(const QString &key) const;
    bool isDefault(const QString &key) const;

    // Validates the text against the definition; the error names the key and what is wrong
    // ("server.listen: port 99999 is out of range"). On success, writes it to disk (the file is synced
    // and checked, so an unwritable file is an error here, not a silent loss) and emits changed() if
    // the value differs. On failure nothing changes, in memory or on disk.
    Result<void> set(const QString &key, const QString &text);
    // Back to the default (the key is removed from the file); same checks and signal as set().
    Result<void> reset(const QString &key);

    // Typed accessors for the keys the code reads most.
    bool gelatoEnabled() const;
    QUrl gelatoOrderUrl() const;
    QUrl gelatoProductUrl() const;
    QUrl gelatoEcommerceUrl() const;
    QUrl gelatoShipmentUrl() const;
    bool poleepoEnabled() const;
    QUrl poleepoUrl() const;
    int poleepoBatchSize() const;
    ListenAddress serverListen() const;
    QUrl serverPublicUrl() const; // default: http://<server.listen>
    QString companyName() const;
    QString companyBillingAddress() const;
    bool ordersAutoSendGelato() const;
    int logRetentionDays() const;
    int webhookRetentionDays() const;

    QString filePath() const;

Q_SIGNALS:
    void changed(const QString &key);

private:
    QString storedText(const SettingDefinition &definition) const;
    Result<void> store(const QString &key, const std::optional<QString> &text);

    QString m_filePath;
    std::unique_ptr<QSettings> m_store;
};

} // namespace Bottega
