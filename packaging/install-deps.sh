#!/usr/bin/env bash
# Installs every Debian 12 package that configuring, building, running and testing Bottega needs, on a
# minimal Debian 12: packages are installed without their Recommends, so everything used is listed
# here or is a Depends/Pre-Depends of what is (tests/packaging checks it after every build).
# Idempotent and quiet: when nothing is missing it prints nothing and changes nothing.
#   install-deps.sh          installs what is missing
#   install-deps.sh --list   prints the list, one package a line, and installs nothing
set -euo pipefail

packages=(
    # build
    cmake g++ ninja-build ccache pkg-config
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev qt6-tools-dev qt6-l10n-tools
    # Qt6Charts' CMake package needs Qt6OpenGL, which is only a Recommends of qt6-base-dev.
    qtkeychain-qt6-dev libqt6opengl6-dev libgl-dev
    # SQLite's own API for the webhook intake's hot path (the library Qt's driver loads)
    libsqlite3-dev
    # run
    libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 qt6-translations-l10n
    # test
    libgtest-dev libgmock-dev libbenchmark-dev postgresql gnome-keyring dbus xvfb xauth curl
    # fuzz (tests/fuzz: libFuzzer targets built with -fsanitize=fuzzer,address,undefined); the
    # runtimes are only a Recommends of clang-14
    clang-14 libclang-rt-14-dev
)

if [ "${1:-}" = --list ]; then
    printf '%s\n' "${packages[@]}"
    exit 0
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

run_as_root=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        run_as_root=(sudo)
    else
        echo "install-deps: missing packages (${missing[*]}); run this script as root" >&2
        exit 1
    fi
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${run_as_root[@]}" apt-get update -qq
"${run_as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The Debian postgresql package starts a system cluster; the tests use their own throwaway one.
