#!/bin/bash
# PERF-1 measured from outside (issue 14): nginx answering a bare 200, then `bottega serve`, each
# loaded by wrk (2 threads, 16 connections, 5 s) in the same run; prints both and the queued rows.
# Run from the source dir after building: bash tests/bench/wrk-perf1.sh
# EXTRA_ENV="NAME=value ..." adds environment variables to `bottega serve` (e.g. QT_NO_GLIB=1).

B=${BOTTEGA:-build/app/bottega}
P=$(mktemp -d); cat > $P/nginx.conf <<NG
worker_processes auto; pid $P/nginx.pid; error_log stderr error;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path $P/b; proxy_temp_path $P/p; fastcgi_temp_path $P/f; uwsgi_temp_path $P/u; scgi_temp_path $P/s;
 keepalive_requests 1000000; server { listen 127.0.0.1:18762; location / { return 200; } } }
NG
/usr/sbin/nginx -p $P -c $P/nginx.conf -g "daemon off;" & NP=$!
sleep 1
NGINX=$(wrk -t2 -c16 -d5s --latency -s $(dirname "$0")/wrk-gelato.lua http://127.0.0.1:18762/gelato/webhook)
echo -n "nginx: "; echo "$NGINX" | grep -E "Requests/sec|^ +99%" | tr '\n' ' '; echo
kill $NP; wait $NP 2>/dev/null
D=$(mktemp -d)
env ${EXTRA_ENV} QT_LOGGING_RULES=bottega.intake.info=true BOTTEGA_GELATO_WEBHOOK_SECRET=perf1-secret $B --data-dir $D serve --listen 127.0.0.1:18761 > $D/out 2>&1 & PID=$!
sleep 2
BOTTEGA_RUN=$(wrk -t2 -c16 -d5s --latency -s $(dirname "$0")/wrk-gelato.lua http://127.0.0.1:18761/gelato/webhook)
echo -n "bottega: "; echo "$BOTTEGA_RUN" | grep -E "Requests/sec|^ +(50|90|99)%|Non-2xx|Socket errors" | tr '\n' ' '; echo
rate() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
P99=$(echo "$BOTTEGA_RUN" | awk '$1 == "99%" {print $2}')
awk -v b="$(rate "$BOTTEGA_RUN")" -v n="$(rate "$NGINX")" -v p="$P99" \
    'BEGIN { printf "ratio %.3f (target >= 0.35), p99 %s (target <= 5 ms)\n", (n > 0 ? b / n : 0), p }'
kill -TERM $PID; wait $PID
echo -n "queued rows: "; sqlite3 $D/bottega.sqlite "select count(*) from webhook_queue"
grep -o 'webhook intake commits.*' $D/out | tr -d '"' # the writer thread's figures (lock wait, commit)
rm -rf $D $P
