# The libFuzzer targets (REL-6): one line each, read by both build trees. The fuzz tree
# (BOTTEGA_FUZZ) builds bottega_fuzz_<name> from its source; the normal tree registers one CTest
# test per name that runs it for a bounded number of inputs. Seeds: tests/fuzz/corpus/<name>/ plus
# the folders of tests/data given after SEEDS. DICTIONARY: tokens from tests/fuzz/dictionaries
# (the field names especially: Qt compares them where libFuzzer cannot watch).
#   bottega_fuzz_target(NAME SOURCE [DICTIONARY FILE] [SEEDS FOLDER...])
set(BOTTEGA_FUZZ_TARGETS)
macro(bottega_fuzz_target name source)
    cmake_parse_arguments(fuzz_target "" "DICTIONARY" "SEEDS" ${ARGN})
    list(APPEND BOTTEGA_FUZZ_TARGETS ${name})
    set(BOTTEGA_FUZZ_SOURCE_${name} ${source})
    set(BOTTEGA_FUZZ_DICTIONARY_${name} ${fuzz_target_DICTIONARY})
    set(BOTTEGA_FUZZ_SEEDS_${name} ${fuzz_target_SEEDS})
endmacro()

bottega_fuzz_target(http_head FuzzHttpHead.cpp DICTIONARY http.dict)
bottega_fuzz_target(http_requests FuzzHttpRequests.cpp DICTIONARY http.dict)
bottega_fuzz_target(webhook_intake FuzzWebhookIntake.cpp DICTIONARY json.dict)
bottega_fuzz_target(gelato_answers FuzzGelatoAnswers.cpp DICTIONARY json.dict
    SEEDS tests/data/gelato/order tests/data/gelato/product tests/data/gelato/shipment tests/data/gelato/templates)
bottega_fuzz_target(gelato_events FuzzGelatoEvents.cpp DICTIONARY json.dict SEEDS tests/data/gelato/webhooks)
bottega_fuzz_target(poleepo FuzzPoleepo.cpp DICTIONARY json.dict)
bottega_fuzz_target(order_json FuzzOrderJson.cpp DICTIONARY json.dict)
bottega_fuzz_target(order_csv FuzzOrderCsv.cpp DICTIONARY csv.dict)
bottega_fuzz_target(product_csv FuzzProductCsv.cpp DICTIONARY csv.dict)
bottega_fuzz_target(csv_format FuzzCsvFormat.cpp DICTIONARY csv.dict)
