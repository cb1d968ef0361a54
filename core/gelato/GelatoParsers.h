// GelatoParsers: Gelato's JSON answers into Bottega's value types. Unknown fields are ignored; an
// answer lacking a required field is refused with a message naming it
// ("Gelato template: variants[2].productUid is missing").
#pragma once

#include "core/domain/Result.h"
#include "core/gelato/GelatoCatalog.h"
#include "core/gelato/GelatoTemplate.h"

#include <QByteArray>
#include <QList>

namespace Bottega::GelatoParsers {

Result<GelatoTemplate> parseTemplate(const QByteArray &json);
Result<QList<GelatoCatalog>> parseCatalogs(const QByteArray &json);
Result<GelatoCatalog> parseCatalog(const QByteArray &json);

} // namespace Bottega::GelatoParsers
