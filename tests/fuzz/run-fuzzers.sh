#!/usr/bin/env bash
# Builds and runs the libFuzzer targets of tests/fuzz (REL-6) in a build tree of their own, compiled
# by clang-14 with AddressSanitizer and UBSan (packaging/install-deps.sh installs clang-14 and
# libclang-rt-14-dev).
#
#   tests/fuzz/run-fuzzers.sh [--build-only | --no-build] [--runs N | --seconds S] [TARGET...]
#
# Without TARGET: every target of FuzzTargets.cmake. Each runs on its seeds (tests/fuzz/corpus/NAME
# and the tests/data folders FuzzTargets.cmake lists), with its dictionary, and then N new inputs
# (--runs, default 20000; at most 90 s) or for S seconds (--seconds: the long runs). Inputs the
# fuzzer finds interesting are kept in BUILD/corpus/NAME and reused by the next run; a crash is
# written to BUILD/artifacts/ and makes the script exit 1 after the other targets have run (replay
# it: BUILD/tests/fuzz/bottega_fuzz_NAME FILE).
# BUILD is $BOTTEGA_FUZZ_BUILD_DIR, by default build-fuzz beside build/.
set -euo pipefail

source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build_dir="${BOTTEGA_FUZZ_BUILD_DIR:-$source_dir/build-fuzz}"
build=1
run=1
limit=(-runs=20000 -max_total_time=90)
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --build-only) run= ;;
        --no-build) build= ;;
        # A slow machine stops at 90 s rather than at the test's timeout.
        --runs) limit=("-runs=${2:?--runs needs a number}" -max_total_time=90); shift ;;
        --seconds) limit=("-max_total_time=${2:?--seconds needs a number}"); shift ;;
        -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "run-fuzzers: unknown option $1" >&2; exit 2 ;;
        *) targets+=("$1") ;;
    esac
    shift
done

if [ -n "$build" ]; then
    for tool in clang++-14 cmake ninja; do
        command -v "$tool" >/dev/null || {
            echo "run-fuzzers: $tool not found (packaging/install-deps.sh installs it)" >&2; exit 1; }
    done
    if [ ! -f "$build_dir/CMakeCache.txt" ]; then
        # Debug keeps Qt's and Bottega's assertions on; -O1 keeps the fuzzing fast.
        cmake -S "$source_dir" -B "$build_dir" -G Ninja \
            -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=Debug \
            -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" \
            -DBOTTEGA_FUZZ=ON -DBOTTEGA_BUILD_TESTS=OFF -DBOTTEGA_BUILD_BENCHMARKS=OFF >/dev/null
    fi
    cmake --build "$build_dir" -j2 --target bottega_fuzzers
fi
[ -n "$run" ] || exit 0

manifest="$build_dir/fuzz-targets.txt"
[ -f "$manifest" ] || { echo "run-fuzzers: $manifest missing: build first (without --no-build)" >&2; exit 1; }
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cut -d' ' -f1 "$manifest")
fi

# Leaks are findings too; Qt's one-time allocations are freed at exit.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export QT_QPA_PLATFORM=offscreen

failed=()
for target in "${targets[@]}"; do
    line=$(grep -m1 "^$target " "$manifest" || true)
    [ -n "$line" ] || { echo "run-fuzzers: no target $target (see $manifest)" >&2; exit 2; }
    read -r _ executable dictionary seeds <<<"$line"
    corpus="$build_dir/corpus/$target"
    artifacts="$build_dir/artifacts"
    mkdir -p "$corpus" "$artifacts"
    options=(-max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
             -artifact_prefix="$artifacts/$target-")
    [ "$dictionary" = - ] || options+=("-dict=$dictionary")
    echo "run-fuzzers: $target (${limit[*]})"
    # The first folder receives the new inputs; the seed folders are only read.
    # shellcheck disable=SC2086
    if ! "$executable" "${limit[@]}" "${options[@]}" "$corpus" $seeds 2>"$build_dir/$target.log"; then
        tail -n 60 "$build_dir/$target.log"
        failed+=("$target")
        continue
    fi
    grep -E '^(#[0-9]+ *DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added)' \
        "$build_dir/$target.log" || true
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "run-fuzzers: ${failed[*]} failed; crash inputs in $build_dir/artifacts/, logs in $build_dir/<target>.log" >&2
    exit 1
fi
