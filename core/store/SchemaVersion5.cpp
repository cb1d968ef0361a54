// Migration 5 (issue 11): what polling Poleepo's product batches needs to respect its limit of 5
// status requests per batch within 10 minutes (each request recorded with its time, so that every
// process sharing the database counts the same requests), the time a 429 told Bottega to wait
// until, and which failed items were sent again in a later batch.
#include "core/store/Migrations.h"

using namespace Qt::StringLiterals;

namespace Bottega {

QStringList schemaVersion5Statements()
{
    return {
            u"ALTER TABLE product_batches ADD COLUMN not_before BIGINT"_s,
            uR"(CREATE TABLE product_batch_status_requests (
            id {{ID}},
            batch_id BIGINT NOT NULL REFERENCES product_batches (id) ON DELETE CASCADE,
            requested_at BIGINT NOT NULL))"_s,
            u"CREATE INDEX product_batch_status_requests_batch ON product_batch_status_requests "
            "(batch_id, requested_at)"_s,
            u"ALTER TABLE product_batch_items ADD COLUMN resubmitted_in BIGINT"_s,
    };
}

} // namespace Bottega
