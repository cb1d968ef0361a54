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

# Where the cluster's server files (data, log, socket) are: CLUSTER_DIR itself, or, when the
# postgres user could not reach it (a private temporary directory above it), the directory named
# in CLUSTER_DIR/home.
pg_home() {
    if [ -f "$1/home" ]; then
        cat "$1/home"
    else
        echo "$1"
    fi
}

# Stops a cluster left behind by an interrupted run, then removes its directories.
pg_remove_cluster() {
    cluster_dir=$1
    home=$(pg_home "$cluster_dir")
    if [ -f "$home/data/postmaster.pid" ]; then
        pg_run "$BINDIR/pg_ctl" stop -D "$home/data" -m immediate -w >/dev/null 2>&1 || true
    fi
    if [ "$home" != "$cluster_dir" ]; then
        rm -rf "$home"
    fi
    rm -rf "$cluster_dir"
}
