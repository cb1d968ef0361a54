// PoleepoParsers: Poleepo's answers (unwrapped from "data") and error bodies into the value types
// of PoleepoTypes.h. Strict for what Bottega acts on, lenient for what it only shows; a refusal
// names the field with its path ("Poleepo order: rows[0].sku is missing"). Unknown fields are
// ignored.
#pragma once

#include "core/domain/Result.h"
#include "core/poleepo/PoleepoTypes.h"

#include <QByteArray>
#include <QList>

namespace Bottega::PoleepoParsers {

Result<PoleepoToken> parseToken(const QByteArray &json);
Result<PoleepoBatchSubmission> parseBatchSubmission(const QByteArray &json);
Result<PoleepoBatchStatus> parseBatchStatus(const QByteArray &json);
Result<PoleepoOrder> parseOrder(const QByteArray &json);
// offset and max as asked: the page keeps them to tell whether it is the last.
Result<PoleepoOrderPage> parseOrderPage(const QByteArray &json, int offset, int max);
// knownId: the id asked for, used when the answer does not repeat it.
Result<PoleepoShipping> parseShipping(const QByteArray &json, const QString &knownId = QString());
Result<PoleepoCreatedShipping> parseCreatedShipping(const QByteArray &json);
Result<QList<PoleepoCarrier>> parseCarriers(const QByteArray &json);
Result<QList<PoleepoPackageType>> parsePackageTypes(const QByteArray &json);
Result<QList<PoleepoPickupAddress>> parsePickupAddresses(const QByteArray &json);

// Poleepo's error shape {"success": false, "message", "code", "errors": [{"field", "message"}]}:
// the message as Poleepo wrote it, followed by each "field: message" ("The data is not valid
// (sku: is required; price: must be a number)"); empty when the body is not one.
QString errorMessage(const QByteArray &body);
// Its "code" ("VALIDATION_ERROR", "NOT_FOUND", ...), or empty.
QString errorCode(const QByteArray &body);

} // namespace Bottega::PoleepoParsers
