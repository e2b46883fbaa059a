#!/usr/bin/env bash
# The execution hot path's benchmark, in one run on this machine (shared and noisy: compare the ratios printed
# together, not figures from different runs). It starts the service on PostgreSQL with a Stripe stand-in, drives
# POST /api/v1/billing/executions with wrk over loopback, and prints:
#   1. executions/s and p50/p99 latency at 64 connections over 10,000 customers on a paid plan (Stripe answering)
#   2. the same with Stripe answering after 250 ms, and with Stripe down (ratio to 1: how decoupled the path is)
#   3. the raw-SQL ceiling for the same database work (pgbench, same concurrency) and 1 as a fraction of it
#   4. the reporter's drain rate (meter events/s reaching the stub) and the count billed twice (must be 0)
#   3b. the same server's ceiling for an authenticated request that reads no data (GET /api/v1/me), so that the
#      framework's cost and ours are told apart; the server's start time and its resident memory under load
#   6. scenario 1 again with group commit on and off (the server restarted with each; BENCH_SKIP_AB=1 skips it)
#   5. a fault run: Stripe down under load, then back while the server is killed with -9 mid-drain and restarted;
#      executions admitted, reported, Stripe's summed value and the drift between them (must be 0)
#
#   bench/run.sh                       # 30 s per scenario
#   BENCH_SECONDS=60 bench/run.sh
#   BENCH_JFR=1 bench/run.sh           # also records scenario 1 with JFR: bench/hot-methods.py bench/target/scenario1.jfr
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_RUN=${BENCH_SECONDS:-30}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-20}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
HTTP_PORT=19280
STUB_PORT=19189
STUB_CONTROL=19190
SERVER=billing-bench
WLP=liberty/target/liberty/wlp
OUT=bench/target
export PGPASSWORD=billing_test
PSQL=(psql -q -t -A -h 127.0.0.1 -U billing_test -d billing_bench)

mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "bench: installing wrk"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
command -v pgbench >/dev/null || { echo "bench: pgbench is missing (Debian: postgresql-contrib)" >&2; exit 1; }

scripts/ensure-postgres.sh billing_bench
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
    echo "bench: building"
    mvn -q -B install -DskipTests -DskipITs
fi

cleanup() {
    "$WLP/bin/server" stop "$SERVER" >/dev/null 2>&1 || true
    [ -n "${STUB_PID:-}" ] && kill "$STUB_PID" 2>/dev/null || true
}
trap cleanup EXIT

echo "bench: starting the Stripe stand-in"
java -Dsun.net.httpserver.nodelay=true bench/StripeStub.java "$STUB_PORT" "$STUB_CONTROL" > "$OUT/stripe-stub.log" 2>&1 &
STUB_PID=$!
for _ in $(seq 1 60); do curl -fs "localhost:$STUB_CONTROL/stats" >/dev/null 2>&1 && break; sleep 0.5; done
stub_mode() { curl -fs -X POST "localhost:$STUB_CONTROL/mode/$1" >/dev/null; }
stub_stat() { curl -fs "localhost:$STUB_CONTROL/stats" | sed -E "s/.*\"$1\":([0-9.]+).*/\1/"; }

echo "bench: creating and starting the server $SERVER on PostgreSQL"
mvn -q -B -pl liberty liberty:create liberty:deploy -DskipITs -Dliberty.server.name="$SERVER"
java liberty/src/test/java/com/agentmarket/billing/e2e/DevTokens.java keygen "$PWD/$OUT/jwt" >/dev/null
echo >> "$WLP/usr/servers/$SERVER/server.env"
cat >> "$WLP/usr/servers/$SERVER/server.env" <<ENV
HTTP_PORT=$HTTP_PORT
HTTPS_PORT=19643
DB_KIND=postgresql
DB_NAME=billing_bench
DB_USER=billing_test
DB_PASSWORD=billing_test
DB_POOL_MAX=${BENCH_DB_POOL:-40}
MP_JWT_VERIFY_PUBLICKEY_LOCATION=file://$PWD/$OUT/jwt/public.pem
MP_JWT_VERIFY_ISSUER=agent-marketplace-dev
MP_JWT_VERIFY_AUDIENCES=billing
STRIPE_SECRET_KEY=sk_test_benchStubOnly
STRIPE_API_BASE=http://localhost:$STUB_PORT
STRIPE_MAX_NETWORK_RETRIES=0
STRIPE_PRICE_BASIC=price_benchBasic
STRIPE_PRICE_PRO=price_benchPro
STRIPE_PRICE_ENTERPRISE=price_benchEnterprise
STRIPE_PRICE_METERED=price_benchMetered
BILLING_OVERAGE=bill
ENV
START_BEGAN=$(date +%s.%N)
"$WLP/bin/server" start "$SERVER" >/dev/null
for _ in $(seq 1 180); do curl -fs "localhost:$HTTP_PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
START_SECONDS=$(echo "$(date +%s.%N) - $START_BEGAN" | bc)
curl -fs "localhost:$HTTP_PORT/health/ready" >/dev/null || { echo "bench: the server did not start; see $WLP/usr/servers/$SERVER/logs" >&2; exit 1; }

echo "bench: seeding 10,000 customers on Pro"
"${PSQL[@]}" -f bench/seed.sql >/dev/null
export BENCH_TOKEN
BENCH_TOKEN=$(java liberty/src/test/java/com/agentmarket/billing/e2e/DevTokens.java mint "$PWD/$OUT/jwt" bench-platform billing-recorder)
export BENCH_CUSTOMERS=10000

load() { # name seconds -> prints the wrk result line
    BENCH_RUN="$1" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2s" --timeout 5s -s bench/executions.lua \
        "http://127.0.0.1:$HTTP_PORT" > "$OUT/wrk-$1.txt" 2>&1
    grep BENCH_RESULT "$OUT/wrk-$1.txt"
}
field() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<< "$2"; }

echo "bench: warming up for ${WARMUP_SECONDS} s"
stub_mode ok
load warmup "$WARMUP_SECONDS" >/dev/null

# This machine's PostgreSQL runs with autovacuum off, so table statistics never refresh on their own (a production
# cluster has autovacuum on): analyze the growing tables the way autovacuum would, before each measured phase.
analyze() { "${PSQL[@]}" -c "analyze execution, usage_report, usage_counter" >/dev/null; }
analyze

# Executions not yet accepted by Stripe: those no report took yet, and those of reports not sent (each report's value is
# the number of executions it took). Read through indexes, so that polling it does not slow the drain it watches.
waiting() {
    "${PSQL[@]}" -c "select (select count(*) from execution where report_state = 'PENDING')
        + (select coalesce(sum(event_value), 0) from usage_report where state in ('PENDING', 'FAILED') and source = 'EXECUTIONS')"
}
reported() { "${PSQL[@]}" -c "select count(*) from execution_report where report_state = 'REPORTED'"; }

server_pid() { cat "$WLP/usr/servers/.pid/$SERVER.pid"; }
# The server's resident memory, sampled every second while a load runs: the largest sample, in MB.
RSS_FILE="$OUT/rss.txt"
sample_rss() { : > "$RSS_FILE"; while true; do ps -o rss= -p "$(server_pid)" >> "$RSS_FILE" 2>/dev/null; sleep 1; done; }

echo "bench: 1. Stripe answering"
stub_mode ok
sample_rss & RSS_SAMPLER=$!
if [ -n "${BENCH_JFR:-}" ]; then # a flight recording of the server during scenario 1, for bench/hot-methods.py
    jcmd "$(server_pid)" JFR.start name=bench settings=profile duration="${SECONDS_PER_RUN}s" filename="$PWD/$OUT/scenario1.jfr" >/dev/null
fi
FAST=$(load fast "$SECONDS_PER_RUN")
kill "$RSS_SAMPLER" 2>/dev/null || true
RSS_MB=$(sort -n "$RSS_FILE" | tail -n 1 | awk '{printf "%.0f", $1 / 1024}')
echo "bench: 2a. Stripe answering after 250 ms"
stub_mode slow
SLOW=$(load slow "$SECONDS_PER_RUN")
echo "bench: 2b. Stripe down"
stub_mode down
DOWN=$(load down "$SECONDS_PER_RUN")
DOWN_ENDED=$(date +%s)
BACKLOG=$(waiting)

echo "bench: 3. raw-SQL ceiling (pgbench, $CONNECTIONS clients)"
pgbench -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$SECONDS_PER_RUN" -f bench/pgbench-ceiling.sql \
    -h 127.0.0.1 -U billing_test billing_bench > "$OUT/pgbench.txt" 2>&1
PG_TPS=$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' "$OUT/pgbench.txt" | head -n 1)


# The drain measures the reporter's rate, not its timers: it starts once every waiting execution is older than the
# aggregation window (so none waits for the window), with the retries of the waiting reports made due, as an
# operator's POST /api/v1/admin/usage/report does after an outage (so none waits for its backoff).
AGGREGATION_SECONDS=60
WAIT_FOR_WINDOW=$(( DOWN_ENDED + AGGREGATION_SECONDS + 1 - $(date +%s) ))
if [ "$WAIT_FOR_WINDOW" -gt 0 ]; then
    echo "bench: waiting ${WAIT_FOR_WINDOW} s until the outage's executions are older than the aggregation window"
    sleep "$WAIT_FOR_WINDOW"
fi
echo "bench: 4. reporter drain (Stripe answering again)"
analyze
"${PSQL[@]}" -c "update usage_report set next_attempt_at = now() where state = 'PENDING'" >/dev/null
stub_mode ok
DRAIN_START=$(date +%s.%N)
EVENTS_BEFORE=$(stub_stat events)
while [ "$(waiting)" -gt 0 ]; do
    sleep 1
    [ $(( ${SECONDS} % 30 )) -eq 0 ] && analyze
    if [ "$(echo "$(date +%s.%N) - $DRAIN_START > ${BENCH_DRAIN_TIMEOUT:-900}" | bc)" -eq 1 ]; then
        echo "bench: drain timed out" >&2
        break
    fi
done
DRAIN_SECONDS=$(echo "$(date +%s.%N) - $DRAIN_START" | bc)
EVENTS_AFTER=$(stub_stat events)
REPORTED=$(reported)
BILLABLE=$("${PSQL[@]}" -c "select count(*) from execution where admitted")
BILLED=$(stub_stat executions_billed)
REPEATS=$(stub_stat repeats)
LEFT=$(waiting)

# 3b runs after the drain, so that the drain follows the same load as it always did.
echo "bench: 3b. framework ceiling (GET /api/v1/me, authenticated, no database)"
ME=$(BENCH_REQUEST=me load me "$SECONDS_PER_RUN")

# 5. The fault run, after the measurements so that it changes none of them.
drain() { # waits until no execution waits for Stripe
    local start; start=$(date +%s)
    while [ "$(waiting)" -gt 0 ]; do
        sleep 1
        if [ $(( $(date +%s) - start )) -gt "${BENCH_DRAIN_TIMEOUT:-900}" ]; then
            echo "bench: drain timed out" >&2
            break
        fi
    done
    return 0
}
if [ -z "${BENCH_SKIP_FAULT_RUN:-}" ]; then
    echo "bench: 5. fault run (Stripe down, then kill -9 mid-drain and restart)"
    stub_mode down
    load fault "${BENCH_FAULT_SECONDS:-10}" >/dev/null
    stub_mode ok
    sleep "${BENCH_KILL_AFTER_SECONDS:-2}"
    FAULT_WAITING=$(waiting)
    SERVER_PID=$(cat "$WLP/usr/servers/.pid/$SERVER.pid")
    kill -9 "$SERVER_PID"
    while kill -0 "$SERVER_PID" 2>/dev/null; do sleep 0.2; done
    "$WLP/bin/server" start "$SERVER" > "$OUT/restart.txt" 2>&1 || { echo "bench: the restart failed:" >&2; cat "$OUT/restart.txt" >&2; exit 1; }
    for _ in $(seq 1 180); do curl -fs "localhost:$HTTP_PORT/health/ready" >/dev/null 2>&1 && break; sleep 1; done
    drain
fi
FAULT_ADMITTED=$("${PSQL[@]}" -c "select count(*) from execution where admitted")
FAULT_REPORTED=$(reported)
FAULT_LEFT=$(waiting)
FAULT_BILLED=$(stub_stat executions_billed)

# 6. Group commit on and off, in this run: the server restarted with each setting, warmed up, then scenario 1 again,
# each after the reporter has drained what came before (so both start from the same state).
restart_with() { # BILLING_EXECUTION_BATCH_MAX value
    "$WLP/bin/server" stop "$SERVER" >/dev/null
    sed -i '/^BILLING_EXECUTION_BATCH_MAX=/d' "$WLP/usr/servers/$SERVER/server.env"
    echo "BILLING_EXECUTION_BATCH_MAX=$1" >> "$WLP/usr/servers/$SERVER/server.env"
    "$WLP/bin/server" start "$SERVER" >/dev/null
    for _ in $(seq 1 180); do curl -fs "localhost:$HTTP_PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
}
if [ -z "${BENCH_SKIP_AB:-}" ]; then
    stub_mode ok
    for setting in 100 1; do
        echo "bench: 6. scenario 1 with BILLING_EXECUTION_BATCH_MAX=$setting"
        drain
        restart_with "$setting"
        load "ab-warmup-$setting" "${BENCH_AB_WARMUP_SECONDS:-30}" >/dev/null
        analyze
        AB[$setting]=$(load "ab-$setting" "$SECONDS_PER_RUN")
    done
fi

rps() { field rps "$1"; }
ratio() { echo "scale=2; $1 / $2" | bc; }
printf '\n%-46s %10s %9s %9s %8s\n' "scenario (${SECONDS_PER_RUN} s, ${CONNECTIONS} connections)" "exec/s" "p50 ms" "p99 ms" "non-2xx"
for run in "1. Stripe answering:$FAST" "2a. Stripe answering after 250 ms:$SLOW" "2b. Stripe down:$DOWN"; do
    name=${run%%:*}; line=${run#*:}
    printf '%-46s %10s %9s %9s %8s\n' "$name" "$(rps "$line")" "$(field p50_ms "$line")" "$(field p99_ms "$line")" "$(field non2xx "$line")"
done
printf '%-46s %10s\n' "3. raw SQL ceiling (pgbench tps)" "$PG_TPS"
printf '%-46s %10s %9s %9s %8s\n' "3b. GET /api/v1/me (auth, no database)" "$(rps "$ME")" "$(field p50_ms "$ME")" "$(field p99_ms "$ME")" "$(field non2xx "$ME")"
echo
echo "server: ready $(printf '%.1f' "$START_SECONDS") s after 'server start'; resident memory under load (scenario 1) at most ${RSS_MB} MB"
echo
echo "ratios measured in this run:"
echo "  Stripe slow / Stripe answering   $(ratio "$(rps "$SLOW")" "$(rps "$FAST")")   (target >= 0.9)"
echo "  Stripe down / Stripe answering   $(ratio "$(rps "$DOWN")" "$(rps "$FAST")")   (target >= 0.9)"
echo "  service / raw SQL ceiling        $(ratio "$(rps "$FAST")" "$PG_TPS")   (target >= 0.6)"
echo "  service / framework ceiling      $(ratio "$(rps "$FAST")" "$(rps "$ME")")   (what our work costs beside Liberty's)"
echo
echo "4. reporter: backlog after the outage ${BACKLOG} executions; drained in ${DRAIN_SECONDS%.*} s;"
echo "   meter events delivered $(( ${EVENTS_AFTER%.*} - ${EVENTS_BEFORE%.*} )) during the drain ($(ratio "$(( ${EVENTS_AFTER%.*} - ${EVENTS_BEFORE%.*} ))" "$DRAIN_SECONDS") events/s, $(ratio "$BACKLOG" "$DRAIN_SECONDS") executions/s)"
echo "   executions admitted ${BILLABLE}, reported ${REPORTED}, still waiting ${LEFT}"
echo "   billed by the stub ${BILLED} (distinct identifiers); billed twice: $(( ${BILLED%.*} - ${REPORTED} > 0 ? ${BILLED%.*} - ${REPORTED} : 0 )); lost: $(( ${BILLABLE} - ${REPORTED} - ${LEFT} )); resends of one identifier (deduplicated by Stripe): ${REPEATS}"
if [ -z "${BENCH_SKIP_AB:-}" ]; then
    echo
    echo "6. scenario 1 again after a restart, group commit on and off (each after ${BENCH_AB_WARMUP_SECONDS:-30} s warm-up):"
    printf '%-46s %10s %9s %9s %8s\n' "   BILLING_EXECUTION_BATCH_MAX=100 (default)" "$(rps "${AB[100]}")" "$(field p50_ms "${AB[100]}")" "$(field p99_ms "${AB[100]}")" "$(field non2xx "${AB[100]}")"
    printf '%-46s %10s %9s %9s %8s\n' "   BILLING_EXECUTION_BATCH_MAX=1 (each alone)" "$(rps "${AB[1]}")" "$(field p50_ms "${AB[1]}")" "$(field p99_ms "${AB[1]}")" "$(field non2xx "${AB[1]}")"
    echo "   group commit / each alone        $(ratio "$(rps "${AB[100]}")" "$(rps "${AB[1]}")")"
fi
if [ -z "${BENCH_SKIP_FAULT_RUN:-}" ]; then
    echo
    echo "5. fault run: Stripe down under load, back with ${FAULT_WAITING} executions waiting, the server killed with -9"
    echo "   and restarted mid-drain:"
    echo "   executions admitted ${FAULT_ADMITTED}, reported ${FAULT_REPORTED}, still waiting ${FAULT_LEFT};"
    echo "   Stripe's summed value ${FAULT_BILLED%.*}; drift (Stripe's sum - reported): $(( ${FAULT_BILLED%.*} - ${FAULT_REPORTED} ))"
fi
