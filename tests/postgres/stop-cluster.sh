#!/bin/bash
# The "postgres" CTest fixture, cleanup half: stops the throwaway cluster and removes its directories.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 CLUSTER_DIR" >&2
    exit 2
fi
cluster_dir=$1
. "$(dirname "$0")/pg-common.sh"
BINDIR=$(pg_bindir)

# A clean stop first; then the removal start-cluster.sh also uses (nothing is left running for it).
home=$(pg_home "$cluster_dir")
if [ -f "$home/data/postmaster.pid" ]; then
    pg_run "$BINDIR/pg_ctl" stop -D "$home/data" -m fast -w -t 30 >/dev/null
fi
pg_remove_cluster "$cluster_dir"
echo "postgres fixture: cluster in $cluster_dir stopped and removed"
