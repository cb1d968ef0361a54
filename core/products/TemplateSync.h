// TemplateSync: the "Synchronize" use case (PROD-2), for the window and `product sync-template`
// alike. Fetches a Gelato template and creates or updates the local product, its attributes, values,
// variants and print placements in ONE transaction, exactly as docs/gelato-notes.md describes.
// Progress is reported (variants stored of total); it can be cancelled, and a cancelled storing is
// rolled back; running it twice changes nothing the second time.
// Thread: a TemplateSync object belongs to the main thread (the Gelato client answers there). With
// BackgroundTasks (the window), the storing runs as a task on the worker thread with that thread's
// own database connection, and its result comes back by queued signal; without (the command line),
// it runs on the calling thread. store() touches no object but the database and may run anywhere.
#pragma once

#include "core/domain/Result.h"
#include "core/gelato/GelatoTemplate.h"

#include <QObject>
#include <functional>
#include <optional>

namespace Bottega {

class BackgroundTasks;
class Database;
class GelatoClient;

struct TemplateSyncSummary
{
    qint64 productId = 0;
    int variantsCreated = 0;
    int variantsUpdated = 0;
    int variantsRemoved = 0;
    int variantsArchived = 0; // vanished from the template but on an order
    int valuesRemoved = 0;
    bool productCreated = false;
    bool productUpdated = false; // title, description, preview, product UID or placements
    bool changed() const
    {
        return productCreated || productUpdated || variantsCreated || variantsUpdated || variantsRemoved
                || variantsArchived || valuesRemoved;
    }
};

class TemplateSync final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TemplateSync)

public:
    TemplateSync(Database &database, GelatoClient &gelato, QObject *parent = nullptr);
    ~TemplateSync() override; // a storing still running on the worker is cancelled (rolled back)

    // Where the storing runs: with tasks, on the worker thread as a cancellable task (listed in the
    // status bar with its progress); null (the default), on this thread. Not owned.
    void setTasks(BackgroundTasks *tasks);

    // Starts: fetch, then store. productId: re-sync that product; none: the product linked to
    // templateId, or a new one. finished() is emitted once.
    void start(const QString &templateId, std::optional<qint64> productId = std::nullopt);
    // finished() with "cancelled" and nothing written: at once while fetching, once the worker has
    // rolled back while storing.
    void cancel();
    bool isRunning() const;
    // The last run ended because it was cancelled (here or from the status bar's task list).
    bool wasCancelled() const;

    // Told after each template variant is stored (done of total); answering false stops the storing
    // and rolls everything back.
    using StoreProgress = std::function<bool(qint64 done, qint64 total)>;
    // The storing half, usable without the network (tests, benchmarks, CSV, sandbox) and from any
    // thread: it uses only the calling thread's connection of database. Stopped by progress, it
    // returns the error "cancelled" with nothing written.
    static Result<TemplateSyncSummary> store(Database &database, const GelatoTemplate &gelatoTemplate,
                                             std::optional<qint64> productId = std::nullopt,
                                             const StoreProgress &progress = {});
    // store() on this object's database, on the calling thread.
    Result<TemplateSyncSummary> apply(const GelatoTemplate &gelatoTemplate,
                                      std::optional<qint64> productId = std::nullopt);
    // "cancelled", in the reader's language: the error of a cancelled run.
    static QString cancelledText();

Q_SIGNALS:
    // done of total: variants stored of the template's; total 0 while that is not known yet
    // (fetching). what: the step in words ("Storing "Tee": 120 of 500 variants").
    void progress(qint64 done, qint64 total, const QString &what);
    void finished(const Bottega::Result<Bottega::TemplateSyncSummary> &result);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Bottega
