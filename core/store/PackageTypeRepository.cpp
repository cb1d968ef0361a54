#include "core/store/PackageTypeRepository.h"

#include "core/store/Database.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqlValues.h"

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

constexpr auto select
        = "SELECT id, name, weight, width, height, depth, poleepo_package_type_id FROM package_types"_L1;

PackageType readType(const SqlStatement &row)
{
    PackageType type;
    type.id = row.integer(u"id"_s);
    type.name = row.text(u"name"_s);
    type.weight = row.number(u"weight"_s);
    type.width = row.number(u"width"_s);
    type.height = row.number(u"height"_s);
    type.depth = row.number(u"depth"_s);
    type.poleepoPackageTypeId = row.text(u"poleepo_package_type_id"_s);
    return type;
}

} // namespace

PackageTypeRepository::PackageTypeRepository(const Database &database) : m_database(database) { }

Result<qint64> PackageTypeRepository::create(const PackageType &type)
{
    auto existing = findByName(type.name);
    if (!existing)
        return makeError(existing.error());
    if (existing->has_value())
        return makeError(tr("a package type named \"%1\" already exists").arg(type.name));

    SqlStatement insert(
            m_database.connection(),
            u"INSERT INTO package_types (name, weight, width, height, depth, poleepo_package_type_id) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"_s);
    insert.bind(Sql::text(type.name))
            .bind(type.weight)
            .bind(type.width)
            .bind(type.height)
            .bind(type.depth)
            .bind(Sql::text(type.poleepoPackageTypeId));
    if (auto r = insert.exec(tr("cannot save package type \"%1\"").arg(type.name)); !r)
        return makeError(r.error());
    if (!insert.next())
        return makeError(tr("cannot save package type \"%1\": no id returned").arg(type.name));
    return insert.integer(u"id"_s);
}

Result<PackageType> PackageTypeRepository::get(qint64 id)
{
    SqlStatement query(m_database.connection(), select + u" WHERE id = ?"_s);
    query.bind(id);
    if (auto r = query.exec(tr("cannot read package type %1").arg(id)); !r)
        return makeError(r.error());
    if (!query.next())
        return makeError(tr("no package type with id %1").arg(id));
    return readType(query);
}

Result<std::optional<PackageType>> PackageTypeRepository::findByName(const QString &name)
{
    SqlStatement query(m_database.connection(), select + u" WHERE name = ?"_s);
    query.bind(Sql::text(name));
    if (auto r = query.exec(tr("cannot read package type \"%1\"").arg(name)); !r)
        return makeError(r.error());
    if (!query.next())
        return std::optional<PackageType>();
    return std::optional<PackageType>(readType(query));
}

Result<QList<PackageType>> PackageTypeRepository::list()
{
    SqlStatement query(m_database.connection(), select + u" ORDER BY name"_s);
    if (auto r = query.exec(tr("cannot read the package types")); !r)
        return makeError(r.error());
    QList<PackageType> types;
    while (query.next())
        types.append(readType(query));
    return types;
}

Result<void> PackageTypeRepository::update(const PackageType &type)
{
    SqlStatement query(m_database.connection(),
                       u"UPDATE package_types SET name = ?, weight = ?, width = ?, height = ?, depth = ?, "
                       "poleepo_package_type_id = ? WHERE id = ?"_s);
    query.bind(Sql::text(type.name))
            .bind(type.weight)
            .bind(type.width)
            .bind(type.height)
            .bind(type.depth)
            .bind(Sql::text(type.poleepoPackageTypeId))
            .bind(type.id);
    return query.execOne(tr("cannot save package type \"%1\"").arg(type.name),
                         tr("no package type with id %1").arg(type.id));
}

Result<void> PackageTypeRepository::remove(qint64 id)
{
    SqlStatement query(m_database.connection(), u"DELETE FROM package_types WHERE id = ?"_s);
    query.bind(id);
    return query.execOne(tr("cannot delete package type %1").arg(id),
                         tr("no package type with id %1").arg(id));
}

} // namespace Bottega
