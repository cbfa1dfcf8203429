#!/usr/bin/env bash
# Usage: bench/soak/run.sh --attempts N --seed S      (as root; see bench/README.md)
# N provisioning attempts in one world, one fresh board each, each with one random fault at a
# random moment while the wizard runs (seeded: the same S replays the same faults): none,
# a wrong password first, the phone leaving the device's AP, a board power cut, the router off
# and on. Rules checked per attempt: it ends activated and online, or with a reason allowed for
# its fault; afterwards the board is online or offering setup again within 90 s (not stuck).
# Prints the success rate, p50/p95 wizard time of the successes, a histogram of reasons, and
# every attempt that broke a rule with its seed. Exit 1 when a rule was broken.
# Environment: SKIP_BUILD=1 (use WORLD_BIN as it is; default build/release/bin), KEEP=1.
# Not yet: several boards and phones at once, cloud restarts, the channel switch as an
# injected fault (every attempt has the natural one), checks of saved networks and tokens.
set -euo pipefail
cd "$(dirname "$0")/../.."
ATTEMPTS=10
SEED=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --attempts) ATTEMPTS=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (--attempts N --seed S)" >&2; exit 2 ;;
  esac
done
[[ $ATTEMPTS =~ ^[1-9][0-9]*$ && $SEED =~ ^[0-9]+$ ]] || { echo "run.sh: N and S are numbers" >&2; exit 2; }

WORLD_WHO=soak
# shellcheck source=scripts/lib/world.sh
. scripts/lib/world.sh
world_require_root
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  echo "== building the release binaries"
  world_build
fi

run=$(mktemp -d /tmp/onboard-soak-XXXXXX)
finish() {
  world_down
  if [[ ${KEEP:-0} == 1 ]]; then echo "kept $run"; else rm -rf "$run"; fi
}
trap finish EXIT
trap 'exit 130' INT TERM

echo "== cloud and world (once)"
world_up "$run" --owner-pid $$
world_cloud_start
world_wizard login --server "$WORLD_SERVER" --email "$WORLD_ADMIN" --password "$WORLD_ADMIN_PASSWORD" \
  >/dev/null || world_fail "onboard login failed"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
RANDOM=$SEED

ms() { echo $(($(date +%s%N) / 1000000)); }
field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" "$2"; }

# The reasons a fault may end an attempt with (a success is always fine, except for "none").
allowed() {
  case "$1" in
    none) echo "" ;;
    wrong_password) echo "wrong_password" ;;
    phone_leaves) echo "unreachable timeout connection_closed wifi_error device_error bad_response" ;;
    # offline: the board logged in (the cloud activated it) and lost power before it
    # committed its configuration, so it is back in setup mode, never online.
    power_cut) echo "device_not_found unreachable timeout connection_closed wifi_error device_error
      bad_response activation_timeout offline network_not_found join_timeout" ;;
    router_cycle) echo "home_unreachable activation_timeout offline join_timeout network_not_found
      cloud_unreachable unreachable timeout dns_failed no_ip wifi_error connection_closed" ;;
  esac
}

board_settled() { # the board's own state: online (RUNNING) or offering setup (WAIT_CONFIG)
  world_air led "$1" 2>/dev/null | grep -qE '"state": *"(RUNNING|WAIT_CONFIG)"'
}

faults=(none wrong_password phone_leaves power_cut router_cycle)
: >"$run/results"
: >"$run/violations"
for i in $(seq -w 1 "$ATTEMPTS"); do
  board=b$i
  fault=${faults[RANDOM % ${#faults[@]}]}
  delay_ms=$((RANDOM % 4000))
  down_ms=$((500 + RANDOM % 3000))
  world_board_add "$board"
  password=$WORLD_HOME_PASSWORD
  [[ $fault == wrong_password ]] && password=not-the-password
  t0=$(ms)
  timeout --kill-after=10 300 "$WORLD_BIN/onboard-air" exec phone -- \
    env "XDG_CONFIG_HOME=$run/phone-config" "$WORLD_BIN/onboard" add-device --template "$WORLD_TEMPLATE" \
    --device "$WORLD_BOARD_AP" --ssid Home --password "$password" --wifi air --yes --json \
    --timeout 60 --home-password "$WORLD_HOME_PASSWORD" >"$run/$board.json" 2>"$run/$board.progress" &
  wizard=$!
  case "$fault" in
    phone_leaves) sleep "$(printf '0.%03d' $((delay_ms % 1000)))"; world_air leave phone >/dev/null 2>&1 || true ;;
    power_cut)
      sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))"
      world_air power "$board" off >/dev/null
      sleep "$((down_ms / 1000)).$(printf '%03d' $((down_ms % 1000)))"
      world_air power "$board" on >/dev/null ;;
    router_cycle)
      sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))"
      world_air router off >/dev/null
      sleep "$((down_ms / 1000)).$(printf '%03d' $((down_ms % 1000)))"
      world_air router on >/dev/null ;;
  esac
  code=0
  wait "$wizard" || code=$?
  wall=$(($(ms) - t0))
  ok=0
  grep -q '"ok":true' "$run/$board.json" && ok=1
  reason=$(field reason "$run/$board.json")
  [[ $ok == 1 ]] && reason=ok
  [[ -z $reason ]] && reason="no_result(exit $code)"
  verdict=held
  if [[ $ok == 0 ]]; then
    if ! grep -qw -- "$reason" <<<"$(allowed "$fault")"; then
      verdict="broken: $reason is not a reason for $fault"
    fi
  elif [[ $fault == wrong_password ]]; then
    verdict="broken: a wrong password succeeded"
  fi
  # The phone goes back home in any case (a leave may have left it nowhere).
  world_air join phone --ssid Home --password "$WORLD_HOME_PASSWORD" >/dev/null 2>&1 || true
  if [[ $fault == wrong_password && $ok == 0 ]]; then
    # The right password at once, on the same board, still in setup mode.
    world_wizard add-device --template "$WORLD_TEMPLATE" --device "$WORLD_BOARD_AP" --ssid Home \
      --password "$WORLD_HOME_PASSWORD" --wifi air --yes --json --timeout 60 \
      --home-password "$WORLD_HOME_PASSWORD" >"$run/$board.retry.json" 2>>"$run/$board.progress" || true
    grep -q '"ok":true' "$run/$board.retry.json" || verdict="broken: the retry with the right password failed"
  fi
  if ! world_poll 90 board_settled "$board"; then
    verdict="broken: $board neither online nor offering setup 90 s after the attempt"
  fi
  echo "$i $fault $reason $wall $ok" >>"$run/results"
  printf '  %s  %-15s %-24s %6s ms  %s\n' "$i" "$fault" "$reason" "$wall" "$verdict"
  [[ $verdict == held ]] || echo "seed $SEED attempt $i ($fault after ${delay_ms} ms): $verdict" >>"$run/violations"
  world_air power "$board" off >/dev/null
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo
echo "== soak: $ATTEMPTS attempts, seed $SEED"
echo "machine: $(nproc) cores; load average (1, 5, 15 min): $load_before before, $load_after after"
awk '{ n++; if ($5 == 1) ok++ } END { printf "activated and online: %d of %d (%.1f %%)\n", ok, n, 100 * ok / n }' \
  "$run/results"
awk '$5 == 1 { print $4 }' "$run/results" | sort -n >"$run/times"
if [[ -s $run/times ]]; then
  awk '{ v[NR] = $1 } END { p50 = v[int((NR - 1) * 0.50) + 1]; p95 = v[int((NR - 1) * 0.95) + 1];
    printf "wizard time of the successes: p50 %d ms, p95 %d ms (n=%d)\n", p50, p95, NR }' "$run/times"
fi
echo "reasons (fault: reason count):"
awk '{ print "  " $2 ": " $3 }' "$run/results" | sort | uniq -c | sort -rn
if [[ -s $run/violations ]]; then
  echo "RULES BROKEN:"
  cat "$run/violations"
  exit 1
fi
echo "every rule held"
