#include "core/products/TemplateSync.h"

#include "core/gelato/GelatoClient.h"
#include "core/scheduler/BackgroundTasks.h"
#include "core/store/Database.h"
#include "core/store/PrintImageRepository.h"
#include "core/store/ProductRepository.h"
#include "core/store/VariantRepository.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QPointer>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// gelato-notes.md: print areas lower-cased, "front" and "1" are the default placement; taken from
// every variant, in order of first appearance, "default" first.
QStringList placementsOf(const GelatoTemplate &gelatoTemplate)
{
    QStringList placements;
    for (const GelatoTemplateVariant &variant : gelatoTemplate.variants) {
        for (const GelatoImagePlaceholder &placeholder : variant.placeholders) {
            QString name = placeholder.printArea.trimmed().toLower();
            if (name == u"front"_s || name == u"1"_s)
                name = u"default"_s;
            if (!name.isEmpty() && !placements.contains(name))
                placements.append(name);
        }
    }
    if (const qsizetype at = placements.indexOf(u"default"_s); at > 0)
        placements.move(at, 0);
    return placements;
}

// Attributes and their values in order of first appearance in the variants' options.
QList<ProductAttribute> attributesOf(const GelatoTemplate &gelatoTemplate)
{
    QList<ProductAttribute> attributes;
    for (const GelatoTemplateVariant &variant : gelatoTemplate.variants) {
        for (const GelatoVariantOption &option : variant.options) {
            auto attribute = std::find_if(attributes.begin(), attributes.end(),
                                          [&](const ProductAttribute &a) { return a.name == option.name; });
            if (attribute == attributes.end()) {
                attributes.append({0, 0, option.name, int(attributes.size()), {}});
                attribute = attributes.end() - 1;
            }
            const bool known
                    = std::any_of(attribute->values.cbegin(), attribute->values.cend(),
                                  [&](const ProductAttributeValue &v) { return v.value == option.value; });
            if (!known)
                attribute->values.append({0, 0, option.value, int(attribute->values.size())});
        }
    }
    return attributes;
}

QList<VariantOption> optionsOf(const GelatoTemplateVariant &variant)
{
    QList<VariantOption> options;
    for (const GelatoVariantOption &option : variant.options)
        options.append({option.name, option.value, 0});
    return options;
}

// Options compared by name and value only (ids differ between what is read and what is wanted).
bool sameOptions(const QList<VariantOption> &a, const QList<VariantOption> &b)
{
    if (a.size() != b.size())
        return false;
    for (const VariantOption &option : a) {
        const bool found = std::any_of(b.cbegin(), b.cend(), [&](const VariantOption &other) {
            return other.name == option.name && other.value == option.value;
        });
        if (!found)
            return false;
    }
    return true;
}

// Fills each option's value id from the stored attributes, so that storing a variant needs no
// look-up per option (PERF-3: 500 variants × 3 options).
QList<VariantOption> withValueIds(QList<VariantOption> options, const QList<ProductAttribute> &attributes)
{
    for (VariantOption &option : options) {
        for (const ProductAttribute &attribute : attributes) {
            if (attribute.name != option.name)
                continue;
            for (const ProductAttributeValue &value : attribute.values) {
                if (value.value == option.value)
                    option.valueId = value.id;
            }
        }
    }
    return options;
}

bool sameAttributes(const QList<ProductAttribute> &stored, const QList<ProductAttribute> &wanted)
{
    if (stored.size() != wanted.size())
        return false;
    for (qsizetype i = 0; i < stored.size(); ++i) {
        if (stored.at(i).name != wanted.at(i).name
            || stored.at(i).values.size() != wanted.at(i).values.size())
            return false;
        for (qsizetype j = 0; j < stored.at(i).values.size(); ++j) {
            if (stored.at(i).values.at(j).value != wanted.at(i).values.at(j).value)
                return false;
        }
    }
    return true;
}

} // namespace

struct TemplateSync::Private
{
    Database &database;
    GelatoClient &gelato;
    // The pending fetch answers through this object: deleting it (cancel) silences the answer.
    QPointer<QObject> pending;
    QPointer<BackgroundTasks> tasks;
    // The storing on the worker: its task (0 when none), what it fills in, read once it finished.
    struct Outcome
    {
        TemplateSyncSummary summary;
        bool cancelled = false;
    };
    int taskId = 0;
    std::shared_ptr<Outcome> outcome;
    QString storingTitle;
    qint64 storingTotal = 0;
    bool cancelled = false; // the last run ended cancelled
};

TemplateSync::TemplateSync(Database &database, GelatoClient &gelato, QObject *parent)
    : QObject(parent), d(new Private {database, gelato, {}, {}, 0, {}, {}, 0, false})
{
}

TemplateSync::~TemplateSync()
{
    delete d->pending;
    // Nobody waits for its result any more: it stops and rolls back (BackgroundTasks drops it).
    if (d->taskId != 0 && d->tasks)
        d->tasks->cancel(d->taskId);
}

QString TemplateSync::cancelledText()
{
    return tr("cancelled");
}

namespace {

QString storingText(const QString &title, qint64 done, qint64 total)
{
    return TemplateSync::tr("Storing \"%1\": %2 of %3 variants")
            .arg(title, QLocale().toString(done), QLocale().toString(total));
}

} // namespace

void TemplateSync::setTasks(BackgroundTasks *tasks)
{
    if (d->tasks)
        disconnect(d->tasks, nullptr, this, nullptr);
    d->tasks = tasks;
    if (!tasks)
        return;
    connect(tasks, &BackgroundTasks::progressed, this, [this](int id, qint64 done, qint64 total) {
        if (id == d->taskId && total > 0)
            Q_EMIT progress(done, total, storingText(d->storingTitle, done, total));
    });
    connect(tasks, &BackgroundTasks::finished, this, [this](int id, bool ok, const QString &result) {
        if (id != d->taskId)
            return;
        d->taskId = 0;
        const std::shared_ptr<Private::Outcome> outcome = std::move(d->outcome);
        d->cancelled = outcome->cancelled;
        if (!ok) {
            Q_EMIT finished(makeError(outcome->cancelled ? cancelledText() : result));
            return;
        }
        Q_EMIT progress(d->storingTotal, d->storingTotal, tr("Done"));
        Q_EMIT finished(outcome->summary);
    });
    // Gone with a storing running (the app shutting down): it was cancelled, and is over for us.
    connect(tasks, &QObject::destroyed, this, [this] {
        if (d->taskId == 0)
            return;
        d->taskId = 0;
        d->outcome.reset();
        d->cancelled = true;
        Q_EMIT finished(makeError(cancelledText()));
    });
}

bool TemplateSync::isRunning() const
{
    return !d->pending.isNull() || d->taskId != 0;
}

bool TemplateSync::wasCancelled() const
{
    return d->cancelled;
}

void TemplateSync::start(const QString &templateId, std::optional<qint64> productId)
{
    if (isRunning()) {
        QMetaObject::invokeMethod(
                this,
                [this] {
                    Q_EMIT finished(makeError(tr("a template synchronization is already running")));
                },
                Qt::QueuedConnection);
        return;
    }
    d->cancelled = false;
    const QString id = templateId.trimmed();
    auto *pending = new QObject(this);
    d->pending = pending;
    if (id.isEmpty()) {
        QMetaObject::invokeMethod(
                pending,
                [this, pending] {
                    delete pending;
                    Q_EMIT finished(makeError(tr("the Gelato template id is empty")));
                },
                Qt::QueuedConnection);
        return;
    }
    Q_EMIT progress(0, 0, tr("Fetching Gelato template \"%1\"").arg(id));
    d->gelato.fetchTemplate(id, pending, [this, pending, productId](Result<GelatoTemplate> fetched) {
        pending->deleteLater();
        d->pending = nullptr;
        if (!fetched) {
            Q_EMIT finished(makeError(fetched.error()));
            return;
        }
        const GelatoTemplate &gelatoTemplate = *fetched;
        const qint64 total = gelatoTemplate.variants.size();
        d->storingTitle = gelatoTemplate.title.isEmpty() ? gelatoTemplate.id : gelatoTemplate.title;
        d->storingTotal = total;
        Q_EMIT progress(0, total, storingText(d->storingTitle, 0, total));
        if (!d->tasks) {
            auto applied = apply(gelatoTemplate, productId);
            Q_EMIT progress(total, total, tr("Done"));
            Q_EMIT finished(applied);
            return;
        }
        // On the worker: the work holds copies and the database (whose connection is per thread),
        // never this object; what it found comes back in the outcome, read once it finished.
        auto outcome = std::make_shared<Private::Outcome>();
        d->outcome = outcome;
        Database *database = &d->database;
        d->taskId = d->tasks->start(
                tr("Synchronizing Gelato template \"%1\"").arg(d->storingTitle),
                [database, gelatoTemplate, productId, outcome](TaskProgress &task) -> Result<QString> {
                    auto stored = store(*database, gelatoTemplate, productId,
                                        [&task, &outcome](qint64 done, qint64 total) {
                                            task.setTotal(total);
                                            task.setDone(done);
                                            if (!task.cancelRequested())
                                                return true;
                                            outcome->cancelled = true;
                                            return false;
                                        });
                    if (!stored)
                        return makeError(stored.error());
                    outcome->summary = *stored;
                    return tr("\"%1\": %n variant(s) created", nullptr, stored->variantsCreated)
                            .arg(gelatoTemplate.title);
                },
                true);
    });
}

void TemplateSync::cancel()
{
    if (d->taskId != 0 && d->tasks) {
        d->tasks->cancel(d->taskId); // finished() once the worker has rolled back
        return;
    }
    if (d->pending.isNull())
        return;
    delete d->pending;
    d->pending = nullptr;
    d->cancelled = true;
    Q_EMIT finished(makeError(cancelledText()));
}

Result<TemplateSyncSummary> TemplateSync::apply(const GelatoTemplate &gelatoTemplate,
                                                std::optional<qint64> productId)
{
    return store(d->database, gelatoTemplate, productId);
}

Result<TemplateSyncSummary> TemplateSync::store(Database &database, const GelatoTemplate &gelatoTemplate,
                                                std::optional<qint64> productId,
                                                const StoreProgress &progress)
{
    if (gelatoTemplate.variants.isEmpty())
        return makeError(
                QCoreApplication::translate("Bottega::TemplateSync", "Gelato template \"%1\" has no variants")
                        .arg(gelatoTemplate.id));
    for (qsizetype i = 0; i < gelatoTemplate.variants.size(); ++i) {
        if (gelatoTemplate.variants.at(i).productUid.isEmpty())
            return makeError(
                    QCoreApplication::translate("Bottega::TemplateSync",
                                                "Gelato template \"%1\": variants[%2].productUid is empty")
                            .arg(gelatoTemplate.id)
                            .arg(i));
    }

    ProductRepository products(database);
    VariantRepository variants(database);
    PrintImageRepository images(database);
    // One variant: the product itself is the Gelato product; several: one local variant each.
    const bool single = gelatoTemplate.variants.size() == 1;
    const QList<ProductAttribute> wantedAttributes
            = single ? QList<ProductAttribute>() : attributesOf(gelatoTemplate);
    const QStringList placements = placementsOf(gelatoTemplate);
    TemplateSyncSummary summary;
    // Asked before anything is written and after each template variant; a stop returns an error,
    // so the transaction rolls back.
    const qint64 total = gelatoTemplate.variants.size();
    bool cancelled = false;
    const auto stop = [&](qint64 done) {
        if (!progress || progress(done, total))
            return false;
        cancelled = true;
        return true;
    };

    auto done = database.transaction([&](QSqlDatabase &) -> Result<void> {
        if (stop(0))
            return makeError(cancelledText());
        std::optional<qint64> existingId = productId;
        if (!existingId) {
            auto linked = products.findByGelatoTemplate(gelatoTemplate.id);
            if (!linked)
                return makeError(linked.error());
            existingId = *linked;
        }

        if (!existingId) {
            Product product;
            product.name = gelatoTemplate.title;
            product.longDescription = gelatoTemplate.description;
            product.gelatoTemplateId = gelatoTemplate.id;
            product.gelatoPreviewUrl = gelatoTemplate.previewUrl;
            product.imageUrl = gelatoTemplate.previewUrl;
            product.gelatoProductUid = single ? gelatoTemplate.variants.constFirst().productUid : QString();
            product.attributes = wantedAttributes;
            product.placements = placements;
            auto created = products.create(product);
            if (!created)
                return makeError(created.error());
            summary.productId = *created;
            summary.productCreated = true;
            if (single && stop(1))
                return makeError(cancelledText());
            if (single)
                return {};
            auto stored = products.get(*created); // the attributes with their ids
            if (!stored)
                return makeError(stored.error());
            for (qsizetype i = 0; i < gelatoTemplate.variants.size(); ++i) {
                const GelatoTemplateVariant &source = gelatoTemplate.variants.at(i);
                Variant variant;
                variant.productId = *created;
                variant.gelatoProductUid = source.productUid;
                variant.gelatoVariantId = source.id;
                variant.title = source.title;
                variant.position = int(i);
                variant.options = withValueIds(optionsOf(source), stored->attributes);
                if (auto r = variants.create(variant); !r)
                    return makeError(r.error());
                ++summary.variantsCreated;
                if (stop(i + 1))
                    return makeError(cancelledText());
            }
            return {};
        }

        auto stored = products.get(*existingId);
        if (!stored)
            return makeError(stored.error());
        Product product = *stored;
        summary.productId = product.id;

        // Which stored variant each template variant is: by Gelato variant id, else by options.
        QList<std::optional<Variant>> matches;
        QSet<qint64> matched;
        for (const GelatoTemplateVariant &source : gelatoTemplate.variants) {
            const QList<VariantOption> options = optionsOf(source);
            auto found
                    = std::find_if(product.variants.cbegin(), product.variants.cend(), [&](const Variant &v) {
                          return !matched.contains(v.id) && !source.id.isEmpty()
                                  && v.gelatoVariantId == source.id;
                      });
            if (found == product.variants.cend()) {
                found = std::find_if(product.variants.cbegin(), product.variants.cend(),
                                     [&](const Variant &v) {
                                         return !matched.contains(v.id) && !options.isEmpty()
                                                 && sameOptions(v.options, options);
                                     });
            }
            if (single || found == product.variants.cend()) {
                matches.append(std::nullopt);
            } else {
                matched.insert(found->id);
                matches.append(*found);
            }
        }

        // Vanished variants: deleted, or archived while an order refers to them.
        QList<Variant> kept; // archived ones whose values must stay
        for (const Variant &variant : std::as_const(product.variants)) {
            if (matched.contains(variant.id))
                continue;
            auto onOrder = variants.isOnOrder(variant.id);
            if (!onOrder)
                return makeError(onOrder.error());
            if (*onOrder) {
                kept.append(variant);
                if (!variant.archived) {
                    if (auto r = variants.setArchived(variant.id, true); !r)
                        return r;
                    ++summary.variantsArchived;
                }
            } else {
                if (auto r = variants.remove(variant.id); !r)
                    return r;
                ++summary.variantsRemoved;
            }
        }

        // Attributes: the template's, plus the values archived variants still carry.
        QList<ProductAttribute> attributes = wantedAttributes;
        for (const Variant &variant : std::as_const(kept)) {
            for (const VariantOption &option : variant.options) {
                auto attribute
                        = std::find_if(attributes.begin(), attributes.end(),
                                       [&](const ProductAttribute &a) { return a.name == option.name; });
                if (attribute == attributes.end()) {
                    attributes.append({0, 0, option.name, int(attributes.size()), {}});
                    attribute = attributes.end() - 1;
                }
                const bool known = std::any_of(
                        attribute->values.cbegin(), attribute->values.cend(),
                        [&](const ProductAttributeValue &v) { return v.value == option.value; });
                if (!known)
                    attribute->values.append({0, 0, option.value, int(attribute->values.size())});
            }
        }
        if (!sameAttributes(product.attributes, attributes)) {
            for (const ProductAttribute &old : std::as_const(product.attributes)) {
                const auto now = std::find_if(attributes.cbegin(), attributes.cend(),
                                              [&](const ProductAttribute &a) { return a.name == old.name; });
                for (const ProductAttributeValue &value : old.values) {
                    const bool still = now != attributes.cend()
                            && std::any_of(now->values.cbegin(), now->values.cend(),
                                           [&](const ProductAttributeValue &v) {
                                               return v.value == value.value;
                                           });
                    if (!still)
                        ++summary.valuesRemoved;
                }
            }
            auto saved = products.saveAttributes(product.id, attributes);
            if (!saved)
                return makeError(saved.error());
            product.attributes = *saved;
        }

        for (qsizetype i = 0; i < gelatoTemplate.variants.size() && !single; ++i) {
            const GelatoTemplateVariant &source = gelatoTemplate.variants.at(i);
            const QList<VariantOption> options = optionsOf(source);
            if (!matches.at(i)) {
                Variant variant;
                variant.productId = product.id;
                variant.gelatoProductUid = source.productUid;
                variant.gelatoVariantId = source.id;
                variant.title = source.title;
                variant.position = int(i);
                variant.options = withValueIds(options, product.attributes);
                if (auto r = variants.create(variant); !r)
                    return makeError(r.error());
                ++summary.variantsCreated;
                if (stop(i + 1))
                    return makeError(cancelledText());
                continue;
            }
            Variant variant = *matches.at(i);
            const bool same = variant.gelatoProductUid == source.productUid
                    && variant.gelatoVariantId == source.id && variant.title == source.title
                    && variant.position == int(i) && !variant.archived
                    && sameOptions(variant.options, options);
            if (same) {
                if (stop(i + 1))
                    return makeError(cancelledText());
                continue;
            }
            variant.gelatoProductUid = source.productUid;
            variant.gelatoVariantId = source.id;
            variant.title = source.title;
            variant.position = int(i);
            variant.archived = false; // back in the template: sold again
            variant.options = withValueIds(options, product.attributes);
            if (auto r = variants.update(variant); !r)
                return r;
            ++summary.variantsUpdated;
            if (stop(i + 1))
                return makeError(cancelledText());
        }

        const QString productUid = single ? gelatoTemplate.variants.constFirst().productUid : QString();
        if (product.name != gelatoTemplate.title || product.longDescription != gelatoTemplate.description
            || product.gelatoPreviewUrl != gelatoTemplate.previewUrl
            || product.gelatoTemplateId != gelatoTemplate.id || product.gelatoProductUid != productUid) {
            if (product.imageUrl.isEmpty() || product.imageUrl == product.gelatoPreviewUrl)
                product.imageUrl = gelatoTemplate.previewUrl;
            product.name = gelatoTemplate.title;
            product.longDescription = gelatoTemplate.description;
            product.gelatoPreviewUrl = gelatoTemplate.previewUrl;
            product.gelatoTemplateId = gelatoTemplate.id;
            product.gelatoProductUid = productUid;
            if (auto r = products.update(product); !r)
                return r;
            summary.productUpdated = true;
        }
        if (product.placements != placements) {
            if (auto r = images.setPlacements(product.id, placements); !r)
                return r;
            summary.productUpdated = true;
        }
        if (single && stop(1))
            return makeError(cancelledText());
        return {};
    });
    if (cancelled)
        return makeError(cancelledText());
    if (!done)
        return makeError(QCoreApplication::translate("Bottega::TemplateSync",
                                                     "cannot store Gelato template \"%1\": %2")
                                 .arg(gelatoTemplate.id, done.error()));
    return summary;
}

} // namespace Bottega
