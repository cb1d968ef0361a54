#include "app/StoreApiLogSink.h"

#include "core/store/ApiLogRepository.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcApiLog, "bottega.apilog")

namespace Bottega {

void StoreApiLogSink::record(const ApiLogEntry &entry)
{
    // A failure to log must never fail the call being logged; it is reported on the console.
    if (const auto stored = ApiLogRepository(m_database).insert(entry); !stored)
        qCWarning(lcApiLog) << "cannot store an API log row:" << stored.error();
}

} // namespace Bottega
