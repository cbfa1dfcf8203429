#!/usr/bin/env bash
# Usage: bench/provisioning-latency/run.sh      (as root; see bench/README.md)
# Time from the wizard's start to the device activated and online, per step: builds the release
# binaries, brings up the cloud and a world once (bench/lib/bench-world.sh), then provisions RUNS (20)
# fresh boards one after another, each a new board (new chip id, empty storage) that is powered
# off once it is online, and prints per step the median, min and max in ms and the share of the
# total. Environment: RUNS=20, SKIP_BUILD=1 (use build/release/bin as it is), KEEP=1 (keep the
# run directory with every run's JSON).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-20}
case "${1:-}" in
  -h | --help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) echo "run.sh: no arguments (environment: RUNS, SKIP_BUILD, KEEP)" >&2; exit 2 ;;
esac
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: RUNS must be a positive number" >&2; exit 2; }

WORLD_WHO=provisioning-latency
# shellcheck source=bench/lib/bench-world.sh
. bench/lib/bench-world.sh
bench_world_begin latency
ms() { bench_ms; }

: >"$run/timings"
for i in $(seq -w 1 "$RUNS"); do
  board=b$i
  world_board_add "$board"
  t0=$(ms)
  code=0
  timeout --kill-after=10 240 "$WORLD_BIN/onboard-air" exec phone -- \
    env "XDG_CONFIG_HOME=$run/phone-config" "$WORLD_BIN/onboard" add-device --template "$WORLD_TEMPLATE" \
    --device "$WORLD_BOARD_AP" --ssid Home --password "$WORLD_HOME_PASSWORD" --wifi air --yes --json \
    --timeout 60 >"$run/$board.json" 2>"$run/$board.progress" || code=$?
  wall=$(($(ms) - t0))
  if [[ $code -ne 0 ]] || ! grep -q '"ok":true' "$run/$board.json"; then
    cat "$run/$board.progress" "$run/$board.json" >&2
    world_air log "$board" | tail -n 20 >&2
    world_fail "run $i: the wizard did not bring $board online (exit $code)"
  fi
  # {"timings":{"sign_in":9,...,"total":420}} -> "run step ms" lines, plus the process's wall time.
  sed -n 's/.*"timings":{\([^}]*\)}.*/\1/p' "$run/$board.json" | tr ',' '\n' | tr -d '"' |
    awk -F: -v run="$i" '{ print run, $1, $2 }' >>"$run/timings"
  echo "$i wall $wall" >>"$run/timings"
  printf '  run %s  %-22s total %5s ms (wizard process %s ms)\n' "$i" "$WORLD_BOARD_AP" \
    "$(awk -v r="$i" '$1 == r && $2 == "total" { print $3 }' "$run/timings")" "$wall"
  # The device's own part, from its serial log: /config received -> logged in to the cloud.
  world_air log "$board" | awk -v run="$i" '
    function ms(t, a) { split(t, a, ":"); return a[1] * 3600000 + a[2] * 60000 + a[3] * 1000 }
    / setup: GET \/config / && !c { c = ms($1) }
    / cloud: online/ && c { d = ms($1) - c; print run, "device", (d < 0 ? d + 86400000 : d); exit }
  ' >>"$run/timings"
  # Powered off, so every run finds one board in setup mode and the same world.
  world_air power "$board" off >/dev/null
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo
echo "== provisioning latency: $RUNS runs, a fresh board each"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "load average (1, 5, 15 min): $load_before before, $load_after after"
# Steps in the wizard's order; median of an even count is the mean of the two middle values.
order="sign_in choose_template get_token find_device join_device board_info device_scan choose_network
send_config device_connect rejoin_home activation name_device total wall device"
for step in $order; do
  awk -v s="$step" '$2 == s { print $3 }' "$run/timings" | sort -n >"$run/values"
  n=$(wc -l <"$run/values")
  [[ $n -gt 0 ]] || continue
  awk -v step="$step" -v n="$n" -v total="$(awk '$2 == "total" { t += $3 } END { print t }' "$run/timings")" '
    { v[NR] = $1; sum += $1 }
    END {
      med = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
      share = step == "wall" || step == "device" ? "" : sprintf("%5.1f %%", total > 0 ? 100 * sum / total : 0)
      printf "%s %s %s %s %s\n", step, med, v[1], v[n], share
    }' "$run/values"
done | awk 'BEGIN { printf "%-16s %10s %8s %8s %9s\n", "step", "median ms", "min", "max", "share" }
  { printf "%-16s %10s %8s %8s %9s\n", $1, $2, $3, $4, $5 " " $6 }'
echo "(share: the step's sum over all runs / the sum of the totals; total: the wizard's own sum of"
echo " its steps; wall: the wizard process from start to exit, seen from outside, incl. onboard-air exec;"
echo " device: the board's serial log from GET /config to 'cloud: online', inside device_connect)"
