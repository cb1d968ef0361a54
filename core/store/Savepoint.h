// Savepoint: a named savepoint inside the calling thread's open transaction, so that a part of the
// work can be undone alone while the rest of the transaction keeps what it did. Set with begin();
// release() keeps the part, rollback() undoes it; one left open is rolled back when destroyed.
#pragma once

#include "core/domain/Result.h"

#include <QString>
#include <QtGlobal>

namespace Bottega {

class Database;

class Savepoint final
{
    Q_DISABLE_COPY_MOVE(Savepoint)

public:
    // name: an SQL identifier written in the code ("webhook_event"), never user input.
    Savepoint(const Database &database, const QString &name);
    ~Savepoint();

    Result<void> begin();
    // Keeps what was done since begin().
    Result<void> release();
    // Undoes what was done since begin(), then releases the savepoint.
    Result<void> rollback();
    bool isOpen() const { return m_open; }

private:
    Result<void> run(const QString &sql);

    const Database &m_database;
    QString m_name;
    bool m_open = false;
};

} // namespace Bottega
