#include "core/fulfilment/PackageTypes.h"

#include "core/poleepo/PoleepoClient.h"
#include "core/store/Database.h"
#include "core/store/PackageTypeRepository.h"
#include "core/store/ShipmentRepository.h"

using namespace Qt::StringLiterals;

namespace Bottega {

PackageTypes::PackageTypes(Database &database, PoleepoClient &poleepo, QObject *parent)
    : QObject(parent), m_database(database), m_poleepo(poleepo)
{
}

PackageTypes::~PackageTypes() = default;

Result<QList<PackageType>> PackageTypes::list()
{
    return PackageTypeRepository(m_database).list();
}

Result<qint64> PackageTypes::save(const PackageType &input)
{
    PackageType type = input;
    type.name = type.name.trimmed();
    type.poleepoPackageTypeId = type.poleepoPackageTypeId.trimmed();
    if (type.name.isEmpty())
        return makeError(tr("a package type needs a name"));
    const QList<std::pair<QString, double>> measures {{tr("weight"), type.weight},
                                                      {tr("width"), type.width},
                                                      {tr("height"), type.height},
                                                      {tr("depth"), type.depth}};
    for (const auto &[field, value] : measures) {
        if (value < 0 || !qIsFinite(value))
            return makeError(tr("package type \"%1\": %2 cannot be negative").arg(type.name, field));
    }
    PackageTypeRepository repository(m_database);
    auto named = repository.findByName(type.name);
    if (!named)
        return makeError(named.error());
    if (named->has_value() && (*named)->id != type.id)
        return makeError(tr("a package type named \"%1\" already exists").arg(type.name));
    if (type.id == 0) {
        auto created = repository.create(type);
        if (created)
            Q_EMIT changed();
        return created;
    }
    if (auto r = repository.update(type); !r)
        return makeError(r.error());
    Q_EMIT changed();
    return type.id;
}

Result<void> PackageTypes::remove(qint64 id)
{
    auto used = ShipmentRepository(m_database).usesPackageType(id);
    if (!used)
        return makeError(used.error());
    auto type = PackageTypeRepository(m_database).get(id);
    if (!type)
        return makeError(type.error());
    if (*used)
        return makeError(
                tr("package type \"%1\" is used by a shipment and cannot be deleted").arg(type->name));
    if (auto r = PackageTypeRepository(m_database).remove(id); !r)
        return r;
    Q_EMIT changed();
    return {};
}

QStringList PackageTypes::problems(const PackageType &type)
{
    QStringList problems;
    if (type.poleepoPackageTypeId.isEmpty())
        problems.append(tr("no Poleepo package type"));
    if (type.weight <= 0)
        problems.append(tr("no weight"));
    if (type.width <= 0 || type.height <= 0 || type.depth <= 0)
        problems.append(tr("dimensions missing"));
    return problems;
}

void PackageTypes::offered(QObject *context, Callback<QList<PackageType>> done)
{
    m_poleepo.listPackageTypes(context,
                               [this, done = std::move(done)](Result<QList<PoleepoPackageType>> answer) {
                                   if (!answer)
                                       return done(makeError(answer.error()));
                                   auto known = list();
                                   if (!known)
                                       return done(makeError(known.error()));
                                   QList<PackageType> types;
                                   for (const PoleepoPackageType &offered : std::as_const(*answer)) {
                                       PackageType type;
                                       for (const PackageType &local : std::as_const(*known)) {
                                           if (local.poleepoPackageTypeId == offered.id)
                                               type.id = local.id;
                                       }
                                       type.name = offered.name.isEmpty() ? offered.id : offered.name;
                                       type.poleepoPackageTypeId = offered.id;
                                       type.weight = offered.weight.value_or(0);
                                       type.width = offered.width.value_or(0);
                                       type.height = offered.height.value_or(0);
                                       type.depth = offered.depth.value_or(0);
                                       types.append(type);
                                   }
                                   done(types);
                               });
}

void PackageTypes::adoptOffered(QObject *context, Callback<int> done)
{
    offered(context, [this, done = std::move(done)](Result<QList<PackageType>> offered) {
        if (!offered)
            return done(makeError(offered.error()));
        int added = 0;
        auto saved = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
            PackageTypeRepository repository(m_database);
            for (PackageType type : std::as_const(*offered)) {
                if (type.id != 0)
                    continue;
                auto named = repository.findByName(type.name);
                if (!named)
                    return makeError(named.error());
                if (named->has_value()) // a local type of that name: Poleepo's is told apart by its id
                    type.name = u"%1 (%2)"_s.arg(type.name, type.poleepoPackageTypeId);
                if (auto r = repository.create(type); !r)
                    return makeError(r.error());
                ++added;
            }
            return {};
        });
        if (!saved)
            return done(makeError(saved.error()));
        if (added > 0)
            Q_EMIT changed();
        done(added);
    });
}

} // namespace Bottega
