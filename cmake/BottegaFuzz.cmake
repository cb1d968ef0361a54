# BOTTEGA_FUZZ: the build tree of the libFuzzer targets (tests/fuzz, REL-6). Everything compiled here
# (bottega_core included) carries AddressSanitizer, UBSan (every finding fatal, so libFuzzer stops
# on it) and libFuzzer's coverage instrumentation; only the fuzz targets link libFuzzer's main.
# tests/fuzz/run-fuzzers.sh configures it with clang-14.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "BOTTEGA_FUZZ needs clang (CXX=clang++-14), not ${CMAKE_CXX_COMPILER_ID}")
endif()
if(BOTTEGA_BUILD_TESTS OR BOTTEGA_BUILD_BENCHMARKS)
    message(FATAL_ERROR "BOTTEGA_FUZZ is a build tree of its own: configure it with "
                        "-DBOTTEGA_BUILD_TESTS=OFF -DBOTTEGA_BUILD_BENCHMARKS=OFF (tests/fuzz/run-fuzzers.sh does)")
endif()
add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fsanitize=fuzzer-no-link
                    -fno-omit-frame-pointer)
add_link_options(-fsanitize=address,undefined)
