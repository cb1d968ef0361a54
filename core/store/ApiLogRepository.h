// ApiLogRepository: the API log (LOG-1..3): one row per call Bottega made or received, listed
// with filters and pages in SQL, and cleaned up by age.
#pragma once

#include "core/domain/ApiLogEntry.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Bottega {

class Database;

class ApiLogRepository final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::ApiLogRepository)

public:
    struct Query
    {
        QString service; // empty: every service
        int statusClass = 0; // 4: 400-499, 5: 500-599, -1: no answer (status 0); 0: any
        QString text; // found anywhere in the URL (case-insensitive)
        QDateTime from, to; // [from, to); invalid: open
        int limit = 100; // 0: no limit
        int offset = 0;
    };

    explicit ApiLogRepository(const Database &database);

    Result<qint64> insert(const ApiLogEntry &entry);
    Result<ApiLogEntry> get(qint64 id);
    // Newest first.
    Result<QList<ApiLogEntry>> list(const Query &query);
    Result<qint64> count(const Query &query); // ignores limit and offset
    // Returns how many entries were deleted.
    Result<int> deleteOlderThan(const QDateTime &time);
    // LOG-3 retention: deletes entries older than days before the database clock's now.
    Result<int> deleteOlderThanDays(int days);

private:
    const Database &m_database;
};

} // namespace Bottega
