// StoreApiLogSink: puts the API log rows of HttpClient and the built-in server into the database.
// The one place where http/server output meets the store (architecture.md: clients never touch it).
#pragma once

#include "core/http/ApiLogSink.h"

namespace Bottega {

class Database;

class StoreApiLogSink final : public ApiLogSink
{
public:
    explicit StoreApiLogSink(const Database &database) : m_database(database) { }
    void record(const ApiLogEntry &entry) override;

private:
    const Database &m_database;
};

} // namespace Bottega
