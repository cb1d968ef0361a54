// PackageTypes (CONF-8, SHIP-2): the parcel types the shop ships in with Poleepo, kept in Settings
// (name, dimensions, weight, and the Poleepo package type each one stands for) and offered from
// Poleepo's own list. A type is valid for a shipment only when Poleepo knows it and its weight and
// dimensions are given; validity() names what is missing. The window's Settings and the command line
// share it. Local work is synchronous; Poleepo's list answers later. Lives on the thread that made it.
#pragma once

#include "core/domain/PackageType.h"
#include "core/domain/Result.h"

#include <QObject>
#include <QStringList>
#include <functional>

namespace Bottega {

class Database;
class PoleepoClient;

class PackageTypes final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PackageTypes)

public:
    template<typename T> using Callback = std::function<void(Result<T>)>;

    PackageTypes(Database &database, PoleepoClient &poleepo, QObject *parent = nullptr);
    ~PackageTypes() override;

    Result<QList<PackageType>> list();
    // Creates (id 0) or updates the type; refused, naming the field, for an empty name, a name
    // already used or a negative measure. Its id.
    Result<qint64> save(const PackageType &type);
    // Refused while a shipment's parcel uses the type.
    Result<void> remove(qint64 id);
    // What keeps the type from being used in a shipment ("no Poleepo package type", "weight");
    // empty: valid.
    static QStringList problems(const PackageType &type);

    // Poleepo's package types, as types to adopt: poleepoPackageTypeId set, id 0 (or the local type
    // already standing for it), measures as Poleepo gives them (0 when it gives none).
    void offered(QObject *context, Callback<QList<PackageType>> done);
    // Adds each of Poleepo's types not known here yet (by Poleepo id); how many were added.
    void adoptOffered(QObject *context, Callback<int> done);

Q_SIGNALS:
    void changed();

private:
    Database &m_database;
    PoleepoClient &m_poleepo;
};

} // namespace Bottega
