// PackageTypeRepository: the parcel types for Poleepo shipping (CONF-8), unique by name.
#pragma once

#include "core/domain/PackageType.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <optional>

namespace Bottega {

class Database;

class PackageTypeRepository final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::PackageTypeRepository)

public:
    explicit PackageTypeRepository(const Database &database);

    // Refuses a name already used, naming it.
    Result<qint64> create(const PackageType &type);
    Result<PackageType> get(qint64 id);
    Result<std::optional<PackageType>> findByName(const QString &name);
    Result<QList<PackageType>> list(); // by name
    Result<void> update(const PackageType &type);
    // Refused while a shipment uses the type.
    Result<void> remove(qint64 id);

private:
    const Database &m_database;
};

} // namespace Bottega
