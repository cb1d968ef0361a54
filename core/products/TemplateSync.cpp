#include "core/products/TemplateSync.h"

#include "core/gelato/GelatoClient.h"
#include "core/store/Database.h"
#include "core/store/PrintImageRepository.h"
#include "core/store/ProductRepository.h"
#include "core/store/VariantRepository.h"

#include <QCoreApplication>
#include <QHash>
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
};

TemplateSync::TemplateSync(Database &database, GelatoClient &gelato, QObject *parent)
    : QObject(parent), d(new Private {database, gelato, {}})
{
}

TemplateSync::~TemplateSync()
{
    delete d->pending;
}

bool TemplateSync::isRunning() const
{
    return !d->pending.isNull();
}

void TemplateSync::start(const QString &templateId, std::optional<qint64> productId)
{
    if (isRunning()) {
        QMetaObject::invokeMethod(
                this,
                [this] {
                    Q_EMIT finished(makeError(QCoreApplication::translate(
                            "Bottega::TemplateSync", "a template synchronization is already running")));
                },
                Qt::QueuedConnection);
        return;
    }
    const QString id = templateId.trimmed();
    auto *pending = new QObject(this);
    d->pending = pending;
    if (id.isEmpty()) {
        QMetaObject::invokeMethod(
                pending,
                [this, pending] {
                    delete pending;
                    Q_EMIT finished(makeError(QCoreApplication::translate(
                            "Bottega::TemplateSync", "the Gelato template id is empty")));
                },
                Qt::QueuedConnection);
        return;
    }
    Q_EMIT progress(
            1, 3,
            QCoreApplication::translate("Bottega::TemplateSync", "Fetching Gelato template \"%1\"").arg(id));
    d->gelato.fetchTemplate(id, pending, [this, pending, productId](Result<GelatoTemplate> fetched) {
        pending->deleteLater();
        d->pending = nullptr;
        if (!fetched) {
            Q_EMIT finished(makeError(fetched.error()));
            return;
        }
        Q_EMIT progress(
                2, 3,
                QCoreApplication::translate("Bottega::TemplateSync", "Storing \"%1\"").arg(fetched->title));
        auto applied = apply(*fetched, productId);
        Q_EMIT progress(3, 3, QCoreApplication::translate("Bottega::TemplateSync", "Done"));
        Q_EMIT finished(applied);
    });
}

void TemplateSync::cancel()
{
    if (!isRunning())
        return;
    delete d->pending;
    d->pending = nullptr;
    Q_EMIT finished(makeError(QCoreApplication::translate("Bottega::TemplateSync", "cancelled")));
}

Result<TemplateSyncSummary> TemplateSync::apply(const GelatoTemplate &gelatoTemplate,
                                                std::optional<qint64> productId)
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

    ProductRepository products(d->database);
    VariantRepository variants(d->database);
    PrintImageRepository images(d->database);
    // One variant: the product itself is the Gelato product; several: one local variant each.
    const bool single = gelatoTemplate.variants.size() == 1;
    const QList<ProductAttribute> wantedAttributes
            = single ? QList<ProductAttribute>() : attributesOf(gelatoTemplate);
    const QStringList placements = placementsOf(gelatoTemplate);
    TemplateSyncSummary summary;

    auto done = d->database.transaction([&](QSqlDatabase &) -> Result<void> {
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
                continue;
            }
            Variant variant = *matches.at(i);
            const bool same = variant.gelatoProductUid == source.productUid
                    && variant.gelatoVariantId == source.id && variant.title == source.title
                    && variant.position == int(i) && !variant.archived
                    && sameOptions(variant.options, options);
            if (same)
                continue;
            variant.gelatoProductUid = source.productUid;
            variant.gelatoVariantId = source.id;
            variant.title = source.title;
            variant.position = int(i);
            variant.archived = false; // back in the template: sold again
            variant.options = withValueIds(options, product.attributes);
            if (auto r = variants.update(variant); !r)
                return r;
            ++summary.variantsUpdated;
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
        return {};
    });
    if (!done)
        return makeError(QCoreApplication::translate("Bottega::TemplateSync",
                                                     "cannot store Gelato template \"%1\": %2")
                                 .arg(gelatoTemplate.id, done.error()));
    return summary;
}

} // namespace Bottega
