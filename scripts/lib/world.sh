# shellcheck shell=bash
# The world both scripts/demo and bench/provisioning-latency/run.sh provision in: onboard-cloud
# (SQLite) in the world's internet host with an admin and a template, a home router (Home on
# 2.4 GHz, Home-5G on 5 GHz), a phone on Home, and fresh boards running onboard-device.
#
# Source it from bash with `set -euo pipefail`, then:
#   WORLD_WHO=name                         prefix of error messages (default: world)
#   world_build                            install-deps, release preset, the four binaries
#   world_up RUN [--owner-pid PID]         the world (run dir RUN/air) and the home network
#   world_cloud_start                      the cloud, an admin, a template; sets WORLD_SERVER, WORLD_TEMPLATE
#   world_cloud_restart DOWN_S [SIGNAL]    the cloud stopped (SIGTERM, or e.g. KILL), DOWN_S s later
#                                          started again on the same ports and data
#   world_board_add NAME                   a fresh board (chip id WORLD_CHIP_ID if set, else random);
#                                          waits for its AP; sets WORLD_BOARD_AP
#   world_wizard ARGS...                   `onboard ARGS` in the phone (its own session file)
#   world_write_env                        RUN/env.sh (shortcuts) and RUN/down (tear-down script)
#   world_down                             cloud stopped (SIGTERM), world down, namespaces checked
# Every wait polls a condition with a deadline and fails with a sentence, never hangs.

WORLD_WHO=${WORLD_WHO:-world}
WORLD_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORLD_BIN=${WORLD_BIN:-$WORLD_ROOT/build/release/bin}
WORLD_ADMIN=${WORLD_ADMIN:-admin@example.com}
WORLD_ADMIN_PASSWORD=${WORLD_ADMIN_PASSWORD:-demo-admin-pass}
WORLD_HOME_PASSWORD=${WORLD_HOME_PASSWORD:-home-secret-1}
WORLD_TEMPLATE_NAME=${WORLD_TEMPLATE_NAME:-Lamp}
WORLD_RUN=""
WORLD_SERVER=""
WORLD_PORT=""
WORLD_TLS_PORT=""
WORLD_TEMPLATE=""
WORLD_BOARD_AP=""
WORLD_CLOUD_PID=""
WORLD_UP=0
WORLD_PREFIX=""

world_fail() {
  echo "$WORLD_WHO: $*" >&2
  exit 1
}

world_air() { "$WORLD_BIN/onboard-air" "$@"; }

# world_poll SECONDS CMD...: runs CMD until it succeeds (status 0) or SECONDS have passed
# (status 1). The pause between tries is what makes it a poll, not a guess of the duration.
world_poll() {
  local deadline=$(($(date +%s%N) / 1000000 + $1 * 1000))
  shift
  until "$@"; do
    (($(date +%s%N) / 1000000 < deadline)) || return 1
    sleep 0.05
  done
}

world_require_root() {
  [ "$(id -u)" -eq 0 ] ||
    world_fail "needs root: the world is made of network namespaces (run: sudo $0)"
}

# Installs what is missing and builds only the release binaries the world needs.
world_build() {
  "$WORLD_ROOT/scripts/install-deps"
  cmake --preset release -S "$WORLD_ROOT" >/dev/null ||
    world_fail "cmake --preset release failed"
  cmake --build "$WORLD_ROOT/build/release" -j"$(nproc)" \
    --target onboard-cloud onboard-console onboard-air onboard-device onboard >"$WORLD_ROOT/build/release/last-build.log" 2>&1 || {
    tail -n 40 "$WORLD_ROOT/build/release/last-build.log" >&2
    world_fail "the release build failed (full log: build/release/last-build.log)"
  }
}

# world_up RUN [--owner-pid PID]: the world, a home router with Home and Home-5G, a phone on Home.
world_up() {
  WORLD_RUN=$1
  shift
  mkdir -p "$WORLD_RUN"
  export ONBOARD_AIR_RUN_DIR=$WORLD_RUN/air
  world_air up "$@" >/dev/null || world_fail "onboard-air up failed (log: $ONBOARD_AIR_RUN_DIR/air.log)"
  WORLD_UP=1
  WORLD_PREFIX=$(world_air status --json | sed -n 's/^ *"prefix": *"\([^"]*\)".*/\1/p')
  world_air ap add --ssid Home --password "$WORLD_HOME_PASSWORD" >/dev/null
  world_air ap add --ssid Home-5G --password "$WORLD_HOME_PASSWORD" --band 5 >/dev/null
  world_air phone add phone >/dev/null
  world_air join phone --ssid Home --password "$WORLD_HOME_PASSWORD" >/dev/null
}

world_cloud_listening() {
  kill -0 "$WORLD_CLOUD_PID" 2>/dev/null || {
    echo "$WORLD_WHO: onboard-cloud ended at start; its log:" >&2
    tail -n 20 "$WORLD_RUN/cloud.log" >&2
    exit 1
  }
  grep -q '^listening plain=' "$WORLD_RUN/cloud.out"
}

# A REST call from inside the internet host (where the cloud listens).
world_rest() { world_air exec internet -- curl -sS --max-time 10 "$@"; }

# world_cloud_serve PLAIN_PORT TLS_PORT: onboard-cloud serve in the internet host, until it
# prints its 'listening' line. Its pid (a process group) is WORLD_CLOUD_PID and RUN/cloud.pid,
# so a subshell that restarts the cloud tells the script that stops it at the end.
world_cloud_serve() {
  # Its own process group (setsid), so stopping it stops `onboard-air exec` and the server.
  setsid "$WORLD_BIN/onboard-air" exec internet -- "$WORLD_BIN/onboard-cloud" serve \
    --data-dir "$WORLD_RUN/cloud" --listen "0.0.0.0:$1" --tls-listen "0.0.0.0:$2" \
    >"$WORLD_RUN/cloud.out" 2>>"$WORLD_RUN/cloud.log" </dev/null &
  WORLD_CLOUD_PID=$!
  disown "$WORLD_CLOUD_PID" # its end at clean-up is expected: no job notice
  echo "$WORLD_CLOUD_PID" >"$WORLD_RUN/cloud.pid"
  world_poll 30 world_cloud_listening ||
    world_fail "onboard-cloud printed no 'listening' line within 30 s (log: $WORLD_RUN/cloud.log)"
}

world_cloud_restart() {
  world_cloud_stop "${2:-TERM}"
  sleep "$1"
  world_cloud_serve "$WORLD_PORT" "$WORLD_TLS_PORT"
}

# world_cloud_stop [SIGNAL]: SIGTERM (or SIGNAL) to the cloud's group; SIGKILL after 5 s.
world_cloud_stop() {
  [ -f "$WORLD_RUN/cloud.pid" ] && WORLD_CLOUD_PID=$(cat "$WORLD_RUN/cloud.pid")
  [ -n "$WORLD_CLOUD_PID" ] || return 0
  kill "-${1:-TERM}" -- "-$WORLD_CLOUD_PID" 2>/dev/null || true
  world_poll 5 world_cloud_gone || kill -KILL -- "-$WORLD_CLOUD_PID" 2>/dev/null || true
  world_poll 5 world_cloud_gone || true
  WORLD_CLOUD_PID=""
}

# Sets WORLD_SERVER (the URL phones and boards use) and WORLD_TEMPLATE (id of template Lamp).
world_cloud_start() {
  mkdir -p "$WORLD_RUN/cloud"
  "$WORLD_BIN/onboard-cloud" user add --data-dir "$WORLD_RUN/cloud" --email "$WORLD_ADMIN" \
    --password "$WORLD_ADMIN_PASSWORD" --role admin >/dev/null ||
    world_fail "onboard-cloud user add failed"
  world_cloud_serve 0 0
  WORLD_PORT=$(sed -n 's/^listening plain=[^ ]*:\([0-9]*\) .*/\1/p' "$WORLD_RUN/cloud.out")
  WORLD_TLS_PORT=$(sed -n 's/^listening .* tls=[^ ]*:\([0-9]*\).*/\1/p' "$WORLD_RUN/cloud.out")
  [ -n "$WORLD_PORT" ] || world_fail "cannot read the cloud's port from: $(cat "$WORLD_RUN/cloud.out")"
  WORLD_SERVER="http://10.99.0.2:$WORLD_PORT"
  local api="http://127.0.0.1:$WORLD_PORT/api/v1" answer token
  answer=$(world_rest -X POST -H 'Content-Type: application/json' \
    -d "{\"email\":\"$WORLD_ADMIN\",\"password\":\"$WORLD_ADMIN_PASSWORD\"}" "$api/login") ||
    world_fail "POST /api/v1/login failed"
  token=$(printf '%s' "$answer" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
  [ -n "$token" ] || world_fail "the admin could not sign in: $answer"
  answer=$(world_rest -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
    -d "{\"name\":\"$WORLD_TEMPLATE_NAME\"}" "$api/templates") ||
    world_fail "POST /api/v1/templates failed"
  WORLD_TEMPLATE=$(printf '%s' "$answer" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
  [ -n "$WORLD_TEMPLATE" ] || world_fail "could not create template $WORLD_TEMPLATE_NAME: $answer"
}

# Makes the cloud's console reachable from this machine's browser: sets
# WORLD_CONSOLE_URL (http://127.0.0.1:PORT/). Two socket bridges: one in the
# internet host (unix socket -> the cloud), one here (127.0.0.1 -> that socket).
world_console_bridge() {
  local sock="$WORLD_RUN/console.sock"
  setsid "$WORLD_BIN/onboard-air" exec internet -- node "$WORLD_ROOT/scripts/lib/socket-bridge.mjs" \
    "unix:$sock" "tcp:127.0.0.1:$WORLD_PORT" >"$WORLD_RUN/bridge-in.out" 2>&1 </dev/null &
  WORLD_BRIDGE_IN_PID=$!
  disown "$WORLD_BRIDGE_IN_PID"
  world_poll 10 grep -q '^listening' "$WORLD_RUN/bridge-in.out" ||
    world_fail "the console bridge in the internet host did not start: $(cat "$WORLD_RUN/bridge-in.out")"
  node "$WORLD_ROOT/scripts/lib/socket-bridge.mjs" "tcp:127.0.0.1:${WORLD_CONSOLE_PORT:-0}" "unix:$sock" \
    >"$WORLD_RUN/bridge-out.out" 2>&1 </dev/null &
  WORLD_BRIDGE_OUT_PID=$!
  disown "$WORLD_BRIDGE_OUT_PID"
  world_poll 10 grep -q '^listening' "$WORLD_RUN/bridge-out.out" ||
    world_fail "the console bridge on this machine did not start: $(cat "$WORLD_RUN/bridge-out.out")"
  WORLD_CONSOLE_URL="http://$(sed -n 's/^listening //p' "$WORLD_RUN/bridge-out.out")/"
}

world_phone_sees() { world_air scan phone | grep -qF -- "\"$1\""; }

# world_board_add NAME [ONBOARD-DEVICE OPTIONS...]: powers on a fresh board running
# onboard-device for the template and waits until the phone hears its AP (WORLD_BOARD_AP).
world_board_add() {
  local name=$1
  shift
  world_air board add "$name" ${WORLD_CHIP_ID:+--chip-id "$WORLD_CHIP_ID"} -- "$WORLD_BIN/onboard-device" --wifi air \
    --template-id "$WORLD_TEMPLATE" --template-name "$WORLD_TEMPLATE_NAME" --cloud-plain "$@" >/dev/null ||
    world_fail "onboard-air board add $name failed"
  world_air led "$name" --wait-state WAIT_CONFIG --timeout 30 >/dev/null || {
    echo "$WORLD_WHO: board $name did not reach setup mode (WAIT_CONFIG) in 30 s; its serial log:" >&2
    world_air log "$name" | tail -n 20 >&2
    exit 1
  }
  # The world notes in the serial log what it did: '[air] AP "Onboard Lamp-ABCD" on channel 1'.
  world_air log "$name" --wait '[air] AP "' --timeout 30 >/dev/null ||
    world_fail "board $name opened no access point within 30 s (onboard-air log $name)"
  WORLD_BOARD_AP=$(world_air log "$name" | sed -n 's/^\[air\] AP "\(.*\)" on channel .*/\1/p' | tail -n 1)
  [ -n "$WORLD_BOARD_AP" ] || world_fail "cannot read the access point of board $name from its serial log"
  world_poll 30 world_phone_sees "$WORLD_BOARD_AP" ||
    world_fail "the phone does not hear '$WORLD_BOARD_AP' within 30 s"
}

# The wizard in the phone, with the phone's own config dir (its saved session).
world_wizard() {
  world_air exec phone -- env "XDG_CONFIG_HOME=$WORLD_RUN/phone-config" "$WORLD_BIN/onboard" "$@"
}

# RUN/env.sh: `source` it for `onboard`, `onboard-air` and `cloud_curl` shortcuts; RUN/down: tear-down.
world_write_env() {
  cat >"$WORLD_RUN/env.sh" <<EOF
# source $WORLD_RUN/env.sh: shortcuts for the world of this run
export ONBOARD_AIR_RUN_DIR=$ONBOARD_AIR_RUN_DIR
onboard-air() { "$WORLD_BIN/onboard-air" "\$@"; }
# the wizard, run in the phone with its saved session
onboard() { "$WORLD_BIN/onboard-air" exec phone -- env XDG_CONFIG_HOME=$WORLD_RUN/phone-config "$WORLD_BIN/onboard" "\$@"; }
# curl from the phone (the cloud is $WORLD_SERVER inside the world)
cloud_curl() { "$WORLD_BIN/onboard-air" exec phone -- curl -sS "\$@"; }
EOF
  cat >"$WORLD_RUN/down" <<EOF
#!/usr/bin/env bash
# Stops the cloud and the world of $WORLD_RUN, then removes the run directory.
# The console's bridge on this machine, if that pid is still the bridge.
if grep -qa socket-bridge /proc/${WORLD_BRIDGE_OUT_PID:-0}/cmdline 2>/dev/null; then
  kill -TERM ${WORLD_BRIDGE_OUT_PID:-0}
fi
# The cloud's process group, if that pid is still the cloud's (SIGTERM: a clean stop).
if grep -qa onboard-cloud /proc/$WORLD_CLOUD_PID/cmdline 2>/dev/null; then
  kill -TERM -- -$WORLD_CLOUD_PID
  for _ in \$(seq 100); do kill -0 $WORLD_CLOUD_PID 2>/dev/null || break; sleep 0.05; done
fi
# down also ends whatever still runs in the world's hosts.
ONBOARD_AIR_RUN_DIR=$ONBOARD_AIR_RUN_DIR "$WORLD_BIN/onboard-air" down && rm -rf "$WORLD_RUN"
EOF
  chmod +x "$WORLD_RUN/down"
}

world_cloud_gone() { ! kill -0 "$WORLD_CLOUD_PID" 2>/dev/null; }

# Stops the cloud (SIGTERM, then SIGKILL after 5 s) and the world; checks no namespace is left.
world_down() {
  if [ -n "${WORLD_BRIDGE_OUT_PID:-}" ]; then
    kill -TERM "$WORLD_BRIDGE_OUT_PID" 2>/dev/null || true
    WORLD_BRIDGE_OUT_PID=""
  fi
  if [ -n "${WORLD_BRIDGE_IN_PID:-}" ]; then
    kill -TERM -- "-$WORLD_BRIDGE_IN_PID" 2>/dev/null || true
    WORLD_BRIDGE_IN_PID=""
  fi
  if [ -n "$WORLD_RUN" ]; then world_cloud_stop TERM; fi
  if [ "$WORLD_UP" -eq 1 ]; then
    world_air down >/dev/null 2>&1 || echo "$WORLD_WHO: onboard-air down failed" >&2
    WORLD_UP=0
    if [ -n "$WORLD_PREFIX" ] && ip netns list | grep -q "^$WORLD_PREFIX-"; then
      echo "$WORLD_WHO: namespaces left after onboard-air down:" >&2
      ip netns list | grep "^$WORLD_PREFIX-" >&2
    fi
  fi
}
