#!/usr/bin/env bash
# Proves that packaging/install-deps.sh installs everything the build, the app and the tests use, on a
# minimal Debian 12 where packages come without their Recommends.
#
#   check-dependencies.sh SOURCE_DIR BUILD_DIR [--without PACKAGE]
#
# Each file below must belong (dpkg -S) to a package that install-deps.sh lists, or that a listed
# package pulls in through Depends/Pre-Depends alone (apt-cache depends, followed recursively):
#   - the package configuration files CMake used (the *_DIR cache entries of BUILD_DIR),
#   - every shared library that `bottega` and the test executables load (ldd), and the Qt plugins
#     they load at run time (platforms, SQL drivers, SVG) with their own libraries,
#   - the programs the tests start (PostgreSQL's initdb and pg_ctl, dbus-run-session,
#     gnome-keyring-daemon, runuser),
#   - the fuzz build (tests/fuzz, run by the fuzz.* tests): clang++-14, the sanitizer and libFuzzer
#     runtimes it links, and the libraries of the fuzz targets when that build exists
#     ($BOTTEGA_FUZZ_BUILD_DIR, by default SOURCE_DIR/build-fuzz).
# Each file that does not prints one line naming the file, what needs it and its package, and the
# script exits 1. --without PACKAGE checks against the list minus PACKAGE (to show the check fails).
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: check-dependencies.sh SOURCE_DIR BUILD_DIR [--without PACKAGE]" >&2
    exit 2
fi
source_dir=$1
build_dir=$2
without=
if [ "${3:-}" = --without ]; then
    without=${4:?--without needs a package name}
fi

for tool in dpkg apt-cache ldd; do
    command -v "$tool" >/dev/null || { echo "check-dependencies: $tool not found (Debian only)" >&2; exit 1; }
done
[ -f "$build_dir/CMakeCache.txt" ] || { echo "check-dependencies: $build_dir is not configured" >&2; exit 1; }

# --- the closure of the script's list over Depends and Pre-Depends -----------------------------------
mapfile -t listed < <(bash "$source_dir/packaging/install-deps.sh" --list | grep -vx -- "$without")
[ ${#listed[@]} -gt 0 ] || { echo "check-dependencies: install-deps.sh --list printed nothing" >&2; exit 1; }

declare -A allowed=()
# Stanza headers are the packages reached (virtual ones as <name>); indented lines under a virtual
# dependency name the packages that provide it.
while IFS= read -r name; do
    allowed[$name]=1
done < <(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
            --no-replaces --no-enhances "${listed[@]}" 2>/dev/null |
         sed -n -e 's/^<\{0,1\}\([^ <>:]*\)>\{0,1\}\(:[a-z0-9]*\)\{0,1\}$/\1/p' \
                -e 's/^    \([^ <>:]*\)\(:[a-z0-9]*\)\{0,1\}$/\1/p')
for name in "${listed[@]}"; do
    allowed[$name]=1
done

# Packages every Debian system has (Essential: yes), with their own Depends.
mapfile -t essential < <(dpkg-query -W -f='${Essential} ${Package}\n' | sed -n 's/^yes //p')
while IFS= read -r name; do
    allowed[$name]=1
done < <(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
            --no-replaces --no-enhances "${essential[@]}" 2>/dev/null |
         sed -n -e 's/^<\{0,1\}\([^ <>:]*\)>\{0,1\}\(:[a-z0-9]*\)\{0,1\}$/\1/p')

failures=0
declare -A needed=()   # file -> what needs it (the first seen)

# require FILE WHY: FILE must belong to an allowed package (checked at the end, in one dpkg call).
require() {
    [ -n "${needed[$1]:-}" ] || needed[$1]=$2
}

# require_libraries BINARY: every library BINARY loads.
require_libraries() {
    local binary=$1 line library
    while IFS= read -r line; do
        case "$line" in
            *"=> not found"*)
                echo "NOT FOUND: ${line%% =>*} (loaded by $binary) is not installed"
                failures=$((failures + 1))
                ;;
            *"=> /"*)
                library=${line#*=> }
                require "${library%% (*}" "$binary"
                ;;
            /*)
                library=${line%% (*}
                require "$(echo "$library" | tr -d '[:space:]')" "$binary"
                ;;
        esac
    done < <(ldd "$binary" 2>/dev/null)
}

# --- package configuration files CMake used ------------------------------------------------------------
while IFS='=' read -r key dir; do
    entry=${key%%:*}
    [ -d "$dir" ] || continue
    case "$dir" in "$source_dir"*|"$build_dir"*) continue ;; esac
    for config in "$dir"/*Config.cmake "$dir"/*-config.cmake; do
        [ -f "$config" ] && require "$config" "CMake's $entry"
    done
done < <(grep -E '^[A-Za-z0-9_]+_DIR:PATH=' "$build_dir/CMakeCache.txt")

# --- libraries of the executables and of the Qt plugins they load --------------------------------------
executables=()
while IFS= read -r -d '' file; do
    [ "$(head -c 4 "$file" | od -An -c | tr -d ' ')" = '177ELF' ] && executables+=("$file")
done < <(find "$build_dir/app" "$build_dir/tests" -type f -perm -u+x -not -name '*.so*' -print0 2>/dev/null)
if [ ${#executables[@]} -eq 0 ] || [ ! -x "$build_dir/app/bottega" ]; then
    echo "check-dependencies: build $build_dir first (no bottega executable)" >&2
    exit 1
fi
for executable in "${executables[@]}"; do
    require_libraries "$executable"
done

plugin_dir=$(sed -n 's/^QT6_INSTALL_PLUGINS:PATH=//p' "$build_dir/CMakeCache.txt")
[ -n "$plugin_dir" ] || plugin_dir=/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)/qt6/plugins
for plugin in platforms/libqxcb.so platforms/libqoffscreen.so sqldrivers/libqsqlite.so \
              sqldrivers/libqsqlpsql.so imageformats/libqsvg.so iconengines/libqsvgicon.so; do
    if [ ! -f "$plugin_dir/$plugin" ]; then
        echo "NOT FOUND: Qt plugin $plugin_dir/$plugin (loaded by bottega and the tests) is not installed"
        failures=$((failures + 1))
        continue
    fi
    require "$plugin_dir/$plugin" "the Qt plugin loader"
    require_libraries "$plugin_dir/$plugin"
done

# --- programs the tests start ----------------------------------------------------------------------------
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r | head -1 || true)
programs=("${pg_bin:-/usr/lib/postgresql/missing/bin}/initdb" "${pg_bin:-/usr/lib/postgresql/missing/bin}/pg_ctl")
for tool in dbus-run-session gnome-keyring-daemon runuser; do
    programs+=("$(command -v "$tool" || echo "/usr/bin/$tool")")
done
for program in "${programs[@]}"; do
    if [ ! -x "$program" ]; then
        echo "NOT FOUND: $program (started by the tests) is not installed"
        failures=$((failures + 1))
        continue
    fi
    require "$program" "the tests"
    require_libraries "$program"
done

# --- the fuzz build: its compiler, the runtimes -fsanitize=fuzzer,address,undefined links, its targets --
fuzz_compiler=$(command -v clang++-14 || echo /usr/bin/clang++-14)
if [ ! -x "$fuzz_compiler" ]; then
    echo "NOT FOUND: $fuzz_compiler (the compiler of tests/fuzz) is not installed"
    failures=$((failures + 1))
else
    require "$fuzz_compiler" "the fuzz build (tests/fuzz)"
    require_libraries "$(readlink -f "$fuzz_compiler")"
    runtime_dir=$("$fuzz_compiler" --print-runtime-dir)
    arch=$(uname -m)
    for runtime in fuzzer asan ubsan_standalone; do
        file="$runtime_dir/libclang_rt.$runtime-$arch.a"
        if [ ! -f "$file" ]; then
            echo "NOT FOUND: $file (linked into the fuzz targets by clang++-14) is not installed"
            failures=$((failures + 1))
            continue
        fi
        require "$file" "the fuzz build (tests/fuzz)"
    done
fi
fuzz_build_dir=${BOTTEGA_FUZZ_BUILD_DIR:-$source_dir/build-fuzz}
while IFS= read -r -d '' file; do
    [ "$(head -c 4 "$file" | od -An -c | tr -d ' ')" = '177ELF' ] && require_libraries "$file"
done < <(find "$fuzz_build_dir/tests/fuzz" -maxdepth 1 -type f -perm -u+x -name 'bottega_fuzz_*' -print0 2>/dev/null)

# --- one dpkg lookup for every file: the path as given, its twin under merged /usr, symlinks resolved ---
declare -A candidates=()
for file in "${!needed[@]}"; do
    forms=("$file")
    case "$file" in
        /usr/*) forms+=("${file#/usr}") ;;
        /*) forms+=("/usr$file") ;;
    esac
    resolved=$(readlink -f "$file" 2>/dev/null || true)
    [ -n "$resolved" ] && forms+=("$resolved" "${resolved#/usr}")
    candidates[$file]="${forms[*]}"
done
declare -A owners=()   # path -> "pkg pkg"
while IFS= read -r line; do
    case "$line" in "diversion by"*) continue ;; esac
    path=${line#*: }
    packages=$(echo "${line%%: /*}" | tr ',' ' ' | sed 's/:[a-z0-9]*//g')
    owners[$path]="${owners[$path]:-} $packages"
done < <(printf '%s\n' ${candidates[@]} | sort -u | xargs -d '\n' dpkg -S 2>/dev/null || true)

for file in $(printf '%s\n' "${!needed[@]}" | sort); do
    packages=
    for form in ${candidates[$file]}; do
        packages=${owners[$form]:-}
        [ -n "$packages" ] && break
    done
    if [ -z "$packages" ]; then
        echo "NOT FROM A PACKAGE: $file (needed by ${needed[$file]}) belongs to no Debian package"
        failures=$((failures + 1))
        continue
    fi
    ok=
    for package in $packages; do
        [ -n "${allowed[$package]:-}" ] && ok=1
    done
    if [ -z "$ok" ]; then
        echo "MISSING: package ${packages# } (owns $file, needed by ${needed[$file]}) is neither listed in packaging/install-deps.sh nor a Depends/Pre-Depends of a listed package"
        failures=$((failures + 1))
    fi
done

if [ "$failures" -gt 0 ]; then
    echo "check-dependencies: $failures file(s) come from packages install-deps.sh does not install" >&2
    exit 1
fi
echo "check-dependencies: ${#needed[@]} files checked against ${#listed[@]} listed packages (${#allowed[@]} with their Depends): all covered"
