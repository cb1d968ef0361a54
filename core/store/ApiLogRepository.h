// ApiLogRepository: the API log (LOG-1..3): one row per call Bottega made or received, listed
// newest first with filters and paged by key (at, id) in SQL, never by OFFSET, so that the millionth
// row costs what the first does (PERF-5); cleaned up by age in chunks. The endpoint-text filter goes
// through a trigram index of the URL (migration 9; see indexUrls for SQLite's).
#pragma once

#include "core/domain/ApiLogEntry.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

class QThread;

namespace Bottega {

class Database;
class SqlStatement;

class ApiLogRepository final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::ApiLogRepository)

public:
    // Where a row sits in the listing order: newest first is (at, id) descending.
    struct Key
    {
        qint64 atMs = 0;
        qint64 id = 0;
        static Key of(const ApiLogEntry &entry) { return {entry.time.toMSecsSinceEpoch(), entry.id}; }
    };

    struct Query
    {
        QString service; // empty: every service
        std::optional<ApiLogEntry::Direction> direction; // empty: both
        // N in 1..5: status N00-N99 (2: 2xx, 4: 4xx, 5: 5xx); -1: no answer (status 0);
        // ErrorsClass: no answer, 4xx or 5xx (the dashboard's API errors); 0: any.
        static constexpr int ErrorsClass = -2;
        int statusClass = 0;
        QString text; // found anywhere in the URL (case-insensitive); through a trigram index (migration 9)
        QDateTime from, to; // [from, to); invalid: open
        int limit = 100; // 0: no limit
        // Key paging: only rows past this key in the listing order (older ones; newer ones with
        // oldestFirst). Empty: from the start.
        std::optional<Key> after;
        bool oldestFirst = false; // the other end of the listing: the page "at the end"
    };

    // A record a row is about, which the page can open. Found from what the row holds (an order's
    // Gelato or Poleepo id in the URL); Webhook is for the queue row of an inbound call, once rows
    // carry it.
    struct Related
    {
        enum class Kind { None, Order, Webhook };
        Kind kind = Kind::None;
        qint64 id = 0;
        QString label; // the order's reference
    };

    explicit ApiLogRepository(const Database &database);
    ~ApiLogRepository();
    ApiLogRepository(const ApiLogRepository &) = delete;
    ApiLogRepository &operator=(const ApiLogRepository &) = delete;

    Result<qint64> insert(const ApiLogEntry &entry);
    Result<ApiLogEntry> get(qint64 id);
    // Newest first (oldest first with query.oldestFirst), every column.
    Result<QList<ApiLogEntry>> list(const Query &query);
    // As list() without headers and bodies: what a table of rows shows. Reads the listing index.
    Result<QList<ApiLogEntry>> listSummaries(const Query &query);
    Result<qint64> count(const Query &query); // ignores limit and after
    Result<Related> relatedOf(const ApiLogEntry &entry);

    // Deletes the entries older than time in chunks of chunkRows, each its own statement, so that
    // a cleanup of millions of rows never holds one huge transaction (or the writers) for long.
    // onChunk gets the running total after each chunk. Then indexes the new rows (indexUrls).
    // Returns how many entries were deleted.
    Result<qint64> deleteOlderThan(const QDateTime &time, int chunkRows = 5000,
                                   const std::function<void(qint64 deletedSoFar)> &onChunk = {});
    // The endpoint filter's index on SQLite (migration 9) is not written with each row (that would
    // cost the intake's inserts): this adds the rows written since it last ran, in bulk, in
    // transactions of chunkRows. A text search and deleteOlderThan call it; PostgreSQL's index
    // follows each insert (nothing to do). Returns how many rows it added.
    Result<qint64> indexUrls(int chunkRows = 5000);
    // As deleteOlderThan, asking goOn(deletedSoFar) after each chunk: false stops there (without
    // indexing), and the chunks already deleted stay deleted (each chunk is whole: its own statement).
    Result<qint64> deleteOlderThanWhile(const QDateTime &time, int chunkRows,
                                        const std::function<bool(qint64 deletedSoFar)> &goOn);
    // LOG-3 retention: deletes entries older than days before the database clock's now.
    Result<qint64> deleteOlderThanDays(int days);

private:
    // SQLite: the pattern to ask the URL's trigram index for, when that is the quicker way to the
    // rows holding text (few of them); empty: walk the listing index.
    Result<QString> urlIndexPattern(const QString &text);
    Result<QList<ApiLogEntry>> select(const QString &columns, const Query &query, bool details);

    const Database &m_database;
    // The insert is prepared once per thread and reused (the intake writes one row per call).
    QThread *m_insertThread = nullptr;
    std::unique_ptr<SqlStatement> m_insert;
};

} // namespace Bottega
