#include "app/StoreApiLogSink.h"

#include "core/store/ApiLogRepository.h"
#include "core/store/Database.h"
#include "core/store/Savepoint.h"

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QThread>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcApiLog, "bottega.apilog")

namespace Bottega {

namespace {

constexpr int flushDelayMs = 50;

} // namespace

StoreApiLogSink::StoreApiLogSink(const Database &database)
    : m_database(database), m_inTransaction(std::make_unique<ApiLogRepository>(database)),
      m_own(std::make_unique<ApiLogRepository>(database))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(flushDelayMs);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
        // Commits that take the rows along are still coming: the next one writes these too.
        if (const quint64 calls = m_inTransactionCalls.load(); calls != m_inTransactionCallsSeen) {
            m_inTransactionCallsSeen = calls;
            m_timer.start();
            return;
        }
        if (m_flushElsewhere && !m_inTransactionFailed.exchange(false))
            m_flushElsewhere();
        else
            flush();
    });
}

void StoreApiLogSink::setFlushElsewhere(std::function<void()> ask)
{
    m_flushElsewhere = std::move(ask);
}

StoreApiLogSink::~StoreApiLogSink()
{
    flush();
}

void StoreApiLogSink::record(const ApiLogEntry &entry)
{
    {
        QMutexLocker lock(&m_mutex);
        m_buffer.append(entry);
    }
    // The timer lives on the thread that made the sink; from another one it is started there.
    if (QThread::currentThread() == m_timer.thread()) {
        if (!m_timer.isActive())
            m_timer.start();
    } else {
        QMetaObject::invokeMethod(&m_timer, [this] {
            if (!m_timer.isActive())
                m_timer.start();
        });
    }
}

QList<ApiLogEntry> StoreApiLogSink::takeBuffer()
{
    QMutexLocker lock(&m_mutex);
    return std::exchange(m_buffer, {});
}

void StoreApiLogSink::writeBufferedInTransaction()
{
    ++m_inTransactionCalls;
    const QList<ApiLogEntry> rows = takeBuffer();
    if (rows.isEmpty())
        return;
    // A savepoint: on PostgreSQL a failed statement would otherwise abort the caller's transaction
    // (and with it the webhook batch that is the point of that transaction).
    Savepoint savepoint(m_database, u"api_log"_s);
    const auto giveBack = [&] {
        m_inTransactionFailed = true;
        QMutexLocker lock(&m_mutex);
        m_buffer = rows + m_buffer; // flush() writes them one by one, at the timer's next timeout
        QMetaObject::invokeMethod(&m_timer, qOverload<>(&QTimer::start));
    };
    if (!savepoint.begin()) {
        giveBack();
        return;
    }
    ApiLogRepository &repository = *m_inTransaction;
    for (const ApiLogEntry &entry : rows) {
        if (!repository.insert(entry)) {
            (void)savepoint.rollback();
            giveBack();
            return;
        }
    }
    (void)savepoint.release();
}

void StoreApiLogSink::flush()
{
    m_timer.stop();
    const QList<ApiLogEntry> rows = takeBuffer();
    if (rows.isEmpty())
        return;
    ApiLogRepository &repository = *m_own;
    const auto written = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        for (const ApiLogEntry &entry : rows) {
            if (auto stored = repository.insert(entry); !stored)
                return makeError(stored.error());
        }
        return {};
    });
    if (written)
        return;
    // One bad row must not cost the others: each on its own. A failure to log never fails the call
    // being logged; it is reported on the console.
    for (const ApiLogEntry &entry : rows) {
        if (const auto stored = repository.insert(entry); !stored)
            qCWarning(lcApiLog) << "cannot store an API log row:" << stored.error();
    }
}

} // namespace Bottega
