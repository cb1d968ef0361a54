// RecordingApiLogSink: an ApiLogSink that keeps the rows in memory, for tests to inspect.
#pragma once

#include "core/http/ApiLogSink.h"

#include <QList>

namespace Bottega::Test {

class RecordingApiLogSink final : public ApiLogSink
{
public:
    void record(const ApiLogEntry &entry) override { m_entries.append(entry); }

    const QList<ApiLogEntry> &entries() const { return m_entries; }
    qsizetype size() const { return m_entries.size(); }
    void clear() { m_entries.clear(); }

private:
    QList<ApiLogEntry> m_entries;
};

} // namespace Bottega::Test
