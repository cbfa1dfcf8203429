#!/usr/bin/env bash
# Usage: bench/soak/run.sh --attempts N --seed S [--lanes L] [--bound B]   (as root; bench/README.md)
# N provisioning attempts in one world, L (4) at a time: lane k has its own phone pk and its own
# home AP Home-k (its own channel), and provisions a fresh board per attempt while faults hit it.
# The fault schedule (per attempt: fault, moment, duration, variant) follows from S alone, so the
# same S replays the same schedule (its checksum is printed). Faults: none, a wrong password
# first, the phone leaving its network (at once, or once it is on the board's AP), a board
# power cut, Home-k switching channel, and two that hit the whole world: the router off and
# on, the cloud restarted (SIGTERM or SIGKILL).
# Rules, per attempt: it ends activated and online, or with a reason allowed for a fault that
# touched it (its own, or a whole-world fault while it ran); within B (60) s after it the board
# is online or offering setup (not stuck); a board that is online keeps its saved network and
# token: power-cycled, it comes back online on Home-k by itself and the cloud lists it online.
# Prints the success rate, p50/p95 time to online, the reasons per fault, the settle times, the
# load, and every attempt that broke a rule with the seed (exit 1).
# Environment: SKIP_BUILD=1 (use WORLD_BIN as it is; default build/release/bin), KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
ATTEMPTS=10
SEED=1
LANES=4
BOUND=60
while [[ $# -gt 0 ]]; do
  case "$1" in
    --attempts) ATTEMPTS=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --lanes) LANES=$2; shift 2 ;;
    --bound) BOUND=$2; shift 2 ;;
    -h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (--attempts N --seed S [--lanes L] [--bound B])" >&2; exit 2 ;;
  esac
done
for v in "$ATTEMPTS" "$LANES" "$BOUND"; do
  [[ $v =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: N, L and B are positive numbers" >&2; exit 2; }
done
[[ $SEED =~ ^[0-9]+$ ]] || { echo "run.sh: S is a number" >&2; exit 2; }
((LANES <= 8)) || { echo "run.sh: at most 8 lanes (one 2.4 GHz channel plan each)" >&2; exit 2; }

WORLD_WHO=soak
# shellcheck source=bench/lib/bench-world.sh
. bench/lib/bench-world.sh
lane_pids=()
sampler=""
bench_before_down() {
  for pid in "${lane_pids[@]}" $sampler; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
bench_world_begin soak
started=$(bench_ms)

# ---- the schedule: from the seed only, before anything runs ---------------------------------
faults=(none wrong_password phone_leaves power_cut channel_switch router_cycle cloud_restart)
RANDOM=$SEED
lane_faults=5 # the first five; the last two hit every lane
for i in $(seq 1 "$ATTEMPTS"); do
  # fault, moment after the wizard starts (ms), how long power/router/cloud stay off (ms), variant.
  # A whole-world fault touches the L attempts running at once, so it is drawn 1/L as often
  # (the others draw a lane fault instead): each attempt meets one about as often as alone.
  fault=${faults[RANDOM % ${#faults[@]}]}
  pick=$RANDOM
  if [[ $fault == router_cycle || $fault == cloud_restart ]] && ((pick % LANES != 0)); then
    fault=${faults[pick / LANES % lane_faults]}
  fi
  echo "$i $(((i - 1) % LANES + 1)) $fault $((RANDOM % 4000)) $((500 + RANDOM % 3000)) $RANDOM"
done >"$run/schedule"
schedule_sum=$(sha256sum "$run/schedule" | cut -c1-16)

# The reasons a fault may end an attempt with (a success is always fine, except for a wrong
# password, whose attempt must fail and whose retry with the right one must succeed).
allowed() {
  case "$1" in
    none) echo "" ;;
    wrong_password) echo "wrong_password" ;;
    phone_leaves) echo "unreachable timeout connection_closed wifi_error device_error bad_response" ;;
    # device_restarted: the board lost power before it saved the network and offers setup again;
    # offline: the same after it logged in (the cloud activated it) but before it committed.
    power_cut) echo "device_restarted offline device_not_found unreachable timeout connection_closed wifi_error
      device_error bad_response activation_timeout network_not_found join_timeout" ;;
    # Announced, the phone on the board's AP is dropped (the AP follows Home-k); unannounced,
    # the board and the phone on Home-k lose their links too.
    channel_switch) echo "unreachable timeout connection_closed wifi_error device_error bad_response
      network_not_found join_timeout no_ip cloud_unreachable home_unreachable activation_timeout offline" ;;
    router_cycle) echo "home_unreachable activation_timeout offline join_timeout network_not_found
      cloud_unreachable unreachable timeout dns_failed no_ip wifi_error connection_closed" ;;
    cloud_restart) echo "unreachable connection_closed timeout cloud_error bad_response cloud_unreachable
      cloud_timeout activation_timeout offline home_unreachable" ;;
  esac
}

# ---- the world's lanes ------------------------------------------------------------------------
channels=(1 6 11 3 9 4 8 13)
for k in $(seq 1 "$LANES"); do
  world_air ap add --ssid "Home-$k" --password "$WORLD_HOME_PASSWORD" --channel "${channels[k - 1]}" >/dev/null
  world_air phone add "p$k" >/dev/null
  world_air join "p$k" --ssid "Home-$k" --password "$WORLD_HOME_PASSWORD" >/dev/null
  world_air exec "p$k" -- env "XDG_CONFIG_HOME=$run/p$k-config" "$WORLD_BIN/onboard" login \
    --server "$WORLD_SERVER" --email "$WORLD_ADMIN" --password "$WORLD_ADMIN_PASSWORD" >/dev/null ||
    world_fail "onboard login in p$k failed"
done

# A whole-world fault holds $run/world.lock while it lasts (one at a time) and is written to
# $run/world-faults as "begin ID MS FAULT" and "end ID MS", for every lane to see what touched it.
world_fault() { # world_fault ID FAULT DOWN_MS VARIANT
  local down
  down=$(printf '%d.%03d' $(($3 / 1000)) $(($3 % 1000)))
  exec {lock}>"$run/world.lock"
  flock "$lock"
  echo "begin $1 $(bench_ms) $2" >>"$run/world-faults"
  case "$2" in
    router_cycle)
      world_air router off >/dev/null
      sleep "$down"
      world_air router on >/dev/null ;;
    cloud_restart)
      local signal=TERM
      (($4 % 2)) && signal=KILL
      world_cloud_restart "$down" "$signal" ;;
  esac
  echo "end $1 $(bench_ms)" >>"$run/world-faults"
  flock -u "$lock"
  exec {lock}>&-
}

# The whole-world faults whose time overlaps T0..T1 (ms), plus 2 s after each ended.
world_faults_between() {
  [[ -f $run/world-faults ]] || return 0
  awk -v t0="$1" -v t1="$2" '
    $1 == "begin" { b[$2] = $3; f[$2] = $4 }
    $1 == "end" { e[$2] = $3 }
    END { for (id in b) if (b[id] < t1 && (!(id in e) || e[id] + 2000 > t0)) print f[id] }
  ' "$run/world-faults" | sort -u
}

board_state() { world_air led "$1" 2>/dev/null | sed -n 's/.*"state": *"\([A-Z_]*\)".*/\1/p'; }
# Settled: online (RUNNING), or offering setup (WAIT_CONFIG, or CONFIGURING after a phone
# talked to it) with its AP heard by a phone, so a phone can provision it. $2: its AP's name.
board_settled() {
  local state
  state=$(board_state "$1")
  [[ $state == RUNNING ]] || { [[ $state =~ ^(WAIT_CONFIG|CONFIGURING)$ ]] && world_phone_sees "$2"; }
}
serial_after() { world_air log "$1" | tail -n +"$(($2 + 1))"; }
online_again() { serial_after "$1" "$2" | grep -q 'cloud: online'; }
cloud_lists_online() { # PHONE HOME DEVICE_ID
  local list
  list=$(world_air exec "$1" -- env "XDG_CONFIG_HOME=$run/$1-config" "$WORLD_BIN/onboard" devices --json 2>/dev/null) || {
    # Another lane's router cycle may have dropped the phone: back home for the next try.
    world_air join "$1" --ssid "$2" --password "$WORLD_HOME_PASSWORD" >/dev/null 2>&1 || true
    return 1
  }
  tr '}' '\n' <<<"$list" | grep -F "\"id\":\"$3\"" | grep -q '"online":true'
}

# The wizard's progress (RUN/BOARD.progress) says it joined the board's AP, or it has ended.
joined_or_done() { grep -qF "Joined the device's access point" "$1.progress" 2>/dev/null || [[ -s $1.json ]]; }

# run_wizard PHONE SSID PASSWORD OUT: sets w_ok, w_reason, w_t0, w_t1, w_device.
run_wizard() {
  local code=0
  w_t0=$(bench_ms)
  timeout --kill-after=10 300 "$WORLD_BIN/onboard-air" exec "$1" -- \
    env "XDG_CONFIG_HOME=$run/$1-config" "$WORLD_BIN/onboard" add-device --template "$WORLD_TEMPLATE" \
    --device "$WORLD_BOARD_AP" --ssid "$2" --password "$3" --wifi air --yes --json \
    --timeout 60 --home-password "$WORLD_HOME_PASSWORD" >"$4" 2>"${4%.json}.progress" || code=$?
  w_t1=$(bench_ms)
  w_ok=0
  grep -q '"ok":true' "$4" && w_ok=1
  w_reason=$(sed -n 's/.*"reason":"\([^"]*\)".*/\1/p' "$4")
  w_device=$(sed -n 's/.*"deviceId":"\([^"]*\)".*/\1/p' "$4")
  [[ $w_ok == 1 ]] && w_reason=ok
  [[ -n $w_reason ]] || w_reason="no_result(exit_$code)"
}

# reason_allowed REASON FAULT...: the reason belongs to one of the faults.
reason_allowed() {
  local reason=$1 f
  shift
  for f in "$@"; do grep -qw -- "$reason" <<<"$(allowed "$f")" && return 0; done
  return 1
}

lane() {
  local k=$1 phone=p$1 home=Home-$1 channel=${channels[$1 - 1]}
  local i lane_no fault delay down variant
  while read -r i lane_no fault delay down variant; do
    [[ $lane_no == "$k" ]] || continue
    local board tag injector="" password=$WORLD_HOME_PASSWORD verdict="" touched settle_ms="-"
    board=$(printf 's%03d' "$i")
    tag=$(printf '%03d' "$i")
    WORLD_CHIP_ID=$(printf '5e%02x%04x' "$k" "$i") world_board_add "$board"
    world_air join "$phone" --ssid "$home" --password "$WORLD_HOME_PASSWORD" >/dev/null 2>&1 || true
    [[ $fault == wrong_password ]] && password=not-the-password
    local sleep_for
    sleep_for=$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))
    case "$fault" in
      phone_leaves)
        # By the variant: at the moment (whatever network the phone is on then, mostly home in
        # the cloud steps), or that long after the phone joined the board's AP (its steps there).
        if ((variant % 2)); then
          (world_poll 300 joined_or_done "$run/$board" && [[ ! -s $run/$board.json ]] &&
            sleep "0.${sleep_for#*.}" && world_air leave "$phone" >/dev/null 2>&1) &
        else
          (sleep "0.${sleep_for#*.}" && world_air leave "$phone" >/dev/null 2>&1) &
        fi
        injector=$! ;;
      power_cut)
        (sleep "$sleep_for" && world_air power "$board" off >/dev/null &&
          sleep "$(printf '%d.%03d' $((down / 1000)) $((down % 1000)))" &&
          world_air power "$board" on >/dev/null) & injector=$! ;;
      channel_switch)
        local to=$((variant % 13 + 1)) drop=""
        ((to == channel)) && to=$((to % 13 + 1))
        ((variant / 13 % 2)) && drop=--drop-stations
        (sleep "$sleep_for" && world_air ap channel --ssid "$home" --channel "$to" $drop >/dev/null) &
        injector=$!
        channel=$to ;;
      router_cycle | cloud_restart) (sleep "$sleep_for" && world_fault "$i" "$fault" "$down" "$variant") & injector=$! ;;
    esac
    run_wizard "$phone" "$home" "$password" "$run/$board.json"
    local wall=$((w_t1 - w_t0)) ok=$w_ok reason=$w_reason device=$w_device t0=$w_t0
    [[ -n $injector ]] && wait "$injector" 2>/dev/null || true
    touched="$fault $(world_faults_between "$t0" "$(bench_ms)" | tr '\n' ' ')"
    if [[ $ok == 0 ]] && ! reason_allowed "$reason" $touched; then
      verdict="$reason is not a reason for: $touched"
    elif [[ $ok == 1 && $fault == wrong_password ]]; then
      verdict="a wrong password succeeded"
    fi
    world_air join "$phone" --ssid "$home" --password "$WORLD_HOME_PASSWORD" >/dev/null 2>&1 || true
    if [[ $fault == wrong_password && $ok == 0 ]]; then
      # The right password at once, on the same board, still in setup mode.
      run_wizard "$phone" "$home" "$WORLD_HOME_PASSWORD" "$run/$board.retry.json"
      device=$w_device
      if [[ $w_ok == 0 ]]; then
        local also
        also=$(world_faults_between "$w_t0" "$(bench_ms)" | tr '\n' ' ')
        reason_allowed "$w_reason" $also || verdict="${verdict:+$verdict; }the retry with the right password failed: $w_reason"
      fi
      world_air join "$phone" --ssid "$home" --password "$WORLD_HOME_PASSWORD" >/dev/null 2>&1 || true
    fi
    # Not stuck: online or offering setup within the bound.
    local s0
    s0=$(bench_ms)
    if world_poll "$BOUND" board_settled "$board" "$WORLD_BOARD_AP"; then
      settle_ms=$(($(bench_ms) - s0))
    else
      verdict="${verdict:+$verdict; }neither online nor offering setup $BOUND s after the attempt ($(board_state "$board"))"
    fi
    # Nothing lost: an online board keeps its network and token across a power cycle.
    if [[ $(board_state "$board") == RUNNING ]]; then
      # The wizard could not see it (its phone was cut off, a fault's doing): counted, not a rule.
      [[ $ok == 1 || ${w_ok:-0} == 1 ]] || echo "$tag $fault $reason ${touched% }" >>"$run/online-anyway"
      local lines
      lines=$(world_air log "$board" | wc -l)
      world_air power "$board" cycle >/dev/null
      if ! world_poll "$BOUND" online_again "$board" "$lines"; then
        verdict="${verdict:+$verdict; }not online again within $BOUND s of a power cycle"
      elif ! serial_after "$board" "$lines" | grep -qF "config: network \"$home\""; then
        verdict="${verdict:+$verdict; }its saved network after a power cycle is not $home"
      elif [[ -n $device ]] && ! world_poll "$BOUND" cloud_lists_online "$phone" "$home" "$device"; then
        verdict="${verdict:+$verdict; }the cloud does not list device '${device}' online after a power cycle"
      fi
    fi
    world_air power "$board" off >/dev/null 2>&1 || true
    echo "$tag $k $fault $reason $wall $ok $settle_ms $(tr ' ' ',' <<<"${touched% }")" >>"$run/results"
    printf '  %s lane %s  %-15s %-22s %6s ms  %s\n' "$tag" "$k" "$fault" "$reason" "$wall" "${verdict:-held}"
    [[ -z $verdict ]] || echo "seed $SEED attempt $tag ($fault at ${delay} ms, lane $k): $verdict" >>"$run/violations"
  done <"$run/schedule"
}

: >"$run/results"
: >"$run/violations"
(while sleep 5; do cut -d' ' -f1 /proc/loadavg; done >"$run/load") &
sampler=$!
echo "== $ATTEMPTS attempts, $LANES lanes, seed $SEED (schedule $schedule_sum)"
for k in $(seq 1 "$LANES"); do
  lane "$k" &
  lane_pids+=($!)
done
lane_failed=0
for pid in "${lane_pids[@]}"; do wait "$pid" || lane_failed=1; done
lane_pids=()
kill "$sampler" 2>/dev/null || true
sampler=""
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
wall_s=$((($(bench_ms) - started) / 1000))

echo
echo "== soak: $ATTEMPTS attempts in $LANES lanes, seed $SEED, schedule $schedule_sum"
echo "machine: $(nproc) cores; load average (1, 5, 15 min): $load_before before, $load_after after;" \
  "1-min load during the run: max $(sort -n "$run/load" | tail -n 1)"
echo "wall time: ${wall_s} s"
done_n=$(wc -l <"$run/results")
((done_n == ATTEMPTS)) || echo "$ATTEMPTS - $done_n attempts did not finish (a lane failed)" >>"$run/violations"
awk '{ n++; if ($6 == 1) ok++ } END { printf "activated and online: %d of %d (%.1f %%)\n", ok, n, n ? 100 * ok / n : 0 }' \
  "$run/results"
percentiles() { # a sorted column of numbers -> "p50 X, p95 Y, max Z (n=N)"
  awk '{ v[NR] = $1 } END { if (NR) printf "p50 %d, p95 %d, max %d (n=%d)\n",
    v[int((NR - 1) * 0.50) + 1], v[int((NR - 1) * 0.95) + 1], v[NR], NR; else print "none" }'
}
echo "time to online (wizard start to activated and online, successes): $(awk '$6 == 1 { print $5 }' \
  "$run/results" | sort -n | percentiles) ms"
echo "time to settle after an attempt (online or offering setup): $(awk '$7 != "-" { print $7 }' \
  "$run/results" | sort -n | percentiles) ms; bound $BOUND s"
echo "reasons (fault: reason count; + the whole-world faults that also touched the attempt):"
awk '{ n = split($8, t, ","); extra = ""
  for (j = 2; j <= n; j++) if (t[j] != $3) extra = extra (extra == "" ? "" : ",") t[j]
  print "  " $3 ": " $4 (extra == "" ? "" : " (+" extra ")") }' \
  "$run/results" | sort | uniq -c | sort -k2,2 -k1,1rn
if [[ -s $run/online-anyway ]]; then
  echo "failed attempts whose board went online anyway (the wizard's phone was cut off): $(wc -l <"$run/online-anyway")"
  sed 's/^/  /' "$run/online-anyway"
fi
if [[ -s $run/violations || $lane_failed == 1 ]]; then
  echo "RULES BROKEN (replay: bench/soak/run.sh --attempts $ATTEMPTS --seed $SEED --lanes $LANES):"
  cat "$run/violations"
  exit 1
fi
echo "every rule held"
