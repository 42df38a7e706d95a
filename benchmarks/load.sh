#!/usr/bin/env bash
# End-to-end load suite (issue 9): builds Chasqui and the load generator, starts a server on loopback
# with the benchmark configuration (PLAIN without TLS, limits raised), registers the accounts, runs the
# scenarios and writes benchmarks/results/<date>-load-jdk<N>.md.
#
#   benchmarks/load.sh                      # default sizes
#   SCENARIOS="fanout:100:64 login:1000" benchmarks/load.sh
#   JFR=1 benchmarks/load.sh                # also record the server with Java Flight Recorder
# Environment: SCENARIOS, DURATION (s per scenario), IDLE_HOLD (s, login), PORT, SERVER_HEAP, LOG_LEVEL,
# NATIVE_TRANSPORT (true: epoll, false: NIO), OUT (results file), STALL (s without progress after which a
# run ends and what is missing counts lost, default 10), BUILD (0: use the jars already built,
# as benchmarks/compare.sh does after building them itself), PLAIN_CACHE (auth.plain_cache_entries,
# default 10000; 0: every PLAIN login derives the key), SOURCES (loopback source addresses the generator
# spreads its connections over, for more than ~28,000 connections: 127.0.0.1..127.0.0.SOURCES).
# HISTOGRAMS=DIR: login scenarios write the server's class histograms there (before, and while held).
# register:auto creates the accounts the scenarios need (login:N takes N accounts of its own).
#
# Another server (Prosody, ejabberd) can be measured with the generator alone, see benchmarks/README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# A port nobody listens on: the machine is shared, and the generator must never load another server.
if [ -z "${PORT:-}" ]; then
  PORT=25222
  while port_in_use "$PORT"; do PORT=$((PORT + 1)); done
elif port_in_use "$PORT"; then
  echo "load.sh: port $PORT is already in use by another process; choose another PORT" >&2
  exit 1
fi
DURATION="${DURATION:-10}"
SCENARIOS="${SCENARIOS:-fanout:100:1 fanout:100:64 fanout:1000:1 fanout:1000:64 idle:1000 messages:50:16 login:1000 login-scram:1000 login:5000}"
SERVER_HEAP="${SERVER_HEAP:--Xms256m -Xmx1g}"
LOG_LEVEL="${LOG_LEVEL:-WARN}"

if [ "${BUILD:-1}" != 0 ]; then
  echo "load.sh: building (mvn package -pl benchmarks -am)..." >&2
  mvn -B -q -o -Dstyle.color=never -DskipTests package -pl broker,benchmarks -am >&2
fi
# the server jar now matches the sources; without this ./chasqui would rebuild it when only
# benchmark sources are newer than it
touch broker/target/chasqui.jar

work="$(mktemp -d "${TMPDIR:-/tmp}/chasqui-load.XXXXXX")"
cat >"$work/chasqui.yaml" <<YAML
# Loopback-only benchmark configuration written by benchmarks/load.sh
domain: localhost
data_dir: $work/data
c2s:
  bind_address: 127.0.0.1
  starttls_port: $PORT
  direct_tls_port: -1
  require_tls: false
  allow_plain_without_tls: true
  sm_resume_timeout_seconds: 0
limits:
  max_connections_per_ip: 1000000
  max_read_bytes_per_second: 2147483647
  unauthenticated_timeout_seconds: 600
auth:
  scram_iterations: 4096
  plain_cache_entries: ${PLAIN_CACHE:-10000}
registration:
  enabled: true
server:
  keepalive_seconds: 0
  shutdown_grace_seconds: 0
  native_transport: ${NATIVE_TRANSPORT:-true}
pubsub:
  max_subscriptions_per_node: 1000000
http:
  port: -1
  tls_port: -1
YAML

jfr_opts=""
if [ "${JFR:-0}" = 1 ]; then
  jfr_opts="-XX:StartFlightRecording=filename=$work/server.jfr,settings=${JFR_SETTINGS:-profile},dumponexit=true"
fi
export CHASQUI_JAVA_OPTS="$SERVER_HEAP -Dchasqui.log.level=$LOG_LEVEL $jfr_opts"
"$root/chasqui" run --config "$work/chasqui.yaml" >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  kill -0 $pid 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  port_in_use "$PORT" && break
  sleep 1
done
# the listener must be our server's, not a process that took the port meanwhile
if command -v ss >/dev/null && ! ss -ltnp 2>/dev/null | grep ":$PORT " | grep -q "pid=$pid,"; then
  echo "load.sh: port $PORT is not served by the server just started (pid $pid)" >&2
  exit 1
fi

java_version="$(java -version 2>&1 | head -1)"
major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
mkdir -p benchmarks/results
suffix=""; [ "${JFR:-0}" = 1 ] && suffix="-jfr" # JFR costs CPU: keep such runs apart
out="${OUT:-benchmarks/results/$(date -u +%Y-%m-%d)-load-jdk${major}${suffix}.md}"
# a second run on the same day is appended to the same file, under its own header
[ -s "$out" ] && echo >>"$out"
{
  echo "# Chasqui load suite, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/Mem:/{print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME");" \
       "shared with other jobs, so figures are noisy; the load generator runs on the same 2 cores as the server"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other agents' builds and tests share the machine)"
  echo "- JDK: $java_version; server flags: $SERVER_HEAP, log level $LOG_LEVEL${jfr_opts:+, JFR on}"
  echo "- commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (+ local changes)')"
  echo "- config: loopback, no TLS, SASL PLAIN, auth.scram_iterations 4096, auth.plain_cache_entries ${PLAIN_CACHE:-10000}, limits raised, server.native_transport ${NATIVE_TRANSPORT:-true} (benchmarks/load.sh)"
  echo "- scenarios: $SCENARIOS; duration ${DURATION}s each; payload 200 bytes"
  echo "- server CPU = utime+stime of /proc/<pid>/stat over the measured phase (10 ms ticks), RSS = VmRSS"
  echo
  echo "| scenario | size | ops | ops/s | latency p50 / p99 / max (ms) | lost / dup | server CPU per op (µs) | server RSS (MiB) | notes |"
  echo "|---|---|---:|---:|---|---|---:|---:|---|"
} >>"$out"

java -cp benchmarks/target/benchmarks.jar org.chasqui.benchmarks.load.LoadMain \
  --host 127.0.0.1 --port "$PORT" --domain localhost --server-pid "$pid" --clk-tck "$(getconf CLK_TCK)" \
  --duration "$DURATION" --idle-hold "${IDLE_HOLD:-5}" --stall "${STALL:-10}" --sources "${SOURCES:-1}" \
  ${HISTOGRAMS:+--histograms "$HISTOGRAMS"} --out "$out" register:auto $SCENARIOS

kill $pid
wait $pid 2>/dev/null || true
trap - EXIT
if [ "${JFR:-0}" = 1 ]; then
  cp "$work/server.jfr" "benchmarks/target/load-server.jfr"
  echo "load.sh: JFR recording in benchmarks/target/load-server.jfr" >&2
fi
echo "load.sh: results in $out (server log and data in $work)" >&2
