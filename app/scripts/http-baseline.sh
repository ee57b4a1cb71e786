#!/usr/bin/env bash
# Throughput of the service's lightest endpoint (GET /healthz) against a bare node:http hello-world,
# side by side on the same machine, with wrk (Debian: apt-get install -y wrk). Runs alternate
# (hello, service, hello, service, ...) so drift from other load hits both alike. Prints each round,
# the median req/s of each and their ratio, the median of the per-round ratios, and the server CPU
# time per request (from /proc, much less sensitive to noisy neighbours than req/s). Server and load
# generator are pinned to different CPUs when there are 2 or more.
#
#   bash app/scripts/http-baseline.sh            # defaults: 15 rounds x 3 s, 1 wrk thread, 50 connections
#   ROUNDS=9 SECONDS_PER_RUN=10 CONNECTIONS=100 bash app/scripts/http-baseline.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

ROUNDS=${ROUNDS:-15}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-3}
CONNECTIONS=${CONNECTIONS:-50}
HELLO_PORT=${HELLO_PORT:-18090}
SERVICE_PORT=${SERVICE_PORT:-18091}
command -v wrk >/dev/null || { echo "http-baseline: wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }

# The service as the image runs it: compiled JavaScript, not tsx.
npx tsc -p app/tsconfig.json

if [ "$(nproc)" -ge 2 ]; then SERVER_CPU=(taskset -c 0); CLIENT_CPU=(taskset -c 1); else SERVER_CPU=(); CLIENT_CPU=(); fi
# The baseline: the smallest possible node:http server.
HELLO_WORLD='require("node:http").createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/plain" });
  res.end("hello world");
}).listen(Number(process.env.PORT), "127.0.0.1");'
PORT=$HELLO_PORT "${SERVER_CPU[@]}" node -e "$HELLO_WORLD" & hello_pid=$!
PORT=$SERVICE_PORT HOST=127.0.0.1 LOG_LEVEL=warn "${SERVER_CPU[@]}" node app/dist/server.js & service_pid=$!
trap 'kill "$hello_pid" "$service_pid" 2>/dev/null || true' EXIT
for port in "$HELLO_PORT" "$SERVICE_PORT"; do
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
done

# user+system CPU ticks of a process (fields 14 and 15 of /proc/PID/stat)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
TICK_US=$(( 1000000 / $(getconf CLK_TCK) ))
# one wrk run against URL while measuring PID: prints "req/s cpu-us-per-request"
measure() {
  local before after out
  before=$(cpu_ticks "$2")
  out=$("${CLIENT_CPU[@]}" wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" "$1")
  after=$(cpu_ticks "$2")
  awk -v ticks=$((after - before)) -v tick_us="$TICK_US" '
    /requests in/ { requests = $1 }
    /^Requests\/sec:/ { rps = $2 }
    END { printf "%s %.2f\n", rps, ticks * tick_us / requests }' <<<"$out"
}
# one short untimed run each, so both are JIT-warm before measuring
measure "http://127.0.0.1:$HELLO_PORT/" "$hello_pid" >/dev/null
measure "http://127.0.0.1:$SERVICE_PORT/healthz" "$service_pid" >/dev/null

hello=(); service=(); ratios=(); hello_cpu=(); service_cpu=()
for round in $(seq "$ROUNDS"); do
  read -r h hc < <(measure "http://127.0.0.1:$HELLO_PORT/" "$hello_pid")
  read -r s sc < <(measure "http://127.0.0.1:$SERVICE_PORT/healthz" "$service_pid")
  hello+=("$h"); service+=("$s"); hello_cpu+=("$hc"); service_cpu+=("$sc")
  ratios+=("$(awk -v s="$s" -v h="$h" 'BEGIN { printf "%.3f", s / h }')")
  echo "round $round: hello-world $h req/s ($hc us CPU/req), service /healthz $s req/s ($sc us CPU/req), ratio ${ratios[-1]}"
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mh=$(median "${hello[@]}"); ms=$(median "${service[@]}")
mhc=$(median "${hello_cpu[@]}"); msc=$(median "${service_cpu[@]}")
echo "median req/s: hello-world $mh, service /healthz $ms, ratio $(awk -v s="$ms" -v h="$mh" 'BEGIN { printf "%.3f", s / h }')"
echo "median of per-round ratios: $(median "${ratios[@]}")"
echo "median server CPU per request: hello-world $mhc us, service $msc us, throughput-equivalent ratio $(awk -v s="$msc" -v h="$mhc" 'BEGIN { printf "%.3f", h / s }')"
echo "($ROUNDS alternating rounds of ${SECONDS_PER_RUN} s, wrk -t1 -c$CONNECTIONS, node $(node --version), $(nproc) CPUs)"
