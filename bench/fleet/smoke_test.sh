#!/usr/bin/env bash
# ctest smoke test of onboard-fleet: a fresh server, 50 devices over plain and
# then TLS, each for two seconds with a little vw. Checks every device got in.
set -euo pipefail
CLOUD=$1
FLEET=$2
DIR=$(mktemp -d /tmp/onboard-fleet-smoke-XXXXXX)
SERVER_PID=
cleanup() {
  if [[ -n $SERVER_PID ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$DIR"
}
trap cleanup EXIT

"$CLOUD" user add --data-dir "$DIR" --email admin@example.com --password smoke-password --role admin --org Smoke >/dev/null
"$CLOUD" serve --data-dir "$DIR" --listen 127.0.0.1:0 --tls-listen 127.0.0.1:0 --log-level warn \
  --flood-limit 100000 >"$DIR/serve.out" 2>"$DIR/serve.err" &
SERVER_PID=$!
for _ in $(seq 100); do grep -q '^listening' "$DIR/serve.out" && break; sleep 0.1; done
line=$(grep '^listening' "$DIR/serve.out")
plain=${line#*plain=}; plain=${plain%% *}
tls=${line#*tls=}
echo "$line"

"$FLEET" --port "${plain##*:}" --tls-port "${tls##*:}" --password smoke-password -n 50 --processes 2 \
  --sources 4 --duration 1 --settle 0.2 --ping-interval 0.5 --vw-devices 10 --vw-rate 20 \
  --server-pid "$SERVER_PID" --tokens-out "$DIR/tokens" | tee "$DIR/plain.out"
grep -q 'RESULT transport=plain devices=50 held=50 failed=0' "$DIR/plain.out"

"$FLEET" --port "${plain##*:}" --tls-port "${tls##*:}" --tls -n 50 --tokens-in "$DIR/tokens" \
  --duration 1 --settle 0.2 --ping-interval 0.5 --server-pid "$SERVER_PID" | tee "$DIR/tls.out"
grep -q 'RESULT transport=tls devices=50 held=50 failed=0' "$DIR/tls.out"
echo "fleet smoke test passed"
