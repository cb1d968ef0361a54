#include "core/fulfilment/PoleepoImportJob.h"

#include "core/domain/Clock.h"
#include "core/fulfilment/PoleepoOrderImport.h"
#include "core/poleepo/PoleepoClient.h"
#include "core/store/Database.h"
#include "core/store/FulfilmentRepository.h"

#include <QPointer>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Bottega {

struct PoleepoImportJob::Run
{
    QPointer<QObject> context;
    std::function<void(Result<Summary>)> done;
    QDateTime since; // invalid: the first run, everything
    QDateTime startedAt;
    int offset = 0;
    Summary summary;
};

PoleepoImportJob::PoleepoImportJob(Database &database, PoleepoClient &poleepo, const Clock *clock,
                                   QObject *parent)
    : QObject(parent), m_database(database), m_poleepo(poleepo), m_clock(clock),
      m_import(std::make_unique<PoleepoOrderImport>(database, clock))
{
}

PoleepoImportJob::~PoleepoImportJob() = default;

void PoleepoImportJob::run(QObject *context, std::function<void(Result<Summary>)> done)
{
    auto state = std::make_shared<Run>();
    state->context = context;
    state->done = std::move(done);
    const QDateTime now = m_clock ? m_clock->now() : m_database.clock().now();
    // Whole seconds (updated_after has no fractions), a minute early: an order changed while the
    // run read the pages is read again next time rather than missed.
    state->startedAt = QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch() - 60, QTimeZone::utc());
    const auto cursor = FulfilmentRepository(m_database, m_clock).cursor(QString::fromLatin1(cursorName));
    if (!cursor)
        return state->done(makeError(cursor.error()));
    if (!cursor->isEmpty())
        state->since = QDateTime::fromString(*cursor, Qt::ISODate);
    nextPage(state);
}

void PoleepoImportJob::nextPage(const std::shared_ptr<Run> &run)
{
    m_poleepo.listOrders(
            run->offset, m_pageSize, run->since, this, [this, run](Result<PoleepoOrderPage> page) {
                if (!run->context)
                    return;
                if (!page)
                    return run->done(makeError(tr("cannot read Poleepo's orders: %1").arg(page.error())));
                for (const PoleepoOrder &order : std::as_const(page->orders)) {
                    auto imported = m_import->importOrder(order);
                    if (!imported)
                        return run->done(
                                makeError(tr("Poleepo order %1: %2").arg(order.id, imported.error())));
                    if (imported->created)
                        ++run->summary.created;
                    else if (!imported->changes.isEmpty())
                        ++run->summary.updated;
                    else
                        ++run->summary.unchanged;
                }
                if (!page->isLast() && !page->orders.isEmpty()) {
                    run->offset += int(page->orders.size());
                    return nextPage(run);
                }
                const QString cursor = run->startedAt.toUTC().toString(u"yyyy-MM-dd'T'HH:mm:ss'Z'"_s);
                if (auto r = FulfilmentRepository(m_database, m_clock)
                                     .setCursor(QString::fromLatin1(cursorName), cursor);
                    !r)
                    return run->done(makeError(r.error()));
                run->done(run->summary);
            });
}

} // namespace Bottega
