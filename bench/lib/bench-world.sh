# shellcheck shell=bash
# What the air benches (provisioning-latency, soak) share: build the release binaries unless
# SKIP_BUILD=1, a run directory (removed at exit unless KEEP=1), the world and the cloud once
# (scripts/lib/world.sh), the wizard signed in in the phone, and a millisecond clock.
#
# Source it from bash with `set -euo pipefail` after setting WORLD_WHO, then:
#   bench_world_begin TAG     run dir /tmp/onboard-TAG-XXXXXX in $run; world, cloud, phone signed in;
#                             load_before = the load average (1, 5, 15 min) once that is done
#   bench_ms                  milliseconds since the epoch
# A function bench_before_down, if the script defines one, runs at exit before the world goes down.

# shellcheck source=scripts/lib/world.sh
. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/world.sh"

bench_ms() { echo $(($(date +%s%N) / 1000000)); }

bench_world_finish() {
  if declare -F bench_before_down >/dev/null; then bench_before_down || true; fi
  world_down
  if [[ ${KEEP:-0} == 1 ]]; then echo "kept $run"; else rm -rf "$run"; fi
}

bench_world_begin() {
  world_require_root
  if [[ ${SKIP_BUILD:-0} != 1 ]]; then
    echo "== building the release binaries"
    world_build
  fi
  run=$(mktemp -d "/tmp/onboard-$1-XXXXXX")
  trap bench_world_finish EXIT
  trap 'exit 130' INT TERM
  echo "== cloud and world (once)"
  world_up "$run" --owner-pid $$
  world_cloud_start
  world_wizard login --server "$WORLD_SERVER" --email "$WORLD_ADMIN" --password "$WORLD_ADMIN_PASSWORD" \
    >/dev/null || world_fail "onboard login failed"
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
}
