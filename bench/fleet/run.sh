#!/usr/bin/env bash
# The fleet scenarios of issue 4 item 9 against a release onboard-cloud in a
# temporary data directory (see bench/README.md):
#   d  activations/s with N_ACT fresh devices
#   a  N_IDLE idle plain connections held (RSS per connection, logins/s, PING rtt)
#   b  N_IDLE idle TLS connections held
#   c  N_VW connections writing vw as fast as TCP takes them (vw/s, server CPU s per million),
#      then paced at 200 vw/s each (the issue's 200,000 vw/s)
#   r  N_IDLE TLS logins resuming a session (a reconnect storm of devices holding a ticket),
#      TLS 1.3 and TLS 1.2 (not in the default set); r12 / r13: only one of the two
# Each of a, b, c runs against a freshly started server (clean RSS baseline)
# with devices activated beforehand. Environment: SCENARIOS="d a b c",
# N_IDLE=19000, N_ACT=5000, N_VW=1000, DURATION=20, SKIP_BUILD=1, KEEP=1, CLOUD=..., FLEET=....
# PERF="r-tls12-resumed ...": perf record -g the server during those fleet runs
# (WORK/<name>.perf.data; with KEEP=1 the report is kept).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
SCENARIOS=${SCENARIOS:-"d a b c"}
N_IDLE=${N_IDLE:-19000}
N_ACT=${N_ACT:-5000}
N_VW=${N_VW:-1000}
DURATION=${DURATION:-20}
PLAIN_PORT=${PLAIN_PORT:-18080}
TLS_PORT=${TLS_PORT:-19443}
PASSWORD=fleet-bench-password

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  cmake --preset release >/dev/null
  cmake --build --preset release -j2 --target onboard-cloud onboard-fleet
fi
# CLOUD/FLEET: other binaries (e.g. a copy of a "before" build to compare against).
CLOUD=${CLOUD:-$ROOT/build/release/bin/onboard-cloud}
FLEET=${FLEET:-$ROOT/build/release/bin/onboard-fleet}

WORK=$(mktemp -d /tmp/onboard-fleet-XXXXXX)
SERVER_PID=
cleanup() {
  stop_server
  if [[ ${KEEP:-0} != 1 ]]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT

start_server() {
  : >"$WORK/serve.out"
  # warn: per-connection info lines would otherwise be part of what is measured. The
  # per-user and per-address limits are lifted: the fleet is one user on 16 addresses.
  "$CLOUD" serve --data-dir "$WORK/data" --listen 127.0.0.1:$PLAIN_PORT --tls-listen 127.0.0.1:$TLS_PORT \
    --log-level warn --flood-limit 1000000 --provisioning-per-minute 0 --max-new-connections-per-ip 1000000 \
    --max-prelogin-per-ip 20000 >"$WORK/serve.out" 2>>"$WORK/serve.err" &
  SERVER_PID=$!
  for _ in $(seq 300); do grep -q '^listening' "$WORK/serve.out" && return 0; sleep 0.1; done
  echo "the server did not start:"; cat "$WORK/serve.err"; exit 1
}

stop_server() {
  if [[ -n $SERVER_PID ]]; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}

fleet() {
  local name=$1; shift
  echo "== $name  ($(uptime | sed 's/.*load/load/'))"
  local perf_pid=
  if [[ " ${PERF:-} " == *" $name "* ]]; then
    perf record -q -F 999 -g -p "$SERVER_PID" -o "$WORK/$name.perf.data" 2>>"$WORK/perf.err" &
    perf_pid=$!
  fi
  "$FLEET" --port $PLAIN_PORT --tls-port $TLS_PORT --password $PASSWORD --server-pid "$SERVER_PID" "$@" \
    | tee "$WORK/$name.out" || true
  if [[ -n $perf_pid ]]; then
    kill -INT "$perf_pid" 2>/dev/null || true
    wait "$perf_pid" 2>/dev/null || true
    perf report -i "$WORK/$name.perf.data" --no-children --sort dso --stdio -g none 2>/dev/null | grep '%' | head -8
  fi
  grep '^RESULT' "$WORK/$name.out" | sed "s/^RESULT/RESULT scenario=$name/" >>"$WORK/results"
}

"$CLOUD" user add --data-dir "$WORK/data" --email admin@example.com --password $PASSWORD --role admin \
  --org Fleet >/dev/null
start_server
has() { [[ " $SCENARIOS " == *" $1 "* ]]; }

if has d; then
  fleet d-activations -n "$N_ACT" --duration 2 --settle 0.5
fi

if has a || has b || has c || has r || has r12 || has r13; then
  # Activate the devices once (fresh tokens: also an activations/s figure at this size).
  fleet setup-activate -n "$N_IDLE" --duration 1 --settle 0.5 --tokens-out "$WORK/tokens"
fi

if has a; then
  stop_server; start_server
  fleet a-idle-plain -n "$N_IDLE" --tokens-in "$WORK/tokens" --duration "$DURATION" --settle 3
fi

if has b; then
  stop_server; start_server
  fleet b-idle-tls --tls -n "$N_IDLE" --tokens-in "$WORK/tokens" --duration "$DURATION" --settle 3
fi

if has c; then
  stop_server; start_server
  fleet c-vw -n "$N_VW" --tokens-in "$WORK/tokens" --vw-devices -1 --vw-rate 0 --ping-interval 1 \
    --duration "$DURATION" --settle 1
  # The issue's target rate, paced: 200 vw/s per device (200,000 vw/s in all).
  stop_server; start_server
  fleet c-vw-200 -n "$N_VW" --tokens-in "$WORK/tokens" --vw-devices -1 --vw-rate 200 --ping-interval 1 \
    --duration "$DURATION" --settle 1
fi

if has r || has r13; then
  stop_server; start_server
  fleet r-tls13-resumed --tls --tls-resume -n "$N_IDLE" --tokens-in "$WORK/tokens" --duration 2 --settle 1
fi
if has r || has r12; then
  stop_server; start_server
  fleet r-tls12-resumed --tls --tls-resume --tls12 -n "$N_IDLE" --tokens-in "$WORK/tokens" --duration 2 --settle 1
fi

echo
echo "== results ($(nproc) cores, $(uptime | sed 's/.*load/load/'))"
cat "$WORK/results"
