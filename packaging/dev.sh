#!/usr/bin/env bash
# The README's two commands:
#   packaging/dev.sh run [ARGS...]   installs what is missing, builds, starts the app (SQLite, no set-up)
#   packaging/dev.sh test            installs what is missing, builds, runs every test
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

action="${1:-}"
[ $# -gt 0 ] && shift

# build [TARGET]: installs what is missing, configures, builds TARGET (default: everything).
build() {
    "$root/packaging/install-deps.sh"
    cmake --preset default >/dev/null
    cmake --build --preset default ${1:+--target "$1"}
}

case "$action" in
    run)
        # The app alone (its translations are compiled into it): not the tests and benchmarks.
        build bottega
        exec "$root/build/app/bottega" "$@"
        ;;
    test)
        build
        # Every suite runs under ctest: it starts the throwaway PostgreSQL server (fixture) and the
        # keyring suite in its own D-Bus session, and UI suites use the offscreen platform.
        ctest --preset default "$@"
        ;;
    *)
        echo "usage: packaging/dev.sh run [ARGS...] | test [CTEST ARGS...]" >&2
        exit 2
        ;;
esac
