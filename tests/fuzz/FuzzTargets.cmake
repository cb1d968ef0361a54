# The libFuzzer targets (REL-6): one line each, read by both build trees. The fuzz tree
# (BOTTEGA_FUZZ) builds bottega_fuzz_<name> from its source; the normal tree registers one CTest
# test per name that runs it for a bounded number of inputs. Seeds: tests/fuzz/corpus/<name>/ plus
# the folders of tests/data listed after the source.
#   bottega_fuzz_target(NAME SOURCE [SEED_FOLDER...])
set(BOTTEGA_FUZZ_TARGETS)
macro(bottega_fuzz_target name source)
    list(APPEND BOTTEGA_FUZZ_TARGETS ${name})
    set(BOTTEGA_FUZZ_SOURCE_${name} ${source})
    set(BOTTEGA_FUZZ_SEEDS_${name} ${ARGN})
endmacro()

bottega_fuzz_target(http_head FuzzHttpHead.cpp)
bottega_fuzz_target(webhook_intake FuzzWebhookIntake.cpp)
bottega_fuzz_target(gelato_answers FuzzGelatoAnswers.cpp
    tests/data/gelato/order tests/data/gelato/product tests/data/gelato/shipment tests/data/gelato/templates)
bottega_fuzz_target(gelato_events FuzzGelatoEvents.cpp tests/data/gelato/webhooks)
bottega_fuzz_target(poleepo FuzzPoleepo.cpp)
bottega_fuzz_target(order_json FuzzOrderJson.cpp)
bottega_fuzz_target(order_csv FuzzOrderCsv.cpp)
bottega_fuzz_target(product_csv FuzzProductCsv.cpp)
bottega_fuzz_target(csv_format FuzzCsvFormat.cpp)
