// Database: opens the store (SQLite by default, PostgreSQL for a shared team database), applies the
// numbered migrations, and hands out one QSqlDatabase connection per thread. It also carries the
// clock that every repository and use case working on this store takes "now" from, so that one
// setter lets a test control the time of everything that reads or writes the store.
#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>
#include <functional>
#include <memory>

namespace Bottega {

class Clock;

struct DatabaseLocation
{
    enum class Engine { Sqlite, PostgreSql };
    Engine engine = Engine::Sqlite;
    QString sqlitePath; // Sqlite: absolute file path
    QString host, user, password, name; // PostgreSql
    int port = 5432;
    QString options; // PostgreSql: libpq options from the URL's query ("sslmode=require;...")

    // Parses the value of --db / BOTTEGA_DB. Empty → "<dataDir>/bottega.sqlite";
    // "postgresql://user:pass@host:port/db" (also "postgres://") → PostgreSQL; anything else is a
    // SQLite file path. Errors name what is wrong ("no database name in postgresql://…").
    static Result<DatabaseLocation> parse(const QString &urlOrPath, const QString &dataDir);
    // For messages: the file path, or the URL with the password hidden.
    QString displayName() const;

    Q_DECLARE_TR_FUNCTIONS(Bottega::DatabaseLocation) // last: it ends in "private:"
};

class Database final
{
    Q_DISABLE_COPY_MOVE(Database)
    Q_DECLARE_TR_FUNCTIONS(Bottega::Database)

public:
    using Engine = DatabaseLocation::Engine;

    // Opens (SQLite: creates the file if missing; WAL, busy timeout, foreign keys on). A file that
    // is not a database, or cannot be read, gives an error naming the file and leaves it untouched.
    static Result<std::unique_ptr<Database>> open(const DatabaseLocation &location);
    ~Database();

    Engine engine() const;
    const DatabaseLocation &location() const;

    // The connection for the calling thread, opened on first use. Never share it across threads.
    QSqlDatabase connection() const;

    // Applies pending migrations, each in its own transaction, recording them in schema_migrations.
    // A schema newer than this program is refused with a clear message and nothing is migrated.
    Result<void> migrate();
    int schemaVersion() const; // highest applied migration, 0 for an empty database
    static int latestSchemaVersion(); // highest migration this program knows
    // How many migrations it knows (numbers may leave a gap while two branches each add one).
    static int migrationCount();

    // The source of "now" for timestamps written to the store and for time-based decisions on its
    // rows (leases, claims, backoff, retention). Clock::system() unless set; not owned, and it must
    // outlive the database. Set it before other threads use the database.
    const Clock &clock() const;
    void setClock(const Clock *clock); // nullptr: Clock::system()

    // When a transaction's COMMIT reaches the disk. Synced: before transaction() returns.
    // Deferred (SQLite; on PostgreSQL as Synced): with the next synced commit of the file (or a
    // checkpoint), which every later commit of this store is; a crash before that loses the whole
    // transaction, never part of it. For work that is safe to do again and that nothing durable
    // may precede (the webhook inbox's moves).
    enum class Durability { Synced, Deferred };

    // Runs work inside one transaction: committed when it returns ok, rolled back otherwise.
    // Nested in another transaction of the same thread, it is part of that one (and of its
    // durability).
    Result<void> transaction(const std::function<Result<void>(QSqlDatabase &)> &work,
                             Durability durability = Durability::Synced) const;

private:
    explicit Database(DatabaseLocation location);
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Bottega
