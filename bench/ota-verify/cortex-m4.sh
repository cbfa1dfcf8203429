#!/usr/bin/env bash
# Usage: bench/ota-verify/cortex-m4.sh [PAYLOAD_BYTES]   (default 65536; needs a dev or
# release build of onboard-factory, the arm-none-eabi toolchain and qemu-system-arm)
# Times the OTA image check as Cortex-M4 code: libsodium's portable SHA-256, SHA-512 and
# Ed25519 (Debian's source package, fetched with apt-get source into a temporary directory
# and deleted afterwards) cross-built at -Os, run on QEMU's mps2-an386 with -icount shift=0,
# where one instruction takes 1 ns of virtual time: instructions = timer ticks x 40.
# On a real M4 most instructions take one cycle, loads and branches two or more.
set -euo pipefail
cd "$(dirname "$0")/../.."
size=${1:-65536}
factory=${ONBOARD_FACTORY:-}
for candidate in build/release/bin/onboard-factory build/dev/bin/onboard-factory; do
  [ -n "$factory" ] || { [ -x "$candidate" ] && factory=$candidate; }
done
[ -n "$factory" ] || { echo "cortex-m4.sh: build onboard-factory first (cmake --build --preset dev --target onboard-factory)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Debian's libsodium source, through apt with a private source list (the system's is untouched).
mkdir -p "$work/apt/lists/partial" "$work/src"
cat > "$work/apt/src.sources" <<SOURCES
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
apt_opts=(-o Dir::Etc::SourceList="$work/apt/src.sources" -o Dir::Etc::SourceParts=/dev/null
          -o Dir::State::Lists="$work/apt/lists")
apt-get "${apt_opts[@]}" update >/dev/null
(cd "$work/src" && apt-get "${apt_opts[@]}" source libsodium >/dev/null 2>&1)
sodium=$(find "$work/src" -maxdepth 1 -type d -name 'libsodium-*' | head -n 1)/src/libsodium
[ -d "$sodium" ] || { echo "cortex-m4.sh: apt-get source libsodium gave no source tree" >&2; exit 1; }
mkdir -p "$work/include/sodium"
sed -e 's/@VERSION@/0/' -e 's/@SODIUM_LIBRARY_VERSION_MAJOR@/10/' -e 's/@SODIUM_LIBRARY_VERSION_MINOR@/3/' \
    -e 's/@SODIUM_LIBRARY_MINIMAL_DEF@//' "$sodium/include/sodium/version.h.in" > "$work/include/sodium/version.h"

# A signed image with a random payload, as a C array.
"$factory" keygen --out "$work/key" >/dev/null
head -c "$size" /dev/urandom > "$work/fw.bin"
"$factory" image --in "$work/fw.bin" --version 1.0.0 --build bench --template-id TMPL1 \
  --key "$work/key/ota-signing.key" --out "$work/fw.obfw" >/dev/null
{
  echo "static unsigned char fw_obfw[] = {"
  od -An -v -tx1 "$work/fw.obfw" | awk '{ for (i = 1; i <= NF; i++) printf "0x%s,", $i; print "" }'
  echo "};"
  echo "static unsigned int fw_obfw_len = sizeof fw_obfw;"
} > "$work/image.h"
key=$(awk '{ print $2 }' "$work/key/ota-signing.pub")

cc=(arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -mfloat-abi=soft --specs=nano.specs -Os -ffunction-sections -fdata-sections)
inc=(-I"$work" -I"$work/include" -I"$sodium/include" -I"$sodium/include/sodium")
objects=()
for source in crypto_sign/ed25519/sign_ed25519.c crypto_sign/ed25519/ref10/open.c crypto_sign/ed25519/ref10/sign.c \
              crypto_core/ed25519/ref10/ed25519_ref10.c crypto_hash/sha512/cp/hash_sha512_cp.c \
              crypto_hash/sha256/cp/hash_sha256_cp.c crypto_verify/sodium/verify.c sodium/utils.c; do
  object=$work/$(basename "$source").o
  "${cc[@]}" -DNATIVE_LITTLE_ENDIAN=1 -DCONFIGURED=1 "${inc[@]}" -c "$sodium/$source" -o "$object"
  objects+=("$object")
done
"${cc[@]}" "${inc[@]}" -DONBOARD_OTA_PUBLIC_KEY="\"$key\"" -c bench/ota-verify/cortex_m4_verify.c -o "$work/verify.o"
"${cc[@]}" -c tests/mcu/mps2/startup.c -o "$work/startup.o"
"${cc[@]}" --specs=rdimon.specs -nostartfiles -Ttests/mcu/mps2/mps2_an386.ld -Wl,--gc-sections \
  "$work/verify.o" "$work/startup.o" "${objects[@]}" -o "$work/verify.elf"
out=$(qemu-system-arm -M mps2-an386 -nographic -monitor none -serial null -no-reboot -icount shift=0 \
  -semihosting-config enable=on,target=native,arg=verify -kernel "$work/verify.elf")
echo "$out"
ticks=$(echo "$out" | sed -n 's/.*ticks=\([0-9]*\).*/\1/p')
echo "instructions: $((ticks * 40)) (at 1 instruction a cycle: $((ticks * 40 / 64000)) ms at 64 MHz, $((ticks * 40 / 160000)) ms at 160 MHz)"
