# Shared by start-cluster.sh and stop-cluster.sh: finds the PostgreSQL binaries and runs them as the
# right user (as root, PostgreSQL refuses to run, so every command goes through the postgres user).

pg_bindir() {
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    echo "postgres fixture: no PostgreSQL server binaries in /usr/lib/postgresql/*/bin" >&2
    return 1
}

# Runs a PostgreSQL command as the postgres user when we are root, directly otherwise.
pg_run() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# Stops a cluster left behind by an interrupted run, then removes its directory.
pg_remove_cluster() {
    cluster_dir=$1
    if [ -f "$cluster_dir/data/postmaster.pid" ]; then
        pg_run "$BINDIR/pg_ctl" stop -D "$cluster_dir/data" -m immediate -w >/dev/null 2>&1 || true
    fi
    rm -rf "$cluster_dir"
}
