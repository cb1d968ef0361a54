#include "core/store/WebhookRecordRepository.h"

#include "core/domain/Clock.h"
#include "core/store/Database.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqlValues.h"

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

constexpr auto select = "SELECT id, name, events, active, created_at FROM webhook_records"_L1;

WebhookRecord readRecord(const SqlStatement &row)
{
    WebhookRecord record;
    record.id = row.integer(u"id"_s);
    record.name = row.text(u"name"_s);
    record.events = row.text(u"events"_s).split(u',', Qt::SkipEmptyParts);
    record.active = row.flag(u"active"_s);
    record.createdAt = row.time(u"created_at"_s);
    return record;
}

} // namespace

WebhookRecordRepository::WebhookRecordRepository(const Database &database) : m_database(database) { }

Result<qint64> WebhookRecordRepository::create(const WebhookRecord &record)
{
    auto existing = findByName(record.name);
    if (!existing)
        return makeError(existing.error());
    if (existing->has_value())
        return makeError(tr("a webhook record named \"%1\" already exists").arg(record.name));

    SqlStatement insert(m_database.connection(),
                        u"INSERT INTO webhook_records (name, events, active, created_at) VALUES (?, ?, ?, ?) "
                        "RETURNING id"_s);
    const QDateTime created = record.createdAt.isValid() ? record.createdAt : m_database.clock().now();
    insert.bind(Sql::text(record.name))
            .bind(Sql::text(record.events.join(u',')))
            .bind(Sql::flag(record.active))
            .bind(created.toMSecsSinceEpoch());
    if (auto r = insert.exec(tr("cannot save webhook record \"%1\"").arg(record.name)); !r)
        return makeError(r.error());
    if (!insert.next())
        return makeError(tr("cannot save webhook record \"%1\": no id returned").arg(record.name));
    return insert.integer(u"id"_s);
}

Result<WebhookRecord> WebhookRecordRepository::get(qint64 id)
{
    SqlStatement query(m_database.connection(), select + u" WHERE id = ?"_s);
    query.bind(id);
    if (auto r = query.exec(tr("cannot read webhook record %1").arg(id)); !r)
        return makeError(r.error());
    if (!query.next())
        return makeError(tr("no webhook record with id %1").arg(id));
    return readRecord(query);
}

Result<std::optional<WebhookRecord>> WebhookRecordRepository::findByName(const QString &name)
{
    SqlStatement query(m_database.connection(), select + u" WHERE name = ?"_s);
    query.bind(Sql::text(name));
    if (auto r = query.exec(tr("cannot read webhook record \"%1\"").arg(name)); !r)
        return makeError(r.error());
    if (!query.next())
        return std::optional<WebhookRecord>();
    return std::optional<WebhookRecord>(readRecord(query));
}

Result<QList<WebhookRecord>> WebhookRecordRepository::list()
{
    SqlStatement query(m_database.connection(), select + u" ORDER BY name"_s);
    if (auto r = query.exec(tr("cannot read the webhook records")); !r)
        return makeError(r.error());
    QList<WebhookRecord> records;
    while (query.next())
        records.append(readRecord(query));
    return records;
}

Result<void> WebhookRecordRepository::update(const WebhookRecord &record)
{
    SqlStatement query(m_database.connection(),
                       u"UPDATE webhook_records SET name = ?, events = ?, active = ? WHERE id = ?"_s);
    query.bind(Sql::text(record.name))
            .bind(Sql::text(record.events.join(u',')))
            .bind(Sql::flag(record.active))
            .bind(record.id);
    return query.execOne(tr("cannot save webhook record \"%1\"").arg(record.name),
                         tr("no webhook record with id %1").arg(record.id));
}

Result<void> WebhookRecordRepository::remove(qint64 id)
{
    SqlStatement query(m_database.connection(), u"DELETE FROM webhook_records WHERE id = ?"_s);
    query.bind(id);
    return query.execOne(tr("cannot delete webhook record %1").arg(id),
                         tr("no webhook record with id %1").arg(id));
}

} // namespace Bottega
