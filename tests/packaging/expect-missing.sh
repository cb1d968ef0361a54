#!/usr/bin/env bash
# expect-missing.sh SOURCE_DIR BUILD_DIR PACKAGE: check-dependencies.sh without PACKAGE in the list
# must fail and name PACKAGE as missing.
set -uo pipefail
output=$(bash "$(dirname "$0")/check-dependencies.sh" "$1" "$2" --without "$3" 2>&1)
status=$?
echo "$output"
if [ "$status" -ne 1 ]; then
    echo "expect-missing: the check exited $status without $3, not 1" >&2
    exit 1
fi
if ! grep -q "^MISSING: package $3 " <<<"$output"; then
    echo "expect-missing: the check did not name $3" >&2
    exit 1
fi
