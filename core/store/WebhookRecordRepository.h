// WebhookRecordRepository: the Poleepo webhook records (CONF-4), unique by name. Secrets are not
// here: they are in the secret store under poleepo.webhook-secret.<name>.
#pragma once

#include "core/domain/Result.h"
#include "core/domain/WebhookRecord.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <optional>

namespace Bottega {

class Database;

class WebhookRecordRepository final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::WebhookRecordRepository)

public:
    explicit WebhookRecordRepository(const Database &database);

    // Refuses a name already used, naming it.
    Result<qint64> create(const WebhookRecord &record);
    Result<WebhookRecord> get(qint64 id);
    Result<std::optional<WebhookRecord>> findByName(const QString &name);
    Result<QList<WebhookRecord>> list(); // by name
    Result<void> update(const WebhookRecord &record);
    Result<void> remove(qint64 id);

private:
    const Database &m_database;
};

} // namespace Bottega
