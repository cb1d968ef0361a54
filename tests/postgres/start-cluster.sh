#!/bin/bash
# The "postgres" CTest fixture, setup half: a throwaway PostgreSQL cluster in DIR on a free port,
# trust authentication for user "bottega", no fsync (tests need speed, not durability). Writes the
# connection URL to DIR/url, which the test database helper reads.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 CLUSTER_DIR" >&2
    exit 2
fi
cluster_dir=$1
. "$(dirname "$0")/pg-common.sh"
BINDIR=$(pg_bindir)

pg_remove_cluster "$cluster_dir"
mkdir -p "$cluster_dir"
home=$cluster_dir
if [ "$(id -u)" = 0 ]; then
    chown postgres: "$cluster_dir"
    # The postgres user must reach the directory: under a private one (mktemp -d gives 0700) the
    # server's files go to a directory of their own under /tmp, named in CLUSTER_DIR/home.
    if ! runuser -u postgres -- test -w "$cluster_dir"; then
        home=$(mktemp -d /tmp/bottega-pg.XXXXXX)
        chown postgres: "$home"
        echo "$home" >"$cluster_dir/home"
    fi
fi

if ! pg_run "$BINDIR/initdb" -D "$home/data" -A trust -U bottega -E UTF8 --locale=C.UTF-8 --no-sync \
        >"$cluster_dir/initdb.log" 2>&1; then
    echo "postgres fixture: initdb failed:" >&2
    cat "$cluster_dir/initdb.log" >&2
    exit 1
fi

# A port is free when nothing listens on it; another cluster may take it between the check and the
# start, so a failed start is retried on another port.
port_in_use() {
    ss -Htln "sport = :$1" 2>/dev/null | grep -q .
}

started=no
for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 30000))
    if port_in_use "$port"; then
        continue
    fi
    if pg_run "$BINDIR/pg_ctl" start -D "$home/data" -l "$home/server.log" -w -t 30 \
            -o "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c wal_level=minimal -c max_wal_senders=0 -c listen_addresses=127.0.0.1 -k $home -p $port" \
            >/dev/null 2>&1; then
        started=yes
        break
    fi
done
if [ "$started" != yes ]; then
    echo "postgres fixture: the server did not start; its log:" >&2
    cat "$home/server.log" >&2 || true
    exit 1
fi

for i in $(seq 1 100); do
    if "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$port" -U bottega; then
        echo "postgresql://bottega@127.0.0.1:$port/postgres" >"$cluster_dir/url"
        echo "postgres fixture: cluster in $cluster_dir listening on 127.0.0.1:$port"
        exit 0
    fi
    sleep 0.1
done
echo "postgres fixture: the server on port $port never became ready; its log:" >&2
cat "$home/server.log" >&2 || true
exit 1
