#!/bin/bash
# The "postgres" CTest fixture, cleanup half: stops the throwaway cluster and removes its directory.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 CLUSTER_DIR" >&2
    exit 2
fi
cluster_dir=$1
. "$(dirname "$0")/pg-common.sh"
BINDIR=$(pg_bindir)

if [ -f "$cluster_dir/data/postmaster.pid" ]; then
    pg_run "$BINDIR/pg_ctl" stop -D "$cluster_dir/data" -m fast -w -t 30 >/dev/null
fi
rm -rf "$cluster_dir"
echo "postgres fixture: cluster in $cluster_dir stopped and removed"
