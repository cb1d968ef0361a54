// TemplateSync: the "Synchronize" use case (PROD-2). Fetches a Gelato template and creates or
// updates the local product, its attributes, values, variants and print placements in ONE
// transaction, exactly as docs/gelato-notes.md describes. Progress is reported; it can be cancelled;
// running it twice changes nothing the second time.
#pragma once

#include "core/domain/Result.h"
#include "core/gelato/GelatoTemplate.h"

#include <QObject>
#include <optional>

namespace Bottega {

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
    ~TemplateSync() override;

    // Starts: fetch, then apply. productId: re-sync that product; none: the product linked to
    // templateId, or a new one. finished() is emitted once.
    void start(const QString &templateId, std::optional<qint64> productId = std::nullopt);
    void cancel(); // finished() with "cancelled"; nothing written
    bool isRunning() const;

    // The storing half, usable without the network (tests, benchmarks, CSV, sandbox).
    Result<TemplateSyncSummary> apply(const GelatoTemplate &gelatoTemplate,
                                      std::optional<qint64> productId = std::nullopt);

Q_SIGNALS:
    void progress(int step, int steps, const QString &what);
    void finished(const Bottega::Result<Bottega::TemplateSyncSummary> &result);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Bottega
