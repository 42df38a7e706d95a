#!/usr/bin/env bash
# Issue 9: the load suite against ejabberd and Prosody (Debian's packages) and Chasqui, on this machine,
# in one time window, with the same generator and scenarios. Writes
# benchmarks/results/<date>-compare-jdk<N>.md (a second run on the same day is appended).
#
#   benchmarks/compare.sh                                   # about 15 minutes
#   SERVERS="ejabberd prosody" SCENARIOS="fanout:1000:64" DURATION=5 benchmarks/compare.sh
#
# Environment: SERVERS (any of ejabberd prosody chasqui, run in that order), SCENARIOS, DURATION (s per
# scenario), IDLE_HOLD (s, login), STALL (s without progress before what is missing counts lost; 120),
# OUT (results file), TIMEOUT (s, cap on one generator run), BUILD
# (0: use the jars already in */target).
#
# Needs root and apt for the first run: it installs the packages `ejabberd` and `prosody` if missing
# (--no-install-recommends) and keeps their own services from running. Each server is then started by
# this script only, from a configuration generated in a temporary directory, on a free loopback port
# from 25322 up, and stopped at the end. Nothing it did not start is touched. Not for CI.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

SERVERS="${SERVERS:-ejabberd prosody chasqui}"
DURATION="${DURATION:-10}"
IDLE_HOLD="${IDLE_HOLD:-5}"
TIMEOUT="${TIMEOUT:-1800}"
# Prosody handles a batch of publishes that arrived together before it writes any notification: with
# 5000 subscribers and 64 publishes in flight it is silent for tens of seconds, which the generator's
# default stall limit (10 s) would count as everything lost
STALL="${STALL:-120}"
# login both first and last: first, its RSS growth per idle connection is measured on a server that has
# only had the short registration connections, not thousands of subscribers whose memory Erlang's and
# Lua's allocators keep; last, as load.sh's default order has it
SCENARIOS="${SCENARIOS:-login:1000 fanout:1000:1 fanout:1000:64 fanout:5000:64 messages:50:16 idle:1000 login:1000}"
PASSWORD=load-password

log() { echo "compare.sh: $*" >&2; }

# ---- packages ----

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# Processes a package's maintainer scripts may start: Erlang VM, epmd, Prosody.
daemon_pids() {
  ps -eo pid=,comm= | awk '$2 ~ /^(beam\.smp|epmd|erl_child_setup|run_erl|heart|lua5\.[0-9]|prosody)$/ {print $1}' | sort -n
}

install_packages() {
  local missing=()
  installed ejabberd || missing+=(ejabberd)
  installed prosody || missing+=(prosody)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    log "needs root to install ${missing[*]} (apt-get)"
    exit 1
  fi
  log "installing ${missing[*]} (apt-get install --no-install-recommends)..."
  local before after policy_added=0
  before="$(daemon_pids)"
  # invoke-rc.d asks policy-rc.d whether a service may start: 101 = no. Added only for the install.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    policy_added=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2 || {
    [ $policy_added = 1 ] && rm -f /usr/sbin/policy-rc.d
    exit 1
  }
  [ $policy_added = 1 ] && rm -f /usr/sbin/policy-rc.d
  # not started at boot either
  for svc in "${missing[@]}"; do
    if [ -d /run/systemd/system ]; then
      systemctl disable "$svc" >&2 || true
    elif command -v update-rc.d >/dev/null; then
      update-rc.d "$svc" disable >/dev/null 2>&1 || true
    fi
  done
  # a daemon that started anyway (no policy-rc.d honoured, a postinst of its own): only the new ones
  # that run the packages' default configuration are ours to stop
  after="$(daemon_pids)"
  for p in $(comm -13 <(echo "$before") <(echo "$after")); do
    local args
    args="$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null || true)"
    case "$args" in
      *epmd*|*/var/lib/ejabberd*|*ejabberd@*|*/usr/bin/prosody*)
        case "$args" in *--config\ /tmp/*|*/tmp/compare-*) continue ;; esac
        log "stopping $p ($args), started by the package install"
        kill "$p" 2>/dev/null || true ;;
    esac
  done
}

# ---- helpers ----

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
next_port=25322
free_port() {
  while port_in_use "$next_port"; do next_port=$((next_port + 1)); done
  port=$next_port
  next_port=$((next_port + 1))
}

# the listener on $1 must belong to pid $2 (the machine is shared)
owned_by() {
  ! command -v ss >/dev/null || ss -ltnp 2>/dev/null | grep ":$1 " | grep -q "pid=$2,"
}

wait_listening() { # port pid name log
  for _ in $(seq 1 90); do
    if ! kill -0 "$2" 2>/dev/null; then
      log "$3 exited during start-up:"
      tail -20 "$4" >&2
      return 1
    fi
    port_in_use "$1" && owned_by "$1" "$2" && return 0
    sleep 1
  done
  log "$3 did not listen on $1 within 90 s"
  return 1
}

server_pid=""
stop_server() {
  [ -n "$server_pid" ] || return 0
  kill "$server_pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$server_pid" 2>/dev/null || break; sleep 1; done
  kill -9 "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
trap stop_server EXIT

# accounts: the largest N of the scenarios other than login:N (messages:K needs 2K), plus N for each
# login:N, which logs in with accounts of its own so that it measures first logins
# (LoadMain.accountsNeeded; load.sh passes register:auto)
accounts=0
fresh=0
for s in $SCENARIOS; do
  IFS=: read -r kind n _ <<<"$s"
  [ "$kind" = messages ] && n=$((2 * n))
  if [ "$kind" = login ]; then
    fresh=$((fresh + n))
  elif [ "$n" -gt "$accounts" ]; then
    accounts=$n
  fi
done
accounts=$((accounts + fresh))

table_head() {
  echo "| scenario | size | ops | ops/s | latency p50 / p99 / max (ms) | lost / dup | server CPU per op (µs) | server RSS (MiB) | notes |"
  echo "|---|---|---:|---:|---|---|---:|---:|---|"
}

# Runs register + SCENARIOS against the server on $port (pid $server_pid), rows appended to $1. A
# scenario that fails (the generator throws, or the run times out) becomes a row saying so, and the
# scenarios after it are run in a new generator.
run_generator() {
  local out="$1" err="$work/generator.err"
  local remaining=("register:$accounts" $SCENARIOS)
  while [ ${#remaining[@]} -gt 0 ]; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      for s in "${remaining[@]}"; do
        echo "| $s | – | – | – | – | – | – | – | **not run: the server had exited** |" >>"$out"
      done
      return
    fi
    local rc=0
    timeout "$TIMEOUT" java -cp benchmarks/target/benchmarks.jar org.chasqui.benchmarks.load.LoadMain \
      --host 127.0.0.1 --port "$port" --domain localhost --server-pid "$server_pid" \
      --clk-tck "$(getconf CLK_TCK)" --password "$PASSWORD" --duration "$DURATION" --idle-hold "$IDLE_HOLD" \
      --stall "$STALL" --out "$out" "${remaining[@]}" 2>"$err" || rc=$?
    cat "$err" >&2
    [ "$rc" = 0 ] && return
    local started
    started="$(grep -c '^== ' "$err" || true)"
    [ "$started" -gt 0 ] || { echo "| ${remaining[0]} | – | – | – | – | – | – | – | **generator did not start (exit $rc)** |" >>"$out"; return; }
    local why
    if [ "$rc" = 124 ]; then
      why="timed out after ${TIMEOUT} s"
    else
      why="$(grep -m1 -E 'Exception|Error' "$err" | sed 's/^Exception in thread "main" //; s/|/\\|/g' | cut -c1-300)"
    fi
    kill -0 "$server_pid" 2>/dev/null || why="$why; the server process had exited"
    echo "| ${remaining[$((started - 1))]} | – | – | – | – | – | – | – | **failed**: ${why:-exit $rc} |" >>"$out"
    remaining=("${remaining[@]:$started}")
  done
}

# ---- ejabberd ----

run_ejabberd() {
  local dir="$work/ejabberd"
  mkdir -p "$dir"
  free_port
  cat >"$dir/ejabberd.yml" <<YAML
# Loopback-only comparison configuration written by benchmarks/compare.sh
hosts: [localhost]
loglevel: warning
log_rotate_count: 0
auth_method: internal
auth_password_format: plain
# messages a session process may have queued before it is closed (default 10000)
max_fsm_queue: 1000000
# no minimum time between two registrations from one address (default 600 s)
registration_timeout: infinity
listen:
  - port: $port
    ip: "127.0.0.1"
    module: ejabberd_c2s
    starttls: false
    starttls_required: false
    shaper: none
    access: all
    backlog: 1024
    max_stanza_size: 1048576
    max_fsm_queue: 1000000
acl:
  local:
    user_regexp: ""
access_rules:
  local:
    allow: local
  register:
    allow: all
  pubsub_createnode:
    allow: local
modules:
  mod_caps: {}
  mod_disco: {}
  mod_roster: {}
  mod_register:
    access: register
  mod_pubsub:
    host: pubsub.localhost
    access_createnode: pubsub_createnode
    plugins: [flat]
    max_items_node: 1000
YAML
  # No node name: Erlang distribution stays off, so no epmd and no cookie; the VM is one beam.smp.
  # +P/+Q as ejabberdctl sets them, with room for more than 5000 sockets.
  EJABBERD_CONFIG_PATH="$dir/ejabberd.yml" EJABBERD_LOG_PATH="$dir/ejabberd.log" \
  ERL_LIBS=/usr/lib/x86_64-linux-gnu ERL_CRASH_DUMP="$dir/erl_crash.dump" ERL_CRASH_DUMP_BYTES=0 \
    erl -noinput -noshell +P 250000 +Q 65536 -mnesia dir "\"$dir/db\"" -s ejabberd \
    </dev/null >"$dir/stdout.log" 2>&1 &
  server_pid=$!
  wait_listening "$port" "$server_pid" ejabberd "$dir/stdout.log" || { stop_server; return 1; }
  log "ejabberd (beam.smp pid $server_pid) on 127.0.0.1:$port"
  run_generator "$work/ejabberd.rows"
  stop_server
}

# ---- Prosody ----

run_prosody() {
  local dir="$work/prosody"
  mkdir -p "$dir/data" "$dir/certs"
  free_port
  cat >"$dir/prosody.cfg.lua" <<LUA
-- Loopback-only comparison configuration written by benchmarks/compare.sh
run_as_root = true -- the script runs as root and the files are in its temporary directory
pidfile = "$dir/prosody.pid"
data_path = "$dir/data"
certificates = "$dir/certs"
log = { warn = "$dir/prosody.log" }
network_backend = "epoll"
network_settings = { tcp_backlog = 1024 }
interfaces = { "127.0.0.1" }
local_interfaces = { "127.0.0.1" }
c2s_ports = { $port }
c2s_direct_tls_ports = {}
s2s_ports = {}
-- mod_limits (per-connection read rate) is not loaded: no rate limit
modules_enabled = { "roster", "saslauth", "disco", "register", "posix" }
modules_disabled = { "s2s", "offline" }
authentication = "internal_plain"
storage = "internal"
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
allow_registration = true
-- mod_register_limits: no throttle (registration_throttle_max unset), loopback allowed
-- only the owner affiliation may create nodes in Prosody's pubsub: the publisher is an admin
admins = { "loadpub@localhost" }
c2s_stanza_size_limit = 1048576
c2s_timeout = 3600
pubsub_max_items = 1000
VirtualHost "localhost"
Component "pubsub.localhost" "pubsub"
LUA
  prosody -F --config "$dir/prosody.cfg.lua" </dev/null >"$dir/stdout.log" 2>&1 &
  server_pid=$!
  wait_listening "$port" "$server_pid" Prosody "$dir/stdout.log" || { stop_server; return 1; }
  log "Prosody (pid $server_pid) on 127.0.0.1:$port"
  run_generator "$work/prosody.rows"
  stop_server
}

# ---- Chasqui ----

run_chasqui() {
  free_port
  # load.sh starts its own server on this port, writes its header and rows to OUT
  PORT=$port BUILD=0 STALL="$STALL" SCENARIOS="$SCENARIOS" DURATION="$DURATION" IDLE_HOLD="$IDLE_HOLD" \
    OUT="$work/chasqui.md" "$root/benchmarks/load.sh" || echo "| load.sh | – | – | – | – | – | – | – | **failed** (exit $?) |" >>"$work/chasqui.md"
}

# ---- main ----

case " $SERVERS " in *" ejabberd "*|*" prosody "*) install_packages ;; esac

if [ "${BUILD:-1}" != 0 ]; then
  log "building (mvn package -pl broker,benchmarks -am)..."
  mvn -B -q -o -Dstyle.color=never -DskipTests package -pl broker,benchmarks -am >&2
fi
touch broker/target/chasqui.jar

work="$(mktemp -d "${TMPDIR:-/tmp}/compare-XXXXXX")"
major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
mkdir -p benchmarks/results
out="${OUT:-benchmarks/results/$(date -u +%Y-%m-%d)-compare-jdk${major}.md}"
pkg() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "not installed"; }
start="$(date -u '+%Y-%m-%d %H:%M UTC')"
load0="$(cut -d' ' -f1-3 /proc/loadavg)"

for s in $SERVERS; do
  log "== $s"
  case "$s" in
    ejabberd) run_ejabberd || echo "| start-up | – | – | – | – | – | – | – | **ejabberd did not start** |" >>"$work/ejabberd.rows" ;;
    prosody) run_prosody || echo "| start-up | – | – | – | – | – | – | – | **Prosody did not start** |" >>"$work/prosody.rows" ;;
    chasqui) run_chasqui ;;
    *) log "unknown server $s"; exit 2 ;;
  esac
done

[ -s "$out" ] && echo >>"$out"
{
  echo "# ejabberd, Prosody and Chasqui under the load suite, $start"
  echo
  echo "- machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/Mem:/{print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME");" \
       "**shared with other jobs, so figures are noisy**; the load generator runs on the same cores as the server"
  echo "- load average at start: $load0, at end: $(cut -d' ' -f1-3 /proc/loadavg) (other agents' builds and tests share the machine); the servers ran one after the other in this window ($SERVERS)"
  echo "- packages: ejabberd $(pkg ejabberd) (Erlang/OTP erts $(ls /usr/lib/erlang 2>/dev/null | sed -n 's/^erts-//p' | head -1), erlang-base $(pkg erlang-base)), prosody $(pkg prosody) (lua5.4 $(pkg lua5.4)); JDK: $(java -version 2>&1 | head -1)"
  echo "- commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (+ local changes)'); generator: benchmarks/compare.sh (org.chasqui.benchmarks.load.LoadMain)"
  echo "- scenarios: register:$accounts $SCENARIOS; duration ${DURATION}s each; payload 200 bytes; a run ends when nothing has arrived for ${STALL} s (then what is missing counts lost); login:N both first (its RSS growth per idle connection not hidden by memory the earlier scenarios left in the allocator) and last (as load.sh orders it)"
  echo "- common: 127.0.0.1 only, c2s without TLS, SASL PLAIN, passwords stored in plain text (ejabberd, Prosody) — Chasqui derives a PBKDF2 key (4096 iterations) per PLAIN login, the others compare strings; accounts by in-band registration; pubsub at pubsub.localhost, nodes created with create-and-configure (persistent items, max_items 100, open access, send_last_published_item never), subscribers with their bare JID; logging at warning"
  echo "- server CPU = utime+stime of /proc/<pid>/stat over the measured phase (10 ms ticks), RSS = VmRSS of that pid. ejabberd: the beam.smp process (all its scheduler, dirty and async threads); not counted: erl_child_setup and os_mon's port programs (memsup), which do no XMPP work; epmd is not started (no node name, distribution off). Prosody: its single lua5.4 process. Chasqui: its JVM"
  echo
  echo "## ejabberd"
  echo
  echo "Configuration ($work/ejabberd/ejabberd.yml): one ejabberd_c2s listener, starttls off, shaper none, backlog 1024, max_fsm_queue 1000000; auth internal, auth_password_format plain; registration_timeout infinity; modules mod_caps, mod_disco, mod_roster, mod_register, mod_pubsub (plugin flat, mnesia storage, max_items_node 1000, no max_subscriptions_node); no mod_offline, mod_stream_mgmt, mod_ping. Erlang started with +P 250000 +Q 65536."
  echo
  if [[ " $SERVERS " == *" ejabberd "* ]]; then table_head; cat "$work/ejabberd.rows" 2>/dev/null || true; else echo "(not run)"; fi
  echo
  echo "## Prosody"
  echo
  echo "Configuration ($work/prosody/prosody.cfg.lua): network_backend epoll, tcp_backlog 1024; modules roster, saslauth, disco, register, posix (+ the always-loaded c2s, presence, message, iq); s2s and offline disabled; mod_limits not loaded (no read-rate limit); authentication internal_plain, storage internal (files); c2s_require_encryption false, allow_unencrypted_plain_auth true; allow_registration true without throttle; Component pubsub.localhost \"pubsub\" with pubsub_max_items 1000; loadpub@localhost is an admin, because only owners may create nodes in Prosody's pubsub."
  echo
  if [[ " $SERVERS " == *" prosody "* ]]; then table_head; cat "$work/prosody.rows" 2>/dev/null || true; else echo "(not run)"; fi
  echo
  echo "## Chasqui"
  echo
  if [[ " $SERVERS " == *" chasqui "* ]]; then
    # load.sh's own header, one level down
    sed 's/^# Chasqui load suite, /Run by benchmarks\/load.sh, /' "$work/chasqui.md"
  else
    echo "(not run)"
  fi
} >>"$out"
log "results in $out (configurations, logs and data in $work)"
