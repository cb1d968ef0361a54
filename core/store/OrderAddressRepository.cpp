#include "core/store/OrderAddressRepository.h"

#include "core/store/Database.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqlValues.h"

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

constexpr auto columns = "kind, first_name, last_name, company_name, address_line1, address_line2, city, "
                         "post_code, state, country, email, phone"_L1;

} // namespace

OrderAddressRepository::OrderAddressRepository(const Database &database) : m_database(database) { }

Result<void> OrderAddressRepository::save(qint64 orderId, const Address &shipping,
                                          const std::optional<Address> &billing)
{
    return m_database.transaction([&](QSqlDatabase &db) -> Result<void> {
        SqlStatement clear(db, u"DELETE FROM order_addresses WHERE order_id = ?"_s);
        clear.bind(orderId);
        if (auto r = clear.exec(tr("cannot save the addresses of order %1").arg(orderId)); !r)
            return r;
        QList<Address> addresses {shipping};
        addresses.first().kind = Address::Kind::Shipping;
        if (billing) {
            addresses.append(*billing);
            addresses.last().kind = Address::Kind::Billing;
        }
        for (const Address &address : std::as_const(addresses)) {
            SqlStatement insert(db,
                                u"INSERT INTO order_addresses (order_id, "_s + columns
                                        + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
            insert.bind(orderId)
                    .bind(Address::kindName(address.kind))
                    .bind(Sql::text(address.firstName))
                    .bind(Sql::text(address.lastName))
                    .bind(Sql::text(address.companyName))
                    .bind(Sql::text(address.addressLine1))
                    .bind(Sql::text(address.addressLine2))
                    .bind(Sql::text(address.city))
                    .bind(Sql::text(address.postCode))
                    .bind(Sql::text(address.state))
                    .bind(Sql::text(address.country))
                    .bind(Sql::text(address.email))
                    .bind(Sql::text(address.phone));
            if (auto r = insert.exec(tr("cannot save the %1 address of order %2")
                                             .arg(Address::kindName(address.kind))
                                             .arg(orderId));
                !r)
                return r;
        }
        return {};
    });
}

Result<QList<Address>> OrderAddressRepository::listForOrder(qint64 orderId)
{
    SqlStatement select(
            m_database.connection(),
            u"SELECT id, order_id, "_s + columns
                    + u" FROM order_addresses WHERE order_id = ? ORDER BY CASE kind WHEN 'shipping' "
                      "THEN 0 ELSE 1 END"_s);
    select.bind(orderId);
    if (auto r = select.exec(tr("cannot read the addresses of order %1").arg(orderId)); !r)
        return makeError(r.error());
    QList<Address> addresses;
    while (select.next()) {
        Address address;
        address.id = select.integer(u"id"_s);
        address.orderId = select.integer(u"order_id"_s);
        address.kind = Address::kindFromName(select.text(u"kind"_s)).value_or(Address::Kind::Shipping);
        address.firstName = select.text(u"first_name"_s);
        address.lastName = select.text(u"last_name"_s);
        address.companyName = select.text(u"company_name"_s);
        address.addressLine1 = select.text(u"address_line1"_s);
        address.addressLine2 = select.text(u"address_line2"_s);
        address.city = select.text(u"city"_s);
        address.postCode = select.text(u"post_code"_s);
        address.state = select.text(u"state"_s);
        address.country = select.text(u"country"_s);
        address.email = select.text(u"email"_s);
        address.phone = select.text(u"phone"_s);
        addresses.append(address);
    }
    return addresses;
}

} // namespace Bottega
