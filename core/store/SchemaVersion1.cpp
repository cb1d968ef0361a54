// Migration 1: the whole schema product.md implies. Conventions for every table: ids are BIGINT
// identities, timestamps BIGINT ms since the epoch (UTC) named *_at, booleans INTEGER 0/1 (so that
// one SQL text serves both engines), money and measures NUMERIC(18,4), JSON and payloads TEXT.
#include "core/store/Migrations.h"

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

QStringList catalogStatements()
{
    return {
            uR"(CREATE TABLE products (
            id {{ID}},
            name TEXT NOT NULL,
            sku TEXT NOT NULL DEFAULT '',
            internal_code TEXT NOT NULL DEFAULT '',
            ean TEXT NOT NULL DEFAULT '',
            upc TEXT NOT NULL DEFAULT '',
            isbn TEXT NOT NULL DEFAULT '',
            mpn TEXT NOT NULL DEFAULT '',
            category_path TEXT NOT NULL DEFAULT '',
            list_price NUMERIC(18,4) NOT NULL DEFAULT 0,
            vat_rate NUMERIC(18,4) NOT NULL DEFAULT 0,
            quantity BIGINT NOT NULL DEFAULT 0,
            weight NUMERIC(18,4) NOT NULL DEFAULT 0,
            width NUMERIC(18,4) NOT NULL DEFAULT 0,
            height NUMERIC(18,4) NOT NULL DEFAULT 0,
            depth NUMERIC(18,4) NOT NULL DEFAULT 0,
            short_description TEXT NOT NULL DEFAULT '',
            long_description TEXT NOT NULL DEFAULT '',
            image_url TEXT NOT NULL DEFAULT '',
            gelato_template_id TEXT NOT NULL DEFAULT '',
            gelato_product_uid TEXT NOT NULL DEFAULT '',
            gelato_preview_url TEXT NOT NULL DEFAULT '',
            published_poleepo INTEGER NOT NULL DEFAULT 0,
            needs_update INTEGER NOT NULL DEFAULT 0,
            poleepo_product_id TEXT NOT NULL DEFAULT '',
            poleepo_last_sent_at BIGINT,
            archived INTEGER NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL))"_s,
            u"CREATE INDEX products_name ON products (LOWER(name), id)"_s,
            u"CREATE INDEX products_sku ON products (sku)"_s,
            u"CREATE INDEX products_gelato_template ON products (gelato_template_id)"_s,
            u"CREATE INDEX products_poleepo ON products (published_poleepo, needs_update)"_s,

            uR"(CREATE TABLE product_attributes (
            id {{ID}},
            product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            UNIQUE (product_id, name)))"_s,

            uR"(CREATE TABLE product_attribute_values (
            id {{ID}},
            attribute_id BIGINT NOT NULL REFERENCES product_attributes (id) ON DELETE CASCADE,
            value TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            UNIQUE (attribute_id, value)))"_s,

            uR"(CREATE TABLE variants (
            id {{ID}},
            product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
            gelato_product_uid TEXT NOT NULL DEFAULT '',
            gelato_variant_id TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            sku TEXT NOT NULL DEFAULT '',
            ean TEXT NOT NULL DEFAULT '',
            upc TEXT NOT NULL DEFAULT '',
            isbn TEXT NOT NULL DEFAULT '',
            mpn TEXT NOT NULL DEFAULT '',
            price_extra NUMERIC(18,4) NOT NULL DEFAULT 0,
            quantity BIGINT NOT NULL DEFAULT 0,
            weight NUMERIC(18,4) NOT NULL DEFAULT 0,
            width NUMERIC(18,4) NOT NULL DEFAULT 0,
            height NUMERIC(18,4) NOT NULL DEFAULT 0,
            depth NUMERIC(18,4) NOT NULL DEFAULT 0,
            published_poleepo INTEGER NOT NULL DEFAULT 0,
            needs_update INTEGER NOT NULL DEFAULT 0,
            poleepo_product_id TEXT NOT NULL DEFAULT '',
            poleepo_last_sent_at BIGINT,
            archived INTEGER NOT NULL DEFAULT 0,
            position INTEGER NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL))"_s,
            u"CREATE INDEX variants_product ON variants (product_id, position)"_s,
            u"CREATE INDEX variants_sku ON variants (sku)"_s,
            u"CREATE INDEX variants_gelato_product_uid ON variants (gelato_product_uid)"_s,
            u"CREATE INDEX variants_poleepo ON variants (published_poleepo, needs_update)"_s,

            // Cascades on both sides: removing a value (re-sync) or a variant drops the link.
            uR"(CREATE TABLE variant_option_values (
            variant_id BIGINT NOT NULL REFERENCES variants (id) ON DELETE CASCADE,
            value_id BIGINT NOT NULL REFERENCES product_attribute_values (id) ON DELETE CASCADE,
            PRIMARY KEY (variant_id, value_id)))"_s,
            u"CREATE INDEX variant_option_values_value ON variant_option_values (value_id)"_s,

            uR"(CREATE TABLE print_placements (
            id {{ID}},
            product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            UNIQUE (product_id, name)))"_s,

            // variant_id NULL: the product's default image for the placement; else a variant's override.
            uR"(CREATE TABLE print_images (
            id {{ID}},
            product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
            variant_id BIGINT REFERENCES variants (id) ON DELETE CASCADE,
            placement TEXT NOT NULL,
            source_kind TEXT NOT NULL CHECK (source_kind IN ('url', 'file')),
            source TEXT NOT NULL,
            file_id TEXT NOT NULL DEFAULT '',
            content_type TEXT NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL))"_s,
            // Two partial indexes, because UNIQUE treats NULL variant ids as all different.
            u"CREATE UNIQUE INDEX print_images_product_default ON print_images (product_id, placement) "
            "WHERE variant_id IS NULL"_s,
            u"CREATE UNIQUE INDEX print_images_variant ON print_images (variant_id, placement) "
            "WHERE variant_id IS NOT NULL"_s,

            uR"(CREATE TABLE product_images (
            id {{ID}},
            product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
            variant_id BIGINT REFERENCES variants (id) ON DELETE CASCADE,
            url TEXT NOT NULL DEFAULT '',
            file_id TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0))"_s,
            u"CREATE INDEX product_images_product ON product_images (product_id, position)"_s,
    };
}

QStringList orderStatements()
{
    return {
            uR"(CREATE TABLE sales_orders (
            id {{ID}},
            reference TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'csv', 'poleepo')),
            channel TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT 'draft',
            currency TEXT NOT NULL DEFAULT 'EUR',
            customer_first_name TEXT NOT NULL DEFAULT '',
            customer_last_name TEXT NOT NULL DEFAULT '',
            customer_email TEXT NOT NULL DEFAULT '',
            customer_phone TEXT NOT NULL DEFAULT '',
            shipping_type TEXT NOT NULL DEFAULT '',
            shipment_method_uid TEXT NOT NULL DEFAULT '',
            amount_untaxed NUMERIC(18,4) NOT NULL DEFAULT 0,
            amount_tax NUMERIC(18,4) NOT NULL DEFAULT 0,
            amount_shipping NUMERIC(18,4) NOT NULL DEFAULT 0,
            amount_total NUMERIC(18,4) NOT NULL DEFAULT 0,
            gelato_order_id TEXT NOT NULL DEFAULT '',
            gelato_order_reference_id TEXT NOT NULL DEFAULT '',
            gelato_fulfillment_status TEXT NOT NULL DEFAULT '',
            gelato_financial_status TEXT NOT NULL DEFAULT '',
            delivery_estimate_min_at BIGINT,
            delivery_estimate_max_at BIGINT,
            gelato_cost_currency TEXT NOT NULL DEFAULT '',
            gelato_cost_products NUMERIC(18,4) NOT NULL DEFAULT 0,
            gelato_cost_shipping NUMERIC(18,4) NOT NULL DEFAULT 0,
            gelato_cost_packaging NUMERIC(18,4) NOT NULL DEFAULT 0,
            gelato_cost_vat NUMERIC(18,4) NOT NULL DEFAULT 0,
            gelato_cost_total NUMERIC(18,4) NOT NULL DEFAULT 0,
            poleepo_order_id TEXT NOT NULL DEFAULT '',
            poleepo_status TEXT NOT NULL DEFAULT '',
            is_gelato INTEGER NOT NULL DEFAULT 0,
            is_draft INTEGER NOT NULL DEFAULT 0,
            notes TEXT NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL))"_s,
            u"CREATE INDEX sales_orders_state ON sales_orders (state, created_at, id)"_s,
            u"CREATE INDEX sales_orders_created ON sales_orders (created_at, id)"_s,
            u"CREATE INDEX sales_orders_gelato_order ON sales_orders (gelato_order_id)"_s,
            u"CREATE INDEX sales_orders_gelato_reference ON sales_orders (gelato_order_reference_id)"_s,
            u"CREATE INDEX sales_orders_poleepo_order ON sales_orders (poleepo_order_id)"_s,

            uR"(CREATE TABLE order_addresses (
            id {{ID}},
            order_id BIGINT NOT NULL REFERENCES sales_orders (id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('shipping', 'billing')),
            first_name TEXT NOT NULL DEFAULT '',
            last_name TEXT NOT NULL DEFAULT '',
            company_name TEXT NOT NULL DEFAULT '',
            address_line1 TEXT NOT NULL DEFAULT '',
            address_line2 TEXT NOT NULL DEFAULT '',
            city TEXT NOT NULL DEFAULT '',
            post_code TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT '',
            country TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            UNIQUE (order_id, kind)))"_s,

            // A variant on an order is never deleted (PROD-2 archives it), hence RESTRICT.
            uR"(CREATE TABLE order_lines (
            id {{ID}},
            order_id BIGINT NOT NULL REFERENCES sales_orders (id) ON DELETE CASCADE,
            variant_id BIGINT REFERENCES variants (id) ON DELETE RESTRICT,
            product_name TEXT NOT NULL DEFAULT '',
            sku TEXT NOT NULL DEFAULT '',
            quantity BIGINT NOT NULL DEFAULT 1,
            unit_price NUMERIC(18,4) NOT NULL DEFAULT 0,
            kind TEXT NOT NULL DEFAULT 'product' CHECK (kind IN ('product', 'service', 'shipping')),
            item_reference_id TEXT NOT NULL DEFAULT '',
            gelato_item_id TEXT NOT NULL DEFAULT '',
            gelato_item_status TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0))"_s,
            u"CREATE INDEX order_lines_order ON order_lines (order_id, position)"_s,
            u"CREATE INDEX order_lines_variant ON order_lines (variant_id)"_s,
            u"CREATE INDEX order_lines_item_reference ON order_lines (item_reference_id)"_s,

            uR"(CREATE TABLE gelato_connected_orders (
            id {{ID}},
            order_id BIGINT NOT NULL REFERENCES sales_orders (id) ON DELETE CASCADE,
            gelato_order_id TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL DEFAULT ''))"_s,
            u"CREATE INDEX gelato_connected_orders_order ON gelato_connected_orders (order_id)"_s,

            uR"(CREATE TABLE order_events (
            id {{ID}},
            order_id BIGINT NOT NULL REFERENCES sales_orders (id) ON DELETE CASCADE,
            at BIGINT NOT NULL,
            source TEXT NOT NULL
                CHECK (source IN ('user', 'gelato', 'webhook', 'poll', 'poleepo', 'system')),
            kind TEXT NOT NULL DEFAULT '',
            old_state TEXT NOT NULL DEFAULT '',
            new_state TEXT NOT NULL DEFAULT '',
            message TEXT NOT NULL DEFAULT ''))"_s,
            u"CREATE INDEX order_events_order ON order_events (order_id, at)"_s,

            uR"(CREATE TABLE order_packages (
            id {{ID}},
            order_id BIGINT NOT NULL REFERENCES sales_orders (id) ON DELETE CASCADE,
            gelato_order_id TEXT NOT NULL DEFAULT '',
            package_id TEXT NOT NULL DEFAULT '',
            carrier TEXT NOT NULL DEFAULT '',
            tracking_code TEXT NOT NULL DEFAULT '',
            tracking_url TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '',
            updated_at BIGINT NOT NULL,
            UNIQUE (order_id, gelato_order_id, package_id)))"_s,

            // Poleepo shipping (SHIP-3, SHIP-4): the label PDF is a stored file.
            uR"(CREATE TABLE order_shipments (
            id {{ID}},
            order_id BIGINT NOT NULL REFERENCES sales_orders (id) ON DELETE CASCADE,
            poleepo_shipping_id TEXT NOT NULL DEFAULT '',
            parcel_id TEXT NOT NULL DEFAULT '',
            carrier_id TEXT NOT NULL DEFAULT '',
            carrier TEXT NOT NULL DEFAULT '',
            tracking_code TEXT NOT NULL DEFAULT '',
            pickup_address_id TEXT NOT NULL DEFAULT '',
            pickup_address TEXT NOT NULL DEFAULT '',
            label_file_id TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '',
            handed_over_at BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL))"_s,
            u"CREATE INDEX order_shipments_order ON order_shipments (order_id)"_s,
            u"CREATE INDEX order_shipments_poleepo ON order_shipments (poleepo_shipping_id)"_s,

            uR"(CREATE TABLE package_types (
            id {{ID}},
            name TEXT NOT NULL UNIQUE,
            weight NUMERIC(18,4) NOT NULL DEFAULT 0,
            width NUMERIC(18,4) NOT NULL DEFAULT 0,
            height NUMERIC(18,4) NOT NULL DEFAULT 0,
            depth NUMERIC(18,4) NOT NULL DEFAULT 0,
            poleepo_package_type_id TEXT NOT NULL DEFAULT ''))"_s,

            uR"(CREATE TABLE shipment_parcels (
            id {{ID}},
            shipment_id BIGINT NOT NULL REFERENCES order_shipments (id) ON DELETE CASCADE,
            package_type_id BIGINT NOT NULL REFERENCES package_types (id) ON DELETE RESTRICT,
            weight NUMERIC(18,4) NOT NULL DEFAULT 0,
            width NUMERIC(18,4) NOT NULL DEFAULT 0,
            height NUMERIC(18,4) NOT NULL DEFAULT 0,
            depth NUMERIC(18,4) NOT NULL DEFAULT 0))"_s,
            u"CREATE INDEX shipment_parcels_shipment ON shipment_parcels (shipment_id)"_s,
    };
}

QStringList operationsStatements()
{
    return {
            // The secret of a record lives in the secret store (poleepo.webhook-secret.<name>).
            uR"(CREATE TABLE webhook_records (
            id {{ID}},
            name TEXT NOT NULL UNIQUE,
            events TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1,
            created_at BIGINT NOT NULL))"_s,

            // event_id NULL when the sender gave none: such calls are never taken for duplicates.
            uR"(CREATE TABLE webhook_queue (
            id {{ID}},
            source TEXT NOT NULL,
            record_name TEXT NOT NULL DEFAULT '',
            event TEXT NOT NULL DEFAULT '',
            event_id TEXT,
            body {{BLOB}},
            headers TEXT NOT NULL DEFAULT '',
            received_at BIGINT NOT NULL,
            state TEXT NOT NULL DEFAULT 'Pending'
                CHECK (state IN ('Pending', 'Processing', 'Done', 'Failed', 'Ignored')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT NOT NULL DEFAULT '',
            next_attempt_at BIGINT,
            claimed_by TEXT,
            claimed_at BIGINT,
            processed_at BIGINT,
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (source, event_id)))"_s,
            u"CREATE INDEX webhook_queue_due ON webhook_queue (state, next_attempt_at)"_s,
            u"CREATE INDEX webhook_queue_received ON webhook_queue (received_at)"_s,

            uR"(CREATE TABLE product_batches (
            id {{ID}},
            poleepo_batch_id TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'new',
            submitted_at BIGINT,
            last_polled_at BIGINT,
            poll_count INTEGER NOT NULL DEFAULT 0,
            total INTEGER NOT NULL DEFAULT 0,
            processed INTEGER NOT NULL DEFAULT 0,
            error TEXT NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL))"_s,
            u"CREATE INDEX product_batches_status ON product_batches (status)"_s,

            // The history of a batch outlives the products in it.
            uR"(CREATE TABLE product_batch_items (
            id {{ID}},
            batch_id BIGINT NOT NULL REFERENCES product_batches (id) ON DELETE CASCADE,
            product_id BIGINT REFERENCES products (id) ON DELETE SET NULL,
            variant_id BIGINT REFERENCES variants (id) ON DELETE SET NULL,
            sku TEXT NOT NULL DEFAULT '',
            payload TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'error', 'done')),
            code TEXT NOT NULL DEFAULT '',
            message TEXT NOT NULL DEFAULT '',
            poleepo_product_id TEXT NOT NULL DEFAULT ''))"_s,
            u"CREATE INDEX product_batch_items_batch ON product_batch_items (batch_id)"_s,
            u"CREATE INDEX product_batch_items_product ON product_batch_items (product_id)"_s,
            u"CREATE INDEX product_batch_items_variant ON product_batch_items (variant_id)"_s,

            // Columns of ApiLogEntry; direction 0 outbound, 1 inbound. The log is listed newest first in
            // pages (PERF-5: a million rows), so every index ends in the listing order.
            uR"(CREATE TABLE api_log (
            id {{ID}},
            at BIGINT NOT NULL,
            direction INTEGER NOT NULL DEFAULT 0,
            service TEXT NOT NULL DEFAULT '',
            method TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            status INTEGER NOT NULL DEFAULT 0,
            duration_ms BIGINT NOT NULL DEFAULT 0,
            request_size BIGINT NOT NULL DEFAULT 0,
            response_size BIGINT NOT NULL DEFAULT 0,
            request_headers TEXT NOT NULL DEFAULT '',
            request_body {{BLOB}},
            response_body {{BLOB}},
            error TEXT NOT NULL DEFAULT '',
            attempts INTEGER NOT NULL DEFAULT 1))"_s,
            u"CREATE INDEX api_log_at ON api_log (at, id)"_s,
            u"CREATE INDEX api_log_service_at ON api_log (service, at, id)"_s,
            u"CREATE INDEX api_log_status ON api_log (status, at)"_s,

            uR"(CREATE TABLE scheduler_jobs (
            name TEXT PRIMARY KEY,
            enabled INTEGER NOT NULL,
            interval_seconds INTEGER NOT NULL,
            min_interval_seconds INTEGER NOT NULL,
            last_run_at BIGINT,
            last_result TEXT,
            last_ok INTEGER,
            next_run_at BIGINT,
            lease_owner TEXT,
            lease_until BIGINT))"_s,

            // Roles of CONF-7, used when several people share one database.
            uR"(CREATE TABLE app_users (
            id {{ID}},
            login TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL DEFAULT 'viewer'
                CHECK (role IN ('administrator', 'catalog-manager', 'order-manager', 'viewer')),
            created_at BIGINT NOT NULL))"_s,
    };
}

} // namespace

QStringList schemaVersion1Statements()
{
    return catalogStatements() + orderStatements() + operationsStatements();
}

} // namespace Bottega
